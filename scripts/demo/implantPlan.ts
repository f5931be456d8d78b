/**
 * The planned I-125 implant of the demo patient, in the pre-implant frame: 50 seeds (0.6 mCi, 0.8 × 4.5 mm) on
 * parallel needle tracks 10 mm apart, seeds 10 mm apart along each needle, filling the 40 mm tumour plus a margin
 * of about 5 mm. One seed per cubic centimetre at 0.6 mCi is the usual loading for a matched peripheral dose of
 * 130–160 Gy (Xu, Ding et al.; 145 Gy prescribed here). Needles enter from the right anterolateral body wall,
 * running medially, backwards and slightly upwards, so seeds appear as short oblique dashes on axial images.
 */
import { add, cross, distance, normalize, scale, type Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import type { SeededRandom } from './seededRandom';
import { LESION_CENTRE_MM } from './tumourCourse';

export const SEED = {
  count: 50,
  apparentActivityMCi: 0.6,
  diameterMm: 0.8,
  lengthMm: 4.5,
  isotope: 'I-125',
} as const;

export const PRESCRIPTION_DOSE_GY = 145;
/** Spacing of needle tracks and of seeds along a needle. */
export const SEED_SPACING_MM = 10;
/** Direction of every needle (and of every planned seed's long axis), unit vector in the pre-implant frame. */
export const NEEDLE_DIRECTION: Vec3 = normalize([0.82, 0.42, 0.38]);

export interface PlannedSeed {
  /** 0-based, in needle order, then tip-first along the needle. */
  readonly index: number;
  /** 1-based needle (catheter) number. */
  readonly needle: number;
  readonly positionMm: Vec3;
  /** Unit vector along the seed's long axis (the needle direction). */
  readonly axis: Vec3;
}

export function plannedSeeds(random: SeededRandom): PlannedSeed[] {
  const n = NEEDLE_DIRECTION;
  const e1 = normalize(cross(n, [0, 0, 1]));
  const e2 = cross(n, e1);
  // Needle tracks on a square grid offset half a spacing from the centre; seeds at whole spacings along them.
  const candidates: { track: string; i: number; j: number; k: number; position: Vec3; rank: number }[] = [];
  for (let i = -3; i <= 2; i++)
    for (let j = -3; j <= 2; j++)
      for (let k = -3; k <= 3; k++) {
        const a = (i + 0.5) * SEED_SPACING_MM;
        const b = (j + 0.5) * SEED_SPACING_MM;
        const position = add(add(add(LESION_CENTRE_MM, scale(e1, a)), scale(e2, b)), scale(n, k * SEED_SPACING_MM));
        // Ties in distance (symmetric lattice) are broken by a tiny seeded jitter: same seed, same choice.
        const rank = distance(position, LESION_CENTRE_MM) + random.uniform(0, 0.01);
        candidates.push({ track: `${i},${j}`, i, j, k, position, rank });
      }
  const chosen = candidates.sort((p, q) => p.rank - q.rank).slice(0, SEED.count);
  chosen.sort((p, q) => p.i - q.i || p.j - q.j || q.k - p.k);
  const tracks = [...new Set(chosen.map((c) => c.track))];
  return chosen.map((c, index) => ({
    index,
    needle: tracks.indexOf(c.track) + 1,
    positionMm: c.position.map(roundMicron) as Vec3,
    axis: n,
  }));
}

/** Positions to the micrometre: the JSON truth stays readable and identical on every platform. */
export const roundMicron = (v: number): number => Math.round(v * 1000) / 1000;
