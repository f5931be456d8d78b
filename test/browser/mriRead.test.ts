/**
 * A full read of the MRI demo patient P13 (gadoxetate MRI: baseline before the I-125 implant and two follow-ups)
 * as a new user does it with plain `npm start`'s server: the study list lists both demo patients, P13 opens in our
 * mode from its row, the target is measured (viable and whole) at every timepoint with the mouse, the case file
 * is exported with the panel's button, and `mrecist assess` of the export gives the responses the panel shows.
 * The lines on the image name their lesion and diameter. Screenshots go to artifacts/browser/mri-*.png.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assess } from '../../extensions/mrecist/src/core/criteria/assess';
import { parseCaseFile } from '../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type { CaseFile } from '../../extensions/mrecist/src/core/criteria/types';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { mriPatient, MRI_PATIENT } from '../../scripts/demo/mriPatient';
import { DEFAULT_SEED } from '../../scripts/demo/generateDemo';
import { startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { waitForReadViewer } from './readViewerReady';
import { displayedResponses, drawLine, showSliceNearest, storeSnapshot, type StoreSnapshot, type Vec3 } from './readWorkflowPage';
import { looksRendered, viewportCanvasStats, viewportStudy, waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DIR = process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data');
const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');
const SHOTS = process.env.MRECIST_SHOTS_DIR ?? ARTIFACTS;
const RENDER_TIMEOUT_MS = 90_000;

jest.setTimeout(400_000);

let server: RunningServer;
let chromium: LaunchedChromium;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'viewer', 'index.html'))) throw new Error('dist/viewer missing: run node scripts/build.mjs');
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  // As `npm start` serves them: the CT patient and the MRI patient side by side.
  server = await startServer({
    viewerDir: path.join(REPO, 'dist', 'viewer'),
    demoDicomDir: path.join(DEMO_DIR, 'dicom'),
    extraDemoDicomDirs: [path.join(DEMO_DIR, 'mri', 'dicom')],
    port: 0,
  });
  chromium = await launchChromium({ viewport: { width: 1800, height: 1000 } });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const mri = mriPatient(DEFAULT_SEED);

/** A line of this length centred on a point: left-right for viable diameters, front-back for whole ones. */
function lineAround(centre: Vec3, lengthMm: number, axis: 0 | 1): [Vec3, Vec3] {
  const a: Vec3 = [...centre];
  const b: Vec3 = [...centre];
  a[axis] -= lengthMm / 2;
  b[axis] += lengthMm / 2;
  return [a, b];
}

async function measure(viewportId: string, centre: Vec3, lengthMm: number, axis: 0 | 1): Promise<StoreSnapshot> {
  await showSliceNearest(chromium.page, viewportId, centre);
  const [a, b] = lineAround(centre, lengthMm, axis);
  return drawLine(chromium.page, viewportId, a, b);
}

async function viewportStudyUid(viewportId: string): Promise<string> {
  return chromium.page.evaluate((id) => {
    const services = (window as unknown as { services: any }).services;
    const uid = services.viewportGridService.getState().viewports.get(id)?.displaySetInstanceUIDs?.[0];
    return uid ? services.displaySetService.getDisplaySetByUID(uid)?.StudyInstanceUID ?? '' : '';
  }, viewportId);
}

