/**
 * A dose distribution on a regular grid in patient coordinates: what an RT Dose object holds and what the
 * TG-43 engine produces. Plain data (numbers and one typed array) so it crosses worker boundaries as is.
 *
 * Voxel (i = column, j = row, k = frame) lies at
 *   P = originMm + i·columnSpacingMm·rowDirection + j·rowSpacingMm·columnDirection + frameOffsetsMm[k]·normal
 * with normal = rowDirection × columnDirection (brachytherapy-dosimetry.md section 3). originMm is the centre of
 * the first voxel (Image Position (Patient)); frameOffsetsMm[0] is 0 by construction (offsets are stored relative).
 */
import type { Vec3 } from '../geometry/vec3';

export type DoseUnits = 'GY' | 'RELATIVE';

/** What the values mean in time: dose to full decay, or delivered up to a date. Every display states it. */
export type DoseBasis = { kind: 'fullDecay' } | { kind: 'deliveredTo'; days: number };

export interface DoseGrid {
  originMm: Vec3;
  /** Direction of increasing column index (IOP[0..2]). */
  rowDirection: Vec3;
  /** Direction of increasing row index (IOP[3..5]). */
  columnDirection: Vec3;
  columns: number;
  rows: number;
  /** Distance between rows (Pixel Spacing[0]). */
  rowSpacingMm: number;
  /** Distance between columns (Pixel Spacing[1]). */
  columnSpacingMm: number;
  /** One offset per frame along the normal, relative to the first frame (first is 0). */
  frameOffsetsMm: number[];
  /** Dose per voxel, index k·rows·columns + j·columns + i; Gy when units is GY. */
  dose: Float32Array;
  units: DoseUnits;
  frameOfReferenceUid: string;
  basis?: DoseBasis;
}
