/**
 * Precomputed dose-rate tables for the grid engine's inner loop. Evaluating TG-43 exactly costs an atan2, trig and
 * several table searches per seed and voxel; the grid engine instead interpolates linearly in small tables built
 * from the exact evaluation (tg43Lookup.ts), chosen so that the usual voxel needs no square root:
 *
 * line2d, r < 20 mm: H(r, q) = r²·Ḋ/S_K on a 0.1 mm grid in r × the pseudo-angle q = ρ / (ρ + |z|) (ρ, z: distances
 *   from and along the seed axis). q needs no trigonometry, is monotonic in θ and dq/dθ stays within [0.5, 1], so
 *   a uniform q grid resolves θ about evenly (≤ 0.22° per cell at Q_CELLS = 512). r² scaling makes H smooth.
 * line2d, r ≥ 20 mm: Ḋ/S_K = A(u)·F(r, θ)·C(u, c²), u = r², c² = cos²θ = z²/r²:
 *   A(u) = Λ·g_L(r) / (G_L(r0, θ0)·r²) on a 4 mm² grid in u;
 *   F(r, θ) bilinear as in tg43Lookup: linear in r between the F table's radii, each radius an angular table in c²
 *     (4096 cells; θ(c²) is smooth away from the axis) or, inside a 4° cone about the axis where θ(c²) has infinite
 *     slope, in q; beyond the last F radius (5 cm for 6711) F is held, so no square root is needed there;
 *   C = r²·G_L(r, θ) from the multipole expansion of a uniform line source, 1 + (L²/12r²)(4c² − 1); the next
 *     term, (L⁴/80r⁴)(16c⁴ − 12c² + 1), is below 3.2e-5 at 20 mm for L = 3 mm and is left out.
 * point1d: P(u) = Ḋ/S_K on u = r² (mm²), 0.05 mm² steps below 100 mm², 1 mm² beyond; no root, no division.
 * Every g, F and φ_an node lands on a table node. Agreement with the exact evaluation
 * (test/unit/dose/doseRateTable.test.ts): line2d within 0.1% from 5 mm outwards (measured ≤ 0.05%) and 1% from
 * 2 mm; point1d within 0.01% from 2 mm and 0.1% from 1 mm. The tables are small enough to stay in cache.
 * Units: Ḋ/S_K in cGy·h⁻¹·U⁻¹; H in cGy·h⁻¹·U⁻¹·mm².
 */
import type { SourceModel } from './sources/SourceModel';
import {
  MIN_RADIUS_POINT_CM,
  REFERENCE_RADIUS_CM,
  anisotropyFunction,
  lineGeometryFunction,
  lineRadiusFloorCm,
  lineSourceDoseRatePerU,
  pointSourceDoseRatePerU,
  radialDoseFunction,
} from './tg43Lookup';

export const Q_CELLS = 512;
export const LINE_NEAR_STEP_MM = 0.1;
export const LINE_NEAR_LIMIT_MM = 20;
export const REMOTE_STEP_MM2 = 4;
export const COS2_CELLS = 4096;
/** cos²(4.05°): voxels closer to a seed's axis than this read the q-indexed angular tables. */
export const REMOTE_MAX_COS2 = 0.995;
export const POINT_NEAR_STEP_MM2 = 0.05;
export const POINT_NEAR_LIMIT_MM2 = 100;
export const POINT_FAR_STEP_MM2 = 1;

const MM_PER_CM = 10;

export interface LineDoseRateTable {
  /** r < LINE_NEAR_LIMIT_MM: rows of (Q_CELLS + 1) values of r²·Ḋ/S_K, row-major by r. */
  near: Float32Array;
  minRadiusSquaredMm2: number;
  /** A(u) from u = LINE_NEAR_LIMIT_MM² in REMOTE_STEP_MM2 steps; remoteCells + 1 values. */
  remoteRadial: Float32Array;
  remoteCells: number;
  /** F at each F-table radius (mm): byCos2 has (COS2_CELLS + 1) values per radius, byQ (Q_CELLS + 1). */
  anisotropyRadiiMm: Float64Array;
  anisotropyByCos2: Float32Array;
  anisotropyByQ: Float32Array;
  /** For r in [LINE_NEAR_LIMIT_MM, last F radius): F segment index at each whole mm of r. */
  segmentAtMm: Int32Array;
  /** u at and beyond which F is held at the last radius. */
  heldAnisotropyFromMm2: number;
  /** L²/12 in mm² for the geometry-function expansion. */
  geometryK2Mm2: number;
}

/** θ in degrees for a pseudo-angle q = sinθ / (sinθ + cosθ), i.e. tan θ = q / (1 − q). */
export function polarAngleDegFromPseudoAngle(q: number): number {
  return (Math.atan2(q, 1 - q) * 180) / Math.PI;
}

