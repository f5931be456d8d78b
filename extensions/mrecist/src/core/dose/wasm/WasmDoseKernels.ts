/**
 * Runs the grid engine's rows on the WebAssembly SIMD kernels (doseKernelsWasm.ts), one instance per thread.
 * Owns the instance's memory: the dose-rate tables as (value, delta) pairs, placed once per table, and the
 * frame accumulator (64-bit, one value per voxel of a frame, plus padding the 4-wide kernels may touch).
 *
 * Split of the work for a line-source seed on a row, by distance d from the seed (each a contiguous run of the row,
 * since d² is a convex quadratic along it), every run widened by one voxel for rounding: within the near-table
 * limit (20 mm), addLineSeedRow, the JavaScript kernel, which handles every region; up to the held-F radius,
 * lineMidRow; beyond it, lineRemoteRow. Groups a wasm kernel hands back (a voxel in the 4° axis cone) go through
 * addLineSeedRow too. Point-source rows are wholly in wasm.
 */
import * as rateTable from '../doseRateTable';
import type { LineDoseRateTable, PointDoseRateTable } from '../doseRateTable';
import { addLineSeedRow, type LineSeed, type PointSeed } from '../doseGridKernels';
import { doseKernelModule, type DoseKernelExports } from './doseKernelsWasm';

// Read once: bundlers and tsx turn imported constants into getter calls, too slow for a per-row path.
const { COS2_CELLS, LINE_NEAR_LIMIT_MM, POINT_FAR_STEP_MM2, POINT_NEAR_LIMIT_MM2, POINT_NEAR_STEP_MM2, REMOTE_MAX_COS2, REMOTE_STEP_MM2 } = rateTable;
const NEAR_LIMIT_MM2 = LINE_NEAR_LIMIT_MM * LINE_NEAR_LIMIT_MM;
const INV_NEAR_STEP = 1 / POINT_NEAR_STEP_MM2;
const INV_FAR_STEP = 1 / POINT_FAR_STEP_MM2;
const INV_REMOTE_STEP = 1 / REMOTE_STEP_MM2;
const ROW_BYTES = 8 * (COS2_CELLS + 1);
const PAGE_BYTES = 65536;
/** Values past a row's end the 4-wide kernels read and write back unchanged (+ 0). */
const ROW_PADDING_VALUES = 4;

/** (value, next − value) pairs of a linearly interpolated table; the last pair's delta is 0. */
function pairs(values: ArrayLike<number>, start = 0, count = values.length - start): Float32Array {
  const out = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const a = values[start + i];
    out[2 * i] = a;
    out[2 * i + 1] = i + 1 < count ? values[start + i + 1] - a : 0;
  }
  return out;
}

interface PlacedPointTable {
  at: number;
  lastIndex: number;
}

interface PlacedLineTable {
  radialAt: number;
  /** Every F radius's cos² row of pairs, ROW_BYTES each. */
  rowsAt: number;
  heldAt: number;
  segmentsAt: number;
  segmentCount: number;
}

export class WasmDoseKernels {
  private static perThread: WasmDoseKernels | null | undefined;

  /** This thread's kernels, or null where WebAssembly SIMD is unavailable. */
  static get(): WasmDoseKernels | null {
    if (WasmDoseKernels.perThread === undefined) {
      const module = doseKernelModule();
      WasmDoseKernels.perThread = module ? new WasmDoseKernels(new WebAssembly.Instance(module).exports as unknown as DoseKernelExports) : null;
    }
    return WasmDoseKernels.perThread;
  }

  private top = 64;
  private readonly pointTables = new WeakMap<PointDoseRateTable, PlacedPointTable>();
  private readonly lineTables = new WeakMap<LineDoseRateTable, PlacedLineTable>();
  /** The tables of the seeds given to the latest accumulator() call, in their order. */
  private placedLine: PlacedLineTable[] = [];
  private placedPoint: PlacedPointTable[] = [];

  private constructor(private readonly k: DoseKernelExports) {}

