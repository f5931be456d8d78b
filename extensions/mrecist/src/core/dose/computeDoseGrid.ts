/**
 * TG-43U1 dose on a regular grid: the sum over seeds of strength × effective treatment hours × Ḋ/S_K, read from
 * precomputed tables (doseRateTable.ts). No cut-off radius: every seed contributes to every voxel.
 * No coarse-to-fine grid either: trilinear interpolation of one seed's dose rate over 2 mm cells was measured
 * 0.6–1.3% off the exact TG-43U1 value (Rivard et al. 2004) at 30–80 mm, chiefly at the kinks where g(r) and
 * F(r, θ) are interpolated between their tabulated radii and angles, against the 0.1% the grid is held to beyond 5 mm.
 * Pure and allocation-light; workers call computeDoseFrames on disjoint frame ranges and the caller stitches them.
 * Two sets of row kernels compute the same sums from the same tables: WebAssembly SIMD (wasm/, the default where
 * the runtime has it) and the JavaScript kernels of doseGridKernels.ts (the fallback, and the benchmark's baseline).
 */
import { cross, type Vec3 } from '../geometry/vec3';
import type { DoseGrid } from './DoseGrid';
import { effectiveTreatmentHours } from './decay';
import {
  addLineSeedPairRow,
  addLineSeedRow,
  addPointSeedRow,
  rowMinSquaredDistanceMm2,
  type LineSeed,
  type PointSeed,
} from './doseGridKernels';
import { buildLineDoseRateTable, buildPointDoseRateTable, type LineDoseRateTable, type PointDoseRateTable } from './doseRateTable';
import type { DoseGridGeometry, DoseGridRequest, DoseModelUsage, DoseSeed } from './messages';
import { SOURCE_MODELS } from './sources/sourceModels';
import { WasmDoseKernels } from './wasm/WasmDoseKernels';

const CGY_PER_GY = 100;

export type DoseProgress = (framesDone: number, framesTotal: number) => void;

/** Which row kernels run: 'auto' takes WebAssembly SIMD where available, 'js' the JavaScript kernels. */
export type DoseKernelChoice = 'auto' | 'js';

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

/**
 * Dose (Gy) for frames [frameStart, frameEnd) of the request's grid, index (k − frameStart)·rows·columns + j·columns + i.
 * onProgress is called after each frame with frames done in this range.
 */
export function computeDoseFrames(
  request: DoseGridRequest,
  frameStart: number,
  frameEnd: number,
  onProgress?: (framesDone: number) => void,
  kernels: DoseKernelChoice = 'auto',
): Float32Array {
  const g = request.geometry;
  const { lineSeeds, pointSeeds } = prepareSeeds(request);
  const n: Vec3 = cross(g.rowDirection, g.columnDirection);
  const perFrame = g.rows * g.columns;
  const out = new Float32Array((frameEnd - frameStart) * perFrame);
  const [sx, sy, sz] = g.rowDirection.map((c) => c * g.columnSpacingMm);
  const [cx, cy, cz] = g.columnDirection.map((c) => c * g.rowSpacingMm);
  const wasm = kernels === 'auto' && g.columnSpacingMm > 0 ? WasmDoseKernels.get() : null;
  if (wasm) {
    const acc = wasm.accumulator(perFrame, lineSeeds, pointSeeds);
    for (let k = frameStart; k < frameEnd; k++) {
      if (k > frameStart) acc.fill(0);
      const o = g.frameOffsetsMm[k];
      for (let j = 0; j < g.rows; j++) {
        const px = g.originMm[0] + o * n[0] + j * cx;
        const py = g.originMm[1] + o * n[1] + j * cy;
        const pz = g.originMm[2] + o * n[2] + j * cz;
        wasm.addRow(acc, j * g.columns, g.columns, px, py, pz, sx, sy, sz, lineSeeds, pointSeeds);
      }
      out.set(acc.subarray(0, perFrame), (k - frameStart) * perFrame);
      onProgress?.(k - frameStart + 1);
    }
    return out;
  }
  const acc = new Float64Array(perFrame);
  const remoteSeeds: LineSeed[] = new Array(lineSeeds.length);
  for (let k = frameStart; k < frameEnd; k++) {
    acc.fill(0);
    const o = g.frameOffsetsMm[k];
    const fx = g.originMm[0] + o * n[0];
    const fy = g.originMm[1] + o * n[1];
    const fz = g.originMm[2] + o * n[2];
    for (let j = 0; j < g.rows; j++) {
      const px = fx + j * cx;
      const py = fy + j * cy;
      const pz = fz + j * cz;
      // Seeds whose every voxel on this row is beyond the held-F radius go through the paired remote kernel.
      let remoteCount = 0;
      for (const s of lineSeeds) {
        if (rowMinSquaredDistanceMm2(px - s.x, py - s.y, pz - s.z, sx, sy, sz, g.columns) >= s.table.heldAnisotropyFromMm2)
          remoteSeeds[remoteCount++] = s;
        else addLineSeedRow(acc, j * g.columns, g.columns, px, py, pz, sx, sy, sz, s);
      }
      let n0 = 0;
      for (; n0 + 1 < remoteCount; n0 += 2) {
        const s0 = remoteSeeds[n0];
        const s1 = remoteSeeds[n0 + 1];
        if (s0.table === s1.table) addLineSeedPairRow(acc, j * g.columns, g.columns, px, py, pz, sx, sy, sz, s0, s1);
        else {
          addLineSeedRow(acc, j * g.columns, g.columns, px, py, pz, sx, sy, sz, s0);
          addLineSeedRow(acc, j * g.columns, g.columns, px, py, pz, sx, sy, sz, s1);
        }
      }
      if (n0 < remoteCount) addLineSeedRow(acc, j * g.columns, g.columns, px, py, pz, sx, sy, sz, remoteSeeds[n0]);
    }
    for (const s of pointSeeds)
      for (let j = 0; j < g.rows; j++)
        addPointSeedRow(acc, j * g.columns, g.columns, fx + j * cx, fy + j * cy, fz + j * cz, sx, sy, sz, s);
    out.set(acc, (k - frameStart) * perFrame);
    onProgress?.(k - frameStart + 1);
  }
  return out;
}

/** Whole grid in this thread. Use a worker pool (cli/doseWorkerPool.ts, workers/dose.worker.ts) for speed. */
export function computeDoseGrid(request: DoseGridRequest, onProgress?: DoseProgress, kernels: DoseKernelChoice = 'auto'): DoseGrid {
  const frames = request.geometry.frameOffsetsMm.length;
  const dose = computeDoseFrames(request, 0, frames, (done) => onProgress?.(done, frames), kernels);
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
