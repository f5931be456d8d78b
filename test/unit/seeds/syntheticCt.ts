/**
 * Synthetic CT volumes for seed-finding tests, built independently of the finder: soft tissue at 40 HU with
 * deterministic noise, seeds as partial-volume cylinders (fraction of each voxel inside the "bloomed" cylinder by
 * 4×4×4 supersampling) saturating at 3071 HU, and lipiodol deposits as smooth ellipsoids.
 */
import type { CtVolume } from '../../../extensions/mrecist/src/core/seeds/CtVolume';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';

export interface SyntheticSeed {
  centreMm: Vec3;
  axis: Vec3;
}

/** 0.8 × 4.5 mm seed; its CT image blooms by about 0.6 mm all round. */
const BLOOM_RADIUS_MM = 0.4 + 0.6;
const BLOOM_HALF_LENGTH_MM = 2.25 + 0.6;
const CEILING_HU = 3071;

export function emptyCt(columns: number, rows: number, slices: number, spacing: [number, number, number], originMm: Vec3): CtVolume {
  const voxelsHu = new Int16Array(columns * rows * slices);
  let s = 12345;
  for (let i = 0; i < voxelsHu.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    voxelsHu[i] = 40 + Math.round(((s / 2 ** 32) - 0.5) * 40);
  }
  return {
    columns, rows, slices, voxelsHu, originMm,
    rowDirection: [1, 0, 0], columnDirection: [0, 1, 0],
    columnSpacingMm: spacing[0], rowSpacingMm: spacing[1],
    sliceOffsetsMm: Array.from({ length: slices }, (_, k) => k * spacing[2]),
  };
}

function voxelCentre(ct: CtVolume, i: number, j: number, k: number): Vec3 {
  return [ct.originMm[0] + i * ct.columnSpacingMm, ct.originMm[1] + j * ct.rowSpacingMm, ct.originMm[2] + ct.sliceOffsetsMm[k]];
}

export function addSeed(ct: CtVolume, seed: SyntheticSeed): void {
  const a = seed.axis.map((x) => x / Math.hypot(...seed.axis)) as Vec3;
  const reach = BLOOM_HALF_LENGTH_MM + 2;
  const dz = ct.sliceOffsetsMm[1] - ct.sliceOffsetsMm[0];
  const range = (c: number, o: number, sp: number, n: number) => [Math.max(0, Math.floor((c - reach - o) / sp)), Math.min(n - 1, Math.ceil((c + reach - o) / sp))];
  const [i0, i1] = range(seed.centreMm[0], ct.originMm[0], ct.columnSpacingMm, ct.columns);
  const [j0, j1] = range(seed.centreMm[1], ct.originMm[1], ct.rowSpacingMm, ct.rows);
  const [k0, k1] = range(seed.centreMm[2], ct.originMm[2], dz, ct.slices);
  const S = 4;
  for (let k = k0; k <= k1; k++) for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) {
    const c = voxelCentre(ct, i, j, k);
    let inside = 0;
    for (let a1 = 0; a1 < S; a1++) for (let b1 = 0; b1 < S; b1++) for (let c1 = 0; c1 < S; c1++) {
      const p = [
        c[0] + ((a1 + 0.5) / S - 0.5) * ct.columnSpacingMm - seed.centreMm[0],
        c[1] + ((b1 + 0.5) / S - 0.5) * ct.rowSpacingMm - seed.centreMm[1],
        c[2] + ((c1 + 0.5) / S - 0.5) * dz - seed.centreMm[2],
      ];
      const along = p[0] * a[0] + p[1] * a[1] + p[2] * a[2];
      const radial2 = p[0] ** 2 + p[1] ** 2 + p[2] ** 2 - along * along;
      if (Math.abs(along) <= BLOOM_HALF_LENGTH_MM && radial2 <= BLOOM_RADIUS_MM ** 2) inside++;
    }
    if (inside === 0) continue;
    const f = inside / S ** 3;
    const idx = k * ct.rows * ct.columns + j * ct.columns + i;
    // Metal drives the voxel to the ceiling once it covers more than 60 % of it.
    ct.voxelsHu[idx] = Math.min(CEILING_HU, Math.max(ct.voxelsHu[idx], Math.round(40 + (f / 0.6) * (CEILING_HU - 40))));
  }
}

/** A lipiodol deposit: peakHu at the centre falling smoothly to soft tissue at the ellipsoid surface. */
export function addLipiodol(ct: CtVolume, centreMm: Vec3, semiAxesMm: Vec3, peakHu: number): void {
  const dz = ct.sliceOffsetsMm[1] - ct.sliceOffsetsMm[0];
  for (let k = 0; k < ct.slices; k++) for (let j = 0; j < ct.rows; j++) for (let i = 0; i < ct.columns; i++) {
    const c = voxelCentre(ct, i, j, k);
    const r2 = ((c[0] - centreMm[0]) / semiAxesMm[0]) ** 2 + ((c[1] - centreMm[1]) / semiAxesMm[1]) ** 2 + ((c[2] - centreMm[2]) / semiAxesMm[2]) ** 2;
    if (r2 >= 1) continue;
    const idx = k * ct.rows * ct.columns + j * ct.columns + i;
    ct.voxelsHu[idx] = Math.max(ct.voxelsHu[idx], Math.round(40 + (peakHu - 40) * (1 - r2 * r2)));
  }
  void dz;
}
