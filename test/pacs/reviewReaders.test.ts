/**
 * Issue 11 in the browser: blinded central review with the built viewer in Chromium, a real Orthanc behind the
 * review server, two readers and an adjudicator, each in a browser of their own (own profile, own cookies and
 * storage). Each reader logs in, reads the demo patient with the mouse and the panel, and signs off; the viewer
 * stores the read under the logged-in user (no Reader field) and the server accepts it. Reader B's study browser
 * (the SR display sets), SR viewport and panel show nothing of A's. The adjudicator's view shows both reads on
 * the images (lines coloured per read), the disagreeing variables, and records an endorsement; `review-stats`
 * verifies the audit log, and one changed byte makes it fail naming the line.
 * Screenshots go to MRECIST_REVIEW_SHOTS (default artifacts/pacs/review).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startOrthanc, uploadDicomFiles, type OrthancServer } from '../../scripts/pacs/orthanc';
import { freePort } from '../../scripts/pacs/freePort';
import { startServer, type RunningServer } from '../../scripts/serve/startServer';
import { hashPassword } from '../../extensions/mrecist/src/cli/commands/reviewUser';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { launchChromium, type LaunchedChromium } from '../browser/launchChromium';
import { drawLine, showSliceNearest, storeSnapshot, type Vec3 } from '../browser/readWorkflowPage';
import { waitUntil } from '../browser/viewerPage';
import { readDemoCase, REPO_ROOT, DEMO_PATIENT_ID, DEMO_DICOM_DIR } from './demoCase';
import { logIn, openCase } from './reviewBrowser';
import { VIEWER_DIR } from './viewerOnPacs';

const SHOTS = process.env.MRECIST_REVIEW_SHOTS ?? path.join(REPO_ROOT, 'artifacts', 'pacs', 'review');
const LOAD_TIMEOUT_MS = 120_000;
const USERS = {
  a: { id: 'r1', name: 'Reader One', role: 'reader', password: 'alpha-reader-pw' },
  b: { id: 'r2', name: 'Reader Two', role: 'reader', password: 'bravo-reader-pw' },
  adj: { id: 'adj', name: 'Adjudicator', role: 'adjudicator', password: 'delta-adjudicator-pw' },
} as const;

jest.setTimeout(600_000);

let orthanc: OrthancServer | undefined;
let server: RunningServer | undefined;
let dir = '';
let baselineLesion: { centre: Vec3; diameterMm: number };
const browsers: LaunchedChromium[] = [];
/** Each reader's stored SOP Instance UIDs, as the audit log names them. */
const storedBy: Record<string, string[]> = {};

const mrecist = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'mrecist.js'), ...args], { encoding: 'utf8' });

