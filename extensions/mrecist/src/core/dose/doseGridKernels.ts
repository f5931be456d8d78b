/**
 * The grid engine's inner loops: one row of voxels, one seed (or a pair of remote seeds), accumulating Gy into a
 * Float64Array. They inline the table lookups of doseRateTable.ts (lineTableDoseRatePerU, pointTableDoseRatePerU);
 * keep them in step. Called by computeDoseFrames (computeDoseGrid.ts).
 */
import {
  COS2_CELLS,
  LINE_NEAR_LIMIT_MM,
  LINE_NEAR_STEP_MM,
  POINT_FAR_STEP_MM2,
  POINT_NEAR_LIMIT_MM2,
  POINT_NEAR_STEP_MM2,
  Q_CELLS,
  REMOTE_MAX_COS2,
  REMOTE_STEP_MM2,
  lineTableDoseRatePerU,
  type LineDoseRateTable,
  type PointDoseRateTable,
} from './doseRateTable';

/**
 * Seeds ready for the loop, split by formalism into two lists of single-shape objects: one object shape per
 * kernel keeps V8's optimised code stable (a shared shape with a null table field made the line kernel 2–3× slower
 * once the point kernel had run first).
 */
export interface LineSeed {
  x: number;
  y: number;
  z: number;
  ax: number;
  ay: number;
  az: number;
  /** Strength × effective hours ÷ 100 (cGy → Gy): multiplies Ḋ/S_K to give Gy. */
  weight: number;
  table: LineDoseRateTable;
}

export interface PointSeed {
  x: number;
  y: number;
  z: number;
  weight: number;
  table: PointDoseRateTable;
}

/** Adds one line-source seed's dose to one row of voxels starting at (px, py, pz), stepping (sx, sy, sz). */
export function addLineSeedRow(
  acc: Float64Array, start: number, count: number,
  px: number, py: number, pz: number, sx: number, sy: number, sz: number, s: LineSeed,
): void {
  const t = s.table;
  // Imported constants are read once into locals: bundlers and tsx turn module imports into getter calls.
  const qCells = Q_CELLS;
  const cos2Cells = COS2_CELLS;
  const maxCos2 = REMOTE_MAX_COS2;
  const nearLimit2 = LINE_NEAR_LIMIT_MM * LINE_NEAR_LIMIT_MM;
  const invNearStep = 1 / LINE_NEAR_STEP_MM;
  const invRemoteStep = 1 / REMOTE_STEP_MM2;
  const near = t.near;
  const nearStride = qCells + 1;
  const r2min = t.minRadiusSquaredMm2;
  const radialTable = t.remoteRadial;
  const lastRemote = t.remoteCells - 1;
  const byCos2 = t.anisotropyByCos2;
  const byQ = t.anisotropyByQ;
  const radiiMm = t.anisotropyRadiiMm;
  const lastRadius = radiiMm.length - 1;
  const segmentAtMm = t.segmentAtMm;
  const heldFrom = t.heldAnisotropyFromMm2;
  const k2 = t.geometryK2Mm2;
  const { ax, ay, az, weight } = s;
  let dx = px - s.x;
  let dy = py - s.y;
  let dz = pz - s.z;
  for (let i = 0; i < count; i++) {
    const d2 = dx * dx + dy * dy + dz * dz;
    const along = dx * ax + dy * ay + dz * az;
    const absAlong = along < 0 ? -along : along;
    dx += sx;
    dy += sy;
    dz += sz;
    if (d2 < nearLimit2) {
      const rho2 = d2 - along * along;
      const rho = rho2 > 0 ? Math.sqrt(rho2) : 0;
      const q = rho + absAlong > 0 ? rho / (rho + absAlong) : 1;
      const r2 = d2 < r2min ? r2min : d2;
      const fr = Math.sqrt(r2) * invNearStep;
      const ir = fr | 0;
      const fq = q * qCells;
      const iq = fq >= qCells ? qCells - 1 : fq | 0;
      const tq = fq - iq;
      const i0 = ir * nearStride + iq;
      const i1 = i0 + nearStride;
      const a = near[i0] + tq * (near[i0 + 1] - near[i0]);
      const b = near[i1] + tq * (near[i1 + 1] - near[i1]);
      acc[start + i] += (weight * (a + (fr - ir) * (b - a))) / r2;
      continue;
    }
    const inv = 1 / d2;
    const c2 = along * along * inv;
    let fu = (d2 - nearLimit2) * invRemoteStep;
    if (fu > lastRemote) fu = lastRemote;
    const iu = fu | 0;
    const ra = radialTable[iu];
    const radial = ra + (fu - iu) * (radialTable[iu + 1] - ra);
    let table = byCos2;
    let stride = cos2Cells + 1;
    let f: number;
    if (c2 <= maxCos2) {
      f = c2 * cos2Cells;
    } else {
      const rho2 = d2 - along * along;
      const rho = rho2 > 0 ? Math.sqrt(rho2) : 0;
      table = byQ;
      stride = qCells + 1;
      f = (rho / (rho + absAlong)) * qCells;
    }
    const ia = f >= stride - 1 ? stride - 2 : f | 0;
    const ta = f - ia;
    let anisotropy: number;
    if (d2 >= heldFrom) {
      const j0 = lastRadius * stride + ia;
      anisotropy = table[j0] + ta * (table[j0 + 1] - table[j0]);
    } else {
      const r = Math.sqrt(d2);
      const k = segmentAtMm[r | 0];
      const tr = (r - radiiMm[k]) / (radiiMm[k + 1] - radiiMm[k]);
      const j0 = k * stride + ia;
      const j1 = j0 + stride;
      const a = table[j0] + ta * (table[j0 + 1] - table[j0]);
      const b = table[j1] + ta * (table[j1 + 1] - table[j1]);
      anisotropy = a + tr * (b - a);
    }
    const geometry = 1 + k2 * inv * (4 * c2 - 1);
    acc[start + i] += weight * radial * anisotropy * geometry;
  }
}

