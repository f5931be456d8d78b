/**
 * A full read of the demo patient through the panel and the mouse, in real Chromium and the real viewer: two
 * targets at the baseline (the two HCCs of truth.json lesions[]; with an older one-lesion demo, the spleen stands
 * in for the second), every follow-up measured (viable and whole-lesion diameters), a non-target with a status at every follow-up, a new lesion at
 * the last one; a reload in the middle loses nothing; the responses on screen equal the criteria engine's
 * output for the case file downloaded with the panel's button (in this process and through `mrecist assess`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assess } from '../../extensions/mrecist/src/core/criteria/assess';
import { parseCaseFile } from '../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { CRITERIA_NAMES, type Assessment, type CaseFile, type CriteriaName, type TargetLesion } from '../../extensions/mrecist/src/core/criteria/types';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { applyMatrix, displayedResponses, drawLine, showSliceNearest, storeSnapshot, type StoreSnapshot, type Vec3 } from './readWorkflowPage';
import { looksRendered, viewportCanvasStats, waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DIR = process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data');
const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');
const RENDER_TIMEOUT_MS = 90_000;
/** Spleen centre of the demo anatomy in the pre-implant frame (scripts/demo/abdomenAnatomy.ts spleenShape). */
const SPLEEN_CENTRE_PRE: Vec3 = [100, 34, 2];
const SPLEEN_LINE_MM = [25, 25, 24, 25, 25];

interface TruthLesion {
  id: string;
  segment?: string;
  centreMm: Vec3;
  viableDiameterMm: number;
  viablePlaneZMm: number | null;
  wholeDiameterMm: number;
}

interface TruthStudy {
  lesions?: TruthLesion[];
  studyInstanceUid: string;
  lesionRadiusMm: number;
  lesionLongestDiameterMm: number;
  studyDate: string;
  preImplantToStudy: number[];
  viableLongestDiameterMm: number;
  viablePlaneZMm: number | null;
  lesionCentreMm: Vec3;
}

jest.setTimeout(300_000);

let server: RunningServer;
let chromium: LaunchedChromium;
let truth: { studies: TruthStudy[] };

async function openViewer(): Promise<number> {
  const { page } = chromium;
  const started = Date.now();
  await page.goto(demoViewerUrl(server.url, server.demo!));
  await waitUntil(
    async () => looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)) && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
    RENDER_TIMEOUT_MS,
    async () => chromium.consoleErrors.slice(-5).join('\n'),
  );
  await page.waitForSelector('[data-testid="mrecist-lesions"]', { timeout: 30_000 });
  return Date.now() - started;
}

/**
 * A line of this length centred on a point, on the slice through it: left-right for viable diameters, front-back
 * for whole-lesion ones, so a second line never starts on the first one's handle (which would drag it instead).
 */
function lineAround(centre: Vec3, lengthMm: number, direction: 'x' | 'y'): [Vec3, Vec3] {
  const axis = direction === 'x' ? 0 : 1;
  const a: Vec3 = [...centre];
  const b: Vec3 = [...centre];
  a[axis] -= lengthMm / 2;
  b[axis] += lengthMm / 2;
  return [a, b];
}

async function measure(viewportId: string, centre: Vec3, lengthMm: number, direction: 'x' | 'y' = 'x'): Promise<StoreSnapshot> {
  await showSliceNearest(chromium.page, viewportId, centre);
  const [a, b] = lineAround(centre, lengthMm, direction);
  return drawLine(chromium.page, viewportId, a, b);
}

async function clickCell(lesionId: string, timepointId: string): Promise<void> {
  await chromium.page.locator(`[data-testid="mrecist-lesion-row"][data-lesion-id="${lesionId}"] [data-testid="mrecist-lesion-cell"][data-timepoint-id="${timepointId}"]`).click();
}

