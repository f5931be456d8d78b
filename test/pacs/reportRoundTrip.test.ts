/**
 * Issue 6 acceptance: a read of the demo patient saved from the viewer to a real Orthanc (STOW-RS through our
 * server's proxy), the page reloaded with browser storage cleared (another workstation), and the read back
 * identical: same lesions, lines within 0.01 mm, same responses. Then a second save names the first as its
 * predecessor and both are listed; with Orthanc stopped a save fails clearly, the read stays, and the save goes
 * through by itself once Orthanc is back (same port and store). Finally OHIF's own SR handling opens our SR.
 *
 * The PACS requires authentication throughout: our server's proxy refuses any DICOMweb request without the
 * bearer token (a stand-in for an OIDC-protected gateway), and the viewer gets the token the OHIF way
 * (`?token=`, userAuthenticationService). So every request of ours (listing, STOW, restore) must carry the
 * host's Authorization header for the round trip to work; an unauthenticated request is shown to be refused.
 *
 * Expected geometry comes from the demo files on disk (Image Position/Orientation, Pixel Spacing), computed here
 * with the plain DICOM formula, not through the viewer's code.
 */
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import type { Page } from 'playwright-core';
import { startOrthanc, uploadDicomFiles, type OrthancServer } from '../../scripts/pacs/orthanc';
import { freePort } from '../../scripts/pacs/freePort';
import { parseMultipartRelated } from '../../scripts/pacs/multipartRelated';
import { startServer, pacsViewerUrl, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from '../browser/launchChromium';
import { drawLine, type Vec3 } from '../browser/readWorkflowPage';
import { assess } from '../../extensions/mrecist/src/core/criteria/assess';
import type { CaseFile, Lesion } from '../../extensions/mrecist/src/core/criteria/types';
import { decodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { readDemoCase, groupBy, REPO_ROOT, DEMO_PATIENT_ID, type DemoInstance } from './demoCase';
import { VIEWER_DIR } from './viewerOnPacs';
import { dciodvfy, writeTemp } from '../unit/sr/dicomTools';

const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts', 'pacs');
const LOAD_TIMEOUT_MS = 120_000;
type DicomJson = Record<string, { vr: string; Value?: any[] }>;

let orthanc: OrthancServer | undefined;
let server: RunningServer | undefined;
let chromium: LaunchedChromium | undefined;
let storageDirectory = '';
let orthancPort = 0;
let publicOrigin = '';
let demo: DemoInstance[] = [];
let studies: { uid: string; date: string }[] = [];
const timings: Record<string, number> = {};
/** The bearer token the PACS gateway (our proxy) requires; the viewer gets it through `?token=`. */
const TOKEN = randomBytes(16).toString('hex');
const AUTH = { Authorization: `Bearer ${TOKEN}` };
/** OHIF removes `token` from the address bar once read, so a reload would lose it: tests go to this URL instead. */
const viewerUrl = () => pacsViewerUrl(server!.url, studies.map((s) => s.uid), TOKEN);

beforeAll(async () => {
  demo = readDemoCase();
  studies = [...groupBy(demo.filter((d) => d.patientId === DEMO_PATIENT_ID), (d) => d.studyUid)]
    .map(([uid, files]) => ({ uid, date: files[0].studyDate }))
    .sort((a, b) => a.date.localeCompare(b.date));
  // Our own store folder and port, so Orthanc can be stopped and started again with the same data.
  storageDirectory = mkdtempSync(path.join(os.tmpdir(), 'mrecist-report-orthanc-'));
  const serverPort = await freePort();
  publicOrigin = `http://127.0.0.1:${serverPort}`;
  orthanc = await startOrthanc({ publicOrigin, storageDirectory });
  orthancPort = orthanc.port;
  await uploadDicomFiles(orthanc.url, demo.map((d) => d.file));
  server = await startServer({ viewerDir: VIEWER_DIR, pacsUrl: orthanc.dicomWebUrl, port: serverPort, requireBearerToken: TOKEN });
  chromium = await launchChromium();
}, 300_000);

afterAll(async () => {
  await chromium?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await orthanc?.stop();
  rmSync(storageDirectory, { recursive: true, force: true });
  // eslint-disable-next-line no-console
  console.log(`report round trip timings (ms): ${JSON.stringify(timings)}`);
}, 90_000);

/** The plain DICOM formula (PS3.3 C.7.6.2.1.1 and C.18.6.1.1), written out independently of the viewer code. */
function expectedWorld(file: string, [column, row]: [number, number]): number[] {
  const bytes = readFileSync(file);
  const message = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), { untilTag: '7FE00010', includeUntilTagValue: false });
  const d = dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict);
  const ipp = d.ImagePositionPatient.map(Number), iop = d.ImageOrientationPatient.map(Number), ps = d.PixelSpacing.map(Number);
  return [0, 1, 2].map((k) => ipp[k] + (column - 0.5) * ps[1] * iop[k] + (row - 0.5) * ps[0] * iop[3 + k]);
}

