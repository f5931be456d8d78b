/**
 * Overlay frame-rate benchmark (issue 5 acceptance): in headless Chromium on the built viewer with the demo
 * patient, scroll a viewport slice by slice with the seed and isodose overlay off, then on, and report frames per
 * second for each and their ratio. Targets: overlays on against off at least 0.95 on both viewports (issue 16,
 * the median of the ratios of alternating off/on passes), and above 30 slices per second with overlays (issue 5).
 *
 * Scrolling is driven as fast as the viewer shows slices (see scrollPass), in Chromium with software
 * compositing (the browser tests' setting, see launchChromium), and once more with SwiftShader compositing for
 * reference. Images are loaded into the host's cache by a warm-up pass first, so all passes measure rendering, not network.
 * "On, first pass" computes each plane's isodose in the worker as it is reached (drawn when it arrives);
 * "on, cached" scrolls the same slices again.
 *
 * Environment: MRECIST_DEMO_DICOM_DIR (default demo-data/dicom), MRECIST_BENCH_STEPS (default 60 per pass),
 * MRECIST_BENCH_ROUNDS (default 7 alternating off/on rounds: single passes vary by ±15 % on this machine).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { launchChromium, type Compositing } from '../../test/browser/launchChromium';
import { demoViewerUrl, startServer } from '../serve/startServer';
import { median, type BenchFigure } from './lib/figures';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DICOM_DIR = process.env.MRECIST_DEMO_DICOM_DIR ?? path.join(REPO, 'demo-data', 'dicom');
const STEPS = Number(process.env.MRECIST_BENCH_STEPS ?? 60);
const ROUNDS = Number(process.env.MRECIST_BENCH_ROUNDS ?? 7);
const TARGET_FPS = 30;
const TARGET_RATIO = 0.95;

interface PassResult {
  /** Slices shown per second. */
  fps: number;
  /** Animation frames per second during the pass. */
  animationFps: number;
  meanFrameMs: number;
  p95FrameMs: number;
  overlayDrawMeanMs: number;
  overlayDrawMaxMs: number;
}

/** The pass with the median frame rate. */
function medianPass(passes: PassResult[]): PassResult {
  return [...passes].sort((a, b) => a.fps - b.fps)[passes.length >> 1];
}

type Page = Awaited<ReturnType<typeof launchChromium>>['page'];

/**
 * Scrolls `steps` images back and forth over the middle of the stack as fast as the viewer shows them: each
 * IMAGE_RENDERED of the viewport (our overlay draws inside that event) asks for the next slice at once, so the
 * host renders one new slice on every animation frame the browser can produce. Asking only after the next
 * requestAnimationFrame would spend two animation frames per slice and cap the measure at half the display rate
 * (30 fps at 60 Hz). The pass ends one animation frame after the last slice, so its paint is counted too.
 * Animation frames per second are returned alongside: Chromium starts a frame only when the compositor has taken
 * the previous one, so a slow paint or composite shows up there, not only in JavaScript time.
 */
export async function scrollPass(page: Page, viewportId: string, steps: number): Promise<PassResult> {
  return page.evaluate(
    async ([id, count]) => {
      const w = window as any;
      const cs = w.cornerstone;
      const vp = cs.getRenderingEngines()[0].getViewport(id);
      const n: number = vp.getImageIds().length;
      const lo = Math.floor(n * 0.1), hi = Math.ceil(n * 0.9) - 1;
      const stats = w.services.mrecistSessionService.session.overlay.drawStats;
      const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      await vp.setImageIdIndex(lo);
      await nextFrame();
      stats.frames = 0;
      stats.totalMs = 0;
      stats.maxMs = 0;
      let animationFrames = 0, counting = true;
      const countFrame = () => {
        animationFrames++;
        if (counting) requestAnimationFrame(countFrame);
      };
      requestAnimationFrame(countFrame);
      let k = lo, direction = 1;
      const step = () => {
        if (k + direction > hi || k + direction < lo) direction = -direction;
        k += direction;
        void vp.setImageIdIndex(k);
      };
      const frames: number[] = [];
      const started = performance.now();
      await new Promise<void>((resolve) => {
        let last = started;
        const onRendered = () => {
          const now = performance.now();
          frames.push(now - last);
          last = now;
          if (frames.length >= count) {
            vp.element.removeEventListener(cs.Enums.Events.IMAGE_RENDERED, onRendered);
            resolve();
          } else step();
        };
        vp.element.addEventListener(cs.Enums.Events.IMAGE_RENDERED, onRendered);
        step();
      });
      await nextFrame();
      const total = performance.now() - started;
      counting = false;
      const sorted = [...frames].sort((a, b) => a - b);
      return {
        fps: (1000 * count) / total,
        animationFps: (1000 * animationFrames) / total,
        meanFrameMs: total / count,
        p95FrameMs: sorted[Math.floor(0.95 * (sorted.length - 1))],
        overlayDrawMeanMs: stats.frames ? stats.totalMs / stats.frames : 0,
        overlayDrawMaxMs: stats.maxMs,
      };
    },
    [viewportId, steps] as const,
  );
}

