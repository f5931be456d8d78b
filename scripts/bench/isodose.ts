/**
 * Isodose benchmark (issue 4 item 8): contouring one 512 × 512 dose plane at the 6 default levels (50–200 % of
 * 145 Gy), target under 5 ms per plane so scrolling stays smooth. Compared in the same run, end to end from plane
 * samples to rings in patient coordinates:
 *   - ours: core/dose/isodoseMarchingSquares.ts (tile-skipping marching squares, centre-mean saddles);
 *   - d3-contour 4.0.3 (contours().thresholds(levels)), its rings mapped to patient coordinates the same way.
 * Agreement: every d3 vertex (shifted by −½ pixel: d3 puts sample (i, j) at (i + ½, j + ½)) is compared with
 * the nearest vertex of our ring set at the same level; ring counts differ only where saddle rules differ
 * (d3 resolves saddles by a fixed case table, we by the cell-centre mean).
 * Also timed: filling the plane from a DoseGrid by trilinear lookup (sampleDosePlane).
 */
import { availableParallelism, loadavg } from 'node:os';
import { contours } from 'd3-contour';
import type { DoseGrid } from '../../extensions/mrecist/src/core/dose/DoseGrid';
import { isodoseLevels, isodoseLinesFromSamples } from '../../extensions/mrecist/src/core/dose/isodoseLines';
import { MarchingSquaresWorkspace } from '../../extensions/mrecist/src/core/dose/isodoseMarchingSquares';
import { planePointMm, sampleDosePlane, type DosePlane } from '../../extensions/mrecist/src/core/dose/isodosePlane';
import type { Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import type { BenchFigure } from './lib/figures';

const SIZE = 512;
const PRESCRIPTION_GY = 145;
const RUNS = 60;
const TARGET_MS = 5;

/** 40 point sources on a ring of needle tracks, 1/r² (capped), so the plane holds many nested and split contours. */
function doseAt(x: number, y: number, z: number, sources: Vec3[]): number {
  let d = 0;
  for (const s of sources) d += 1450 / Math.max(1, (x - s[0]) ** 2 + (y - s[1]) ** 2 + (z - s[2]) ** 2);
  return d;
}

function sources(): Vec3[] {
  let state = 7;
  const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  return Array.from({ length: 40 }, (_, n) => [((n % 8) - 3.5) * 14 + random() * 3, (Math.floor(n / 8) - 2) * 14 + random() * 3, random() * 6 - 3] as Vec3);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

export async function run(): Promise<BenchFigure[]> {
  const plane: DosePlane = { originMm: [-127.75, -127.75, 0], uDirection: [1, 0, 0], vDirection: [0, 1, 0], columns: SIZE, rows: SIZE, spacingMm: 0.5 };
  const src = sources();
  const values = new Float32Array(SIZE * SIZE);
  for (let j = 0; j < SIZE; j++) for (let i = 0; i < SIZE; i++) {
    const p = planePointMm(plane, i, j);
    values[j * SIZE + i] = doseAt(p[0], p[1], p[2], src);
  }
  const levels = isodoseLevels(PRESCRIPTION_GY);
  const thresholds = levels.map((l) => l.doseGy);

  const ws = new MarchingSquaresWorkspace(SIZE, SIZE);
  const ours = () => isodoseLinesFromSamples(plane, values, levels, ws);
  const d3 = () => {
    const generator = contours().size([SIZE, SIZE]).thresholds(thresholds);
    return generator(values as unknown as number[]).map((mp) => ({
      doseGy: mp.value,
      rings: mp.coordinates.flatMap((polygon) => polygon.map((ring) => ring.slice(1).map(([x, y]) => planePointMm(plane, x - 0.5, y - 0.5)))),
    }));
  };
  for (let w = 0; w < 10; w++) {
    ours();
    d3();
  }
  // Wall time and this thread's CPU time: the machine is shared, and CPU time is what the work costs when the
  // viewer has a core to itself.
  const time = (f: () => unknown, wall: number[], cpu: number[]) => {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  };
  const tOurs: number[] = [], tD3: number[] = [], cOurs: number[] = [], cD3: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    time(ours, tOurs, cOurs);
    time(d3, tD3, cD3);
  }

  // Agreement at each level.
  const a = ours(), b = d3();
  const rows: string[] = [];
  let worst = 0;
  for (let l = 0; l < levels.length; l++) {
    const mine = a[l].rings.flat();
    let maxD = 0;
    for (const p of b[l].rings.flat()) {
      let best = Infinity;
      for (const q of mine) best = Math.min(best, Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
      maxD = Math.max(maxD, best);
    }
    worst = Math.max(worst, maxD);
    rows.push(`| ${levels[l].percent} % (${levels[l].doseGy} Gy) | ${a[l].rings.length} | ${b[l].rings.length} | ${maxD.toFixed(3)} |`);
  }

  // Plane sampling from a 1 mm DoseGrid (trilinear), 150 × 150 × 60 voxels.
  const n = 150, frames = 60;
  const grid: DoseGrid = {
    originMm: [-74.5, -74.5, -29.5], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], columns: n, rows: n,
    rowSpacingMm: 1, columnSpacingMm: 1, frameOffsetsMm: Array.from({ length: frames }, (_, k) => k),
    dose: new Float32Array(n * n * frames), units: 'GY', frameOfReferenceUid: '1',
  };
  for (let k = 0; k < frames; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) grid.dose[k * n * n + j * n + i] = doseAt(i - 74.5, j - 74.5, k - 29.5, src);
  const oblique: DosePlane = { originMm: [-74, -74, -5], uDirection: [1, 0, 0], vDirection: [0, 0.98, 0.2], columns: SIZE, rows: SIZE, spacingMm: 148 / SIZE };
  for (let w = 0; w < 3; w++) sampleDosePlane(grid, oblique);
  const tSample: number[] = [], cSample: number[] = [];
  for (let r = 0; r < 20; r++) time(() => sampleDosePlane(grid, oblique), tSample, cSample);

  const mo = median(tOurs), md = median(tD3), co = median(cOurs), cd = median(cD3);
  process.stdout.write(
    [
      `Isodose lines: ${SIZE}×${SIZE} plane, ${levels.length} levels (${thresholds.join(', ')} Gy), median of ${RUNS} runs, rings in patient mm`,
      '',
      `Load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores while measuring.`,
      '',
      '| contouring | median wall ms/plane | median CPU ms/plane | target (CPU) |',
      '|---|---|---|---|',
      `| ours (marching squares, tiles) | ${mo.toFixed(2)} | ${co.toFixed(2)} | < ${TARGET_MS} ms ${co < TARGET_MS ? 'met' : 'MISSED'} |`,
      `| d3-contour 4.0.3 | ${md.toFixed(2)} | ${cd.toFixed(2)} | |`,
      `| ratio d3 / ours | ${(md / mo).toFixed(2)}× | ${(cd / co).toFixed(2)}× | |`,
      `| plane fill from DoseGrid (trilinear, oblique) | ${median(tSample).toFixed(2)} | ${median(cSample).toFixed(2)} | |`,
      '',
      '| level | rings (ours) | rings (d3) | max distance d3 vertex → our vertices (mm) |',
      '|---|---|---|---|',
      ...rows,
      '',
      `Largest distance ${worst.toFixed(3)} mm at 0.5 mm sampling: the same lines (d3 also linear along cell edges).`,
      '',
    ].join('\n'),
  );
  return [
    { part: 'isodose', name: `contour one ${SIZE}² plane, ${levels.length} levels (CPU, median of ${RUNS})`, unit: 'ms', value: co, baseline: cd, baselineName: 'd3-contour', ratio: co / cd, target: `< ${TARGET_MS} ms`, met: co < TARGET_MS },
  ];
}

if (require.main === module) run();
