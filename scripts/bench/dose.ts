/**
 * Dose-grid benchmark (issue 4 item 8): 90 I-125 seeds (0.762 U, model 6711, line source along a common needle
 * direction) on a 1 mm grid over a 15 cm cube (150³ = 3.375 M voxels), target under 2 s on this 2-core machine.
 *
 * Compared in the same run:
 *   - the engine: table-driven kernel (core/dose/computeDoseGrid.ts) in a worker_threads pool, one per core;
 *   - a plain single-threaded reference loop: for each voxel, for each seed, the exact TG-43 evaluation
 *     (core/dose/doseAtPoints.ts seedDoseRateCGyPerH). It is far too slow for the whole grid, so it runs on
 *     REFERENCE_FRAMES evenly spaced frames and its full-grid time is extrapolated per frame; the same frames
 *     give the engine's largest relative deviation from the exact sum.
 * Peak memory: the process's maximum resident set (includes the worker threads).
 */
import { availableParallelism, loadavg } from 'node:os';
import { DoseWorkerPool } from '../../extensions/mrecist/src/cli/doseWorkerPool';
import { seedDoseRateCGyPerH } from '../../extensions/mrecist/src/core/dose/doseAtPoints';
import { effectiveTreatmentHours } from '../../extensions/mrecist/src/core/dose/decay';
import type { DoseGridGeometry, DoseGridRequest, DoseSeed } from '../../extensions/mrecist/src/core/dose/messages';
import type { DoseModelKind } from '../../extensions/mrecist/src/core/dose/tg43Lookup';
import type { Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';

const SEEDS = 90;
const SIDE = 150;
const SPACING_MM = 1;
const REFERENCE_FRAMES = 5;
const TARGET_S = 2;

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

export async function run(): Promise<void> {
  const seeds = benchSeeds();
  const voxels = SIDE ** 3;
  const workers = availableParallelism();
  const t0 = performance.now();
  const pool = new DoseWorkerPool(workers);
  await pool.warmUp();
  const startupS = (performance.now() - t0) / 1000;
  const lines: string[] = [];
  try {
    for (const model of ['line2d', 'point1d'] as DoseModelKind[]) {
      const request: DoseGridRequest = { seeds, geometry, model, basis: { kind: 'fullDecay' } };
      const t1 = performance.now();
      const cpu0 = process.cpuUsage();
      const grid = await pool.computeDoseGrid(request);
      const engineS = (performance.now() - t1) / 1000;
      // Process CPU time covers the worker threads too; on a busy machine CPU ÷ workers estimates the idle wall time.
      const cpu = process.cpuUsage(cpu0);
      const engineCpuS = (cpu.user + cpu.system) / 1e6;
      const frames = Array.from({ length: REFERENCE_FRAMES }, (_, n) => Math.round(((n + 0.5) * SIDE) / REFERENCE_FRAMES));
      let referenceS = 0;
      let maxDeviation = 0;
      for (const k of frames) {
        const t2 = performance.now();
        const exact = referenceFrame(request, k);
        referenceS += (performance.now() - t2) / 1000;
        exact.forEach((v, i) => {
          maxDeviation = Math.max(maxDeviation, Math.abs(grid.dose[k * SIDE * SIDE + i] / v - 1));
        });
      }
      const referenceFullS = (referenceS / frames.length) * SIDE;
      lines.push(
        row([
          model,
          engineS.toFixed(2),
          engineS < TARGET_S ? 'yes' : 'NO',
          engineCpuS.toFixed(2),
          (engineCpuS / workers).toFixed(2),
          referenceFullS.toFixed(1),
          (referenceFullS / engineS).toFixed(0),
          (voxels / engineS / 1e6).toFixed(2),
          ((voxels * SEEDS) / engineS / 1e6).toFixed(0),
          `${(maxDeviation * 100).toFixed(3)}%`,
        ]),
      );
    }
  } finally {
    await pool.close();
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${SEEDS} seeds, ${SIDE}³ = ${(voxels / 1e6).toFixed(3)} M voxels at ${SPACING_MM} mm, ${workers} worker thread(s) ` +
      `(pool start-up ${startupS.toFixed(2)} s, not counted); reference loop timed on ${REFERENCE_FRAMES} frames and extrapolated\n\n`,
  );
  process.stdout.write(
    `${row(['model', 'engine s (wall)', `< ${TARGET_S} s`, 'engine CPU s', 'CPU s ÷ workers', 'reference loop s (est.)', 'speed-up ×', 'M voxels/s', 'M seed·voxels/s', 'max deviation from exact'])}\n`,
  );
  process.stdout.write(`${row(Array(10).fill('---'))}\n`);
  for (const l of lines) process.stdout.write(`${l}\n`);
  process.stdout.write(`\npeak memory (max RSS, whole process incl. workers): ${maxRssMb.toFixed(0)} MB\n`);
  // Other work on the machine slows every figure; the 1-minute load average says how busy it was.
  process.stdout.write(`load average during the run (1 min): ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores\n`);
}
