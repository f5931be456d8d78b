/**
 * The treated HCC in segment S8 over time, as pure geometry in the body (pre-implant) frame.
 *
 * The lesion is a ball. Inside it, non-enhancing necrosis (a ball off-centre towards the side treated by the
 * earlier TACE, where the lipiodol sits) and an enhancing viable part: lesion ∩ viable window − necrotic core.
 * The window is a ball on the far side; as it shrinks and the core grows, the enhancing tissue goes from a thick
 * rim around a small necrotic centre (pre-implant) to an eccentric crescent and a small nodule at the capsule, and
 * is gone by 6 months (mRECIST complete response). Radii are in millimetres along the axis `viableSide`.
 */
import { add, normalize, scale, type Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import type { SeededRandom } from './seededRandom';

// Bound once per module: Jest's vm context makes every global `Math` lookup slow in per-voxel loops,
// and re-exported bindings from another module are getter calls under tsx.
const { max, round, sqrt } = Math;

export interface Ball {
  readonly centreMm: Vec3;
  readonly radiusMm: number;
}

export interface LipiodolBlob extends Ball {
  readonly hu: number;
}

export interface TumourState {
  readonly lesion: Ball;
  readonly necroticCore: Ball;
  /** Where enhancing tissue can remain; null once none is left. */
  readonly viableWindow: Ball | null;
  /** Centre of the lipiodol deposit at the lesion edge on the TACE-treated side. */
  readonly lipiodolCentreMm: Vec3;
  readonly lipiodol: readonly LipiodolBlob[];
}

/** Segment S8 (right anterior superior), between the right and middle hepatic veins, under the dome. */
export const LESION_CENTRE_MM: Vec3 = [-62, -30, 18];
/** From the TACE-treated (lipiodol) edge towards the lateral-anterior edge where viable tumour persists longest. */
export const VIABLE_SIDE: Vec3 = normalize([-0.75, -0.6, 0.28]);

/**
 * Per timepoint (pre-implant, 1, 2, 4, 6 months): positions are offsets along VIABLE_SIDE from the lesion centre.
 * Chosen so the enhancing part measures roughly 38, 31, 22, 12 and 0 mm; the true values are computed from the
 * shapes (viableDiameter.ts), never taken from this table.
 */
const COURSE: readonly {
  lesionRadiusMm: number;
  core: { atMm: number; radiusMm: number };
  window: { atMm: number; radiusMm: number } | null;
}[] = [
  { lesionRadiusMm: 20, core: { atMm: -5, radiusMm: 10 }, window: { atMm: 3, radiusMm: 19 } },
  { lesionRadiusMm: 19.5, core: { atMm: -4, radiusMm: 14 }, window: { atMm: 8, radiusMm: 16 } },
  { lesionRadiusMm: 18.5, core: { atMm: -2, radiusMm: 14.5 }, window: { atMm: 12, radiusMm: 11.5 } },
  { lesionRadiusMm: 17, core: { atMm: -2, radiusMm: 14.5 }, window: { atMm: 14, radiusMm: 6.5 } },
  { lesionRadiusMm: 15.5, core: { atMm: 0, radiusMm: 16.5 }, window: null },
];

export const TIMEPOINT_COUNT = COURSE.length;

/** Lipiodol attenuation: dense but clearly below the 3000 HU seed threshold, even with noise added. */
const LIPIODOL_HU = { min: 1200, max: 2400 };

const along = (mm: number): Vec3 => add(LESION_CENTRE_MM, scale(VIABLE_SIDE, mm));

export function tumourCourse(random: SeededRandom): TumourState[] {
  // The deposit: a handful of droplets, irregular, the same droplets at every timepoint (lipiodol persists).
  const droplets = Array.from({ length: 7 }, () => ({
    offset: [random.uniform(-4, 4), random.uniform(-4, 4), random.uniform(-3, 3)] as Vec3,
    radiusMm: random.uniform(1.6, 3.6),
    hu: random.uniform(LIPIODOL_HU.min, LIPIODOL_HU.max),
  }));
  return COURSE.map((c) => {
    const lipiodolCentreMm = along(-(c.lesionRadiusMm - 5));
    return {
      lesion: { centreMm: LESION_CENTRE_MM, radiusMm: c.lesionRadiusMm },
      necroticCore: { centreMm: along(c.core.atMm), radiusMm: c.core.radiusMm },
      viableWindow: c.window ? { centreMm: along(c.window.atMm), radiusMm: c.window.radiusMm } : null,
      lipiodolCentreMm,
      lipiodol: droplets.map((d) => ({ centreMm: add(lipiodolCentreMm, d.offset), radiusMm: d.radiusMm, hu: d.hu })),
    };
  });
}

function ballSd(b: Ball, x: number, y: number, z: number): number {
  const dx = x - b.centreMm[0];
  const dy = y - b.centreMm[1];
  const dz = z - b.centreMm[2];
  return sqrt(dx * dx + dy * dy + dz * dz) - b.radiusMm;
}

export function lesionSd(t: TumourState, x: number, y: number, z: number): number {
  return ballSd(t.lesion, x, y, z);
}

/** Signed distance to the enhancing (viable) tumour; +Infinity-like when none is left. */
export function viableSd(t: TumourState, x: number, y: number, z: number): number {
  if (t.viableWindow === null) return 1e3;
  return max(ballSd(t.lesion, x, y, z), ballSd(t.viableWindow, x, y, z), -ballSd(t.necroticCore, x, y, z));
}

/** Thickness of enhancing tissue along the ray from the lesion centre towards VIABLE_SIDE (0.05 mm steps). */
export function viableThicknessAlongAxisMm(t: TumourState): number {
  const step = 0.05;
  let inside = 0;
  for (let s = 0; s <= t.lesion.radiusMm + 1; s += step) {
    const p = along(s);
    if (viableSd(t, p[0], p[1], p[2]) < 0) inside++;
  }
  return round(inside * step * 100) / 100;
}
