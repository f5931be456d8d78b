/**
 * Review mode with the built viewer in Chromium: a reader logs in through the login page, sees the worklist, and
 * opens the case into the mrecist mode, which loads its images through the blinding filter with the session
 * cookie. Reader A's signed-off read is in the PACS: reader B's viewer has no SR display set (the study browser
 * and the SR viewport have nothing of A's), reader A's has theirs. Screenshots go to artifacts/pacs/.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { startOrthanc, uploadDicomFiles, type OrthancServer } from '../../scripts/pacs/orthanc';
import { freePort } from '../../scripts/pacs/freePort';
import { startServer, type RunningServer } from '../../scripts/serve/startServer';
import { hashPassword } from '../../extensions/mrecist/src/cli/commands/reviewUser';
import type { CaseFile } from '../../extensions/mrecist/src/core/criteria/types';
import { writeSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { launchChromium, type LaunchedChromium } from '../browser/launchChromium';
import { groupBy, readDemoCase, REPO_ROOT, DEMO_PATIENT_ID } from './demoCase';
import { VIEWER_DIR } from './viewerOnPacs';
import { logIn as logIn_, openCase as openCase_ } from './reviewBrowser';

const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts', 'pacs');
const LOAD_TIMEOUT_MS = 120_000;
const USERS = [
  { id: 'r1', name: 'Reader One', role: 'reader', password: 'alpha-reader-pw' },
  { id: 'r2', name: 'Reader Two', role: 'reader', password: 'bravo-reader-pw' },
  { id: 'adj', name: 'Adjudicator', role: 'adjudicator', password: 'delta-adjudicator-pw' },
];

let orthanc: OrthancServer | undefined;
let server: RunningServer | undefined;
let chromium: LaunchedChromium | undefined;
let dir = '';
let srOfA = '';

beforeAll(async () => {
  const demo = readDemoCase().filter((d) => d.patientId === DEMO_PATIENT_ID);
  const studies = [...groupBy(demo, (d) => d.studyUid)].map(([uid, files]) => ({ uid, date: files[0].studyDate })).sort((a, b) => a.date.localeCompare(b.date));
  dir = mkdtempSync(path.join(os.tmpdir(), 'mrecist-review-viewer-'));
  const port = await freePort();
  orthanc = await startOrthanc({ publicOrigin: `http://127.0.0.1:${port}` });
  await uploadDicomFiles(orthanc.url, demo.map((d) => d.file));
  const review = {
    trial: 'DEMO-01',
    users: USERS.map((u) => ({ id: u.id, name: u.name, role: u.role, password: hashPassword(u.password) })),
    cases: [{ patientId: DEMO_PATIENT_ID, readers: ['r1', 'r2'], adjudicator: 'adj' }],
  };
  writeFileSync(path.join(dir, 'REVIEW.json'), JSON.stringify(review));
  server = await startServer({ viewerDir: VIEWER_DIR, pacsUrl: orthanc.dicomWebUrl, port, reviewConfigFile: path.join(dir, 'REVIEW.json') });

  // Reader A's signed-off read, stored through the server as the viewer stores it.
  const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const read = {
    patientId: DEMO_PATIENT_ID,
    criteria: 'mrecist',
    reader: { name: 'Reader One' },
    timepoints: [
      { id: 'BL', date: iso(studies[0].date), baseline: true, studyInstanceUid: studies[0].uid },
      { id: 'FU', date: iso(studies[studies.length - 1].date), studyInstanceUid: studies[studies.length - 1].uid },
    ],
    lesions: [{ id: 'T1', role: 'target', site: 'liver S8', arteriallyEnhancing: true, measurements: { BL: { viableLongAxisMm: 40 }, FU: { viableLongAxisMm: 20 } } }],
  } as unknown as CaseFile;
  const written = writeSr({
    caseFile: read,
    file: 'read A',
    document: { contentDate: '20261204', contentTime: '120000', study: { StudyInstanceUID: studies[studies.length - 1].uid }, patient: { PatientID: DEMO_PATIENT_ID }, signOff: { by: 'Reader One', at: new Date().toISOString() } },
  });
  srOfA = String(written.dataset.SOPInstanceUID);
  const boundary = `b-${randomUUID()}`;
  const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.from(written.bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const stored = await fetch(`${server.url}/dicom-web/studies`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('r1:alpha-reader-pw').toString('base64')}`, 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}` },
    body: new Uint8Array(body),
  });
  if (stored.status !== 200) throw new Error(`STOW of read A: HTTP ${stored.status} ${await stored.text()}`);
  chromium = await launchChromium();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
}, 300_000);

afterAll(async () => {
  await chromium?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await orthanc?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 90_000);

const logIn = (page: Page, id: string) => logIn_(page, server!.url, USERS.find((u) => u.id === id)!);
const openCase = (page: Page) => openCase_(page, DEMO_PATIENT_ID, LOAD_TIMEOUT_MS);

describe('review mode in the viewer', () => {
  it('without logging in, the viewer is the login page (401)', async () => {
    const response = await chromium!.page.goto(`${server!.url}/mrecist/dicomweb`);
    expect(response?.status()).toBe(401);
    await expect(chromium!.page.locator('form[action="/review/login"]').count()).resolves.toBe(1);
  });

  it("reader B logs in, sees the worklist, opens the case: images load, nothing of A's read is there", async () => {
    const { page } = chromium!;
    await logIn(page, 'r2');
    await expect(page.locator(`tr[data-patient-id="${DEMO_PATIENT_ID}"] [data-testid="review-case-state"]`).innerText()).resolves.toBe('not started');
    writeFileSync(path.join(ARTIFACTS_DIR, 'review-reader-worklist.png'), await page.screenshot());
    const srs = await openCase(page);
    expect(srs).toEqual([]);
    writeFileSync(path.join(ARTIFACTS_DIR, 'review-reader-b-viewer.png'), await page.screenshot());
    // Nothing the browser fetched names A's read.
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(fetched.filter((u) => u.includes(srOfA))).toEqual([]);
  }, LOAD_TIMEOUT_MS + 60_000);

  it('reader A, after B logs out, sees their own read in their view of the study', async () => {
    const { page } = chromium!;
    await page.goto(`${server!.url}/review/`);
    await Promise.all([page.waitForURL(`${server!.url}/review/login`), page.click('form[action="/review/logout"] button')]);
    await logIn(page, 'r1');
    await expect(page.locator(`tr[data-patient-id="${DEMO_PATIENT_ID}"] [data-testid="review-case-state"]`).innerText()).resolves.toBe('signed off');
    expect(await openCase(page)).toEqual([srOfA]);
    writeFileSync(path.join(ARTIFACTS_DIR, 'review-reader-a-viewer.png'), await page.screenshot());
  }, LOAD_TIMEOUT_MS + 60_000);
});