async function dicomWebJson(p: string): Promise<DicomJson[]> {
  const response = await fetch(`${server!.url}/dicom-web${p}`, { headers: { Accept: 'application/dicom+json', ...AUTH } });
  if (response.status === 204) return [];
  expect(response.status).toBe(200);
  return (await response.json()) as DicomJson[];
}

/** Every SR instance of the patient in Orthanc, decoded. */
async function storedReports(): Promise<Array<ReturnType<typeof decodeDicom> & { bytes: Uint8Array }>> {
  const out = [];
  for (const study of studies) {
    for (const series of await dicomWebJson(`/studies/${study.uid}/series?Modality=SR`)) {
      const seriesUid = series['0020000E'].Value![0];
      for (const instance of await dicomWebJson(`/studies/${study.uid}/series/${seriesUid}/instances`)) {
        const url = `${server!.url}/dicom-web/studies/${study.uid}/series/${seriesUid}/instances/${instance['00080018'].Value![0]}`;
        const response = await fetch(url, { headers: { Accept: 'multipart/related; type="application/dicom"', ...AUTH } });
        const parts = parseMultipartRelated(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type') ?? '');
        out.push(Object.assign(decodeDicom(parts[0].body, url), { bytes: parts[0].body }));
      }
    }
  }
  return out;
}

interface PageReport {
  line: string;
  tone: string;
  versions: string[];
  pending: number;
  source: string;
  revision: number;
  lastSave?: { byteLength: number; writeMs: number; storeMs?: number };
  lastListing?: { ms: number; reports: number };
}

async function reportState(page: Page): Promise<PageReport | null> {
  return page.evaluate((patientId) => {
    const g = globalThis as any;
    const controller = g.services?.mrecistSessionService?.session?.reports.get(patientId);
    const store = g.services?.mrecistSessionService?.session?.reads.get(patientId);
    if (!controller || !store) return null;
    const s = controller.getState();
    return {
      line: s.line,
      tone: s.tone,
      versions: s.versions.map((v: any) => v.instance.sopInstanceUid),
      pending: s.pending.length,
      source: store.getState().source,
      revision: store.getState().revision,
      lastSave: s.lastSave,
      lastListing: s.lastListing && { ms: s.lastListing.ms, reports: s.lastListing.reports },
    };
  }, DEMO_PATIENT_ID);
}

async function waitForReport(page: Page, check: (s: PageReport) => boolean, what: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<PageReport> {
  const started = Date.now();
  let last: PageReport | null = null;
  while (Date.now() - started < timeoutMs) {
    last = await reportState(page);
    if (last && check(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`${what} not seen within ${timeoutMs} ms; last report state: ${JSON.stringify(last)}; console errors: ${chromium!.consoleErrors.slice(-5).join(' | ')}`);
}

async function exportedRead(page: Page): Promise<CaseFile> {
  return page.evaluate((patientId) => (globalThis as any).services?.mrecistSessionService?.session?.reads.get(patientId).export(), DEMO_PATIENT_ID);
}

/** Our annotations in the host's Cornerstone state: tag -> world points. */
async function drawnLines(page: Page): Promise<Record<string, number[][]>> {
  return page.evaluate(() => {
    const tools = (window as any).cornerstoneTools;
    const out: Record<string, number[][]> = {};
    for (const a of tools.annotation.state.getAllAnnotations()) {
      const tag = a.metadata?.mrecist;
      if (tag) out[`${tag.lesionId}@${tag.timepointId}:${tag.field}`] = a.data.handles.points.map((p: number[]) => Array.from(p));
    }
    return out;
  });
}

function middleCtImage(studyUid: string): DemoInstance {
  const images = demo.filter((d) => d.studyUid === studyUid && d.modality === 'CT' && d.rows !== undefined).sort((a, b) => a.imagePositionPatient![2] - b.imagePositionPatient![2]);
  return images[Math.floor(images.length / 2)];
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
let page: Page;
let baselineImage: DemoInstance;
let followUpImage: DemoInstance;
let savedRead: CaseFile;
let firstSrUid = '';

describe('report round trip through Orthanc in the viewer', () => {
  it('the PACS refuses requests without the token (QIDO and STOW) and answers with it', async () => {
    const studiesUrl = `${server!.url}/dicom-web/studies?PatientID=${DEMO_PATIENT_ID}`;
    expect((await fetch(studiesUrl, { headers: { Accept: 'application/dicom+json' } })).status).toBe(401);
    expect((await fetch(studiesUrl, { headers: { Accept: 'application/dicom+json', Authorization: 'Bearer not-the-token' } })).status).toBe(401);
    const stow = await fetch(`${server!.url}/dicom-web/studies`, { method: 'POST', headers: { 'Content-Type': 'multipart/related; type="application/dicom"; boundary=x' }, body: '--x--' });
    expect(stow.status).toBe(401);
    expect((await fetch(studiesUrl, { headers: { Accept: 'application/dicom+json', ...AUTH } })).status).toBe(200);
  });

  it(
    'saves a read of the demo patient to the PACS from the Report section',
    async () => {
      page = chromium!.page;
      await page.goto(viewerUrl());
      await waitForReport(page, (s) => s.line !== '' && !/Looking/.test(s.line), 'the report controller');
      const read = await exportedRead(page);
      const [bl, fu] = read.timepoints;
      baselineImage = middleCtImage(bl.studyInstanceUid!);
      followUpImage = middleCtImage(fu.studyInstanceUid!);
      const line = (image: DemoInstance, points: [number, number][]) => ({
        referencedSopClassUid: CT_IMAGE_STORAGE,
        referencedSopInstanceUid: image.sopUid,
        referencedSeriesInstanceUid: image.seriesUid,
        graphicType: 'POLYLINE' as const,
        points,
      });
      const lesions: Lesion[] = [
        {
          id: 'T1',
          role: 'target',
          site: 'liver S8',
          arteriallyEnhancing: true,
          treatment: 'seeds',
          measurements: {
            [bl.id]: { longAxisMm: 41.5, viableLongAxisMm: 38.25, viablePerpendicularMm: 30.5, graphics: { viableLongAxisMm: line(baselineImage, [[100.25, 120.5], [140.75, 130.125]]) } },
            [fu.id]: {
              longAxisMm: 40,
              viableLongAxisMm: 24.5,
              viablePerpendicularMm: 17.75,
              // Long axis and perpendicular on one image: redrawn as one Bidirectional.
              graphics: { viableLongAxisMm: line(followUpImage, [[110.5, 121.25], [133.5, 126.75]]), viablePerpendicularMm: line(followUpImage, [[120.25, 115.5], [122.75, 133]]) },
            },
          },
        },
        { id: 'NT1', role: 'nonTarget', site: 'liver S2', status: { [bl.id]: 'present', [fu.id]: 'present' } },
      ];
      // Setup through the store the panel uses (its drawing tools are exercised in their own tests).
      await page.evaluate(
        ([patientId, lesionList]) => {
          const store = (globalThis as any).services?.mrecistSessionService?.session?.reads.get(patientId);
          store.apply((r: any) => ({ ...r, lesions: lesionList }), 'test read');
        },
        [DEMO_PATIENT_ID, lesions] as const,
      );
      // One more lesion drawn by mouse with the Length tool (no lesion selected: the line creates a target).
      await page.evaluate((id) => (globalThis as any).services?.mrecistSessionService?.session?.reads.get(id).select(undefined, undefined), DEMO_PATIENT_ID);
      await page.locator('[data-cy="Length"]').or(page.locator('[data-cy="Length-btn"]')).first().click();
      const [from, to] = await page.evaluate(() => {
        const viewport = (window as any).services.cornerstoneViewportService.getCornerstoneViewport('mrecist-baseline');
        const canvas = viewport.canvas as HTMLCanvasElement;
        const cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2;
        return [Array.from(viewport.canvasToWorld([cx - 60, cy + 40])), Array.from(viewport.canvasToWorld([cx + 30, cy + 70]))];
      });
      const afterDrawing = await drawLine(page, 'mrecist-baseline', from as Vec3, to as Vec3);
      expect(afterDrawing.read.lesions.map((l) => l.id)).toEqual(['T1', 'NT1', 'T2']);
      savedRead = await exportedRead(page);

      const started = Date.now();
      await clickSave(page);
      const saved = await waitForReport(page, (s) => s.tone === 'ok' && /^Saved to the PACS/.test(s.line), 'the save');
      timings.saveClickToConfirmed = Date.now() - started;
      timings.srWriteInPage = saved.lastSave!.writeMs;
      timings.stowInPage = saved.lastSave!.storeMs ?? -1;
      expect(saved.versions).toHaveLength(1);
      firstSrUid = saved.versions[0];
      await expect(page.locator('[data-testid="mrecist-report-status"]').innerText()).resolves.toMatch(/^Saved to the PACS at /);

      const stored = await storedReports();
      expect(stored.map((d) => d.string('SOPInstanceUID'))).toEqual([firstSrUid]);
      // Stored in the latest imaging study (the follow-up being read), documented in reportDocumentContext.ts.
      expect(stored[0].string('StudyInstanceUID')).toBe(studies[studies.length - 1].uid);
      const bytes = stored[0].bytes;
      timings.srBytes = bytes.byteLength;
      const fromPacs = readSr(bytes, 'stored SR').caseFile;
      expect(fromPacs.lesions.map((l) => l.id)).toEqual(['T1', 'NT1', 'T2']);
      expect(fromPacs.reader?.name).toBe(savedRead.reader?.name);
    },
    LOAD_TIMEOUT_MS + 60_000,
  );

  it(
    'after a reload with an empty browser storage, restores the read identically and redraws its lines',
    async () => {
      await page.evaluate(() => localStorage.clear());
      const started = Date.now();
      await page.goto(viewerUrl());
      const restored = await waitForReport(page, (s) => s.source === 'report', 'the restore from the PACS');
      timings.reloadToRestored = Date.now() - started;
      timings.listAndFetchReports = restored.lastListing!.ms;
      expect(restored.line).toMatch(/^Restored the report of .* from the PACS\.$/);
      const read = await exportedRead(page);
      expect(read.lesions.map((l) => l.id)).toEqual(savedRead.lesions.map((l) => l.id));
      expect(read.timepoints).toEqual(savedRead.timepoints);
      // Same responses under every criterion (or the same refusal, when a criterion needs a value not drawn).
      for (const criteria of ['mrecist', 'recist1.1', 'easl'] as const) expect(assessOrError(read, criteria)).toEqual(assessOrError(savedRead, criteria));
      expect(assessOrError(read, 'mrecist')).not.toHaveProperty('error');
      const t1 = read.lesions[0], t1Saved = savedRead.lesions[0];
      if (t1.role !== 'target' || t1Saved.role !== 'target') throw new Error('T1 is not a target lesion');
      expect(t1.trackingUid).toMatch(/^2\.25\.\d+$/);

      const [bl, fu] = read.timepoints;
      const lines = await waitForLines(page, 3);
      for (const [timepointId, image] of [[bl.id, baselineImage], [fu.id, followUpImage]] as const) {
        const savedGraphic = (t1Saved.measurements[timepointId] as any).graphics.viableLongAxisMm;
        const graphic = (t1.measurements[timepointId] as any).graphics.viableLongAxisMm;
        expect(graphic.referencedSopInstanceUid).toBe(image.sopUid);
        const drawn = lines[`T1@${timepointId}:viableLongAxisMm`];
        const savedPerpendicular = (t1Saved.measurements[timepointId] as any).graphics.viablePerpendicularMm;
        const perpendicular = (t1.measurements[timepointId] as any).graphics.viablePerpendicularMm;
        // Handles: the long axis, then (Bidirectional) the perpendicular.
        const pairs: [[number, number], [number, number]][] = [
          ...graphic.points.map((p: [number, number], k: number) => [p, savedGraphic.points[k]]),
          ...(savedPerpendicular ? perpendicular.points.map((p: [number, number], k: number) => [p, savedPerpendicular.points[k]]) : []),
        ];
        expect(drawn).toHaveLength(savedPerpendicular ? 4 : 2);
        pairs.forEach(([p, saved], k) => {
          const want = expectedWorld(image.file, saved);
          const got = expectedWorld(image.file, p);
          for (let i = 0; i < 3; i++) {
            expect(Math.abs(got[i] - want[i])).toBeLessThan(0.01);
            expect(Math.abs(drawn[k][i] - want[i])).toBeLessThan(0.01);
          }
        });
        expect({ ...(t1.measurements[timepointId] as object), graphics: undefined }).toEqual({ ...(t1Saved.measurements[timepointId] as object), graphics: undefined });
      }
      expect(read.lesions[1]).toMatchObject({ id: 'NT1', role: 'nonTarget', status: (savedRead.lesions[1] as any).status });
      // The line drawn by mouse: same image, same points (SCOORD is float32: well under 0.01 mm), redrawn.
      const t2 = read.lesions[2] as any, t2Saved = savedRead.lesions[2] as any;
      const drawnGraphic = t2.measurements[bl.id].graphics.viableLongAxisMm, savedDrawnGraphic = t2Saved.measurements[bl.id].graphics.viableLongAxisMm;
      expect(drawnGraphic.referencedSopInstanceUid).toBe(savedDrawnGraphic.referencedSopInstanceUid);
      expect(t2.measurements[bl.id].viableLongAxisMm).toBe(t2Saved.measurements[bl.id].viableLongAxisMm);
      const drawnFile = demo.find((d) => d.sopUid === drawnGraphic.referencedSopInstanceUid)!;
      drawnGraphic.points.forEach((p: [number, number], k: number) => {
        const want = expectedWorld(drawnFile.file, savedDrawnGraphic.points[k]);
        const got = expectedWorld(drawnFile.file, p);
        const redrawn = lines[`T2@${bl.id}:viableLongAxisMm`][k];
        for (let i = 0; i < 3; i++) {
          expect(Math.abs(got[i] - want[i])).toBeLessThan(0.01);
          expect(Math.abs(redrawn[i] - want[i])).toBeLessThan(0.01);
        }
      });
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      writeFileSync(path.join(ARTIFACTS_DIR, 'report-restored.png'), await page.screenshot());
    },
    LOAD_TIMEOUT_MS + 60_000,
  );

  it(
    'a second save is a new SR naming the first as predecessor, and both are listed',
    async () => {
      await clickSave(page);
      const saved = await waitForReport(page, (s) => s.tone === 'ok' && s.versions.length === 2, 'the second save');
      expect(saved.versions[1]).toBe(firstSrUid);
      const second = (await storedReports()).find((d) => d.string('SOPInstanceUID') === saved.versions[0])!;
      const predecessor = second.requiredSequence('PredecessorDocumentsSequence')[0];
      const sop = predecessor.requiredSequence('ReferencedSeriesSequence')[0].requiredSequence('ReferencedSOPSequence')[0];
      expect(sop.string('ReferencedSOPInstanceUID')).toBe(firstSrUid);
      // Written in the browser from the host's metadata, with evidence and predecessor: still valid DICOM.
      expect(dciodvfy(writeTemp(second.bytes)).filter((l) => /^Error/.test(l))).toEqual([]);
      {
        const rows = page.locator('[data-testid="mrecist-report-version"]');
        await expect(rows.count()).resolves.toBe(2);
        await expect(rows.nth(1).getAttribute('data-sop-instance-uid')).resolves.toBe(firstSrUid);
        // The earlier version, read-only: its overall responses as the criteria engine gives them for that SR.
        await rows.nth(1).locator('[data-testid="mrecist-report-view"]').click();
        const first = (await storedReports()).find((d) => d.string('SOPInstanceUID') === firstSrUid)!;
        const firstRead = readSr(first.bytes, 'first SR').caseFile;
        const overall = new Map(assess(firstRead).timepoints.map((t) => [t.id, t.overall]));
        const cells = await page.locator('[data-testid="mrecist-report-readonly-overall"]').allInnerTexts();
        expect(cells).toEqual(firstRead.timepoints.map((t) => overall.get(t.id) ?? ''));
      }
    },
    LOAD_TIMEOUT_MS,
  );

  it(
    'with Orthanc stopped a save fails with one clear line and keeps the read; it goes through once Orthanc is back',
    async () => {
      const before = await exportedRead(page);
      await orthanc!.stop();
      orthanc = undefined;
      await clickSave(page);
      const failed = await waitForReport(page, (s) => s.tone === 'error', 'the failed save');
      expect(failed.line).toMatch(/^Not saved to the PACS: HTTP 502 Bad Gateway: the PACS is not answering the viewer server\. The read is kept in this browser; retrying in \d+ s\.$/);
      expect(failed.pending).toBe(1);
      await expect(page.locator('[data-testid="mrecist-report-pending"]').innerText()).resolves.toBe('1 save waiting for the PACS (kept in this browser)');
      expect(await exportedRead(page)).toEqual(before);

      orthanc = await startOrthanc({ port: orthancPort, storageDirectory, publicOrigin });
      const started = Date.now();
      const retried = await waitForReport(page, (s) => s.pending === 0 && s.tone === 'ok', 'the automatic retry', 120_000);
      timings.retryAfterRestart = Date.now() - started;
      expect(retried.line).toMatch(/^Saved to the PACS at .* \(after \d+ failed attempts?\)\.$/);
      expect(retried.versions).toHaveLength(3);
      expect((await storedReports()).length).toBe(3);
    },
    240_000,
  );

  it(
    "OHIF's own SR viewport opens our SR: its series is listed without a warning message and its lines land on their image",
    async () => {
      await page.goto(viewerUrl());
      await waitForReport(page, (s) => s.versions.length === 3, 'the listing after reload');
      const srSets = await page.waitForFunction(
        () => {
          const sets = (window as any).services.displaySetService.getActiveDisplaySets().filter((d: any) => d.Modality === 'SR');
          return sets.length > 0 ? sets.map((d: any) => ({ uid: d.displaySetInstanceUID, messages: d.messages?.messages?.map((m: any) => m.id) ?? [], rehydratable: d.isRehydratable, loadError: d.loadError ?? null })) : null;
        },
        undefined,
        { timeout: LOAD_TIMEOUT_MS },
      );
      const sets = (await srSets.jsonValue()) as { uid: string; messages: unknown[]; rehydratable: boolean; loadError: unknown }[];
      expect(sets.length).toBeGreaterThan(0);
      for (const s of sets) expect(s.messages).toEqual([]);
      const errorsBefore = chromium!.consoleErrors.length;
      const probe = await page.evaluate(async (uids) => {
        const { displaySetService, viewportGridService } = (window as any).services;
        const out: any[] = [];
        for (const uid of uids) {
          const ds = displaySetService.getDisplaySetByUID(uid);
          try {
            if (!ds.isLoaded && ds.load) await ds.load();
          } catch (e) {
            out.push({ uid, error: String(e) });
            continue;
          }
          out.push({ uid, isLoaded: ds.isLoaded, measurements: ds.measurements?.length, loaded: ds.measurements?.filter((m: any) => m.loaded).length, messages: ds.messages?.messages?.map((m: any) => m.id) });
        }
        const viewportId = viewportGridService.getState().activeViewportId;
        viewportGridService.setDisplaySetsForViewport({ viewportId, displaySetInstanceUIDs: [uids[0]] });
        return { out, viewportId };
      }, sets.map((s) => s.uid));
      // All saves share one SR series: one display set, loaded by the host's own SR code without an error,
      // with the drawn lesion's lines placed on their image (geometry-free groups stay unplaced).
      expect(probe.out).toEqual([expect.objectContaining({ uid: sets[0].uid, isLoaded: true })]);
      expect(probe.out[0].loaded).toBeGreaterThanOrEqual(1);
      const shownImage = await page.waitForFunction(
        (viewportId) => {
          const cs = (window as any).cornerstone;
          const viewport = cs.getRenderingEngines().flatMap((e: any) => e.getViewports()).find((v: any) => v.id === viewportId);
          return viewport?.getCurrentImageId?.() ?? null;
        },
        probe.viewportId,
        { timeout: LOAD_TIMEOUT_MS },
      );
      const imageId = String(await shownImage.jsonValue());
      expect([baselineImage.sopUid, followUpImage.sopUid].some((uid) => imageId.includes(uid))).toBe(true);
      expect(chromium!.consoleErrors.slice(errorsBefore).filter((e) => /ReferencedSOPSequence|dicom-sr/i.test(e))).toEqual([]);
      writeFileSync(path.join(ARTIFACTS_DIR, 'report-in-sr-viewport.png'), await page.screenshot());
    },
    LOAD_TIMEOUT_MS + 30_000,
  );
});

async function waitForLines(p: Page, count: number): Promise<Record<string, number[][]>> {
  const started = Date.now();
  let lines: Record<string, number[][]> = {};
  while (Date.now() - started < LOAD_TIMEOUT_MS) {
    lines = await drawnLines(p);
    if (Object.keys(lines).length >= count) return lines;
    await p.waitForTimeout(250);
  }
  throw new Error(`only ${Object.keys(lines).length} of ${count} lines drawn: ${JSON.stringify(lines)}`);
}

/** The reader's "Save to PACS" button in the Report section. */
async function clickSave(p: Page): Promise<void> {
  await p.click('[data-testid="mrecist-report-save"]');
}

function assessOrError(read: CaseFile, criteria: 'mrecist' | 'recist1.1' | 'easl'): unknown {
  try {
    return assess(read, criteria);
  } catch (error) {
    return { error: String(error) };
  }
}
