/**
 * The Report section on the static demo (dicomjson, no PACS behind it): saving to a PACS is off and says why,
 * and "Download SR" gives a DICOM file named after patient, date and reader that holds the read (checked with
 * the core codec) and passes dciodvfy.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseFile } from '../../extensions/mrecist/src/core/criteria/types';
import { readSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { STATIC_SOURCE_REASON } from '../../extensions/mrecist/src/ohif/report/reportService';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { dciodvfy } from '../unit/sr/dicomTools';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DICOM_DIR = path.join(process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data'), 'dicom');
const PATIENT_ID = 'P12';
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
  return chromium.page.evaluate((id) => (globalThis as any)[Symbol.for('ohif-mrecist.reportControllers')]?.controllers.get(id)?.getState().line ?? null, PATIENT_ID);
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
    const store = (globalThis as any)[Symbol.for('ohif-mrecist.readStores')].stores.get(id);
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
