/**
 * Dose-grid benchmark (issue 4 item 8, issue 16 item 4): 90 I-125 seeds (0.762 U, model 6711, line source along a
 * common needle direction) on a 1 mm grid over a 15 cm cube (150³ = 3.375 M voxels). Targets on this 2-core
 * machine: 0.5 s wall for the point source, 1 s for the line source.
 *
 * Compared in the same run, in turn (baseline, engine, baseline, …) so load from other work hits both alike:
 *   - the engine: WebAssembly SIMD row kernels (core/dose/wasm) in a worker_threads pool, one per core;
 *   - the baseline: the same pool running the JavaScript row kernels (core/dose/doseGridKernels.ts), the engine
 *     before the WebAssembly kernels;
 *   - a plain single-threaded reference loop: for each voxel, for each seed, the exact TG-43 evaluation
 *     (core/dose/doseAtPoints.ts seedDoseRateCGyPerH). It is far too slow for the whole grid, so it runs on
 *     REFERENCE_FRAMES evenly spaced frames and its full-grid time is extrapolated per frame; the same frames
 *     give each engine's largest relative deviation from the exact sum.
 * CPU seconds: the process's user + system time over a run (the worker threads' work; the main thread only waits).
 * On a shared machine wall time depends on what else runs; CPU seconds ÷ threads is what the wall time would be on
 * idle cores, printed beside it so a missed target can be told apart from a busy machine.
 * Peak memory: the process's maximum resident set (includes the worker threads of both pools).
 */