async function openTimepoint(timepointId: string): Promise<void> {
  const { page } = chromium;
  await page.locator(`[data-testid="mrecist-timepoint"][data-timepoint-id="${timepointId}"] [data-testid="mrecist-open-vs-baseline"]`).click();
  const study = truth.studies.find((s) => s.studyInstanceUid === readTimepointStudy(timepointId));
  await waitUntil(
    async () =>
      (await page.evaluate((id) => {
        const services = (window as unknown as { services: any }).services;
        const uid = services.viewportGridService.getState().viewports.get(id)?.displaySetInstanceUIDs?.[0];
        return uid ? services.displaySetService.getDisplaySetByUID(uid)?.StudyInstanceUID : '';
      }, VIEWPORT_ID.current)) === study?.studyInstanceUid && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
    RENDER_TIMEOUT_MS,
    async () => {
      await page.screenshot({ path: path.join(ARTIFACTS, 'read-failed-open.png') });
      return `right viewport did not switch to ${timepointId}: ${await page.locator('[data-testid="mrecist-message"]').allInnerTexts()}`;
    },
  );
}

let latest: StoreSnapshot | null = null;
function readTimepointStudy(timepointId: string): string {
  return latest?.read.timepoints.find((t) => t.id === timepointId)?.studyInstanceUid ?? '';
}

function mrecistTarget(read: CaseFile, id: string): TargetLesion {
  return read.lesions.find((l) => l.id === id) as TargetLesion;
}

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'viewer', 'index.html'))) throw new Error('dist/viewer missing: run node scripts/build.mjs');
  truth = JSON.parse(readFileSync(path.join(DEMO_DIR, 'truth.json'), 'utf8'));
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: path.join(DEMO_DIR, 'dicom'), port: 0 });
  chromium = await launchChromium({ viewport: { width: 1800, height: 1000 } });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

