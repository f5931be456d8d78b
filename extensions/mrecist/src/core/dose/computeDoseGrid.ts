/**
 * TG-43U1 dose on a regular grid: the sum over seeds of strength × effective treatment hours × Ḋ/S_K, read from
 * precomputed tables (doseRateTable.ts). No cut-off radius: every seed contributes to every voxel.
 * Pure and allocation-light; workers call computeDoseFrames on disjoint frame ranges and the caller stitches them.
 */
import { cross, type Vec3 } from '../geometry/vec3';
import type { DoseGrid } from './DoseGrid';
import { effectiveTreatmentHours } from './decay';
import {
  LINE_NEAR_LIMIT_MM,
  LINE_NEAR_STEP_MM,
  POINT_FAR_STEP_MM2,
  POINT_NEAR_LIMIT_MM2,
  POINT_NEAR_STEP_MM2,
  Q_CELLS,
  COS2_CELLS,
  REMOTE_MAX_COS2,
  REMOTE_STEP_MM2,
  buildLineDoseRateTable,
  buildPointDoseRateTable,
  type LineDoseRateTable,
  type PointDoseRateTable,
} from './doseRateTable';
import type { DoseGridGeometry, DoseGridRequest, DoseModelUsage, DoseSeed } from './messages';
import { SOURCE_MODELS } from './sources/sourceModels';

const CGY_PER_GY = 100;

export type DoseProgress = (framesDone: number, framesTotal: number) => void;

export function voxelCount(g: DoseGridGeometry): number {
  return g.columns * g.rows * g.frameOffsetsMm.length;
}

/** Largest distance from any seed to any grid corner (mm): how far the tables must reach. */
function maxSeedToGridDistanceMm(seeds: readonly DoseSeed[], g: DoseGridGeometry): number {
  const n = cross(g.rowDirection, g.columnDirection);
  const offsets = g.frameOffsetsMm;
  const extents = [Math.min(...offsets), Math.max(...offsets)];
  let max = 0;
  for (const s of seeds) {
    for (const i of [0, g.columns - 1])
      for (const j of [0, g.rows - 1])
        for (const o of extents) {
          let d2 = 0;
          for (let a = 0; a < 3; a++) {
            const p =
              g.originMm[a] + i * g.columnSpacingMm * g.rowDirection[a] + j * g.rowSpacingMm * g.columnDirection[a] + o * n[a];
            d2 += (p - s.positionMm[a]) ** 2;
          }
          max = Math.max(max, Math.sqrt(d2));
        }
  }
  return max;
}

export function modelUsage(request: Pick<DoseGridRequest, 'seeds' | 'model'>): DoseModelUsage {
  const line = request.model === 'line2d' ? request.seeds.filter((s) => s.axis !== undefined).length : 0;
  return { requested: request.model, line2dSeeds: line, point1dSeeds: request.seeds.length - line };
}

/**
 * Seeds ready for the loop, split by formalism into two lists of single-shape objects: one object shape per
 * kernel keeps V8's optimised code stable (a shared shape with a null table field made the line kernel 2–3× slower
 * once the point kernel had run first).
 */
