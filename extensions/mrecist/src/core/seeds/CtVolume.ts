/**
 * A CT volume as plain data (crosses worker boundaries as is): Hounsfield units per voxel and the geometry of
 * the series, with the same conventions as DoseGrid. Voxel (i = column, j = row, k = slice) lies at
 *   P = originMm + i·columnSpacingMm·rowDirection + j·rowSpacingMm·columnDirection + sliceOffsetsMm[k]·normal,
 * normal = rowDirection × columnDirection, sliceOffsetsMm[0] = 0, slices ordered by increasing offset.
 */
import { cross, type Vec3 } from '../geometry/vec3';

export interface CtVolume {
  columns: number;
  rows: number;
  slices: number;
  /** HU (rescale applied), index k·rows·columns + j·columns + i. */
  voxelsHu: Int16Array | Float32Array;
  originMm: Vec3;
  rowDirection: Vec3;
  columnDirection: Vec3;
  rowSpacingMm: number;
  columnSpacingMm: number;
  sliceOffsetsMm: number[];
  frameOfReferenceUid?: string;
}

/** Patient position of a (possibly fractional) voxel index; fractional k interpolates the slice offsets. */
export function voxelToPatient(v: CtVolume, i: number, j: number, k: number): Vec3 {
  const n = cross(v.rowDirection, v.columnDirection);
  const k0 = Math.max(0, Math.min(v.slices - 1, Math.floor(k)));
  const k1 = Math.min(v.slices - 1, k0 + 1);
  const s = v.sliceOffsetsMm[k0] + (k - k0) * (v.sliceOffsetsMm[k1] - v.sliceOffsetsMm[k0] || 0);
  return [0, 1, 2].map(
    (d) => v.originMm[d] + i * v.columnSpacingMm * v.rowDirection[d] + j * v.rowSpacingMm * v.columnDirection[d] + s * n[d],
  ) as Vec3;
}