export async function setOverlay(page: Page, enabled: boolean): Promise<void> {
  await page.evaluate((on) => {
    const store = (globalThis as any).services?.mrecistSessionService?.session?.overlayStore;
    if (store.getState().enabled !== on) (window as any).commandsManager.runCommand('mrecistToggleOverlay');
  }, enabled);
}

const f1 = (x: number) => x.toFixed(1);

const HEADER = ['compositing', 'viewport', 'overlay', 'slices/s', 'animation frames/s', 'mean frame ms', 'p95 frame ms', 'overlay draw mean ms', 'overlay draw max ms'];

interface Measured {
  rows: string[][];
  readyMs: number;
  timings: Record<string, number>;
  placements: Array<{ date: string; method: string; rmsMm?: number; migrated?: number; paired?: number }>;
  /** Every viewport with the overlay on stayed at or above the target. */
  meetsTarget: boolean;
  figures: BenchFigure[];
}

/** Opens the demo in a fresh Chromium with the given compositing and measures both viewports. */
async function measure(serverUrl: string, demo: NonNullable<Awaited<ReturnType<typeof startServer>>['demo']>, compositing: Compositing, rounds: number): Promise<Measured> {
  const chromium = await launchChromium({ viewport: { width: 1600, height: 900 }, compositing });
  try {
    const { page } = chromium;
    // tsx (esbuild, keepNames) wraps named inner functions of page.evaluate callbacks in __name(); the page lacks it.
    await page.addInitScript('globalThis.__name = (f) => f;');
    const loadStarted = Date.now();
    await page.goto(demoViewerUrl(serverUrl, demo));
    // Ready: plan loaded, and no study placement still running (background registrations use the worker and CPU).
    await page.waitForFunction(
      () => {
        const state = (globalThis as any).services?.mrecistSessionService?.session?.overlayStore?.getState();
        const placements = Object.values(state?.placements ?? {}) as Array<{ method: string }>;
        return state?.planStatus === 'ready' && placements.length >= 2 && placements.every((p) => p.method !== 'pending');
      },
      undefined,
      { timeout: 180_000, polling: 500 },
    );
    const readyMs = Date.now() - loadStarted;
    const rows: string[][] = [];
    let meetsTarget = true;
    const figures: BenchFigure[] = [];
    for (const viewportId of [VIEWPORT_ID.baseline, VIEWPORT_ID.current]) {
      await setOverlay(page, false);
      await scrollPass(page, viewportId, STEPS); // warm-up: images into the host cache
      await setOverlay(page, true);
      const onFirst = await scrollPass(page, viewportId, STEPS);
      // Off and on alternate, `rounds` times each, and the median pass counts: on a shared machine the load drifts
      // between passes, and alternating keeps that drift out of the comparison.
      const offPasses: PassResult[] = [], onPasses: PassResult[] = [];
      for (let round = 0; round < rounds; round++) {
        await setOverlay(page, false);
        offPasses.push(await scrollPass(page, viewportId, STEPS));
        await setOverlay(page, true);
        onPasses.push(await scrollPass(page, viewportId, STEPS));
      }
      const off = medianPass(offPasses), onCached = medianPass(onPasses);
      for (const [label, r] of [['off (median)', off], ['on, first pass', onFirst], ['on, cached (median)', onCached]] as const)
        rows.push([compositing, viewportId, label, f1(r.fps), f1(r.animationFps), f1(r.meanFrameMs), f1(r.p95FrameMs), r.overlayDrawMeanMs.toFixed(2), r.overlayDrawMaxMs.toFixed(2)]);
      const meets = Math.min(onFirst.fps, onCached.fps) > TARGET_FPS;
      meetsTarget &&= meets;
      // Each on pass beside the off pass just before it: load drifting on a shared machine stays out of the ratio.
      const ratio = median(onPasses.map((on, k) => on.fps / offPasses[k].fps));
      rows.push([compositing, viewportId, 'ratio on/off (median of alternating pairs)', ratio.toFixed(2), '', '', '', '', '']);
      figures.push(
        { part: 'overlay', name: `scrolling ${viewportId}, overlays on (cached) against off`, unit: 'slices/s', value: onCached.fps, baseline: off.fps, baselineName: 'overlays off', ratio, target: `ratio ≥ ${TARGET_RATIO}`, met: ratio >= TARGET_RATIO },
        { part: 'overlay', name: `scrolling ${viewportId}, overlays on, slower of first and cached pass`, unit: 'slices/s', value: Math.min(onFirst.fps, onCached.fps), baseline: off.fps, baselineName: 'overlays off', target: `> ${TARGET_FPS} slices/s`, met: meets },
      );
      rows.push([compositing, viewportId, `on > ${TARGET_FPS} slices/s`, meets ? 'yes' : 'NO', '', '', '', '', '']);
    }
    const timings = await page.evaluate(() => (globalThis as any).services?.mrecistSessionService?.session?.overlayStore.getState().timingsMs as Record<string, number>);
    const placements = await page.evaluate(() =>
      Object.values((globalThis as any).services?.mrecistSessionService?.session?.overlayStore.getState().placements).map((p: any) => ({
        date: p.studyDate,
        method: p.method,
        rmsMm: p.seeds?.rmsMm,
        migrated: p.seeds?.migrated?.length,
        paired: p.seeds?.pairedCount,
      })),
    );
    return { rows, readyMs, timings, placements, meetsTarget, figures };
  } finally {
    await chromium.close();
  }
}