  private place(data: Float32Array): number {
    const at = this.top;
    this.top = Math.ceil((at + data.byteLength) / 16) * 16;
    this.ensureBytes(this.top);
    new Float32Array(this.k.memory.buffer, at, data.length).set(data);
    return at;
  }

  private ensureBytes(bytes: number): void {
    const have = this.k.memory.buffer.byteLength;
    if (bytes > have) this.k.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
  }

  private pointTable(t: PointDoseRateTable): PlacedPointTable {
    let placed = this.pointTables.get(t);
    if (!placed) {
      // Near cells up to the near limit, then the far cells: one table, indexed as pointRow says.
      const nearCells = Math.round(POINT_NEAR_LIMIT_MM2 / POINT_NEAR_STEP_MM2);
      const joined = new Float32Array(nearCells + t.far.length);
      joined.set(t.near.subarray(0, nearCells));
      joined.set(t.far, nearCells);
      placed = { at: this.place(pairs(joined)), lastIndex: nearCells + t.farCells - 1 };
      this.pointTables.set(t, placed);
    }
    return placed;
  }

  private lineTable(t: LineDoseRateTable): PlacedLineTable {
    let placed = this.lineTables.get(t);
    if (!placed) {
      const radii = t.anisotropyRadiiMm;
      const rows = new Float32Array(radii.length * 2 * (COS2_CELLS + 1));
      for (let k = 0; k < radii.length; k++) rows.set(pairs(t.anisotropyByCos2, k * (COS2_CELLS + 1), COS2_CELLS + 1), k * 2 * (COS2_CELLS + 1));
      const rowsAt = this.place(rows);
      // The segment holding the near-table limit, then each later segment from its first radius on.
      const first = t.segmentAtMm[Math.min(LINE_NEAR_LIMIT_MM, t.segmentAtMm.length - 1)];
      const segments: number[] = [];
      for (let k = first; k <= radii.length - 2; k++) segments.push(radii[k], 1 / (radii[k + 1] - radii[k]), k * ROW_BYTES, 0);
      placed = {
        radialAt: this.place(pairs(t.remoteRadial)),
        rowsAt,
        heldAt: rowsAt + (radii.length - 1) * ROW_BYTES,
        segmentsAt: this.place(Float32Array.from(segments)),
        segmentCount: segments.length / 4,
      };
      this.lineTables.set(t, placed);
    }
    return placed;
  }

  /**
   * A zeroed frame accumulator of `values` 64-bit values in this instance's memory. Place every table of the
   * request first: placing a table may grow the memory, which detaches earlier views.
   */
  accumulator(values: number, lineSeeds: readonly LineSeed[], pointSeeds: readonly PointSeed[]): Float64Array {
    // Looked up once here rather than per seed and row: a WeakMap lookup per call was a tenth of a grid's time.
    this.placedLine = lineSeeds.map((s) => this.lineTable(s.table));
    this.placedPoint = pointSeeds.map((s) => this.pointTable(s.table));
    const at = this.top;
    this.ensureBytes(at + 8 * (values + ROW_PADDING_VALUES));
    return new Float64Array(this.k.memory.buffer, at, values + ROW_PADDING_VALUES).fill(0);
  }