it('full read of the demo patient: responses on screen equal assess() of the exported case file; a reload loses nothing', async () => {
  const { page } = chromium;
  const timings: Record<string, number> = {};
  timings.pageLoadToPanelMs = await openViewer();
  latest = await storeSnapshot(page);
  expect(latest).not.toBeNull();
  const studies = [...truth.studies].sort((a, b) => a.studyDate.localeCompare(b.studyDate));
  // The read's timepoints are the demo's imaging studies in date order, the earliest the baseline.
  expect(latest!.read.timepoints.map((t) => t.studyInstanceUid)).toEqual(studies.map((s) => s.studyInstanceUid));
  expect(latest!.read.timepoints[0].baseline).toBe(true);
  const ids = latest!.read.timepoints.map((t) => t.id);
  /** The two targets at study i: truth lesions[] T1 and T2, or T1 and the spleen (older one-lesion demo). */
  const targetsAt = (i: number): TruthLesion[] => {
    const st = studies[i];
    if (st.lesions && st.lesions.length >= 2) return st.lesions.slice(0, 2);
    const spleen = applyMatrix(st.preImplantToStudy, SPLEEN_CENTRE_PRE);
    return [
      { id: 'T1', segment: 'S8', centreMm: st.lesionCentreMm, viableDiameterMm: st.viableLongestDiameterMm, viablePlaneZMm: st.viablePlaneZMm, wholeDiameterMm: st.lesionLongestDiameterMm },
      { id: 'T2', centreMm: spleen, viableDiameterMm: SPLEEN_LINE_MM[i] ?? 25, viablePlaneZMm: null, wholeDiameterMm: SPLEEN_LINE_MM[i] ?? 25 },
    ];
  };
  const planeOf = (l: TruthLesion): Vec3 => [l.centreMm[0], l.centreMm[1], l.viablePlaneZMm ?? l.centreMm[2]];
  const siteOf = (l: TruthLesion) => (l.segment ? `liver ${l.segment}` : 'other');
  const setSite = async (l: TruthLesion) => {
    await page.locator('[data-testid="mrecist-lesion-site"]').selectOption(siteOf(l));
    if (!l.segment) {
      await page.locator('[data-testid="mrecist-lesion-site-other"]').fill('spleen');
      await page.locator('[data-testid="mrecist-lesion-site-other"]').blur();
    }
  };
  const wholeAxis = () => page.locator('[data-testid="mrecist-axis-whole"]').check();
  const viableAxis = () => page.locator('[data-testid="mrecist-measured-axis"] input[type="radio"]').first().check();

  const readStarted = Date.now();
  await page.locator('[data-cy="Length"]').or(page.locator('[data-cy="Length-btn"]')).first().click();

  // Baseline: T1 and T2, each created by its first line, on the left viewport; then their whole-lesion lines.
  const [bl1, bl2] = targetsAt(0);
  latest = await measure(VIEWPORT_ID.baseline, planeOf(bl1), bl1.viableDiameterMm);
  expect(latest.selectedLesionId).toBe('T1');
  await setSite(bl1);
  await page.locator('[data-testid="mrecist-deselect"]').click();
  latest = await measure(VIEWPORT_ID.baseline, planeOf(bl2), bl2.viableDiameterMm);
  expect(latest.read.lesions.map((l) => [l.id, l.role])).toEqual([['T1', 'target'], ['T2', 'target']]);
  await setSite(bl2);
  await wholeAxis();
  latest = await measure(VIEWPORT_ID.baseline, planeOf(bl2), bl2.wholeDiameterMm, 'y');
  await clickCell('T1', ids[0]);
  latest = await measure(VIEWPORT_ID.baseline, planeOf(bl1), bl1.wholeDiameterMm, 'y');
  await viableAxis();
  // A non-target in the liver.
  await page.locator('[data-testid="mrecist-add-nontarget"]').click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'read-baseline.png') });

  const panelUpdateMs: number[] = [];
  for (let i = 1; i < studies.length; i++) {
    const tp = ids[i];
    await openTimepoint(tp);
    await page.evaluate(async (id) => {
      const viewport = (window as unknown as { services: any }).services.cornerstoneViewportService.getCornerstoneViewport(id);
      await viewport.setImageIdIndex(0); // far from the lesion, so only the jump can bring it back
    }, VIEWPORT_ID.current);
    await clickCell('T1', tp);
    // Selecting T1 at a timepoint it has no line at yet brings the right viewport to it: the slice shown cuts the
    // lesion (|z − centre| < radius, truth.json), through the seed registration between frames of reference.
    const sliceZ = () =>
      page.evaluate((id) => {
        const w = window as unknown as { services: any; cornerstone: any };
        const viewport = w.services.cornerstoneViewportService.getCornerstoneViewport(id);
        return w.cornerstone.metaData.get('imagePlaneModule', viewport.getCurrentImageId()).imagePositionPatient[2] as number;
      }, VIEWPORT_ID.current);
    await waitUntil(async () => Math.abs((await sliceZ()) - studies[i].lesionCentreMm[2]) < studies[i].lesionRadiusMm, 15_000, async () => `right viewport at z ${await sliceZ()}, lesion centre ${studies[i].lesionCentreMm[2]}`);
    const [t1, t2] = targetsAt(i);
    if (t1.viableDiameterMm > 0) {
      const t = Date.now();
      latest = await measure(VIEWPORT_ID.current, planeOf(t1), t1.viableDiameterMm);
      const cell = page.locator(`[data-testid="mrecist-lesion-row"][data-lesion-id="T1"] [data-timepoint-id="${tp}"]`);
      await waitUntil(async () => /\d/.test(await cell.innerText()), 20_000, async () => `T1 at ${tp} shows "${await cell.innerText()}"`);
      panelUpdateMs.push(Date.now() - t);
    } else {
      await page.locator('[data-testid="mrecist-no-viable"]').click();
    }
    await clickCell('T2', tp);
    if (t2.viableDiameterMm > 0) latest = await measure(VIEWPORT_ID.current, planeOf(t2), t2.viableDiameterMm);
    else await page.locator('[data-testid="mrecist-no-viable"]').click();
    // The same two targets measured whole (RECIST 1.1).
    await wholeAxis();
    latest = await measure(VIEWPORT_ID.current, planeOf(t2), t2.wholeDiameterMm, 'y');
    await clickCell('T1', tp);
    latest = await measure(VIEWPORT_ID.current, planeOf(t1), t1.wholeDiameterMm, 'y');
    await viableAxis();
    await clickCell('NT1', tp);
    await page.locator('[data-testid="mrecist-nt-status"]').selectOption(i === studies.length - 1 ? 'absent' : 'present');
    if (i === 2) {
      // Reload mid-read: the draft in browser storage brings everything back.
      const before = await storeSnapshot(page);
      await page.reload();
      await openViewer();
      await page.locator('[data-cy="Length"]').or(page.locator('[data-cy="Length-btn"]')).first().click();
      const after = await storeSnapshot(page);
      expect(after!.source).toBe('draft');
      expect(after!.revision).toBe(before!.revision);
      expect(after!.read).toEqual(before!.read);
    }
  }
  // A new lesion at the last follow-up: the line drawn with no lesion selected creates it; typical HCC pattern.
  const last = studies.length - 1;
  await page.locator('[data-testid="mrecist-deselect"]').click();
  const lastT1 = planeOf(targetsAt(last)[0]);
  const newCentre: Vec3 = [lastT1[0], lastT1[1] + 45, lastT1[2]];
  latest = await measure(VIEWPORT_ID.current, newCentre, 14);
  expect(latest.read.lesions.find((l) => l.role === 'new')).toMatchObject({ id: 'N1', appearsAt: ids[last] });
  await page.locator('[data-testid="mrecist-new-typical"]').check();
  await waitUntil(async () => (await storeSnapshot(page))!.read.lesions.some((l) => l.role === 'new' && l.assessments[ids[last]]?.typicalHCC), 10_000, async () => 'typical HCC not recorded');
  timings.fullReadMs = Date.now() - readStarted;
  // Panel render time: from an edit of the store to the panel showing its revision (responses recomputed under
  // three criteria and the whole panel re-rendered), median of 5.
  timings.panelRenderAfterEditMedianMs = await page.evaluate(async () => {
    const store = (globalThis as any).services?.mrecistSessionService?.session?.activeRead();
    const panel = document.querySelector('[data-testid="mrecist-read-panel"]') as HTMLElement;
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const { revision } = store.apply((read: any) => ({ ...read }), 'render timing');
      await new Promise<void>((resolve) => {
        const check = () => (panel.getAttribute('data-revision') === String(revision) ? resolve() : requestAnimationFrame(check));
        check();
      });
      samples.push(performance.now() - started);
    }
    return samples.sort((a, b) => a - b)[2];
  });
  timings.panelUpdateAfterLineMedianMs = [...panelUpdateMs].sort((a, b) => a - b)[Math.floor(panelUpdateMs.length / 2)];
  const panelShot = async (testId: string, file: string) => {
    await page.locator(`[data-testid="${testId}"]`).scrollIntoViewIfNeeded();
    const box = await page.locator('[data-testid="mrecist-timepoint-panel"]').boundingBox();
    await page.screenshot({ path: path.join(ARTIFACTS, file), clip: box! });
  };
  await panelShot('mrecist-timepoints', 'read-panel-timeline.png');
  await panelShot('mrecist-lesion-editor', 'read-panel-lesions.png');
  await panelShot('mrecist-responses', 'read-panel-responses.png');
  await page.screenshot({ path: path.join(ARTIFACTS, 'read-complete.png') });

  // Export through the button.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="mrecist-export-case"]').click()]);
  const exportedPath = path.join(ARTIFACTS, 'read-case.json');
  await download.saveAs(exportedPath);
  const exported = parseCaseFile(JSON.parse(readFileSync(exportedPath, 'utf8')), exportedPath);
  expect(exported.reader).toEqual({ name: 'Reader 1' });

  // The recorded diameters are the lines drawn: the truth's viable and whole diameters within a pixel or so.
  studies.forEach((_, i) => {
    targetsAt(i).forEach((truthLesion, k) => {
      const m = mrecistTarget(exported, `T${k + 1}`).measurements[ids[i]] as { viableLongAxisMm: number; longAxisMm: number; graphics?: Record<string, unknown> };
      expect(Math.abs(m.viableLongAxisMm - truthLesion.viableDiameterMm)).toBeLessThanOrEqual(1);
      expect(Math.abs(m.longAxisMm - truthLesion.wholeDiameterMm)).toBeLessThanOrEqual(1);
      expect(m.graphics?.longAxisMm).toBeDefined();
      if (truthLesion.viableDiameterMm > 0) expect(m.graphics?.viableLongAxisMm).toBeDefined();
    });
  });
  expect(exported.lesions.slice(0, 2).map((l) => l.site)).toEqual(targetsAt(0).map((l) => (l.segment ? `liver ${l.segment}` : 'spleen')));

  // What the panel shows equals the criteria engine's output for the exported file, under each criterion.
  const fmtSum = (c: CriteriaName, v: number | null) => (v === null ? 'NE' : c === 'easl' ? `${v.toFixed(2)} mm²` : `${v.toFixed(1)} mm`);
  const fmtPct = (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`);
  const assessments = new Map<CriteriaName, Assessment | string>();
  for (const criteria of CRITERIA_NAMES) {
    let expected: Assessment | string;
    try {
      expected = assess(exported, criteria);
    } catch (error) {
      expected = (error as Error).message;
    }
    assessments.set(criteria, expected);
    const shown = await displayedResponses(page, criteria);
    if (typeof expected === 'string') {
      expect(shown.error).toBe(expected.replace(exportedPath, 'read'));
      continue;
    }
    expect(shown.bor).toBe(expected.bestOverallResponse);
    const baselineRow = page.locator(`[data-testid="mrecist-response-${criteria}"] [data-testid="mrecist-response-baseline-row"]`);
    expect(await baselineRow.getAttribute('data-sum')).toBe(fmtSum(criteria, expected.baselineTargetSum));
    expect(shown.progressionDate).toBe(expected.progressionDate ?? '');
    expect(shown.rows.map((r) => r.cells)).toEqual(
      expected.timepoints.map((t) => [t.id, fmtSum(criteria, t.targetSum), fmtPct(t.changeFromBaselinePct), fmtPct(t.changeFromNadirPct), t.target, t.nonTarget, t.newLesions ? 'yes' : 'no', t.overall]),
    );
  }
  // And equals `npx mrecist assess` on the same file.
  const cli = spawnSync(process.execPath, [path.join(REPO, 'bin', 'mrecist.js'), 'assess', exportedPath, '--json'], { encoding: 'utf8' });
  expect(cli.status).toBe(0);
  expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(JSON.stringify(assessments.get('mrecist'))));
  const mrecist = assessments.get('mrecist') as Assessment;
  expect(mrecist.timepoints[mrecist.timepoints.length - 1].overall).toBe('PD'); // the typical new HCC >= 10 mm

  // Keyboard: ] selects the next lesion.
  await page.locator('[data-testid="mrecist-lesion-select"]').first().click();
  await page.locator('body').press(']');
  expect((await storeSnapshot(page))!.selectedLesionId).toBe('T2');

  // Browser storage refusing the draft (quota, private mode) is shown to the reader, and the edit still counts.
  await page.evaluate(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await clickCell('NT1', ids[1]);
  await page.locator('[data-testid="mrecist-nt-status"]').selectOption('absent');
  await expect(page.locator('[data-testid="mrecist-storage-error"]').innerText()).resolves.toBe(
    'The draft could not be saved to browser storage (The quota has been exceeded.); export the case file to keep this read.',
  );
  expect((await storeSnapshot(page))!.read.lesions.find((l) => l.id === 'NT1')).toMatchObject({ status: { [ids[1]]: 'absent' } });

  writeFileSync(path.join(ARTIFACTS, 'read-timings.json'), JSON.stringify(timings, null, 2) + '\n');
});

it('keyboard shortcuts and undo/redo drive the read, and leaving the viewer for the study list and coming back loses nothing', async () => {
  // A fresh browser profile: an empty draft, independent of the full read above.
  await chromium.close();
  chromium = await launchChromium({ viewport: { width: 1800, height: 1000 } });
  const { page } = chromium;
  await openViewer();
  latest = await storeSnapshot(page);
  expect(latest!.read.lesions).toEqual([]);
  const ids = latest!.read.timepoints.map((t) => t.id);
  const baseline = [...truth.studies].sort((a, b) => a.studyDate.localeCompare(b.studyDate))[0];
  const lesions = baseline.lesions ?? [];
  expect(lesions.length).toBeGreaterThanOrEqual(2);
  const planeOf = (l: TruthLesion): Vec3 => [l.centreMm[0], l.centreMm[1], l.viablePlaneZMm ?? l.centreMm[2]];
  const press = async (key: string) => {
    await page.locator('[data-testid="mrecist-read-panel"]').hover(); // focus stays on the page, not in a field
    await page.keyboard.press(key);
  };

  // Two targets at the baseline; Esc between them so the second line makes a new lesion.
  await page.locator('[data-cy="Length"]').or(page.locator('[data-cy="Length-btn"]')).first().click();
  latest = await measure(VIEWPORT_ID.baseline, planeOf(lesions[0]), lesions[0].viableDiameterMm);
  expect(latest.selectedLesionId).toBe('T1');
  // The stored SCOORD points are where the line is: the DICOM plane formula (PS3.3 C.7.6.2.1.1), written out
  // here, takes them back to the handles' patient coordinates.
  const drawnLine = await page.evaluate(() => {
    const w = window as unknown as { cornerstone: any; cornerstoneTools: any };
    const line = w.cornerstoneTools.annotation.state.getAllAnnotations().find((a: any) => a.metadata.mrecist?.lesionId === 'T1');
    const instance = w.cornerstone.metaData.get('instance', line.metadata.referencedImageId);
    return { handles: line.data.handles.points as number[][], ipp: instance.ImagePositionPatient.map(Number), iop: instance.ImageOrientationPatient.map(Number), spacing: instance.PixelSpacing.map(Number) };
  });
  const stored = (mrecistTarget(latest.read, 'T1').measurements[ids[0]] as { graphics: { viableLongAxisMm: { points: [number, number][] } } }).graphics.viableLongAxisMm.points;
  stored.forEach(([column, row], k) => {
    const { ipp, iop, spacing } = drawnLine;
    const world = [0, 1, 2].map((i) => ipp[i] + (column - 0.5) * spacing[1] * iop[i] + (row - 0.5) * spacing[0] * iop[3 + i]);
    world.forEach((x, i) => expect(Math.abs(x - drawnLine.handles[k][i])).toBeLessThan(0.01));
  });
  // The header's Undo takes the line off and its value with it; Redo brings both back.
  const t1AtBaseline = async () => (mrecistTarget((await storeSnapshot(page))!.read, 'T1').measurements[ids[0]] as { viableLongAxisMm?: number } | undefined)?.viableLongAxisMm;
  const measuredT1 = await t1AtBaseline();
  expect(measuredT1).toBeGreaterThan(0);
  await page.locator('[data-cy="undo-btn"]').click();
  await waitUntil(async () => (await t1AtBaseline()) === undefined, 5_000, async () => `after Undo T1 at baseline is ${await t1AtBaseline()}`);
  await page.locator('[data-cy="redo-btn"]').click();
  await waitUntil(async () => (await t1AtBaseline()) === measuredT1, 5_000, async () => `after Redo T1 at baseline is ${await t1AtBaseline()}`);
  await press('Escape');
  await waitUntil(async () => (await storeSnapshot(page))!.selectedLesionId === undefined, 5_000, async () => 'Esc did not clear the selection');
  latest = await measure(VIEWPORT_ID.baseline, planeOf(lesions[1]), lesions[1].viableDiameterMm);
  expect(latest.read.lesions.map((l) => [l.id, l.role])).toEqual([['T1', 'target'], ['T2', 'target']]);

  // [ and ] walk the lesions (wrapping); t opens the next follow-up against the baseline.
  const selected = async () => (await storeSnapshot(page))!.selectedLesionId;
  await press('[');
  expect(await selected()).toBe('T1');
  await press('[');
  expect(await selected()).toBe('T2');
  await press(']');
  expect(await selected()).toBe('T1');
  await press('t');
  await waitUntil(async () => (await storeSnapshot(page))!.activeTimepointId === ids[1], 15_000, async () => `t opened ${(await storeSnapshot(page))!.activeTimepointId}`);
  await openTimepoint(ids[1]); // waits for the right viewport to show that study
  await press('t');
  await waitUntil(async () => (await storeSnapshot(page))!.activeTimepointId === ids[2], 15_000, async () => `second t opened ${(await storeSnapshot(page))!.activeTimepointId}`);

  // x: the selected target is not evaluable at the active timepoint, with the panel's chosen reason.
  await press('x');
  await waitUntil(
    async () => (mrecistTarget((await storeSnapshot(page))!.read, 'T1').measurements[ids[2]] as { notEvaluable?: boolean } | undefined)?.notEvaluable === true,
    5_000,
    async () => `T1 at ${ids[2]}: ${JSON.stringify(mrecistTarget((await storeSnapshot(page))!.read, 'T1').measurements[ids[2]])}`,
  );
  expect(mrecistTarget((await storeSnapshot(page))!.read, 'T1').measurements[ids[2]]).toEqual({ notEvaluable: true, reason: expect.stringMatching(/\S/) });

  // o hides every overlay and shows them again.
  const overlayShown = () => page.evaluate(() => [...document.querySelectorAll('svg[data-mrecist-overlay]')].map((svg) => (svg as SVGSVGElement).style.display !== 'none'));
  await waitUntil(async () => (await overlayShown()).length === 2 && (await overlayShown()).every(Boolean), 60_000, async () => `overlays shown: ${await overlayShown()}`);
  await press('o');
  await waitUntil(async () => (await overlayShown()).every((shown) => !shown), 5_000, async () => `after o: ${await overlayShown()}`);
  await press('o');
  await waitUntil(async () => (await overlayShown()).every(Boolean), 5_000, async () => `after the second o: ${await overlayShown()}`);

  // Leave for the study list (the header's return arrow) with work the PACS does not have: the reader is asked
  // (save to the PACS, keep as draft, discard); without a PACS saving is off. Keep the draft, then come back with
  // the browser's Back.
  const before = (await storeSnapshot(page))!;
  await page.locator('[data-cy="return-to-work-list"]').click();
  await waitUntil(async () => (await page.locator('[data-testid="mrecist-read-panel"]').count()) === 0, 30_000, async () => `still in the viewer at ${page.url()}`);
  const prompt = page.locator('[data-testid="mrecist-leave-prompt"]');
  await prompt.waitFor({ state: 'visible', timeout: 15_000 });
  expect(await prompt.innerText()).toContain(before.read.patientId);
  expect(await page.locator('[data-testid="mrecist-leave-save"]').isDisabled()).toBe(true);
  await page.locator('[data-testid="mrecist-leave-draft"]').click();
  await prompt.waitFor({ state: 'detached', timeout: 10_000 });
  await page.goBack();
  await waitUntil(
    async () => looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)) && (await page.locator('[data-testid="mrecist-lesions"]').count()) === 1,
    RENDER_TIMEOUT_MS,
    async () => `viewer not back at ${page.url()}`,
  );
  const after = (await storeSnapshot(page))!;
  expect(after.read).toEqual(before.read);
  expect(after.revision).toBe(before.revision);
  // The two baseline lines are on the images again, tagged with their lesion.
  const drawnTags = () =>
    page.evaluate(() => {
      const tools = (window as unknown as { cornerstoneTools: any }).cornerstoneTools;
      const all = tools.annotation.state.getAllAnnotations() as Array<{ metadata: { mrecist?: { lesionId: string; timepointId: string } } }>;
      return all.flatMap((a) => (a.metadata.mrecist ? [`${a.metadata.mrecist.lesionId}@${a.metadata.mrecist.timepointId}`] : [])).sort();
    });
  await waitUntil(async () => (await drawnTags()).length === 2, 30_000, async () => `lines drawn after coming back: ${await drawnTags()}`);
  expect(await drawnTags()).toEqual([`T1@${ids[0]}`, `T2@${ids[0]}`]);
});
