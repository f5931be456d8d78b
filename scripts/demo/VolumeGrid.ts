/**
 * The voxel grid of one CT series in its study's patient frame (LPS, mm). Axial slices: rows run along +x
 * (patient left), columns along +y (posterior); slices are stored head first, so the slice direction is −z.
 * Voxel (column i, row j, slice k) sits at origin + i·Δc·rowDirection + j·Δr·columnDirection + k·Δs·sliceDirection,
 * the DICOM Image Position (Patient) convention for the centre of the first transmitted pixel.
 */
import type { Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';

export interface VolumeGrid {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
  /** Pixel Spacing (0028,0030) order: between rows, then between columns. */
  readonly pixelSpacingMm: readonly [number, number];
  readonly sliceSpacingMm: number;
  /** Image Position (Patient) of the first slice. */
  readonly originMm: Vec3;
  readonly rowDirection: Vec3;
  readonly columnDirection: Vec3;
  readonly sliceDirection: Vec3;
}

export function voxelCentreMm(g: VolumeGrid, i: number, j: number, k: number): Vec3 {
  const a = i * g.pixelSpacingMm[1];
  const b = j * g.pixelSpacingMm[0];
  const c = k * g.sliceSpacingMm;
  return [0, 1, 2].map(
    (d) => g.originMm[d] + a * g.rowDirection[d] + b * g.columnDirection[d] + c * g.sliceDirection[d],
  ) as Vec3;
}

/** Image Position (Patient) of slice k. */
export function slicePositionMm(g: VolumeGrid, k: number): Vec3 {
  return voxelCentreMm(g, 0, 0, k);
}

/**
 * A smaller grid on the same lattice (same spacing, voxel centres coinciding with the full grid's), covering a box
 * of ±halfSizeMm around a point: for fast tests that only need the tumour and seeds.
 */
export function croppedGrid(g: VolumeGrid, centreMm: Vec3, halfSizeMm: Vec3): VolumeGrid {
  const index = (p: Vec3): Vec3 => {
    const d = [p[0] - g.originMm[0], p[1] - g.originMm[1], p[2] - g.originMm[2]];
    const dot = (u: Vec3) => d[0] * u[0] + d[1] * u[1] + d[2] * u[2];
    return [dot(g.rowDirection) / g.pixelSpacingMm[1], dot(g.columnDirection) / g.pixelSpacingMm[0], dot(g.sliceDirection) / g.sliceSpacingMm];
  };
  const lo = index([centreMm[0] - halfSizeMm[0], centreMm[1] - halfSizeMm[1], centreMm[2] + halfSizeMm[2]]);
  const hi = index([centreMm[0] + halfSizeMm[0], centreMm[1] + halfSizeMm[1], centreMm[2] - halfSizeMm[2]]);
  const i0 = Math.max(0, Math.floor(Math.min(lo[0], hi[0])));
  const j0 = Math.max(0, Math.floor(Math.min(lo[1], hi[1])));
  const k0 = Math.max(0, Math.floor(Math.min(lo[2], hi[2])));
  const i1 = Math.min(g.columns - 1, Math.ceil(Math.max(lo[0], hi[0])));
  const j1 = Math.min(g.rows - 1, Math.ceil(Math.max(lo[1], hi[1])));
  const k1 = Math.min(g.slices - 1, Math.ceil(Math.max(lo[2], hi[2])));
  return { ...g, columns: i1 - i0 + 1, rows: j1 - j0 + 1, slices: k1 - k0 + 1, originMm: voxelCentreMm(g, i0, j0, k0) };
}

/** An axial, head-first-supine grid centred on the body axis (x = y = 0), its first slice at topZMm, going down. */
export function axialGrid(
  g: { readonly columns: number; readonly rows: number; readonly slices: number; readonly pixelMm: number; readonly sliceMm: number },
  topZMm: number,
): VolumeGrid {
  const halfFov = (g.columns * g.pixelMm) / 2 - g.pixelMm / 2;
  return {
    columns: g.columns,
    rows: g.rows,
    slices: g.slices,
    pixelSpacingMm: [g.pixelMm, g.pixelMm],
    sliceSpacingMm: g.sliceMm,
    originMm: [-halfFov, -halfFov, topZMm],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, -1],
  };
}