  /**
   * Adds every seed's dose to one row of `acc` (from accumulator(), called with these same seed lists): voxels
   * start … start + count − 1 at p + i·s (mm).
   */
  addRow(
    acc: Float64Array, start: number, count: number,
    px: number, py: number, pz: number, sx: number, sy: number, sz: number,
    lineSeeds: readonly LineSeed[], pointSeeds: readonly PointSeed[],
  ): void {
    const h = Math.sqrt(sx * sx + sy * sy + sz * sz);
    const ux = sx / h, uy = sy / h, uz = sz / h;
    const rowAt = acc.byteOffset + 8 * start;
    for (let n = 0; n < pointSeeds.length; n++) {
      const s = pointSeeds[n];
      const dx = px - s.x, dy = py - s.y, dz = pz - s.z;
      const t0 = dx * ux + dy * uy + dz * uz;
      const e = Math.max(0, dx * dx + dy * dy + dz * dz - t0 * t0);
      const table = this.placedPoint[n];
      this.k.pointRow(
        rowAt, count, t0, h, e, s.weight, table.at, s.table.minRadiusSquaredMm2,
        POINT_NEAR_LIMIT_MM2, INV_NEAR_STEP, INV_FAR_STEP, table.lastIndex,
      );
    }
    for (let n = 0; n < lineSeeds.length; n++) {
      const s = lineSeeds[n];
      const dx = px - s.x, dy = py - s.y, dz = pz - s.z;
      const t0 = dx * ux + dy * uy + dz * uz;
      const e = Math.max(0, dx * dx + dy * dy + dz * dz - t0 * t0);
      // Voxels with d² < R² lie where |t0 + i·h| < √(R² − e).
      const held = s.table.heldAnisotropyFromMm2;
      let a = count;
      let b = count;
      let n0 = count;
      let n1 = count;
      if (e < held) {
        const w = Math.sqrt(held - e);
        a = Math.min(count, Math.max(0, Math.floor((-w - t0) / h)));
        b = Math.min(count, Math.max(a, Math.ceil((w - t0) / h) + 1));
        n0 = n1 = b;
        if (e < NEAR_LIMIT_MM2) {
          const v = Math.sqrt(NEAR_LIMIT_MM2 - e);
          n0 = Math.min(b, Math.max(a, Math.floor((-v - t0) / h)));
          n1 = Math.min(b, Math.max(n0, Math.ceil((v - t0) / h) + 1));
        }
      }
      const al0 = dx * s.ax + dy * s.ay + dz * s.az;
      const sa = sx * s.ax + sy * s.ay + sz * s.az;
      const table = this.placedLine[n];
      this.lineRun(acc, start, 0, a, px, py, pz, sx, sy, sz, t0, h, e, al0, sa, s, table, false);
      this.lineRun(acc, start, a, n0, px, py, pz, sx, sy, sz, t0, h, e, al0, sa, s, table, true);
      if (n1 > n0) addLineSeedRow(acc, start + n0, n1 - n0, px + n0 * sx, py + n0 * sy, pz + n0 * sz, sx, sy, sz, s);
      this.lineRun(acc, start, n1, b, px, py, pz, sx, sy, sz, t0, h, e, al0, sa, s, table, true);
      this.lineRun(acc, start, b, count, px, py, pz, sx, sy, sz, t0, h, e, al0, sa, s, table, false);
    }
  }

  /** Voxels [from, to) of the row through lineMidRow (mid) or lineRemoteRow. */
  private lineRun(
    acc: Float64Array, start: number, from: number, to: number,
    px: number, py: number, pz: number, sx: number, sy: number, sz: number,
    t0: number, h: number, e: number, al0: number, sa: number, s: LineSeed, table: PlacedLineTable, mid: boolean,
  ): void {
    const rowAt = acc.byteOffset + 8 * start;
    const t = s.table;
    let i = from;
    while (i < to) {
      i = mid
        ? this.k.lineMidRow(
            rowAt, i, to, t0, h, e, al0, sa, s.weight, table.radialAt, t.remoteCells - 1, COS2_CELLS, REMOTE_MAX_COS2,
            t.geometryK2Mm2, NEAR_LIMIT_MM2, INV_REMOTE_STEP, table.rowsAt, ROW_BYTES, table.segmentsAt, table.segmentCount,
          )
        : this.k.lineRemoteRow(
            rowAt, i, to, t0, h, e, al0, sa, s.weight, table.radialAt, t.remoteCells - 1, COS2_CELLS, REMOTE_MAX_COS2,
            t.geometryK2Mm2, NEAR_LIMIT_MM2, INV_REMOTE_STEP, table.heldAt,
          );
      if (i < to) {
        // A group with a voxel in the axis cone, done by the JavaScript kernel.
        const n = Math.min(4, to - i);
        addLineSeedRow(acc, start + i, n, px + i * sx, py + i * sy, pz + i * sz, sx, sy, sz, s);
        i += n;
      }
    }
  }
}
