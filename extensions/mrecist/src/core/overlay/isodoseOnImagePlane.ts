/**
 * Isodose lines on the plane a viewport shows (brachytherapy-dosimetry.md section 9). The sample grid lies in
 * the image plane with the image's own row/column directions, at `spacingMm` (about 1 mm), and covers the dose
 * grid's footprint on that plane, so every line the dose grid can produce is found and nothing outside it is
 * sampled. A plane that misses the dose grid gives no lines.
 */
import { cross, dot, normalize, sub, type Vec3 } from '../geometry/vec3';
import type { DoseGrid } from '../dose/DoseGrid';
import { isodoseLines, type IsodoseLine } from '../dose/isodoseLines';
import type { DosePlane } from '../dose/isodosePlane';
import type { ImagePlane } from './overlayMessages';

function gridCorners(grid: DoseGrid): Vec3[] {
  const X = grid.rowDirection, Y = grid.columnDirection, N = cross(X, Y);
  const wi = (grid.columns - 1) * grid.columnSpacingMm, wj = (grid.rows - 1) * grid.rowSpacingMm;
  const offsets = [Math.min(...grid.frameOffsetsMm), Math.max(...grid.frameOffsetsMm)];
  const corners: Vec3[] = [];
  for (const a of [0, wi]) for (const b of [0, wj]) for (const c of offsets)
    corners.push([0, 1, 2].map((d) => grid.originMm[d] + a * X[d] + b * Y[d] + c * N[d]) as Vec3);
  return corners;
}

/** The sample plane over the dose grid's footprint, or null when the image plane does not cut the grid. */
export function dosePlaneForImage(grid: DoseGrid, image: ImagePlane, spacingMm: number): DosePlane | null {
  if (!(spacingMm > 0)) throw new Error(`isodose sample spacing must be positive, got ${spacingMm}`);
  const u = normalize(image.rowDirection), v = normalize(image.columnDirection), n = cross(u, v);
  const corners = gridCorners(grid).map((c) => sub(c, image.originMm));
  const heights = corners.map((c) => dot(c, n));
  if (Math.min(...heights) > 1e-6 || Math.max(...heights) < -1e-6) return null;
  const us = corners.map((c) => dot(c, u)), vs = corners.map((c) => dot(c, v));
  const u0 = Math.floor(Math.min(...us) / spacingMm) * spacingMm, v0 = Math.floor(Math.min(...vs) / spacingMm) * spacingMm;
  return {
    originMm: [0, 1, 2].map((d) => image.originMm[d] + u0 * u[d] + v0 * v[d]) as Vec3,
    uDirection: u,
    vDirection: v,
    columns: Math.ceil((Math.max(...us) - u0) / spacingMm) + 1,
    rows: Math.ceil((Math.max(...vs) - v0) / spacingMm) + 1,
    spacingMm,
  };
}

/** Isodose rings for each level (Gy) on the image plane; an empty ring list per level when the plane misses. */
export function isodoseOnImagePlane(grid: DoseGrid, image: ImagePlane, levelsGy: readonly number[], spacingMm = 1): IsodoseLine[] {
  const plane = dosePlaneForImage(grid, image, spacingMm);
  const levels = levelsGy.map((doseGy) => ({ doseGy }));
  if (!plane) return levels.map((level) => ({ level, rings: [] }));
  return isodoseLines(grid, plane, levels);
}
