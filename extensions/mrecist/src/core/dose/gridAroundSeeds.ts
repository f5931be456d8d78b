/**
 * Default dose-grid geometry for computed doses: axial, cubic voxels of `spacingMm` (default 1 mm, the voxel size
 * TG-137 practice asks of DVH computation), covering the seeds' bounding box plus `marginMm` on every side.
 * Default margin 20 mm [project rule]: for typical liver implants (seeds 5–10 mm apart, 145 Gy prescription) the
 * 50% isodose, the lowest default isodose level, lies within about 15 mm of the outermost seeds, and 20 mm keeps it
 * inside the grid with room to spare. The box is snapped outwards to multiples of the spacing so repeated runs on
 * nearby seed sets share voxel centres.
 */
import type { Vec3 } from '../geometry/vec3';
import type { DoseGridGeometry } from './messages';

export const DEFAULT_GRID_SPACING_MM = 1;
export const DEFAULT_GRID_MARGIN_MM = 20;

export function gridAroundSeeds(
  seedPositionsMm: readonly Vec3[],
  frameOfReferenceUid: string,
  spacingMm = DEFAULT_GRID_SPACING_MM,
  marginMm = DEFAULT_GRID_MARGIN_MM,
): DoseGridGeometry {
  if (seedPositionsMm.length === 0) throw new Error('gridAroundSeeds needs at least one seed');
  if (!(spacingMm > 0) || !(marginMm >= 0)) throw new Error(`bad grid spacing ${spacingMm} or margin ${marginMm}`);
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of seedPositionsMm)
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], p[a]);
      hi[a] = Math.max(hi[a], p[a]);
    }
  const start = lo.map((v) => Math.floor((v - marginMm) / spacingMm) * spacingMm) as Vec3;
  const count = hi.map((v, a) => Math.floor(Math.ceil((v + marginMm) / spacingMm) - start[a] / spacingMm + 1e-9) + 1);
  return {
    originMm: start,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    columns: count[0],
    rows: count[1],
    rowSpacingMm: spacingMm,
    columnSpacingMm: spacingMm,
    frameOffsetsMm: Array.from({ length: count[2] }, (_, k) => k * spacingMm),
    frameOfReferenceUid,
  };
}
