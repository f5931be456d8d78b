/**
 * The demo patient in our mode, in real Chromium: both viewports render images, the hanging protocol puts the
 * baseline (earliest study) left and the current follow-up (latest) right, the panel lists every timepoint in
 * date order, and a window preset reaches the viewport. Expected values come from the DICOM files themselves
 * (demoStudies.ts), not from the viewer's manifest. Screenshots and timings go to artifacts/browser/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { daysBetween, overlayDate, readDemoStudies, type DemoStudy } from './demoStudies';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { looksRendered, overlayText, timepointPanelRows, viewportCanvasStats, viewportStudy, waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DICOM_DIR = process.env.MRECIST_DEMO_DICOM_DIR ?? path.join(REPO, 'demo-data', 'dicom');
const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');
/** Page load to rendered viewports took 8–10 s on 2 cores with SwiftShader; leave room for a busy machine. */
const RENDER_TIMEOUT_MS = 90_000;

jest.setTimeout(240_000);

let server: RunningServer;
let chromium: LaunchedChromium;
let studies: DemoStudy[];
let pageLoadToFirstImageMs: number;
let pageLoadToBothImagesMs: number;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'viewer', 'index.html'))) throw new Error('dist/viewer missing: run node scripts/build.mjs');
  if (!existsSync(DEMO_DICOM_DIR)) throw new Error(`${DEMO_DICOM_DIR} missing: run npx tsx scripts/demo/generateDemo.ts --out demo-data`);
  mkdirSync(ARTIFACTS, { recursive: true });
  studies = readDemoStudies(DEMO_DICOM_DIR);
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: DEMO_DICOM_DIR, port: 0 });
  chromium = await launchChromium({ viewport: { width: 1600, height: 900 } });
  const { page } = chromium;
  const started = Date.now();
  await page.goto(demoViewerUrl(server.url, server.demo!));
  const describe = async () =>
    JSON.stringify({
      baseline: await viewportCanvasStats(page, VIEWPORT_ID.baseline),
      current: await viewportCanvasStats(page, VIEWPORT_ID.current),
      consoleErrors: chromium.consoleErrors.slice(-5),
    });
  await waitUntil(
    async () => looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)) || looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
    RENDER_TIMEOUT_MS,
    describe,
  );
  pageLoadToFirstImageMs = Date.now() - started;
  await waitUntil(
    async () => looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)) && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
    RENDER_TIMEOUT_MS,
    describe,
  );
  pageLoadToBothImagesMs = Date.now() - started;
  writeFileSync(path.join(ARTIFACTS, 'timings.json'), JSON.stringify({ pageLoadToFirstImageMs, pageLoadToBothImagesMs }, null, 2) + '\n');
  await page.screenshot({ path: path.join(ARTIFACTS, 'demo-baseline-vs-current.png') });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