export function buildLineDoseRateTable(model: Readonly<SourceModel>, maxRadiusMm: number): LineDoseRateTable {
  const thetaOfQ = new Float64Array(Q_CELLS + 1);
  for (let iq = 0; iq <= Q_CELLS; iq++) thetaOfQ[iq] = polarAngleDegFromPseudoAngle(iq / Q_CELLS);
  const thetaOfCos2 = new Float64Array(COS2_CELLS + 1);
  for (let ic = 0; ic <= COS2_CELLS; ic++) thetaOfCos2[ic] = (Math.acos(Math.sqrt(ic / COS2_CELLS)) * 180) / Math.PI;

  const floorMm = lineRadiusFloorCm(model) * MM_PER_CM;
  const nearRows = Math.round(LINE_NEAR_LIMIT_MM / LINE_NEAR_STEP_MM) + 2;
  const near = new Float32Array(nearRows * (Q_CELLS + 1));
  for (let ir = 0; ir < nearRows; ir++) {
    const rMm = Math.max(ir * LINE_NEAR_STEP_MM, floorMm);
    for (let iq = 0; iq <= Q_CELLS; iq++) {
      near[ir * (Q_CELLS + 1) + iq] = rMm * rMm * lineSourceDoseRatePerU(model, rMm / MM_PER_CM, thetaOfQ[iq]);
    }
  }

  const u0 = LINE_NEAR_LIMIT_MM * LINE_NEAR_LIMIT_MM;
  const remoteCells = Math.max(2, Math.ceil((maxRadiusMm * maxRadiusMm - u0) / REMOTE_STEP_MM2) + 1);
  const remoteRadial = new Float32Array(remoteCells + 1);
  const L = model.activeLengthCm;
  const g0 = lineGeometryFunction(L, REFERENCE_RADIUS_CM, 90);
  for (let i = 0; i <= remoteCells; i++) {
    const rCm = Math.sqrt(u0 + i * REMOTE_STEP_MM2) / MM_PER_CM;
    remoteRadial[i] = (model.doseRateConstant * radialDoseFunction(model, 'line2d', rCm)) / (g0 * rCm * rCm);
  }

  const radiiCm = model.anisotropy2D.rCm;
  const anisotropyRadiiMm = Float64Array.from(radiiCm, (r) => r * MM_PER_CM);
  const anisotropyByCos2 = new Float32Array(radiiCm.length * (COS2_CELLS + 1));
  const anisotropyByQ = new Float32Array(radiiCm.length * (Q_CELLS + 1));
  radiiCm.forEach((rCm, k) => {
    for (let ic = 0; ic <= COS2_CELLS; ic++)
      anisotropyByCos2[k * (COS2_CELLS + 1) + ic] = anisotropyFunction(model, rCm, thetaOfCos2[ic]);
    for (let iq = 0; iq <= Q_CELLS; iq++) anisotropyByQ[k * (Q_CELLS + 1) + iq] = anisotropyFunction(model, rCm, thetaOfQ[iq]);
  });
  const lastRadiusMm = anisotropyRadiiMm[anisotropyRadiiMm.length - 1];
  const segmentAtMm = new Int32Array(Math.max(0, Math.ceil(lastRadiusMm)) + 1);
  for (let mm = 0; mm < segmentAtMm.length; mm++) {
    let k = 0;
    while (k < anisotropyRadiiMm.length - 2 && anisotropyRadiiMm[k + 1] <= mm) k++;
    segmentAtMm[mm] = k;
  }
  const Lmm = L * MM_PER_CM;
  return {
    near,
    minRadiusSquaredMm2: floorMm * floorMm,
    remoteRadial,
    remoteCells,
    anisotropyRadiiMm,
    anisotropyByCos2,
    anisotropyByQ,
    segmentAtMm,
    heldAnisotropyFromMm2: Math.max(lastRadiusMm, LINE_NEAR_LIMIT_MM) ** 2,
    geometryK2Mm2: (Lmm * Lmm) / 12,
  };
}

export interface PointDoseRateTable {
  near: Float32Array;
  far: Float32Array;
  farCells: number;
  minRadiusSquaredMm2: number;
}

export function buildPointDoseRateTable(model: Readonly<SourceModel>, maxRadiusMm: number): PointDoseRateTable {
  const floorMm = MIN_RADIUS_POINT_CM * MM_PER_CM;
  const nearRows = Math.round(POINT_NEAR_LIMIT_MM2 / POINT_NEAR_STEP_MM2) + 2;
  const farCells = Math.max(2, Math.ceil((maxRadiusMm * maxRadiusMm - POINT_NEAR_LIMIT_MM2) / POINT_FAR_STEP_MM2) + 1);
  const near = new Float32Array(nearRows);
  const far = new Float32Array(farCells + 1);
  const rate = (u: number) => pointSourceDoseRatePerU(model, Math.max(Math.sqrt(u), floorMm) / MM_PER_CM);
  for (let i = 0; i < nearRows; i++) near[i] = rate(i * POINT_NEAR_STEP_MM2);
  for (let i = 0; i <= farCells; i++) far[i] = rate(POINT_NEAR_LIMIT_MM2 + i * POINT_FAR_STEP_MM2);
  return { near, far, farCells, minRadiusSquaredMm2: floorMm * floorMm };
}

