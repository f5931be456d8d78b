/**
 * The Report section on the static demo (dicomjson, no PACS behind it): saving to a PACS is off and says why,
 * and "Download SR" gives a DICOM file named after patient, date and reader that holds the read (checked with
 * the core codec) and passes dciodvfy.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseFile } from '../../extensions/mrecist/src/core/criteria/types';
import { decodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { STATIC_SOURCE_REASON } from '../../extensions/mrecist/src/ohif/report/reportService';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { dciodvfy } from '../unit/sr/dicomTools';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DICOM_DIR = path.join(process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data'), 'dicom');
const PATIENT_ID = 'P12';
const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');
jest.setTimeout(240_000);

let server: RunningServer;
let chromium: LaunchedChromium;

beforeAll(async () => {
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: DEMO_DICOM_DIR, port: 0 });
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

async function controllerLine(): Promise<string | null> {
  return chromium.page.evaluate((id) => (globalThis as any).services?.mrecistSessionService?.session?.reports.get(id)?.getState().line ?? null, PATIENT_ID);
}

it('without a PACS: save is off with the reason, and the downloaded SR holds the read and passes dciodvfy', async () => {
  const { page } = chromium;
  await page.goto(demoViewerUrl(server.url, server.demo!));
  await waitUntil(async () => (await controllerLine()) !== null, 120_000, async () => chromium.consoleErrors.slice(-5).join(' | '));
  expect(await controllerLine()).toBe(STATIC_SOURCE_REASON);
  const save = page.locator('[data-testid="mrecist-report-save"]');
  await expect(save.isDisabled()).resolves.toBe(true);
  await expect(save.getAttribute('title')).resolves.toBe(STATIC_SOURCE_REASON);

  const read: CaseFile = await page.evaluate((id) => {
    const store = (globalThis as any).services?.mrecistSessionService?.session?.reads.get(id);
    const r = store.getState().read;
    const [bl, fu] = r.timepoints;
    store.apply(
      (x: any) => ({
        ...x,
        lesions: [
          { id: 'T1', role: 'target', site: 'liver S8', measurements: { [bl.id]: { longAxisMm: 40, viableLongAxisMm: 35.5 }, [fu.id]: { longAxisMm: 39, viableLongAxisMm: 20 } } },
          { id: 'NT1', role: 'nonTarget', status: { [bl.id]: 'present', [fu.id]: 'absent' } },
        ],
      }),
      'test read',
    );
    return store.export();
  }, PATIENT_ID);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="mrecist-report-download"]').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^mrecist_${PATIENT_ID}_\\d{8}_${read.reader!.name.replace(/[^A-Za-z0-9._-]+/g, '_')}\\.dcm$`));
  const file = path.join(os.tmpdir(), `mrecist-download-${process.pid}.dcm`);
  await download.saveAs(file);
  const fromFile = readSr(new Uint8Array(readFileSync(file)), file);
  expect(fromFile.ours).toBe(true);
  expect(fromFile.caseFile.lesions.map(({ trackingUid, ...l }) => l)).toEqual(read.lesions.map(({ trackingUid, ...l }) => l));
  expect(fromFile.caseFile.reader?.name).toBe(read.reader?.name);
  expect(dciodvfy(file).filter((l) => /^Error/.test(l))).toEqual([]);
  await expect(page.locator('[data-testid="mrecist-report-status"]').innerText()).resolves.toMatch(/^Downloaded mrecist_P12_\d{8}_.*\.dcm \(\d+ kB\)\.$/);
});

it('signing off: refused while a timepoint is blank, then closes the read to edits, survives a reload, and the SR is COMPLETE and VERIFIED; Amend reopens it', async () => {
  const { page } = chromium;
  const state = () =>
    page.evaluate((id) => {
      const s = (globalThis as any).services?.mrecistSessionService?.session?.reads.get(id).getState();
      return JSON.parse(JSON.stringify({ signedOff: s.signedOff, lesions: s.read.lesions.length, timepoints: s.read.timepoints.map((t: any) => t.id) })) as { signedOff?: { by: string; at: string }; lesions: number; timepoints: string[] };
    }, PATIENT_ID);
  const message = () => page.locator('[data-testid="mrecist-message"]').innerText();
  const signOff = async () => {
    await page.locator('[data-testid="mrecist-sign-off"]').click();
    await expect(page.locator('[data-testid="mrecist-sign-off-confirm"]').innerText()).resolves.toMatch(/^Sign off as Reader 1: mRECIST (best overall response [A-Z]+|not assessable yet)\?/);
    await page.locator('[data-testid="mrecist-sign-off-confirm-button"]').click();
  };
  // One target and one non-target, recorded at the baseline and the first follow-up only.
  const timepoints = (await state()).timepoints;
  const fill = (upTo: number) =>
    page.evaluate(
      ([id, ids]) => {
        const store = (globalThis as any).services?.mrecistSessionService?.session?.reads.get(id);
        store.apply(
          (x: any) => ({
            ...x,
            lesions: [
              { id: 'T1', role: 'target', site: 'liver S8', measurements: Object.fromEntries(ids.map((t, i) => [t, { viableLongAxisMm: 35.5 - 5 * i }])) },
              { id: 'NT1', role: 'nonTarget', status: Object.fromEntries(ids.map((t) => [t, 'present'])) },
            ],
          }),
          'test read',
        );
      },
      [PATIENT_ID, timepoints.slice(0, upTo)] as const,
    );
  await fill(2);
  await signOff();
  await expect(message()).resolves.toBe(
    `The read cannot be signed off yet: nothing recorded for T1 at ${timepoints[2]}, T1 at ${timepoints[3]}, T1 at ${timepoints[4]} and 3 more: measure it, or mark it not evaluable`,
  );
  expect((await state()).signedOff).toBeUndefined();

  await fill(timepoints.length);
  await signOff();
  await waitUntil(async () => (await state()).signedOff !== undefined, 5_000, async () => message());
  const signed = (await state()).signedOff!;
  expect(signed.by).toBe('Reader 1');
  expect(Math.abs(Date.parse(signed.at) - Date.now())).toBeLessThan(60_000);
  await expect(page.locator('[data-testid="mrecist-signed-off"]').innerText()).resolves.toMatch(/^Signed off\s*by Reader 1 on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · closed to edits/);
  // Closed to edits: the panel refuses, and says how to reopen.
  await page.locator('[data-testid="mrecist-add-nontarget"]').click();
  await expect(message()).resolves.toMatch(/^The read was signed off by Reader 1 on .* UTC: choose Amend to change it\.$/);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'read-signed-off.png'), clip: (await page.locator('[data-testid="mrecist-read-panel"]').boundingBox())! });
  expect((await state()).lesions).toBe(2);

  // The report of a signed-off read: COMPLETE, VERIFIED, the reader as verifying observer.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="mrecist-report-download"]').click()]);
  const file = path.join(os.tmpdir(), `mrecist-signed-${process.pid}.dcm`);
  await download.saveAs(file);
  const bytes = new Uint8Array(readFileSync(file));
  expect(readSr(bytes, file).signOff).toEqual(signed);
  expect(decodeDicom(bytes, file).raw).toMatchObject({ CompletionFlag: 'COMPLETE', VerificationFlag: 'VERIFIED' });
  expect(dciodvfy(file).filter((l) => /^Error/.test(l))).toEqual([]);

  // A reload keeps the sign-off (browser storage); Amend reopens the read.
  await page.reload();
  await waitUntil(async () => (await controllerLine()) !== null && (await page.locator('[data-testid="mrecist-signed-off"]').count()) === 1, 120_000, async () => 'no sign-off after the reload');
  expect((await state()).signedOff).toEqual(signed);
  await page.locator('[data-testid="mrecist-amend"]').click();
  await waitUntil(async () => (await state()).signedOff === undefined, 5_000, async () => 'Amend did not reopen the read');
  await page.locator('[data-testid="mrecist-add-nontarget"]').click();
  await waitUntil(async () => (await state()).lesions === 3, 5_000, async () => `after Amend: ${await message().catch(() => '')}`);
});