describe('demo patient in the mrecist mode', () => {
  it('has a baseline and at least one follow-up in the demo case', () => {
    expect(new Set(studies.map((s) => s.patientId)).size).toBe(1);
    expect(studies.length).toBeGreaterThanOrEqual(2);
  });

  it('renders non-blank images in both viewports', async () => {
    for (const viewportId of [VIEWPORT_ID.baseline, VIEWPORT_ID.current]) {
      const stats = await viewportCanvasStats(chromium.page, viewportId);
      expect(looksRendered(stats)).toBe(true);
    }
    expect(pageLoadToBothImagesMs).toBeGreaterThan(0);
  });

  it('hangs the earliest study on the left and the latest on the right, arterial phase', async () => {
    const baseline = studies[0];
    const current = studies[studies.length - 1];
    const left = await viewportStudy(chromium.page, VIEWPORT_ID.baseline);
    const right = await viewportStudy(chromium.page, VIEWPORT_ID.current);
    expect(left?.studyInstanceUid).toBe(baseline.studyInstanceUid);
    expect(right?.studyInstanceUid).toBe(current.studyInstanceUid);
    // What the reader sees: the study date in each viewport's overlay.
    expect(await overlayText(chromium.page, VIEWPORT_ID.baseline, 'top-left')).toContain(overlayDate(baseline.studyDate));
    expect(await overlayText(chromium.page, VIEWPORT_ID.current, 'top-left')).toContain(overlayDate(current.studyDate));
    // The left pane is left of the right one on screen.
    const boxes = await Promise.all(
      [VIEWPORT_ID.baseline, VIEWPORT_ID.current].map((id) => chromium.page.locator(`[data-viewportid="${id}"]`).boundingBox()),
    );
    expect(boxes[0]!.x).toBeLessThan(boxes[1]!.x);
    for (const [study, shown] of [[baseline, left], [current, right]] as const) {
      const hasArterial = study.seriesDescriptions.some((d) => /arterial/i.test(d));
      if (hasArterial) expect(shown?.seriesDescription).toMatch(/arterial/i);
    }
  });

  it('lists every timepoint in date order in the panel, baseline first, with days since baseline', async () => {
    const rows = await timepointPanelRows(chromium.page);
    expect(rows.map((r) => r.studyInstanceUid)).toEqual(studies.map((s) => s.studyInstanceUid));
    expect(rows.map((r) => r.studyDate)).toEqual(studies.map((s) => s.studyDate));
    expect(rows.map((r) => r.role)).toEqual(['baseline', ...studies.slice(1).map(() => 'follow-up')]);
    expect(rows.map((r) => r.current)).toEqual(studies.map((_, i) => i === studies.length - 1));
    expect(rows.map((r) => Number(r.daysSinceBaseline))).toEqual(studies.map((s) => daysBetween(studies[0].studyDate, s.studyDate)));
    expect(rows[0].text).toContain('Baseline');
    expect(rows[0].viewportIds).toBe(VIEWPORT_ID.baseline);
    expect(rows[rows.length - 1].viewportIds).toBe(VIEWPORT_ID.current);
  });

  it('applies the liver window preset (W150 L90) to both CT viewports', async () => {
    const { page } = chromium;
    await page.locator('[data-cy="mrecistWindowLiver-btn"]').click();
    const bothShowPreset = async () => {
      const texts = await Promise.all([VIEWPORT_ID.baseline, VIEWPORT_ID.current].map((id) => overlayText(page, id, 'bottom-left')));
      return texts.every((text) => /W:\s*150\b[\s\S]*L:\s*90\b/.test(text));
    };
    await waitUntil(bothShowPreset, 10_000, async () => `overlays: ${await overlayText(page, VIEWPORT_ID.baseline, 'bottom-left')} | ${await overlayText(page, VIEWPORT_ID.current, 'bottom-left')}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-liver-window.png') });
  });
});

describe('the read\'s baseline', () => {
  it('hangs on the left after the reader moved it, also after a reload (the hanging protocol alone hangs the earliest study)', async () => {
    const { page } = chromium;
    const chosen = studies[1];
    await page.locator(`[data-testid="mrecist-timepoint"][data-study-instance-uid="${chosen.studyInstanceUid}"] [data-testid="mrecist-set-baseline"]`).click();
    await page.reload();
    await waitUntil(
      async () => (await viewportStudy(page, VIEWPORT_ID.baseline))?.studyInstanceUid === chosen.studyInstanceUid && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)),
      RENDER_TIMEOUT_MS,
      async () => `left viewport shows ${JSON.stringify(await viewportStudy(page, VIEWPORT_ID.baseline))}, the read's baseline is ${chosen.studyInstanceUid}`,
    );
    expect((await viewportStudy(page, VIEWPORT_ID.current))?.studyInstanceUid).toBe(studies[studies.length - 1].studyInstanceUid);
  });
});

describe('server', () => {
  it('sends the study-list root to the demo patient when serving the demo', async () => {
    const response = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(demoViewerUrl('', server.demo!));
  });

  it('serves the viewer cross-origin isolated, with the import map before the first script', async () => {
    const response = await fetch(`${server.url}/mrecist/dicomjson`);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const html = await response.text();
    expect(html.indexOf('<script type="importmap">')).toBe(html.indexOf('<script'));
    expect(await chromium.page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  });
});