/**
 * Ḋ/S_K from the line table for a voxel at squared distance d2 (mm²) and signed distance `along` the axis (mm).
 * The grid loop (computeDoseGrid.ts) inlines exactly this arithmetic; this copy serves tests and point queries.
 */
export function lineTableDoseRatePerU(t: LineDoseRateTable, d2: number, along: number): number {
  const absAlong = along < 0 ? -along : along;
  if (d2 < LINE_NEAR_LIMIT_MM * LINE_NEAR_LIMIT_MM) {
    const rho2 = d2 - along * along;
    const rho = rho2 > 0 ? Math.sqrt(rho2) : 0;
    const q = rho + absAlong > 0 ? rho / (rho + absAlong) : 1;
    const r2 = d2 < t.minRadiusSquaredMm2 ? t.minRadiusSquaredMm2 : d2;
    const fr = Math.sqrt(r2) * (1 / LINE_NEAR_STEP_MM);
    const ir = fr | 0;
    const fq = q * Q_CELLS;
    const iq = fq >= Q_CELLS ? Q_CELLS - 1 : fq | 0;
    const tq = fq - iq;
    const v = t.near;
    const i0 = ir * (Q_CELLS + 1) + iq;
    const i1 = i0 + Q_CELLS + 1;
    const a = v[i0] + tq * (v[i0 + 1] - v[i0]);
    const b = v[i1] + tq * (v[i1 + 1] - v[i1]);
    return (a + (fr - ir) * (b - a)) / r2;
  }
  const inv = 1 / d2;
  const c2 = along * along * inv;
  let fu = (d2 - LINE_NEAR_LIMIT_MM * LINE_NEAR_LIMIT_MM) * (1 / REMOTE_STEP_MM2);
  if (fu > t.remoteCells - 1) fu = t.remoteCells - 1;
  const iu = fu | 0;
  const radial = t.remoteRadial[iu] + (fu - iu) * (t.remoteRadial[iu + 1] - t.remoteRadial[iu]);
  let table: Float32Array;
  let stride: number;
  let f: number;
  if (c2 <= REMOTE_MAX_COS2) {
    table = t.anisotropyByCos2;
    stride = COS2_CELLS + 1;
    f = c2 * COS2_CELLS;
  } else {
    const rho2 = d2 - along * along;
    const rho = rho2 > 0 ? Math.sqrt(rho2) : 0;
    table = t.anisotropyByQ;
    stride = Q_CELLS + 1;
    f = (rho / (rho + absAlong)) * Q_CELLS;
  }
  const cells = stride - 1;
  const i = f >= cells ? cells - 1 : f | 0;
  const ti = f - i;
  let anisotropy: number;
  if (d2 >= t.heldAnisotropyFromMm2) {
    const j0 = (t.anisotropyRadiiMm.length - 1) * stride + i;
    anisotropy = table[j0] + ti * (table[j0 + 1] - table[j0]);
  } else {
    const r = Math.sqrt(d2);
    const k = t.segmentAtMm[r | 0];
    const tr = (r - t.anisotropyRadiiMm[k]) / (t.anisotropyRadiiMm[k + 1] - t.anisotropyRadiiMm[k]);
    const j0 = k * stride + i;
    const j1 = j0 + stride;
    const a = table[j0] + ti * (table[j0 + 1] - table[j0]);
    const b = table[j1] + ti * (table[j1 + 1] - table[j1]);
    anisotropy = a + tr * (b - a);
  }
  const geometry = 1 + t.geometryK2Mm2 * inv * (4 * c2 - 1);
  return radial * anisotropy * geometry;
}

/** Ḋ/S_K from the point table at squared distance d2 (mm²); inlined in the grid loop. */
export function pointTableDoseRatePerU(t: PointDoseRateTable, d2: number): number {
  const u = d2 < t.minRadiusSquaredMm2 ? t.minRadiusSquaredMm2 : d2;
  let v: Float32Array;
  let fu: number;
  if (u < POINT_NEAR_LIMIT_MM2) {
    v = t.near;
    fu = u * (1 / POINT_NEAR_STEP_MM2);
  } else {
    v = t.far;
    fu = (u - POINT_NEAR_LIMIT_MM2) * (1 / POINT_FAR_STEP_MM2);
    if (fu > t.farCells - 1) fu = t.farCells - 1;
  }
  const iu = fu | 0;
  const a = v[iu];
  return a + (fu - iu) * (v[iu + 1] - a);
}
