/**
 * A patient without an implant plan (the MRI demo patient P13: no RT Plan, no RT Dose) in real Chromium: every
 * image viewport says so in its corner, and switching the overlay off does not replace that with "hidden".
 * That the patient has no plan is read from the DICOM files here, not from the viewer.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { walk } from './demoStudies';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { waitForReadViewer } from './readViewerReady';
import { waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DIR = process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data');
const MRI_DICOM_DIR = path.join(DEMO_DIR, 'mri', 'dicom');
const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');
const RENDER_TIMEOUT_MS = 90_000;
const NO_PLAN = 'No implant plan for this patient';

jest.setTimeout(240_000);

let server: RunningServer;
let chromium: LaunchedChromium;

/** Modalities of the files' instances (header only). */
function modalitiesIn(dir: string): Set<string> {
  const out = new Set<string>();
  for (const file of walk(dir)) {
    const bytes = readFileSync(file);
    if (bytes.length < 132 || bytes.toString('latin1', 128, 132) !== 'DICM') continue;
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    out.add(String(dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(ab, { untilTag: '7FE00010' }).dict).Modality));
  }
  return out;
}

/** Per overlay layer (one per image viewport): the sign's text when visible, '' when not. */
async function signs(): Promise<string[]> {
  return chromium.page.evaluate(() =>
    [...document.querySelectorAll('svg[data-mrecist-overlay]')].map((svg) => {
      const sign = document.querySelector(`[data-testid="mrecist-overlay-sign"][data-viewport-id="${svg.getAttribute('data-mrecist-overlay')}"]`) as HTMLElement | null;
      return sign && sign.offsetParent !== null ? sign.innerText : '';
    }),
  );
}

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'viewer', 'index.html'))) throw new Error('dist/viewer missing: run node scripts/build.mjs');
  if (!existsSync(MRI_DICOM_DIR)) throw new Error(`${MRI_DICOM_DIR} missing: run npx tsx scripts/demo/generateDemo.ts --out demo-data`);
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: MRI_DICOM_DIR, port: 0 });
  chromium = await launchChromium({ viewport: { width: 1600, height: 900 } });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

it('says "No implant plan for this patient" on every viewport of a patient without RT Plan or RT Dose, hidden or not', async () => {
  const modalities = modalitiesIn(MRI_DICOM_DIR);
  expect(modalities.has('MR')).toBe(true);
  expect(modalities.has('RTPLAN') || modalities.has('RTDOSE')).toBe(false);
  const { page } = chromium;
  await page.goto(demoViewerUrl(server.url, server.demo!));
  await waitForReadViewer(chromium, RENDER_TIMEOUT_MS);
  await waitUntil(
    async () => {
      const shown = await signs();
      return shown.length >= 2 && shown.every((s) => s === NO_PLAN);
    },
    30_000,
    async () => JSON.stringify(await signs()),
  );
  await page.screenshot({ path: path.join(ARTIFACTS, 'overlay-no-plan-sign.png') });
  // Hiding the (absent) overlay does not turn the sign into "hidden": there is nothing to show.
  await page.evaluate(() => (window as any).commandsManager.runCommand('mrecistToggleOverlay'));
  expect((await signs()).every((s) => s === NO_PLAN)).toBe(true);
  await page.evaluate(() => (window as any).commandsManager.runCommand('mrecistToggleOverlay'));
});
