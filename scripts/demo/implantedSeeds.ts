/**
 * Where the planned seeds actually are at each follow-up, in the pre-implant frame: each within 1.5 mm of its
 * planned position (placement error and liver motion, a small random walk between visits), its axis a few degrees
 * off the needle, and one peripheral seed migrated from the first follow-up on. Li et al. (J Contemp
 * Brachytherapy 2020) saw liver seeds migrate to the diaphragm and heart; via the hepatic veins a seed most often
 * lodges in a pulmonary artery branch, here in the right lower lobe just above the dome (lung base).
 */
import { add, cross, distance, normalize, norm, scale, type Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import { roundMicron, type PlannedSeed } from './implantPlan';
import type { SeededRandom } from './seededRandom';
import { LESION_CENTRE_MM } from './tumourCourse';

export interface StudySeed {
  /** Index into the plan's seeds. */
  readonly index: number;
  readonly positionMm: Vec3;
  readonly axis: Vec3;
  readonly migrated: boolean;
}

export const MAX_DISPLACEMENT_MM = 1.5;
/** Right lung base, posterior, just above the right dome (body frame). */
export const MIGRATION_SITE_MM: Vec3 = [-88, 45, 58];
const MAX_AXIS_TILT_DEG = 6;

function randomUnit(random: SeededRandom): Vec3 {
  for (;;) {
    const v: Vec3 = [random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)];
    const n = norm(v);
    if (n > 0.1 && n <= 1) return scale(v, 1 / n);
  }
}

function clampLength(v: Vec3, max: number): Vec3 {
  const n = norm(v);
  return n <= max ? v : scale(v, max / n);
}

/** The axis turned by up to maxDeg about a random perpendicular direction. */
function tilt(axis: Vec3, random: SeededRandom, maxDeg: number): Vec3 {
  const perpendicular = normalize(cross(axis, randomUnit(random)));
  const angle = (random.uniform(0, maxDeg) * Math.PI) / 180;
  return normalize(add(scale(axis, Math.cos(angle)), scale(perpendicular, Math.sin(angle))));
}

export function implantedSeeds(
  plan: readonly PlannedSeed[],
  followUps: number,
  random: SeededRandom,
): { migratedSeedIndex: number; perFollowUp: StudySeed[][] } {
  // A seed at the periphery of the implant (in a track at the edge) is the one to escape into a vein.
  const peripheral = [...plan].sort(
    (a, b) => distance(b.positionMm, LESION_CENTRE_MM) - distance(a.positionMm, LESION_CENTRE_MM),
  );
  const migratedSeedIndex = peripheral[Math.floor(random.uniform(0, 8))].index;
  const migratedAxis = randomUnit(random);
  let displacement = plan.map(() => clampLength(scale(randomUnit(random), random.uniform(0, 1)), MAX_DISPLACEMENT_MM));
  const perFollowUp: StudySeed[][] = [];
  for (let f = 0; f < followUps; f++) {
    if (f > 0)
      displacement = displacement.map((d) =>
        clampLength(add(d, scale(randomUnit(random), random.uniform(0, 0.5))), MAX_DISPLACEMENT_MM),
      );
    perFollowUp.push(
      plan.map((s, i) => {
        const migrated = s.index === migratedSeedIndex;
        const base = migrated ? MIGRATION_SITE_MM : s.positionMm;
        const d = migrated ? clampLength(displacement[i], 1) : displacement[i];
        return {
          index: s.index,
          positionMm: add(base, d).map(roundMicron) as Vec3,
          axis: migrated ? tilt(migratedAxis, random, 3) : tilt(s.axis, random, MAX_AXIS_TILT_DEG),
          migrated,
        };
      }),
    );
  }
  return { migratedSeedIndex, perFollowUp };
}