interface LineSeed {
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

interface PointSeed {
  x: number;
  y: number;
  z: number;
  weight: number;
  table: PointDoseRateTable;
}

/** Tables depend only on the model and how far they must reach; reach is rounded up so repeated requests share. */
const REACH_BUCKET_MM = 50;
const TABLE_CACHE_SIZE = 6;
const tableCache = new Map<string, LineDoseRateTable | PointDoseRateTable>();

function cachedTable<T extends LineDoseRateTable | PointDoseRateTable>(key: string, build: () => T): T {
  const hit = tableCache.get(key);
  if (hit) {
    tableCache.delete(key);
    tableCache.set(key, hit);
    return hit as T;
  }
  const table = build();
  tableCache.set(key, table);
  if (tableCache.size > TABLE_CACHE_SIZE) tableCache.delete(tableCache.keys().next().value as string);
  return table;
}

function prepareSeeds(request: DoseGridRequest): { lineSeeds: LineSeed[]; pointSeeds: PointSeed[] } {
  const reach = Math.ceil((maxSeedToGridDistanceMm(request.seeds, request.geometry) + 1) / REACH_BUCKET_MM) * REACH_BUCKET_MM;
  const lineSeeds: LineSeed[] = [];
  const pointSeeds: PointSeed[] = [];
  for (const s of request.seeds) {
    const model = SOURCE_MODELS[s.sourceModelId];
    if (!model) throw new Error(`no source model data for "${s.sourceModelId}"`);
    const weight = (s.strengthAtImplantU * effectiveTreatmentHours(s.halfLifeDays, request.basis)) / CGY_PER_GY;
    const [x, y, z] = s.positionMm;
    const id = model.sourceModelId;
    if (request.model === 'line2d' && s.axis) {
      const table = cachedTable(`${id}|line|${reach}`, () => buildLineDoseRateTable(model, reach));
      lineSeeds.push({ x, y, z, ax: s.axis[0], ay: s.axis[1], az: s.axis[2], weight, table });
    } else {
      const table = cachedTable(`${id}|point|${reach}`, () => buildPointDoseRateTable(model, reach));
      pointSeeds.push({ x, y, z, weight, table });
    }
  }
  return { lineSeeds, pointSeeds };
}

// The two row kernels inline lineTableDoseRatePerU / pointTableDoseRatePerU (doseRateTable.ts); keep them in step.

/** Adds one line-source seed's dose to one row of voxels starting at (px, py, pz), stepping (sx, sy, sz). */
function addLineSeedRow(
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

function addPointSeedRow(
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

/**
 * Dose (Gy) for frames [frameStart, frameEnd) of the request's grid, index (k − frameStart)·rows·columns + j·columns + i.
 * onProgress is called after each frame with frames done in this range.
 */
export function computeDoseFrames(
  request: DoseGridRequest,
  frameStart: number,
  frameEnd: number,
  onProgress?: (framesDone: number) => void,
): Float32Array {
  const g = request.geometry;
  const { lineSeeds, pointSeeds } = prepareSeeds(request);
  const n: Vec3 = cross(g.rowDirection, g.columnDirection);
  const perFrame = g.rows * g.columns;
  const out = new Float32Array((frameEnd - frameStart) * perFrame);
  const acc = new Float64Array(perFrame);
  const [sx, sy, sz] = g.rowDirection.map((c) => c * g.columnSpacingMm);
  const [cx, cy, cz] = g.columnDirection.map((c) => c * g.rowSpacingMm);
  for (let k = frameStart; k < frameEnd; k++) {
    acc.fill(0);
    const o = g.frameOffsetsMm[k];
    const fx = g.originMm[0] + o * n[0];
    const fy = g.originMm[1] + o * n[1];
    const fz = g.originMm[2] + o * n[2];
    for (const s of lineSeeds)
      for (let j = 0; j < g.rows; j++)
        addLineSeedRow(acc, j * g.columns, g.columns, fx + j * cx, fy + j * cy, fz + j * cz, sx, sy, sz, s);
    for (const s of pointSeeds)
      for (let j = 0; j < g.rows; j++)
        addPointSeedRow(acc, j * g.columns, g.columns, fx + j * cx, fy + j * cy, fz + j * cz, sx, sy, sz, s);
    out.set(acc, (k - frameStart) * perFrame);
    onProgress?.(k - frameStart + 1);
  }
  return out;
}

/** Whole grid in this thread. Use a worker pool (cli/doseWorkerPool.ts, workers/dose.worker.ts) for speed. */
export function computeDoseGrid(request: DoseGridRequest, onProgress?: DoseProgress): DoseGrid {
  const frames = request.geometry.frameOffsetsMm.length;
  const dose = computeDoseFrames(request, 0, frames, (done) => onProgress?.(done, frames));
  return assembleDoseGrid(request, dose);
}

export function assembleDoseGrid(request: DoseGridRequest, dose: Float32Array): DoseGrid {
  const g = request.geometry;
  if (dose.length !== voxelCount(g)) throw new Error(`dose has ${dose.length} values for ${voxelCount(g)} voxels`);
  return {
    originMm: [...g.originMm],
    rowDirection: [...g.rowDirection],
    columnDirection: [...g.columnDirection],
    columns: g.columns,
    rows: g.rows,
    rowSpacingMm: g.rowSpacingMm,
    columnSpacingMm: g.columnSpacingMm,
    frameOffsetsMm: [...g.frameOffsetsMm],
    dose,
    units: 'GY',
    frameOfReferenceUid: g.frameOfReferenceUid,
    basis: request.basis,
  };
}

/** Splits frames into at most `parts` contiguous, nearly equal ranges (for workers). */
export function splitFrameRanges(frames: number, parts: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(parts, frames));
  const ranges: Array<[number, number]> = [];
  for (let p = 0; p < n; p++) {
    const a = Math.floor((p * frames) / n);
    const b = Math.floor(((p + 1) * frames) / n);
    if (b > a) ranges.push([a, b]);
  }
  return ranges;
}