beforeAll(async () => {
  const demo = readDemoCase().filter((d) => d.patientId === DEMO_PATIENT_ID);
  const truth = JSON.parse(readFileSync(path.join(path.dirname(DEMO_DICOM_DIR), 'truth.json'), 'utf8'));
  const first = [...truth.studies].sort((x: { studyDate: string }, y: { studyDate: string }) => x.studyDate.localeCompare(y.studyDate))[0];
  const lesion = first.lesions?.[0] ?? { centreMm: first.lesionCentreMm, viablePlaneZMm: first.viablePlaneZMm, viableDiameterMm: first.viableLongestDiameterMm };
  baselineLesion = { centre: [lesion.centreMm[0], lesion.centreMm[1], lesion.viablePlaneZMm ?? lesion.centreMm[2]], diameterMm: lesion.viableDiameterMm };
  dir = mkdtempSync(path.join(os.tmpdir(), 'mrecist-review-readers-'));
  const port = await freePort();
  orthanc = await startOrthanc({ publicOrigin: `http://127.0.0.1:${port}` });
  await uploadDicomFiles(orthanc.url, demo.map((d) => d.file));
  const review = {
    trial: 'DEMO-01',
    users: Object.values(USERS).map((u) => ({ id: u.id, name: u.name, role: u.role, password: hashPassword(u.password) })),
    cases: [{ patientId: DEMO_PATIENT_ID, readers: [USERS.a.id, USERS.b.id], adjudicator: USERS.adj.id }],
  };
  writeFileSync(path.join(dir, 'REVIEW.json'), JSON.stringify(review));
  server = await startServer({ viewerDir: VIEWER_DIR, pacsUrl: orthanc.dicomWebUrl, port, reviewConfigFile: path.join(dir, 'REVIEW.json') });
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await orthanc?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 90_000);

async function browser(): Promise<LaunchedChromium> {
  const launched = await launchChromium({ viewport: { width: 1800, height: 1000 } });
  browsers.push(launched);
  return launched;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** What the page's own session may ask the review server (same cookie). */
async function caseState(page: Page): Promise<string> {
  return page.evaluate(async (id) => (await (await fetch(`/review/api/cases/${id}`)).json()).state, DEMO_PATIENT_ID);
}

function auditRecords(): Array<Record<string, any>> {
  return readFileSync(server!.reviewAuditLog!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

/**
 * A read through the panel: the Reader is the logged-in user, fixed; T1 is drawn on the baseline with the
 * Length tool, every follow-up gets `followUp` (no viable tumour, or not evaluable), then the read is signed off,
 * which stores it on the PACS at once.
 */
async function readAndSignOff(page: Page, user: (typeof USERS)['a' | 'b'], followUp: 'no-viable' | 'not-evaluable'): Promise<void> {
  await page.waitForSelector('[data-testid="mrecist-reader-identity"]', { timeout: 60_000 });
  expect(await page.getAttribute('[data-testid="mrecist-reader-identity"]', 'data-reader-name')).toBe(user.name);
  expect(await page.locator('[data-testid="mrecist-reader-name"]').count()).toBe(0);
  await page.locator('[data-cy="Length"]').or(page.locator('[data-cy="Length-btn"]')).first().click();
  await showSliceNearest(page, VIEWPORT_ID.baseline, baselineLesion.centre);
  const half = baselineLesion.diameterMm / 2;
  const [cx, cy, cz] = baselineLesion.centre;
  const after = await drawLine(page, VIEWPORT_ID.baseline, [cx - half, cy, cz], [cx + half, cy, cz]);
  expect(after.read.lesions.map((l) => l.id)).toEqual(['T1']);
  for (const tp of after.read.timepoints.filter((t) => !t.baseline)) {
    await page.locator(`[data-testid="mrecist-lesion-row"][data-lesion-id="T1"] [data-testid="mrecist-lesion-cell"][data-timepoint-id="${tp.id}"]`).click();
    if (followUp === 'no-viable') await page.locator('[data-testid="mrecist-no-viable"]').click();
    else await page.locator('[data-testid^="mrecist-ne-"]').first().click();
  }
  await page.locator('[data-testid="mrecist-sign-off"]').click();
  await page.locator('[data-testid="mrecist-sign-off-confirm-button"]').click();
  await page.waitForSelector('[data-testid="mrecist-signed-off"]');
  expect(await page.getAttribute('[data-testid="mrecist-signed-off"]', 'data-signed-by')).toBe(user.name);
  // Stored by the server under the logged-in user: the viewer's save was accepted.
  await waitUntil(
    async () => (await page.getAttribute('[data-testid="mrecist-report-status"]', 'data-tone')) === 'ok' && (await caseState(page)) === 'signed off',
    60_000,
    async () => `report status: ${await page.locator('[data-testid="mrecist-report-status"]').innerText()}; case state ${await caseState(page)}`,
  );
  storedBy[user.id] = auditRecords().filter((r) => r.user === user.id && (r.event === 'save' || r.event === 'sign-off')).map((r) => r.sopInstanceUid);
  expect(auditRecords().filter((r) => r.user === user.id && r.event === 'sign-off').map((r) => r.reader)).toEqual([user.name]);
}

describe('blinded central review in the viewer', () => {
  it('reader A logs in, reads with the mouse as the logged-in user and signs off; the server stores the read', async () => {
    const { page } = await browser();
    await logIn(page, server!.url, USERS.a);
    await shot(page, 'reader-worklist');
    expect(await openCase(page, DEMO_PATIENT_ID, LOAD_TIMEOUT_MS)).toEqual([]);
    await readAndSignOff(page, USERS.a, 'no-viable');
    await shot(page, 'reader-viewer');
    await page.goto(`${server!.url}/review/`);
    await shot(page, 'reader-worklist-signed-off');
    expect(storedBy[USERS.a.id].length).toBeGreaterThan(0);
  }, 600_000);

  it("reader B, in a browser of their own, sees nothing of A's read in the study browser, the SR viewport or the panel; reads and signs off", async () => {
    const { page } = await browser();
    await logIn(page, server!.url, USERS.b);
    expect(await page.locator(`tr[data-patient-id="${DEMO_PATIENT_ID}"] [data-testid="review-case-state"]`).innerText()).toBe('not started');
    // No SR display set at all: the study browser lists no report, so no SR viewport can open one.
    expect(await openCase(page, DEMO_PATIENT_ID, LOAD_TIMEOUT_MS)).toEqual([]);
    await page.waitForSelector('[data-testid="mrecist-reader-identity"]', { timeout: 60_000 });
    await waitUntil(async () => (await page.getAttribute('[data-testid="mrecist-report-status"]', 'data-tone')) !== null, 30_000, async () => 'no report status');
    const snapshot = await storeSnapshot(page);
    expect(snapshot?.read.lesions).toEqual([]);
    expect(snapshot?.source).toBe('new');
    expect(await page.locator('[data-testid="mrecist-report-version"]').count()).toBe(0);
    const panel = await page.locator('[data-testid="mrecist-read-panel"]').innerText();
    expect(panel).not.toContain(USERS.a.name);
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    for (const sop of storedBy[USERS.a.id]) expect(fetched.filter((u) => u.includes(sop))).toEqual([]);
    await readAndSignOff(page, USERS.b, 'not-evaluable');
    const srs = await page.evaluate(() =>
      (window as any).services.displaySetService
        .getActiveDisplaySets()
        .filter((d: any) => d.Modality === 'SR')
        .flatMap((d: any) => (d.instances ?? [d.instance]).map((i: any) => i?.SOPInstanceUID)),
    );
    for (const sop of storedBy[USERS.a.id]) expect(srs).not.toContain(sop);
  }, 600_000);

  it('the adjudicator sees both reads side by side, coloured per read, the disagreeing variables, and endorses one with a reason', async () => {
    const { page } = await browser();
    await logIn(page, server!.url, USERS.adj);
    expect(await page.locator(`tr[data-patient-id="${DEMO_PATIENT_ID}"] [data-testid="review-case-state"]`).innerText()).toBe('awaiting adjudication');
    await openCase(page, DEMO_PATIENT_ID, LOAD_TIMEOUT_MS);
    await page.waitForSelector('[data-testid="mrecist-adjudication-read-B"]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-testid="mrecist-adjudication-read-A"]', 'data-reader')).toBe(USERS.a.name);
    expect(await page.getAttribute('[data-testid="mrecist-adjudication-read-B"]', 'data-reader')).toBe(USERS.b.name);
    expect(await page.locator('[data-testid="mrecist-reader-name"]').count()).toBe(0);
    const variables = await page.locator('[data-testid="mrecist-adjudication-variable"]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-variable'), r.getAttribute('data-agree')]));
    expect(variables).toEqual([
      ['bestOverallResponse', 'false'],
      ['progressionDate', 'true'],
      ['responseDate', 'false'],
    ]);
    const rows = await page.locator('[data-testid="mrecist-adjudication-criterion-mrecist"] [data-testid="mrecist-adjudication-row"]').evaluateAll((trs) => trs.map((r) => [r.getAttribute('data-a'), r.getAttribute('data-b')]));
    expect(rows.length).toBeGreaterThan(1);
    for (const [a, b] of rows) expect([a, b]).toEqual(['CR', 'NE']);
    // Both reads' lines on the images, locked, one colour per read.
    await waitUntil(
      async () => (await page.locator('[data-testid="mrecist-adjudication-draw-problems"]').count()) === 0,
      60_000,
      async () => page.locator('[data-testid="mrecist-adjudication-draw-problems"]').innerText(),
    );
    const lines: Array<{ read: string; locked: boolean; colour: string; reader: boolean }> = await page.evaluate(() => {
      const tools = (window as any).cornerstoneTools;
      return tools.annotation.state
        .getAllAnnotations()
        .filter((a: any) => a.metadata.mrecistReview)
        .map((a: any) => ({ read: a.metadata.mrecistReview.read, locked: tools.annotation.locking.isAnnotationLocked(a.annotationUID), colour: tools.annotation.config.style.getAnnotationToolStyles(a.annotationUID)?.color, reader: !!a.metadata.mrecist }));
    });
    expect(lines.map((l) => l.read).sort()).toEqual(['A', 'B']);
    expect(lines.every((l) => l.locked && !l.reader)).toBe(true);
    expect(new Set(lines.map((l) => l.colour)).size).toBe(2);
    await showSliceNearest(page, VIEWPORT_ID.baseline, baselineLesion.centre);
    await shot(page, 'adjudicator-view');

    await page.locator('[data-testid="mrecist-endorse-A"]').check();
    await page.locator('[data-testid="mrecist-endorse-reason"]').fill('B marked every follow-up not evaluable; the images are evaluable');
    await page.locator('[data-testid="mrecist-endorse-submit"]').click();
    await page.waitForSelector('[data-testid="mrecist-endorse-outcome"][data-ok="true"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="mrecist-endorsement"][data-read="A"]');
    const endorsement = auditRecords().filter((r) => r.event === 'adjudication' && r.endorsement);
    expect(endorsement.map((r) => [r.endorsement.read, r.endorsement.adjudicator])).toEqual([['A', USERS.adj.name]]);
    expect(auditRecords().some((r) => r.event === 'reissue' && r.user === USERS.adj.id)).toBe(true);
    await shot(page, 'adjudicator-endorsed');
    await page.goto(`${server!.url}/review/stats`);
    expect(await page.locator('[data-testid="review-statistics"]').innerText()).toContain('adjudication');
    await shot(page, 'stats-page');
  }, 600_000);

  it('review-stats verifies the chain; one changed byte fails naming the line', () => {
    const log = server!.reviewAuditLog!;
    const ok = mrecist('review-stats', log);
    expect(ok.status).toBe(0);
    const lines = readFileSync(log, 'utf8').split('\n');
    const k = Math.floor(lines.length / 2);
    const at = lines[k].indexOf('"at":"') + 8; // a digit of the year
    lines[k] = lines[k].slice(0, at) + (lines[k][at] === '1' ? '2' : '1') + lines[k].slice(at + 1);
    const tampered = path.join(dir, 'tampered.audit.log');
    writeFileSync(tampered, lines.join('\n'));
    const broken = mrecist('review-stats', tampered);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(`line ${k + 1}`);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
  });
});
