/**
 * The second HCC of the demo patient: lesion T2 in segment S6 (right posterior inferior), treated by TACE only,
 * no seeds. Same geometry as the S8 lesion (tumourCourse.ts): a ball with an enhancing part (lesion ∩ viable
 * window − necrotic core) and a lipiodol deposit on the side the chemoembolisation reached. TACE leaves a partial
 * response: the enhancing nodule shrinks a little at each visit and never disappears, so a reader following two
 * targets sees one complete response (T1) and one lesion that persists (T2).
 *
 * The viable window stays inside the lesion and away from the necrotic core on the plane through its centre, so
 * the enhancing part's longest axial diameter is close to the window diameter; the truth is still computed from
 * the shapes (viableDiameter.ts), never taken from COURSE.
 */
import { add, normalize, scale, type Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import type { SeededRandom } from './seededRandom';
import type { TumourState } from './tumourCourse';

/**
 * Segment S6, posterolateral in the lower right lobe, below the right posterior portal branch and in front of
 * the upper pole of the right kidney. Chosen by sampling the anatomy's signed distances over the ball: about 8 mm
 * of liver to the capsule, 25 mm to the kidney, 4 mm to the portal branch (test/unit/demo/taceLesion.test.ts
 * checks ≥ 3 mm of liver, ≥ 10 mm to the kidney, ≥ 2 mm to the portal vein).
 */
export const T2_CENTRE_MM: Vec3 = [-112, 24, -34];
/** From the anteromedial (TACE-treated) edge towards the posterolateral edge where enhancing tumour persists. */
export const T2_VIABLE_SIDE: Vec3 = normalize([-0.55, 0.8, 0.15]);

/**
 * Per timepoint (pre-implant, 1, 2, 4, 6 months). The window radii aim at enhancing diameters of about 20, 19,
 * 18, 18 and 17 mm (TACE partial response); the whole lesion about 24 mm, shrinking by a millimetre.
 */
const COURSE: readonly {
  lesionRadiusMm: number;
  core: { atMm: number; radiusMm: number };
  window: { atMm: number; radiusMm: number };
}[] = [
  { lesionRadiusMm: 12, core: { atMm: -4.5, radiusMm: 5.5 }, window: { atMm: 1.5, radiusMm: 10 } },
  { lesionRadiusMm: 12, core: { atMm: -4, radiusMm: 6 }, window: { atMm: 1.5, radiusMm: 9.5 } },
  { lesionRadiusMm: 11.75, core: { atMm: -4, radiusMm: 6.5 }, window: { atMm: 1.5, radiusMm: 9 } },
  { lesionRadiusMm: 11.5, core: { atMm: -4, radiusMm: 6.5 }, window: { atMm: 1.5, radiusMm: 9 } },
  { lesionRadiusMm: 11.5, core: { atMm: -4, radiusMm: 7 }, window: { atMm: 2, radiusMm: 8.5 } },
];

/**
 * A smaller, fainter deposit than in T1 (fewer, smaller droplets): still dense, and far below the 2500 HU seed
 * finding threshold even with noise, so it never passes for a seed.
 */
const LIPIODOL_HU = { min: 900, max: 1800 };

const along = (mm: number): Vec3 => add(T2_CENTRE_MM, scale(T2_VIABLE_SIDE, mm));
/**
 * The deposit sits at the lesion edge beside the necrotic core, 4 mm off the viable-side axis in the axial plane
 * (anterior), so part of the non-enhancing tumour shows as low attenuation next to it rather than under it.
 */
const LIPIODOL_SIDESTEP: Vec3 = scale(normalize([T2_VIABLE_SIDE[1], -T2_VIABLE_SIDE[0], 0]), -4);

export function taceLesionCourse(random: SeededRandom): TumourState[] {
  const droplets = Array.from({ length: 4 }, () => ({
    offset: [random.uniform(-2.5, 2.5), random.uniform(-2.5, 2.5), random.uniform(-2, 2)] as Vec3,
    radiusMm: random.uniform(1.2, 2.4),
    hu: random.uniform(LIPIODOL_HU.min, LIPIODOL_HU.max),
  }));
  return COURSE.map((c) => {
    const lipiodolCentreMm = add(along(-(c.lesionRadiusMm - 4.5)), LIPIODOL_SIDESTEP);
    return {
      lesion: { centreMm: T2_CENTRE_MM, radiusMm: c.lesionRadiusMm },
      necroticCore: { centreMm: along(c.core.atMm), radiusMm: c.core.radiusMm },
      viableWindow: { centreMm: along(c.window.atMm), radiusMm: c.window.radiusMm },
      lipiodolCentreMm,
      lipiodol: droplets.map((d) => ({ centreMm: add(lipiodolCentreMm, d.offset), radiusMm: d.radiusMm, hu: d.hu })),
    };
  });
}
