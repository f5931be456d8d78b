/**
 * A multi-phase patient whose series descriptions name no phase (a copy of the demo patient with every CT
 * description "Abd 2.0 B30f", timing and pixels kept), in real Chromium and the real viewer:
 *  - the arterial series is hung on both sides, and each viewport's label says timepoint, date and phase, with
 *    the classifier's evidence on hover;
 *  - the phase switcher lists the timepoint's series by phase; choosing the portal venous one keeps the slice
 *    position (same z) and the window;
 *  - a viable diameter drawn on the portal-venous series is recorded with its series and phase, warned beside the
 *    value and in the decision trail, listed before sign-off, kept with the reader's reason;
 *  - the exported case file and the downloaded SR carry series, phase and reason.
 * Screenshots for the closing note go to MRECIST_SHOTS_DIR (default artifacts/browser/phase).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assess } from '../../extensions/mrecist/src/core/criteria/assess';
import { parseCaseFile } from '../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type { CaseFile, MeasuredValues, TargetLesion } from '../../extensions/mrecist/src/core/criteria/types';
import { readSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { PHASE_FREE_DESCRIPTION, writePhaseFreeCopy, type PhaseFreeCopy } from './phaseFreeCopy';
import { drawLine, showSliceNearest, storeSnapshot, type Vec3 } from './readWorkflowPage';
import { looksRendered, viewportCanvasStats, waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DIR = process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data');
const SHOTS = process.env.MRECIST_SHOTS_DIR ?? path.join(REPO, 'artifacts', 'browser', 'phase');
const RENDER_TIMEOUT_MS = 90_000;
const REASON = 'arterial series degraded by motion';

interface TruthLesion {
  id: string;
  centreMm: Vec3;
  viableDiameterMm: number;
  viablePlaneZMm: number | null;
}
interface TruthStudy {
  studyInstanceUid: string;
  studyDate: string;
  lesions: TruthLesion[];
}

jest.setTimeout(420_000);

let server: RunningServer;
let chromium: LaunchedChromium;
let copyDir: string;
let copy: PhaseFreeCopy;
let truth: { studies: TruthStudy[] };

beforeAll(async () => {
  truth = JSON.parse(readFileSync(path.join(DEMO_DIR, 'truth.json'), 'utf8'));
  copyDir = mkdtempSync(path.join(os.tmpdir(), 'mrecist-phase-free-'));
  copy = writePhaseFreeCopy(path.join(DEMO_DIR, 'dicom'), copyDir);
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: copyDir, port: 0 });
  chromium = await launchChromium({ viewport: { width: 1800, height: 1000 } });
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

/** Series, description, slice z and window of a viewport, from the host's services. */
async function viewportState(viewportId: string) {
  return chromium.page.evaluate((id) => {
    const w = window as unknown as { services: any; cornerstone: any };
    let uid: string | undefined;
    try {
      uid = w.services.viewportGridService.getState().viewports.get(id)?.displaySetInstanceUIDs?.[0];
    } catch {
      return null;
    }
    const ds = uid ? w.services.displaySetService.getDisplaySetByUID(uid) : undefined;
    const vp = w.services.cornerstoneViewportService.getCornerstoneViewport(id);
    const imageId = vp?.getCurrentImageId?.();
    const plane = imageId ? w.cornerstone.metaData.get('imagePlaneModule', imageId) : undefined;
    const voi = vp?.getProperties?.().voiRange;
    return ds
      ? {
          seriesInstanceUid: String(ds.SeriesInstanceUID),
          studyInstanceUid: String(ds.StudyInstanceUID),
          seriesDescription: String(ds.SeriesDescription ?? ''),
          imageSeries: imageId ? String(w.cornerstone.metaData.get('instance', imageId)?.SeriesInstanceUID ?? '') : '',
          z: plane?.imagePositionPatient?.[2] as number | undefined,
          voi: voi ? { lower: voi.lower as number, upper: voi.upper as number } : null,
        }
      : null;
  }, viewportId);
}

async function label(viewportId: string): Promise<{ text: string; title: string; phase: string; timepointId: string }> {
  const el = chromium.page.locator(`[data-testid="mrecist-viewport-phase-label"][data-viewport-id="${viewportId}"]`);
  return {
    text: await el.innerText(),
    title: (await el.getAttribute('title')) ?? '',
    phase: (await el.getAttribute('data-phase')) ?? '',
    timepointId: (await el.getAttribute('data-timepoint-id')) ?? '',
  };
}

