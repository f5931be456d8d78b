/**
 * Outside central review (plain `npm start`, the static demo): the viewer asks `/review/api/me`, gets a 404, and
 * the reader types a name as before. The name is remembered in the browser: after a reload (the next visit) the
 * Reader field shows it and that reader's read reopens; "Reader 1"'s read is not the one shown.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { storeSnapshot } from './readWorkflowPage';
import { looksRendered, viewportCanvasStats, waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DIR = process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data');
const RENDER_TIMEOUT_MS = 120_000;

jest.setTimeout(300_000);

let server: RunningServer;
let chromium: LaunchedChromium;

async function openViewer(): Promise<void> {
  const { page } = chromium;
  await page.goto(demoViewerUrl(server.url, server.demo!));
  await waitUntil(async () => looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)), RENDER_TIMEOUT_MS, async () => chromium.consoleErrors.slice(-5).join('\n'));
  await page.waitForSelector('[data-testid="mrecist-reader-name"]', { timeout: 30_000 });
}

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'viewer', 'index.html'))) throw new Error('dist/viewer missing: run node scripts/build.mjs');
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: path.join(DEMO_DIR, 'dicom'), port: 0 });
  chromium = await launchChromium({ viewport: { width: 1600, height: 900 } });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

it('no review server: /review/api/me is 404 and the Reader field is free text', async () => {
  const response = await fetch(`${server.url}/review/api/me`);
  expect(response.status).toBe(404);
  await openViewer();
  expect(await chromium.page.inputValue('[data-testid="mrecist-reader-name"]')).toBe('Reader 1');
  expect(await chromium.page.locator('[data-testid="mrecist-reader-identity"]').count()).toBe(0);
});

it('the typed reader name is remembered, and its read reopens on the next visit', async () => {
  const { page } = chromium;
  // Reader 1 adds a target; then the reader becomes "Dr Remembered", whose read gets two targets.
  await page.locator('[data-testid="mrecist-add-target"]').click();
  await page.fill('[data-testid="mrecist-reader-name"]', 'Dr Remembered');
  await page.locator('[data-testid="mrecist-reader-name"]').press('Enter');
  await page.locator('[data-testid="mrecist-add-target"]').click();
  const before = await storeSnapshot(page);
  expect(before?.read.lesions.map((l) => l.id)).toEqual(['T1', 'T2']);
  expect(await page.evaluate(() => localStorage.getItem('ohif-mrecist-reader-name:v1'))).toBe('Dr Remembered');

  await openViewer();
  expect(await page.inputValue('[data-testid="mrecist-reader-name"]')).toBe('Dr Remembered');
  const after = await storeSnapshot(page);
  expect(after?.source).toBe('draft');
  expect(after?.revision).toBe(before?.revision);
  expect(after?.read.lesions.map((l) => l.id)).toEqual(['T1', 'T2']);
  expect(await page.locator('[data-testid="mrecist-save-status"]').innerText()).toContain('restored from browser storage');
});
