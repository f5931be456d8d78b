/**
 * Dose at a patient point by trilinear interpolation in a DoseGrid (brachytherapy-dosimetry.md section 3): always by
 * patient coordinates, never by index, because dose grids are coarser than and offset from the images. Points
 * outside the grid (beyond the outermost voxel centres) give null, never zero [project rule]; a point on the
 * boundary, within BOUNDARY_TOLERANCE_MM, is inside.
 */
import { cross, type Vec3 } from '../geometry/vec3';
import type { DoseGrid } from './DoseGrid';

export const BOUNDARY_TOLERANCE_MM = 1e-6;

/** Continuous index and interpolation cell along one axis; null when outside [0, n − 1]. */
function cellAlong(position: number, n: number, spacing: number): [number, number] | null {
  const f = position / spacing;
  const tol = BOUNDARY_TOLERANCE_MM / spacing;
  if (f < -tol || f > n - 1 + tol) return null;
  if (n === 1) return [0, 0];
  const c = Math.min(Math.max(f, 0), n - 1);
  const i = Math.min(Math.floor(c), n - 2);
  return [i, c - i];
}

/** Frame interval for an offset along the normal; frame offsets are strictly monotonic (readRtDose checks). */
function frameCell(offset: number, offsets: readonly number[]): [number, number] | null {
  const n = offsets.length;
  if (n === 1) return Math.abs(offset - offsets[0]) <= BOUNDARY_TOLERANCE_MM ? [0, 0] : null;
  const ascending = offsets[n - 1] > offsets[0];
  const lo = ascending ? offsets[0] : offsets[n - 1];
  const hi = ascending ? offsets[n - 1] : offsets[0];
  if (offset < lo - BOUNDARY_TOLERANCE_MM || offset > hi + BOUNDARY_TOLERANCE_MM) return null;
  const o = Math.min(Math.max(offset, lo), hi);
  // Binary search for k with o between offsets[k] and offsets[k + 1].
  let a = 0;
  let b = n - 1;
  while (b - a > 1) {
    const m = (a + b) >> 1;
    if (ascending ? offsets[m] <= o : offsets[m] >= o) a = m;
    else b = m;
  }
  return [a, (o - offsets[a]) / (offsets[a + 1] - offsets[a])];
}

export function sampleDose(grid: DoseGrid, pointMm: Vec3): number | null {
  const d: Vec3 = [pointMm[0] - grid.originMm[0], pointMm[1] - grid.originMm[1], pointMm[2] - grid.originMm[2]];
  const n = cross(grid.rowDirection, grid.columnDirection);
  const along = (v: Vec3) => d[0] * v[0] + d[1] * v[1] + d[2] * v[2];
  const ci = cellAlong(along(grid.rowDirection), grid.columns, grid.columnSpacingMm);
  const cj = cellAlong(along(grid.columnDirection), grid.rows, grid.rowSpacingMm);
  const ck = frameCell(along(n), grid.frameOffsetsMm);
  if (!ci || !cj || !ck) return null;
  const [i, ti] = ci;
  const [j, tj] = cj;
  const [k, tk] = ck;
  const plane = grid.rows * grid.columns;
  const at = (di: number, dj: number, dk: number): number => {
    // Weights of a neighbour beyond a size-1 axis are zero; clamp its index to stay in range.
    const ii = Math.min(i + di, grid.columns - 1);
    const jj = Math.min(j + dj, grid.rows - 1);
    const kk = Math.min(k + dk, grid.frameOffsetsMm.length - 1);
    return grid.dose[kk * plane + jj * grid.columns + ii];
  };
  const lerp = (a: number, b: number, t: number) => (t === 0 ? a : a + t * (b - a));
  const c00 = lerp(at(0, 0, 0), at(1, 0, 0), ti);
  const c10 = lerp(at(0, 1, 0), at(1, 1, 0), ti);
  const c01 = lerp(at(0, 0, 1), at(1, 0, 1), ti);
  const c11 = lerp(at(0, 1, 1), at(1, 1, 1), ti);
  return lerp(lerp(c00, c10, tj), lerp(c01, c11, tj), tk);
}

/** Patient position of voxel (i = column, j = row, k = frame): the mapping of DoseGrid.ts. */
export function voxelToPatientMm(grid: DoseGrid, i: number, j: number, k: number): Vec3 {
  const n = cross(grid.rowDirection, grid.columnDirection);
  const o = grid.frameOffsetsMm[k];
  return [0, 1, 2].map(
    (a) => grid.originMm[a] + i * grid.columnSpacingMm * grid.rowDirection[a] + j * grid.rowSpacingMm * grid.columnDirection[a] + o * n[a],
  ) as Vec3;
}