import { availableParallelism, loadavg } from 'node:os';
import { DoseWorkerPool } from '../../extensions/mrecist/src/cli/doseWorkerPool';
import type { DoseGrid } from '../../extensions/mrecist/src/core/dose/DoseGrid';
import { seedDoseRateCGyPerH } from '../../extensions/mrecist/src/core/dose/doseAtPoints';
import { effectiveTreatmentHours } from '../../extensions/mrecist/src/core/dose/decay';
import type { DoseGridGeometry, DoseGridRequest, DoseSeed } from '../../extensions/mrecist/src/core/dose/messages';
import type { DoseModelKind } from '../../extensions/mrecist/src/core/dose/tg43Lookup';
import type { Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import { alternate, median, type BenchFigure } from './lib/figures';

const SEEDS = 90;
const SIDE = 150;
const SPACING_MM = 1;
const REFERENCE_FRAMES = 5;
const ROUNDS = Number(process.env.MRECIST_BENCH_ROUNDS ?? 3);
const TARGET_S: Record<DoseModelKind, number> = { point1d: 0.5, line2d: 1 };

/** Deterministic seeds on needle tracks 10 mm apart in a ~50 mm implant, jittered like a real implant. */
function benchSeeds(): DoseSeed[] {
  let state = 20260501;
  const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  const axis: Vec3 = [0.82, 0.42, 0.38].map((v, _, a) => v / Math.hypot(...a)) as Vec3;
  const seeds: DoseSeed[] = [];
  for (let n = 0; n < SEEDS; n++) {
    const p: Vec3 = [((n % 5) - 2) * 10, ((Math.floor(n / 5) % 6) - 2.5) * 10, (Math.floor(n / 30) - 1) * 10];
    seeds.push({
      positionMm: p.map((v) => v + (random() - 0.5) * 3) as Vec3,
      axis,
      strengthAtImplantU: 0.762,
      halfLifeDays: 59.4,
      sourceModelId: '6711',
    });
  }
  return seeds;
}

const geometry: DoseGridGeometry = {
  originMm: [-74.5, -74.5, -74.5],
  rowDirection: [1, 0, 0],
  columnDirection: [0, 1, 0],
  columns: SIDE,
  rows: SIDE,
  rowSpacingMm: SPACING_MM,
  columnSpacingMm: SPACING_MM,
  frameOffsetsMm: Array.from({ length: SIDE }, (_, k) => k * SPACING_MM),
  frameOfReferenceUid: '2.25.1',
};

/** The plain loop: every voxel of frame k, every seed, exact evaluation. */
function referenceFrame(request: DoseGridRequest, k: number): Float64Array {
  const out = new Float64Array(SIDE * SIDE);
  const hours = request.seeds.map((s) => effectiveTreatmentHours(s.halfLifeDays, request.basis));
  for (let j = 0; j < SIDE; j++)
    for (let i = 0; i < SIDE; i++) {
      const p: Vec3 = [geometry.originMm[0] + i * SPACING_MM, geometry.originMm[1] + j * SPACING_MM, geometry.originMm[2] + geometry.frameOffsetsMm[k]];
      let sum = 0;
      request.seeds.forEach((s, n) => {
        sum += (seedDoseRateCGyPerH(s, s.strengthAtImplantU, p, request.model) * hours[n]) / 100;
      });
      out[j * SIDE + i] = sum;
    }
  return out;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map(String).join(' | ')} |`;
}

/** Largest relative deviation of `grid` from the exact sum on the reference frames. */
function deviationFromExact(grid: DoseGrid, exact: Map<number, Float64Array>): number {
  let max = 0;
  for (const [k, values] of exact)
    values.forEach((v, i) => {
      max = Math.max(max, Math.abs(grid.dose[k * SIDE * SIDE + i] / v - 1));
    });
  return max;
}

export async function run(): Promise<BenchFigure[]> {
  const seeds = benchSeeds();
  const voxels = SIDE ** 3;
  const workers = availableParallelism();
  const t0 = performance.now();
  const engine = new DoseWorkerPool(workers, 'auto');
  const baseline = new DoseWorkerPool(workers, 'js');
  await Promise.all([engine.warmUp(), baseline.warmUp()]);
  const startupS = (performance.now() - t0) / 1000;
  const lines: string[] = [];
  const figures: BenchFigure[] = [];
  try {
    for (const model of ['line2d', 'point1d'] as DoseModelKind[]) {
      const request: DoseGridRequest = { seeds, geometry, model, basis: { kind: 'fullDecay' } };
      let engineGrid: DoseGrid | undefined;
      let baselineGrid: DoseGrid | undefined;
      const cpu = { engine: [] as number[], baseline: [] as number[] };
      const timed = (pool: DoseWorkerPool, keep: (g: DoseGrid) => void, cpuS?: number[]) => async () => {
        const t = performance.now();
        const c = process.cpuUsage();
        keep(await pool.computeDoseGrid(request));
        const used = process.cpuUsage(c);
        cpuS?.push((used.user + used.system) / 1e6);
        return (performance.now() - t) / 1000;
      };
      // One untimed pass each, so both are measured with their code optimised.
      await timed(engine, () => undefined)();
      await timed(baseline, () => undefined)();
      const times = await alternate(
        ROUNDS,
        timed(engine, (g) => (engineGrid = g), cpu.engine),
        timed(baseline, (g) => (baselineGrid = g), cpu.baseline),
      );
      const engineS = median(times.a);
      const baselineS = median(times.b);
      const frames = Array.from({ length: REFERENCE_FRAMES }, (_, n) => Math.round(((n + 0.5) * SIDE) / REFERENCE_FRAMES));
      const exact = new Map<number, Float64Array>();
      const t2 = performance.now();
      for (const k of frames) exact.set(k, referenceFrame(request, k));
      const referenceFullS = ((performance.now() - t2) / 1000 / frames.length) * SIDE;
      const engineDeviation = deviationFromExact(engineGrid!, exact);
      const baselineDeviation = deviationFromExact(baselineGrid!, exact);
      const met = engineS <= TARGET_S[model];
      const engineCpuS = median(cpu.engine);
      const baselineCpuS = median(cpu.baseline);
      const idleS = (cpuS: number) => cpuS / Math.min(workers, availableParallelism());
      lines.push(
        row([
          model,
          engineS.toFixed(2),
          baselineS.toFixed(2),
          times.ratio.toFixed(2),
          `≤ ${TARGET_S[model]} s: ${met ? 'met' : 'NOT MET'}`,
          `${engineCpuS.toFixed(2)} (${baselineCpuS.toFixed(2)})`,
          `${idleS(engineCpuS).toFixed(2)} (${idleS(baselineCpuS).toFixed(2)})`,
          referenceFullS.toFixed(1),
          ((voxels * SEEDS) / engineS / 1e6).toFixed(0),
          `${(engineDeviation * 100).toFixed(3)}% (${(baselineDeviation * 100).toFixed(3)}%)`,
        ]),
      );
      figures.push(
        {
          part: 'dose', name: `${model} grid, wall (median of ${ROUNDS})`, unit: 's', value: engineS, baseline: baselineS,
          baselineName: 'JavaScript kernels', ratio: times.ratio, target: `≤ ${TARGET_S[model]} s`, met,
        },
        {
          part: 'dose', name: `${model} grid, CPU of all threads (median of ${ROUNDS})`, unit: 's', value: engineCpuS,
          baseline: baselineCpuS, baselineName: 'JavaScript kernels',
        },
        {
          part: 'dose', name: `${model} largest deviation from exact TG-43`, unit: '%', value: engineDeviation * 100,
          baseline: baselineDeviation * 100, baselineName: 'JavaScript kernels',
        },
      );
    }
  } finally {
    await Promise.all([engine.close(), baseline.close()]);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${SEEDS} seeds, ${SIDE}³ = ${(voxels / 1e6).toFixed(3)} M voxels at ${SPACING_MM} mm, ${workers} worker thread(s) per engine ` +
      `(pool start-up ${startupS.toFixed(2)} s, not counted); engine and baseline alternated ${ROUNDS} times (medians); ` +
      `reference loop timed on ${REFERENCE_FRAMES} frames and extrapolated\n\n`,
  );
  process.stdout.write(
    `${row(['model', 'engine s (wall)', 'baseline s (JS kernels)', 'ratio (paired)', 'target', 'CPU s, all threads (baseline)', 'wall on idle cores s, est. (baseline)', 'reference loop s (est.)', 'M seed·voxels/s', 'max deviation from exact (baseline)'])}\n`,
  );
  process.stdout.write(`${row(Array(10).fill('---'))}\n`);
  for (const l of lines) process.stdout.write(`${l}\n`);
  process.stdout.write(`\npeak memory (max RSS, whole process incl. workers): ${maxRssMb.toFixed(0)} MB\n`);
  process.stdout.write(`load average during the run (1 min): ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores\n`);
  return figures;
}