it('study list lists both demo patients; a full read of the MRI patient: assess of the export equals the panel', async () => {
  const { page } = chromium;
  // 1. The study list: both demo patients.
  await page.goto(`${server.url}/`);
  const p13Row = page.getByText(MRI_PATIENT.name).first();
  await p13Row.waitFor({ timeout: 60_000 });
  await waitUntil(async () => (await page.getByText('MRECIST^DEMO TWELVE').count()) > 0, 20_000, async () => 'the CT patient is not listed');
  await page.screenshot({ path: path.join(SHOTS, 'mri-1-study-list.png') });
  // 2. P13 opens in our mode from its row.
  await p13Row.click();
  await page.getByRole('button', { name: /mRECIST liver follow-up/ }).first().click();
  await waitForReadViewer(chromium, RENDER_TIMEOUT_MS);
  let latest = (await storeSnapshot(page))!;
  // The read holds P13's three MRI studies, in date order, and nothing of the CT patient.
  expect(latest.read.patientId).toBe(MRI_PATIENT.id);
  expect(latest.read.timepoints.map((t) => t.studyInstanceUid)).toEqual(mri.studies.map((s) => s.studyInstanceUid));
  const ids = latest.read.timepoints.map((t) => t.id);
  for (const id of [VIEWPORT_ID.baseline, VIEWPORT_ID.current]) expect((await viewportStudy(page, id))?.seriesDescription).toBe('t1_vibe_fs_tra_art');
  await page.screenshot({ path: path.join(SHOTS, 'mri-2-opened.png') });

  await page.locator('[data-cy="Length"]').or(page.locator('[data-cy="Length-btn"]')).first().click();
  const wholeAxis = () => page.locator('[data-testid="mrecist-axis-whole"]').check();
  const viableAxis = () => page.locator('[data-testid="mrecist-measured-axis"] input[type="radio"]').first().check();
  const clickCell = (lesionId: string, timepointId: string) =>
    page.locator(`[data-testid="mrecist-lesion-row"][data-lesion-id="${lesionId}"] [data-testid="mrecist-lesion-cell"][data-timepoint-id="${timepointId}"]`).click();
  const viableMm = (i: number) => {
    const w = mri.studies[i].tumour.viableWindow;
    return w ? Math.round(Math.min(2 * w.radiusMm, 2 * mri.studies[i].tumour.lesion.radiusMm) * 0.8) : 0;
  };
  const wholeMm = (i: number) => Math.round(2 * mri.studies[i].tumour.lesion.radiusMm * 0.9);

  for (let i = 0; i < mri.studies.length; i++) {
    const centre = [...mri.studies[i].tumour.lesion.centreMm] as Vec3;
    const viewportId = i === 0 ? VIEWPORT_ID.baseline : VIEWPORT_ID.current;
    if (i > 0) {
      await page.locator(`[data-testid="mrecist-timepoint"][data-timepoint-id="${ids[i]}"] [data-testid="mrecist-open-vs-baseline"]`).click();
      await waitUntil(
        async () => (await viewportStudyUid(VIEWPORT_ID.current)) === mri.studies[i].studyInstanceUid && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
        RENDER_TIMEOUT_MS,
        async () => `right viewport did not switch to ${ids[i]}`,
      );
      // Both sides show the arterial series, as the hanging protocol hung them (not the T2 series).
      for (const id of [VIEWPORT_ID.baseline, VIEWPORT_ID.current]) expect((await viewportStudy(page, id))?.seriesDescription).toBe('t1_vibe_fs_tra_art');
      await clickCell('T1', ids[i]);
    }
    await viableAxis();
    if (viableMm(i) > 0) latest = await measure(viewportId, centre, viableMm(i), 0);
    else await page.locator('[data-testid="mrecist-no-viable"]').click();
    if (i === 0) {
      expect(latest.selectedLesionId).toBe('T1');
      await page.locator('[data-testid="mrecist-lesion-site"]').selectOption('liver S8');
    }
    await wholeAxis();
    latest = await measure(viewportId, [centre[0] + 3, centre[1], centre[2]], wholeMm(i), 1);
    await viableAxis();
    if (i === 0) {
      // The line's text box names lesion and diameter with its value.
      const labels = await page.evaluate(() => {
        const tools = (window as unknown as { cornerstoneTools: any }).cornerstoneTools;
        return tools.annotation.state.getAllAnnotations().map((a: any) => a.data.label ?? '');
      });
      expect(labels).toEqual(expect.arrayContaining(['T1 viable', 'T1 long axis']));
      const svgText = await page.locator(`[data-viewport-uid="${VIEWPORT_ID.baseline}"] svg text`).allTextContents().catch(() => [] as string[]);
      const anyViewportText = svgText.length ? svgText : await page.locator('svg text').allTextContents();
      expect(anyViewportText.join(' ')).toMatch(/T1 (viable|long axis): \d+\.\d mm/);
      await page.screenshot({ path: path.join(SHOTS, 'mri-3-baseline-measured.png') });
    }
  }
  await page.screenshot({ path: path.join(SHOTS, 'mri-4-read-complete.png') });

  // Export through the button and assess it with the CLI.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="mrecist-export-case"]').click()]);
  const exportedPath = path.join(ARTIFACTS, 'mri-read-case.json');
  await download.saveAs(exportedPath);
  const exported: CaseFile = parseCaseFile(JSON.parse(readFileSync(exportedPath, 'utf8')), exportedPath);
  expect(exported.patientId).toBe(MRI_PATIENT.id);
  const expected = assess(exported, 'mrecist');
  const cli = spawnSync(process.execPath, [path.join(REPO, 'bin', 'mrecist.js'), 'assess', exportedPath, '--json'], { encoding: 'utf8' });
  expect(cli.stderr).toBe('');
  expect(cli.status).toBe(0);
  const fromCli = JSON.parse(cli.stdout);
  expect(fromCli).toEqual(JSON.parse(JSON.stringify(expected)));
  // The panel shows what the CLI computes.
  const shown = await displayedResponses(page, 'mrecist');
  expect(shown.bor).toBe(fromCli.bestOverallResponse);
  expect(shown.rows.map((r) => [r.timepointId, r.target, r.overall])).toEqual(fromCli.timepoints.map((t: any) => [t.id, t.target, t.overall]));
  // The viable tumour shrinks after the implant: a response, not progression.
  expect(fromCli.timepoints.every((t: any) => t.overall !== 'PD')).toBe(true);
  await page.locator('[data-testid="mrecist-responses"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'mri-5-responses.png') });
});

it('linked scrolling between MRI studies in their own frames with no plan or registration: not linked, and it says so', async () => {
  const { page } = chromium;
  const shown = (id: string) =>
    page.evaluate((viewportId) => {
      const w = window as unknown as { services: any; cornerstone: any };
      const vp = w.services.cornerstoneViewportService.getCornerstoneViewport(viewportId);
      const r = (vp.canvas as HTMLCanvasElement).getBoundingClientRect();
      return { index: vp.getCurrentImageIdIndex() as number, frame: String(w.cornerstone.metaData.get('imagePlaneModule', vp.getCurrentImageId()).frameOfReferenceUID), centre: { x: r.left + r.width / 2, y: r.top + r.height / 2 } };
    }, id);
  const [left, right] = [await shown(VIEWPORT_ID.baseline), await shown(VIEWPORT_ID.current)];
  // Each MRI study has its own Frame of Reference, and this patient has no implant plan to register them through.
  expect(left.frame).not.toBe(right.frame);
  await page.locator('[data-cy="mrecistLinkScrolling"]').or(page.locator('[data-cy="mrecistLinkScrolling-btn"]')).first().click();
  await page.getByText(/Linked scrolling: the studies are in different frames of reference and no registration links them/).first().waitFor({ timeout: 10_000 });
  await page.mouse.move(left.centre.x, left.centre.y);
  for (let k = 0; k < 3; k++) {
    const before = (await shown(VIEWPORT_ID.baseline)).index;
    await page.mouse.wheel(0, 120);
    await waitUntil(async () => (await shown(VIEWPORT_ID.baseline)).index !== before, 10_000, async () => `baseline stayed at ${before}`);
  }
  // Let any late move show up before checking that there is none.
  await page.waitForTimeout(1_000);
  expect((await shown(VIEWPORT_ID.current)).index).toBe(right.index);
});