/** Smallest squared distance (mm²) from a seed to the row's voxels d(i) = d0 + i·step, i = 0 … count − 1. */
export function rowMinSquaredDistanceMm2(dx: number, dy: number, dz: number, sx: number, sy: number, sz: number, count: number): number {
  const ss = sx * sx + sy * sy + sz * sz;
  let i = ss > 0 ? -(dx * sx + dy * sy + dz * sz) / ss : 0;
  i = i < 0 ? 0 : i > count - 1 ? count - 1 : i;
  const ex = dx + i * sx;
  const ey = dy + i * sy;
  const ez = dz + i * sz;
  return ex * ex + ey * ey + ez * ez;
}

/**
 * Two line-source seeds (same table) whose whole row lies in the held-F remote region (r ≥ last F radius, checked
 * by the caller): the common case on a large grid. One division serves both (1/(d²a·d²b) times the other d²) and
 * the two independent computations overlap in the CPU. Voxels within the 4° axis cone of either seed (rare) go
 * through lineTableDoseRatePerU, the same arithmetic as addLineSeedRow.
 */
export function addLineSeedPairRow(
  acc: Float64Array, start: number, count: number,
  px: number, py: number, pz: number, sx: number, sy: number, sz: number, s0: LineSeed, s1: LineSeed,
): void {
  const t = s0.table;
  const cos2Cells = COS2_CELLS;
  const maxCos2 = REMOTE_MAX_COS2;
  const nearLimit2 = LINE_NEAR_LIMIT_MM * LINE_NEAR_LIMIT_MM;
  const invRemoteStep = 1 / REMOTE_STEP_MM2;
  const radialTable = t.remoteRadial;
  const lastRemote = t.remoteCells - 1;
  const byCos2 = t.anisotropyByCos2;
  const heldRow = (t.anisotropyRadiiMm.length - 1) * (cos2Cells + 1);
  const k2 = t.geometryK2Mm2;
  const ax0 = s0.ax, ay0 = s0.ay, az0 = s0.az, w0 = s0.weight;
  const ax1 = s1.ax, ay1 = s1.ay, az1 = s1.az, w1 = s1.weight;
  let dx0 = px - s0.x, dy0 = py - s0.y, dz0 = pz - s0.z;
  let dx1 = px - s1.x, dy1 = py - s1.y, dz1 = pz - s1.z;
  for (let i = 0; i < count; i++) {
    const d2a = dx0 * dx0 + dy0 * dy0 + dz0 * dz0;
    const alongA = dx0 * ax0 + dy0 * ay0 + dz0 * az0;
    const d2b = dx1 * dx1 + dy1 * dy1 + dz1 * dz1;
    const alongB = dx1 * ax1 + dy1 * ay1 + dz1 * az1;
    dx0 += sx; dy0 += sy; dz0 += sz;
    dx1 += sx; dy1 += sy; dz1 += sz;
    {
      const invBoth = 1 / (d2a * d2b);
      const invA = d2b * invBoth;
      const invB = d2a * invBoth;
      const c2a = alongA * alongA * invA;
      const c2b = alongB * alongB * invB;
      if (c2a <= maxCos2 && c2b <= maxCos2) {
        let fa = (d2a - nearLimit2) * invRemoteStep;
        if (fa > lastRemote) fa = lastRemote;
        const ia = fa | 0;
        let fb = (d2b - nearLimit2) * invRemoteStep;
        if (fb > lastRemote) fb = lastRemote;
        const ib = fb | 0;
        const ra = radialTable[ia] + (fa - ia) * (radialTable[ia + 1] - radialTable[ia]);
        const rb = radialTable[ib] + (fb - ib) * (radialTable[ib + 1] - radialTable[ib]);
        const ca = c2a * cos2Cells;
        const ja = ca | 0;
        const cb = c2b * cos2Cells;
        const jb = cb | 0;
        const fA = byCos2[heldRow + ja] + (ca - ja) * (byCos2[heldRow + ja + 1] - byCos2[heldRow + ja]);
        const fB = byCos2[heldRow + jb] + (cb - jb) * (byCos2[heldRow + jb + 1] - byCos2[heldRow + jb]);
        acc[start + i] +=
          w0 * ra * fA * (1 + k2 * invA * (4 * c2a - 1)) + w1 * rb * fB * (1 + k2 * invB * (4 * c2b - 1));
        continue;
      }
    }
    acc[start + i] += w0 * lineTableDoseRatePerU(t, d2a, alongA) + w1 * lineTableDoseRatePerU(t, d2b, alongB);
  }
}

