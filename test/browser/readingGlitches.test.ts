/**
 * Reading glitches a new user met, each reproduced in the real viewer on the CT demo patient:
 *  - the window reset to the images' own (W180 L60) when another timepoint was opened;
 *  - the first click on a lesion's cell after *vs BL* did not move the viewport (a second click did).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { waitForReadViewer } from './readViewerReady';
import { drawLine, showSliceNearest, storeSnapshot, type Vec3 } from './readWorkflowPage';
import { looksRendered, overlayText, viewportCanvasStats, viewportStudy, waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DIR = process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data');
const RENDER_TIMEOUT_MS = 90_000;

jest.setTimeout(300_000);

let server: RunningServer;
let chromium: LaunchedChromium;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'viewer', 'index.html'))) throw new Error('dist/viewer missing: run node scripts/build.mjs');
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: path.join(DEMO_DIR, 'dicom'), port: 0 });
  chromium = await launchChromium({ viewport: { width: 1800, height: 1000 } });
  const { page } = chromium;
  await page.goto(demoViewerUrl(server.url, server.demo!));
  await waitForReadViewer(chromium, RENDER_TIMEOUT_MS);
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const windowShown = async (viewportId: string) => {
  const m = /W:\s*(-?[\d.]+)[\s\S]*L:\s*(-?[\d.]+)/.exec(await overlayText(chromium.page, viewportId, 'bottom-left'));
  return m ? `W${Number(m[1])} L${Number(m[2])}` : '';
};

it("opening another timepoint keeps the reader's window on both sides (it was reset to the images' W180 L60)", async () => {
  const { page } = chromium;
  const read = (await storeSnapshot(page))!.read;
  // The reader sets the liver window on both sides.
  await page.locator('[data-cy="mrecistWindowLiver-btn"]').click();
  await waitUntil(
    async () => (await windowShown(VIEWPORT_ID.baseline)) === 'W150 L90' && (await windowShown(VIEWPORT_ID.current)) === 'W150 L90',
    10_000,
    async () => `before: ${await windowShown(VIEWPORT_ID.baseline)} | ${await windowShown(VIEWPORT_ID.current)}`,
  );
  // Open a follow-up other than the one on the right, against the baseline.
  const shownRight = (await viewportStudy(page, VIEWPORT_ID.current))?.studyInstanceUid;
  const other = read.timepoints.find((t) => !t.baseline && t.studyInstanceUid !== shownRight)!;
  await page.locator(`[data-testid="mrecist-timepoint"][data-timepoint-id="${other.id}"] [data-testid="mrecist-open-vs-baseline"]`).click();
  await waitUntil(
    async () => (await viewportStudy(page, VIEWPORT_ID.current))?.studyInstanceUid === other.studyInstanceUid && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
    RENDER_TIMEOUT_MS,
    async () => `right viewport did not switch to ${other.id}`,
  );
  // Give the host time to apply whatever window it applies to the new stack.
  await page.waitForTimeout(1_500);
  expect(await windowShown(VIEWPORT_ID.current)).toBe('W150 L90');
  expect(await windowShown(VIEWPORT_ID.baseline)).toBe('W150 L90');
});

it("one click on a lesion's cell right after vs BL brings the opened timepoint's viewport to the lesion", async () => {
  const { page } = chromium;
  const truth = JSON.parse(readFileSync(path.join(DEMO_DIR, 'truth.json'), 'utf8')) as { studies: Array<{ studyInstanceUid: string; lesionCentreMm: Vec3; lesionRadiusMm: number }> };
  // A fresh page: a line drawn right after the previous test's series swap is not recorded (another glitch of
  // the issue, not fixed here), and this test is about the click.
  await page.reload();
  await waitForReadViewer(chromium, RENDER_TIMEOUT_MS);
  let read = (await storeSnapshot(page))!.read;
  const baseline = read.timepoints.find((t) => t.baseline)!;
  const atBaseline = truth.studies.find((s) => s.studyInstanceUid === baseline.studyInstanceUid)!;
  // T1 at the baseline, drawn on the left; it stays selected.
  await page.locator('[data-cy="Length"]').or(page.locator('[data-cy="Length-btn"]')).first().click();
  await showSliceNearest(page, VIEWPORT_ID.baseline, atBaseline.lesionCentreMm);
  const c = atBaseline.lesionCentreMm;
  const after = await drawLine(page, VIEWPORT_ID.baseline, [c[0] - 8, c[1], c[2]], [c[0] + 8, c[1], c[2]]);
  expect(after.selectedLesionId).toBe('T1');
  read = after.read;
  // vs BL on a follow-up not shown on the right, then ONE click on T1's cell there.
  const shownRight = (await viewportStudy(page, VIEWPORT_ID.current))?.studyInstanceUid;
  const followUp = read.timepoints.find((t) => !t.baseline && t.studyInstanceUid !== shownRight)!;
  const lesion = truth.studies.find((s) => s.studyInstanceUid === followUp.studyInstanceUid)!;
  await page.locator(`[data-testid="mrecist-timepoint"][data-timepoint-id="${followUp.id}"] [data-testid="mrecist-open-vs-baseline"]`).click();
  await page.locator(`[data-testid="mrecist-lesion-row"][data-lesion-id="T1"] [data-testid="mrecist-lesion-cell"][data-timepoint-id="${followUp.id}"]`).click();
  await waitUntil(
    async () => (await viewportStudy(page, VIEWPORT_ID.current))?.studyInstanceUid === followUp.studyInstanceUid && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
    RENDER_TIMEOUT_MS,
    async () => `right viewport did not switch to ${followUp.id}`,
  );
  const sliceZ = () =>
    page.evaluate((id) => {
      const w = window as unknown as { services: any; cornerstone: any };
      const viewport = w.services.cornerstoneViewportService.getCornerstoneViewport(id);
      return w.cornerstone.metaData.get('imagePlaneModule', viewport.getCurrentImageId()).imagePositionPatient[2] as number;
    }, VIEWPORT_ID.current);
  // The slice shown cuts the lesion (through the registration between the studies' frames of reference).
  await waitUntil(async () => Math.abs((await sliceZ()) - lesion.lesionCentreMm[2]) < lesion.lesionRadiusMm, 15_000, async () => `right viewport at z ${await sliceZ()}, lesion centre ${lesion.lesionCentreMm[2]}`);
});
