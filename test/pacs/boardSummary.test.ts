/**
 * Issue 12 acceptance in the real viewer against a real Orthanc (behind a PACS gateway that requires a bearer
 * token): after a full read of the demo patient (every target measured on its images at every timepoint, the
 * non-target assessed, signed off), the Course tab shows non-empty charts and a key image per measured slice;
 * Board summary downloads a PDF whose text (poppler's pdftotext) holds the case's responses, sums and dates, and
 * stores it in Orthanc as Encapsulated PDF in the latest study with the key images as a Key Object Selection that
 * passes dciodvfy. Expected responses come from the criteria engine run here on the read the viewer exports.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseMultipartRelated } from '../../scripts/pacs/multipartRelated';
import { pacsViewerUrl } from '../../scripts/serve/startServer';
import { assess } from '../../extensions/mrecist/src/core/criteria/assess';
import type { CaseFile, Lesion } from '../../extensions/mrecist/src/core/criteria/types';
import { decodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { ENCAPSULATED_PDF_STORAGE } from '../../extensions/mrecist/src/core/dicom/encapsulatedPdfWriter';
import { KEY_OBJECT_SELECTION_STORAGE } from '../../extensions/mrecist/src/core/dicom/keyObjectSelectionWriter';
import { dciodvfyErrors } from '../unit/dose/dciodvfy';
import { pdfToText } from '../unit/board/cli';
import { DEMO_PATIENT_ID, REPO_ROOT, type DemoInstance } from './demoCase';
import { startViewerOnPacs, type ViewerOnPacs } from './viewerOnPacs';

const LOAD_TIMEOUT_MS = 120_000;
const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts', 'pacs');
const TOKEN = randomBytes(16).toString('hex');
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
type DicomJson = Record<string, { vr: string; Value?: any[] }>;

let env: ViewerOnPacs;
let tmp = '';
const timings: Record<string, number> = {};

beforeAll(async () => {
  env = await startViewerOnPacs({ browser: true, token: TOKEN });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mrecist-board-pacs-'));
}, 300_000);

afterAll(async () => {
  await env?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  // eslint-disable-next-line no-console
  console.log(`board summary timings (ms): ${JSON.stringify(timings)}`);
}, 90_000);

async function until<T>(page: Page, probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const value = await probe();
    if (value) return value;
    await page.waitForTimeout(250);
  }
  throw new Error(`${what} not seen within ${timeoutMs} ms; console errors: ${env.chromium!.consoleErrors.slice(-5).join(' | ')}`);
}

async function dicomWebJson(p: string): Promise<DicomJson[]> {
  const response = await fetch(`${env.server.url}/dicom-web${p}`, { headers: { Accept: 'application/dicom+json', ...AUTH } });
  if (response.status === 204) return [];
  expect(response.status).toBe(200);
  return (await response.json()) as DicomJson[];
}

/** Every instance of one modality in a study, as bytes. */
async function storedInstances(studyUid: string, modality: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const series of await dicomWebJson(`/studies/${studyUid}/series?Modality=${modality}`)) {
    const seriesUid = series['0020000E'].Value![0];
    for (const instance of await dicomWebJson(`/studies/${studyUid}/series/${seriesUid}/instances`)) {
      const url = `${env.server.url}/dicom-web/studies/${studyUid}/series/${seriesUid}/instances/${instance['00080018'].Value![0]}`;
      const response = await fetch(url, { headers: { Accept: 'multipart/related; type="application/dicom"', ...AUTH } });
      out.push(parseMultipartRelated(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type') ?? '')[0].body);
    }
  }
  return out;
}

function middleCtImage(studyUid: string): DemoInstance {
  const images = env.demo.filter((d) => d.studyUid === studyUid && d.modality === 'CT' && d.rows !== undefined).sort((a, b) => a.imagePositionPatient![2] - b.imagePositionPatient![2]);
  return images[Math.floor(images.length / 2)];
}

/** A full read: two targets measured on a slice of each study, a non-target assessed at every follow-up. */
function fullRead(read: CaseFile): Lesion[] {
  const line = (image: DemoInstance, points: [number, number][]) => ({
    referencedSopClassUid: CT_IMAGE_STORAGE,
    referencedSopInstanceUid: image.sopUid,
    referencedSeriesInstanceUid: image.seriesUid,
    graphicType: 'POLYLINE' as const,
    points,
  });
  const t1Mm = [42.5, 30.25, 24, 18.5, 16, 15.5, 15];
  const t2Mm = [25, 21.5, 17.25, 14, 12.5, 12, 11.5];
  const target = (id: string, values: number[], row: number) =>
    ({
      id,
      role: 'target',
      site: 'liver S8',
      arteriallyEnhancing: true,
      treatment: 'seeds',
      measurements: Object.fromEntries(
        read.timepoints.map((t, i) => {
          const mm = values[Math.min(i, values.length - 1)];
          const image = middleCtImage(t.studyInstanceUid!);
          return [t.id, { viableLongAxisMm: mm, graphics: { viableLongAxisMm: line(image, [[100.5, row], [100.5 + mm, row + 4.25]]) } }];
        }),
      ),
    }) as Lesion;
  return [
    target('T1', t1Mm, 110.5),
    target('T2', t2Mm, 160.5),
    { id: 'NT1', role: 'nonTarget', site: 'liver S2', status: Object.fromEntries(read.timepoints.map((t) => [t.id, 'present'])) } as Lesion,
  ];
}

describe('Course tab and Board summary in the viewer, stored in Orthanc', () => {
  it(
    'shows the course of a full read and stores the board summary as Encapsulated PDF and KOS',
    async () => {
      const page = env.chromium!.page;
      await page.goto(pacsViewerUrl(env.server.url, env.studies.map((s) => s.uid), TOKEN));
      await until(
        page,
        () => page.evaluate((id) => { const c = (globalThis as any).services?.mrecistSessionService?.session?.reports.get(id); const l = c?.getState().line; return !!l && !/Looking/.test(l) && c.getState().busy === null; }, DEMO_PATIENT_ID),
        'the report controller',
      );
      // Studies join the read's timeline as they load: the read is entered once every study is a timepoint.
      const before: CaseFile = await until(
        page,
        async () => {
          const r: CaseFile = await page.evaluate((id) => (globalThis as any).services.mrecistSessionService.session.reads.get(id).export(), DEMO_PATIENT_ID);
          return r.timepoints.length === env.studies.length ? r : null;
        },
        'every study in the timeline',
      );
      const lesions = fullRead(before);
      await page.evaluate(
        ([id, list]) => {
          const store = (globalThis as any).services.mrecistSessionService.session.reads.get(id);
          store.apply((r: any) => ({ ...r, lesions: list }), 'full read');
          store.signOff();
        },
        [DEMO_PATIENT_ID, lesions] as const,
      );
      const read: CaseFile = await page.evaluate((id) => (globalThis as any).services.mrecistSessionService.session.reads.get(id).export(), DEMO_PATIENT_ID);
      const assessment = assess(read, 'mrecist');

      // Course tab: every chart drawn (SVG marks), a key image per measured slice, loaded.
      const opened = Date.now();
      await page.locator('[data-cy="course-btn"]').first().click();
      await page.waitForSelector('[data-testid="mrecist-course"]', { timeout: 30_000 });
      const charts = ['Change from baseline per target', 'Target sum', 'Responses per criterion', 'Dose delivered by scan date'];
      for (const chart of charts) {
        await until(page, async () => (await page.locator(`[data-chart="${chart}"] svg path, [data-chart="${chart}"] svg line`).count()) > 3, `the chart "${chart}"`);
      }
      timings.courseTabChartsMs = Date.now() - opened;
      const spiderText = await page.locator('[data-chart="Change from baseline per target"] svg').textContent();
      expect(spiderText).toContain('PR -30 %');
      const measured = read.timepoints.length * 2;
      await until(
        page,
        () => page.evaluate((n) => { const imgs = [...document.querySelectorAll('[data-testid="mrecist-key-image"] img')] as HTMLImageElement[]; return imgs.length === n && imgs.every((i) => i.complete && i.naturalWidth > 0); }, measured),
        `${measured} key images`,
      );
      timings.courseTabKeyImagesMs = Date.now() - opened;
      expect(await page.locator('[data-testid="mrecist-key-image"] polyline').count()).toBe(measured);
      timings.dvhChartShown = await page.locator('[data-chart="GTV dose-volume histogram"] svg').count();
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.locator('[data-testid="mrecist-course-panel"]').screenshot({ path: path.join(ARTIFACTS_DIR, 'course-tab.png') });

      // Board summary: download, then both documents confirmed by the PACS.
      const clicked = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: LOAD_TIMEOUT_MS }), page.locator('[data-testid="mrecist-board-summary"]').click()]);
      const pdfFile = path.join(tmp, download.suggestedFilename());
      await download.saveAs(pdfFile);
      timings.clickToDownloadMs = Date.now() - clicked;
      const status = page.locator('[data-testid="mrecist-board-status"]');
      await until(page, async () => (await status.getAttribute('data-tone')) === 'ok' && (await status.getAttribute('data-total-ms')) !== null, 'the board documents stored');
      timings.clickToStoredMs = Date.now() - clicked;
      timings.pdfInPageMs = Number(await status.getAttribute('data-pdf-ms'));
      timings.pdfWorkerMs = Number(await status.getAttribute('data-worker-ms'));
      timings.pages = Number(await status.getAttribute('data-pages'));
      expect(download.suggestedFilename()).toMatch(/^P12-board-\d{4}-\d{2}-\d{2}\.pdf$/);

      const text = pdfToText(pdfFile);
      expect(text).toContain(`Tumour board summary: patient ${DEMO_PATIENT_ID}`);
      expect(text).toContain(`Reader: ${read.reader!.name}; signed off by ${read.reader!.name}`);
      expect(await page.locator('[data-testid="mrecist-course"]').innerText()).toContain(`reader ${read.reader!.name}`);
      for (const t of read.timepoints) expect(text).toContain(t.date);
      for (const t of assessment.timepoints) {
        expect(text).toMatch(new RegExp(`${t.id}\\s+${t.date}\\s+${t.targetSum!.toFixed(1)}\\s`));
        expect(text).toMatch(new RegExp(`${t.id}\\s+${t.date}\\s.*\\s${t.overall}\\s*$`, 'm'));
      }
      expect(text).toContain(`Best overall response: ${assessment.bestOverallResponse}.`);
      expect(text).toContain(`Baseline viable sum ${assessment.baselineTargetSum.toFixed(1)} mm.`);
      expect(text).toContain('Key images (measured slice, the line as drawn)');
      copyFileSync(pdfFile, path.join(ARTIFACTS_DIR, 'board-summary-browser.pdf'));

      // In Orthanc: the Encapsulated PDF (the downloaded bytes) and the KOS, in the latest study.
      const latest = env.studies[env.studies.length - 1].uid;
      const pdfs = await storedInstances(latest, 'DOC');
      expect(pdfs).toHaveLength(1);
      const encapsulated = decodeDicom(pdfs[0], 'stored PDF');
      expect(encapsulated.string('SOPClassUID')).toBe(ENCAPSULATED_PDF_STORAGE);
      expect(encapsulated.string('SOPInstanceUID')).toBe(await status.getAttribute('data-encapsulated-pdf-uid'));
      expect(encapsulated.string('PatientID')).toBe(DEMO_PATIENT_ID);
      expect(Buffer.from(pdfs[0]).includes(readFileSync(pdfFile))).toBe(true);
      const kos = await storedInstances(latest, 'KO');
      expect(kos).toHaveLength(1);
      expect(decodeDicom(kos[0], 'stored KOS').string('SOPClassUID')).toBe(KEY_OBJECT_SELECTION_STORAGE);
      expect(dciodvfyErrors(kos[0])).toEqual([]);
      const referenced = new Set(lesions.flatMap((l) => (l.role === 'target' ? Object.values(l.measurements).map((m: any) => m.graphics.viableLongAxisMm.referencedSopInstanceUid) : [])));
      for (const sop of referenced) expect(Buffer.from(kos[0]).includes(Buffer.from(sop))).toBe(true);
    },
    LOAD_TIMEOUT_MS * 4,
  );
});