export function addPointSeedRow(
  acc: Float64Array, start: number, count: number,
  px: number, py: number, pz: number, sx: number, sy: number, sz: number, s: PointSeed,
): void {
  const t = s.table;
  const nearLimit = POINT_NEAR_LIMIT_MM2;
  const near = t.near;
  const far = t.far;
  const lastFar = t.farCells - 1;
  const invNear = 1 / POINT_NEAR_STEP_MM2;
  const invFar = 1 / POINT_FAR_STEP_MM2;
  const u2min = t.minRadiusSquaredMm2;
  const weight = s.weight;
  const dx = px - s.x;
  const dy = py - s.y;
  const dz = pz - s.z;
  const stepSquared = sx * sx + sy * sy + sz * sz;
  let d2 = dx * dx + dy * dy + dz * dz;
  let dd2 = 2 * (dx * sx + dy * sy + dz * sz) + stepSquared;
  const ddd2 = 2 * stepSquared;
  for (let i = 0; i < count; i++, d2 += dd2, dd2 += ddd2) {
    const u = d2 < u2min ? u2min : d2;
    let rate: number;
    if (u < nearLimit) {
      const fu = u * invNear;
      const iu = fu | 0;
      const a = near[iu];
      rate = a + (fu - iu) * (near[iu + 1] - a);
    } else {
      let fu = (u - nearLimit) * invFar;
      if (fu > lastFar) fu = lastFar;
      const iu = fu | 0;
      const a = far[iu];
      rate = a + (fu - iu) * (far[iu + 1] - a);
    }
    acc[start + i] += weight * rate;
  }
}