/** Figures (with targets) from the software-compositing measurement, the one the targets are judged on. */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(path.join(REPO, 'dist', 'viewer', 'index.html'))) throw new Error('dist/viewer missing: run node scripts/build.mjs');
  if (!existsSync(path.join(DEMO_DICOM_DIR, 'pre-implant', 'rtplan'))) throw new Error(`${DEMO_DICOM_DIR} has no RT Plan: run npm run demo -- --out demo-data`);
  const server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: DEMO_DICOM_DIR, port: 0 });
  try {
    // The target is judged with the compositing the browser tests use; SwiftShader compositing is measured once
    // more, for reference, to show what the page costs when every layer goes through emulated GL.
    const main = await measure(server.url, server.demo!, 'software', ROUNDS);
    const reference = await measure(server.url, server.demo!, 'swiftshader', 1);
    const load = os.loadavg()[0];
    process.stdout.write(
      `${STEPS} slices per pass, ${ROUNDS} alternating off/on rounds (1 for swiftshader), page load to overlays ready ${main.readyMs} ms, load average ${load.toFixed(1)} on ${os.cpus().length} cores\n`,
    );
    process.stdout.write(`| ${HEADER.join(' | ')} |\n|${HEADER.map(() => '---').join('|')}|\n`);
    for (const row of [...main.rows, ...reference.rows]) process.stdout.write(`| ${row.join(' | ')} |\n`);
    process.stdout.write(`\ntarget (software compositing, overlay on, both viewports, first and cached passes above ${TARGET_FPS} slices/s): ${main.meetsTarget ? 'met' : 'NOT met'}\n`);
    process.stdout.write('\nworker times (ms, last of each kind):\n');
    for (const [name, ms] of Object.entries(main.timings)) process.stdout.write(`  ${name}: ${f1(ms)}\n`);
    process.stdout.write('\nplan placement per study:\n');
    for (const p of main.placements)
      process.stdout.write(`  ${p.date}: ${p.method}${p.rmsMm !== undefined ? `, RMS ${p.rmsMm.toFixed(2)} mm, ${p.paired} paired, ${p.migrated} migrated/missing` : ''}\n`);
    return main.figures;
  } finally {
    await server.close();
  }
}