const planeOf = (l: TruthLesion): Vec3 => [l.centreMm[0], l.centreMm[1], l.viablePlaneZMm ?? l.centreMm[2]];
function lineAround(centre: Vec3, lengthMm: number): [Vec3, Vec3] {
  return [
    [centre[0] - lengthMm / 2, centre[1], centre[2]],
    [centre[0] + lengthMm / 2, centre[1], centre[2]],
  ];
}

it('descriptions name no phase: arterial hung on both sides, labelled; a viable diameter on the portal venous series is warned, confirmed and exported with its phase', async () => {
  const { page } = chromium;
  expect(copy.phaseOfSeries.size).toBe(3 * truth.studies.length);
  await page.goto(demoViewerUrl(server.url, server.demo!));
  await waitUntil(
    async () => looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)) && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
    RENDER_TIMEOUT_MS,
    async () => chromium.consoleErrors.slice(-5).join('\n'),
  );
  await page.waitForSelector('[data-testid="mrecist-lesions"]', { timeout: 30_000 });
  const studies = [...truth.studies].sort((a, b) => a.studyDate.localeCompare(b.studyDate));
  const read = (await storeSnapshot(page))!.read;
  const ids = read.timepoints.map((t) => t.id);
  const [first, last] = [studies[0], studies[studies.length - 1]];

  // Arterial on both sides, found by the classifier: every description is the same phase-free text.
  await waitUntil(
    async () => {
      const [l, r] = [await viewportState(VIEWPORT_ID.baseline), await viewportState(VIEWPORT_ID.current)];
      return l?.studyInstanceUid === first.studyInstanceUid && r?.studyInstanceUid === last.studyInstanceUid;
    },
    30_000,
    async () => JSON.stringify([await viewportState(VIEWPORT_ID.baseline), await viewportState(VIEWPORT_ID.current)]),
  );
  for (const id of [VIEWPORT_ID.baseline, VIEWPORT_ID.current]) {
    const shown = (await viewportState(id))!;
    expect(shown.seriesDescription).toBe(PHASE_FREE_DESCRIPTION);
    expect(copy.phaseOfSeries.get(shown.seriesInstanceUid)).toBe('arterial');
  }

  // Labels: timepoint, date, phase; evidence on hover (the tooltip).
  await waitUntil(async () => (await label(VIEWPORT_ID.current)).timepointId === ids[ids.length - 1], 15_000, async () => JSON.stringify(await label(VIEWPORT_ID.current)));
  const left = await label(VIEWPORT_ID.baseline);
  const right = await label(VIEWPORT_ID.current);
  expect(left.text).toBe(`${ids[0]} · ${read.timepoints[0].date} · late arterial`);
  expect(right.text).toBe(`${ids[ids.length - 1]} · ${read.timepoints[ids.length - 1].date} · late arterial`);
  expect(right.title).toMatch(/^Contrast phase: late arterial \(confidence \d+ %\)\n• AcquisitionTime 35 s after ContrastBolusStartTime → arterial \(late\)/);
  await page.locator(`[data-testid="mrecist-viewport-phase-label"][data-viewport-id="${VIEWPORT_ID.current}"]`).hover();
  await page.screenshot({ path: path.join(SHOTS, '1-arterial-both-sides.png') });

  // Baseline target on the left (arterial): T1.
  await page.locator('[data-cy="Length"]').or(page.locator('[data-cy="Length-btn"]')).first().click();
  const blLesion = first.lesions[1];
  await showSliceNearest(page, VIEWPORT_ID.baseline, planeOf(blLesion));
  let snap = await drawLine(page, VIEWPORT_ID.baseline, ...lineAround(planeOf(blLesion), blLesion.viableDiameterMm));
  expect(snap.selectedLesionId).toBe('T1');
  const blValues = (snap.read.lesions[0] as TargetLesion).measurements[ids[0]] as MeasuredValues;
  expect(copy.phaseOfSeries.get(blValues.seriesInstanceUid ?? '')).toBe('arterial');
  expect(blValues.phase).toBe('arterial');

  // The last follow-up: T1's cell makes it the active timepoint; the switcher lists its series by phase.
  const lastId = ids[ids.length - 1];
  await page.locator(`[data-testid="mrecist-lesion-row"][data-lesion-id="T1"] [data-testid="mrecist-lesion-cell"][data-timepoint-id="${lastId}"]`).click();
  const switcher = page.locator(`[data-testid="mrecist-phase-switcher"][data-timepoint-id="${lastId}"]`);
  await switcher.waitFor({ timeout: 15_000 });
  // Selecting the lesion also moves the viewports to it (asynchronously): let that finish first.
  await page.waitForTimeout(1500);
  const phaseGroups = () =>
    switcher.locator('[data-testid="mrecist-phase-group"]').evaluateAll((els) =>
      els.map((g) => [g.getAttribute('data-phase'), [...g.querySelectorAll('[data-testid="mrecist-phase-series"]')].map((b) => b.getAttribute('data-series-instance-uid'))]),
    );
  const lastSeries = [...copy.studyOfSeries].filter(([, study]) => study === last.studyInstanceUid).map(([series]) => series);
  const byOriginal = (phase: string) => lastSeries.find((s) => copy.phaseOfSeries.get(s) === phase);
  // Arterial and portal venous from the contrast timing; the unenhanced series, acquired before the injection,
  // has no metadata that names it: its images decide (unenhanced aorta), once they are measured.
  await waitUntil(async () => !(await phaseGroups()).some(([phase]) => phase === 'unknown'), 60_000, async () => JSON.stringify(await phaseGroups()));
  expect(await phaseGroups()).toEqual([
    ['nonContrast', [byOriginal('nonContrast')]],
    ['arterial', [byOriginal('arterial')]],
    ['portalVenous', [byOriginal('portalVenous')]],
  ]);
  const unenhanced = await switcher.locator(`[data-testid="mrecist-phase-series"][data-series-instance-uid="${byOriginal('nonContrast')}"]`).getAttribute('title');
  expect(unenhanced).toMatch(/image: aorta -?\d+ HU < \d+ HU: unenhanced/);

  // A distinctive window and the lesion's slice on the right, then switch to the portal venous series.
  const lastLesion = last.lesions[1];
  await showSliceNearest(page, VIEWPORT_ID.current, planeOf(lastLesion));
  await page.evaluate((id) => {
    const vp = (window as unknown as { services: any }).services.cornerstoneViewportService.getCornerstoneViewport(id);
    vp.setProperties({ voiRange: { lower: -60, upper: 240 } });
    vp.render();
  }, VIEWPORT_ID.current);
  const before = (await viewportState(VIEWPORT_ID.current))!;
  await switcher.locator(`[data-testid="mrecist-phase-series"][data-series-instance-uid="${byOriginal('portalVenous')}"]`).click();
  await waitUntil(
    async () => (await viewportState(VIEWPORT_ID.current))?.imageSeries === byOriginal('portalVenous') && (await page.locator('[data-testid="mrecist-phase-status"]').count()) > 0,
    30_000,
    async () => JSON.stringify(await viewportState(VIEWPORT_ID.current)),
  );
  const after = (await viewportState(VIEWPORT_ID.current))!;
  // Same anatomical position (the demo's phases share their 2 mm slice grid) and the same window.
  expect(Math.abs((after.z ?? NaN) - (before.z ?? NaN))).toBeLessThanOrEqual(1);
  expect(after.voi).toEqual({ lower: -60, upper: 240 });
  await expect(page.locator('[data-testid="mrecist-phase-status"]').innerText()).resolves.toMatch(/portal venous .* in the right viewport: slice \d+, 0\.0 mm from the previous position; same window\.$/);
  await waitUntil(async () => (await label(VIEWPORT_ID.current)).phase === 'portalVenous', 10_000, async () => JSON.stringify(await label(VIEWPORT_ID.current)));
  expect((await label(VIEWPORT_ID.current)).text).toBe(`${lastId} · ${read.timepoints[ids.length - 1].date} · portal venous`);

  // A viable diameter drawn on the portal venous series: recorded with its series and phase, and warned.
  snap = await drawLine(page, VIEWPORT_ID.current, ...lineAround(planeOf(lastLesion), lastLesion.viableDiameterMm));
  const drawn = (snap.read.lesions.find((l) => l.id === 'T1') as TargetLesion).measurements[lastId] as MeasuredValues;
  expect(drawn).toMatchObject({ seriesInstanceUid: byOriginal('portalVenous'), phase: 'portalVenous' });
  expect(drawn.viableLongAxisMm).toBeCloseTo(lastLesion.viableDiameterMm, 0);
  const cell = page.locator(`[data-testid="mrecist-lesion-row"][data-lesion-id="T1"] [data-testid="mrecist-lesion-cell"][data-timepoint-id="${lastId}"]`);
  await expect(cell.locator('[data-testid="mrecist-phase-mark"]').getAttribute('data-confirmed')).resolves.toBe('false');
  await expect(page.locator('[data-testid="mrecist-phase-warning"]').innerText()).resolves.toContain('Viable diameter measured on the portal venous phase, not the arterial phase');

  // The decision trail: the other follow-ups not evaluable, so mRECIST assesses the read and shows its trail.
  await page.evaluate(
    ([middle]) => {
      const store = (globalThis as any).services.mrecistSessionService.session.activeRead();
      store.apply((r: any) => ({ ...r, lesions: r.lesions.map((l: any) => ({ ...l, measurements: { ...l.measurements, ...Object.fromEntries(middle.map((t: string) => [t, { notEvaluable: true, reason: 'other' }])) } })) }), 'middle timepoints not evaluable');
    },
    [ids.slice(1, -1)] as const,
  );
  const row = page.locator(`[data-testid="mrecist-response-mrecist"] [data-testid="mrecist-response-row"][data-timepoint-id="${lastId}"]`);
  await expect(row.getAttribute('title')).resolves.toContain(
    `warning: T1 at ${lastId}: viable diameter measured on the portal venous phase, not the arterial phase; measure it on the arterial phase or confirm it with a reason`,
  );
  await page.locator('[data-testid="mrecist-response-mrecist"] details summary').click();
  await page.locator('[data-testid="mrecist-phase-warning"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, '2-portal-venous-warning.png') });

  // Sign-off lists it before signing (then cancelled: the read is not complete enough to sign here).
  await page.locator('[data-testid="mrecist-sign-off"]').click();
  const listed = page.locator('[data-testid="mrecist-sign-off-phase-item"]');
  await expect(listed.evaluateAll((els) => els.map((e) => [e.getAttribute('data-lesion-id'), e.getAttribute('data-timepoint-id'), e.getAttribute('data-confirmed')]))).resolves.toEqual([['T1', lastId, 'false']]);
  await expect(listed.first().innerText()).resolves.toBe(`T1 at ${lastId} (${drawn.viableLongAxisMm!.toFixed(1)} mm) on the portal venous phase: no reason given`);
  await page.locator('[data-testid="mrecist-sign-off-confirm"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, '3-sign-off-list.png') });
  await page.locator('[data-testid="mrecist-sign-off-confirm"] button', { hasText: 'Cancel' }).click();

  // The reader keeps it with a reason.
  await page.locator('[data-testid="mrecist-phase-reason"]').fill(REASON);
  await page.locator('[data-testid="mrecist-phase-confirm"]').click();
  await waitUntil(async () => ((await storeSnapshot(page))!.read.lesions[0] as TargetLesion).measurements[lastId] !== undefined && (((await storeSnapshot(page))!.read.lesions[0] as TargetLesion).measurements[lastId] as MeasuredValues).phaseConfirmedReason === REASON, 10_000, async () => 'reason not recorded');
  await expect(cell.locator('[data-testid="mrecist-phase-mark"]').getAttribute('data-confirmed')).resolves.toBe('true');
  await expect(row.getAttribute('title')).resolves.toContain(`T1 at ${lastId}: viable diameter measured on the portal venous phase, kept by the reader: ${REASON}`);

  // The exported case file carries series, phase and reason; the criteria engine reads it back with the same trail.
  const [caseDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="mrecist-export-case"]').click()]);
  const caseFile = path.join(os.tmpdir(), `mrecist-phase-case-${process.pid}.json`);
  await caseDownload.saveAs(caseFile);
  const exported: CaseFile = parseCaseFile(JSON.parse(readFileSync(caseFile, 'utf8')), caseFile);
  const t1 = exported.lesions.find((l) => l.id === 'T1') as TargetLesion;
  expect(t1.measurements[ids[0]]).toMatchObject({ seriesInstanceUid: blValues.seriesInstanceUid, phase: 'arterial' });
  expect(t1.measurements[lastId]).toMatchObject({ seriesInstanceUid: byOriginal('portalVenous'), phase: 'portalVenous', phaseConfirmedReason: REASON });
  expect(assess(exported, 'mrecist').timepoints.at(-1)!.trace).toContain(`T1 at ${lastId}: viable diameter measured on the portal venous phase, kept by the reader: ${REASON}`);

  // The SR: Contrast Phase qualifier (and the reason) read back by the SR codec.
  const [srDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="mrecist-report-download"]').click()]);
  const srFile = path.join(os.tmpdir(), `mrecist-phase-sr-${process.pid}.dcm`);
  await srDownload.saveAs(srFile);
  const fromSr = readSr(new Uint8Array(readFileSync(srFile)), srFile).caseFile;
  const srT1 = fromSr.lesions.find((l) => l.id === 'T1') as TargetLesion;
  expect(srT1.measurements[ids[0]]).toMatchObject({ phase: 'arterial' });
  expect(srT1.measurements[lastId]).toMatchObject({ seriesInstanceUid: byOriginal('portalVenous'), phase: 'portalVenous', phaseConfirmedReason: REASON });
  rmSync(caseFile, { force: true });
  rmSync(srFile, { force: true });
});
