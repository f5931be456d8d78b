/**
 * Two tabs of one browser on the same read, in real Chromium and the real viewer: an edit in one tab reaches the
 * other through browser storage (its `storage` event), which reloads the read and says so in the panel; an edit
 * made there afterwards is saved on top of the first tab's, never over it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { storeSnapshot } from './readWorkflowPage';
import { looksRendered, viewportCanvasStats, waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DIR = process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data');
const RENDER_TIMEOUT_MS = 120_000;

jest.setTimeout(400_000);

let server: RunningServer;
let chromium: LaunchedChromium;

async function openViewer(page: Page): Promise<void> {
  await page.goto(demoViewerUrl(server.url, server.demo!));
  await waitUntil(async () => looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)), RENDER_TIMEOUT_MS, async () => chromium.consoleErrors.slice(-5).join('\n'));
  await page.waitForSelector('[data-testid="mrecist-lesions"]', { timeout: 30_000 });
}

/** The draft as browser storage holds it (shared by the pages of one context). */
async function storedDrafts(page: Page): Promise<{ revision: number; lesionIds: string[] }[]> {
  return page.evaluate(() => {
    const drafts: { revision: number; lesionIds: string[] }[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (!/^ohif-mrecist-draft:v1:[^:]*:[^:]*$/.test(key)) continue;
      const draft = JSON.parse(localStorage.getItem(key)!);
      drafts.push({ revision: draft.revision, lesionIds: draft.read.lesions.map((l: { id: string }) => l.id) });
    }
    return drafts;
  });
}

async function lesionIds(page: Page): Promise<string[]> {
  return ((await storeSnapshot(page))?.read.lesions ?? []).map((l) => l.id);
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

it('an edit in one tab reloads the read in the other, which is told, and whose next edit goes on top', async () => {
  const first = chromium.page;
  await openViewer(first);
  const second = await chromium.context.newPage();
  await openViewer(second);
  const opened = (await storeSnapshot(second))!.revision;
  expect((await storeSnapshot(first))!.revision).toBe(opened);

  await first.locator('[data-testid="mrecist-add-nontarget"]').click();
  await waitUntil(async () => (await lesionIds(first)).length === 1, 30_000, async () => `first tab: ${await lesionIds(first)}`);
  // The second tab is told and has the first tab's lesion, without a reload of the page.
  await second.waitForSelector('[data-testid="mrecist-changed-elsewhere"]', { timeout: 30_000 });
  expect(await second.locator('[data-testid="mrecist-changed-elsewhere"]').innerText()).toMatch(/changed in another tab \(revision \d+\) and has been reloaded/);
  expect(await lesionIds(second)).toEqual(await lesionIds(first));

  // Its next edit is saved on top of the first tab's: both lesions are kept, and the first tab reloads in turn.
  await second.locator('[data-testid="mrecist-add-nontarget"]').click();
  await waitUntil(async () => (await lesionIds(second)).length === 2, 30_000, async () => `second tab: ${await lesionIds(second)}`);
  await second.waitForSelector('[data-testid="mrecist-changed-elsewhere"]', { state: 'detached', timeout: 10_000 });
  await first.waitForSelector('[data-testid="mrecist-changed-elsewhere"]', { timeout: 30_000 });
  const both = await lesionIds(second);
  expect(await lesionIds(first)).toEqual(both);
  const drafts = await storedDrafts(first);
  expect(drafts).toHaveLength(1);
  expect(drafts[0]).toEqual({ revision: (await storeSnapshot(second))!.revision, lesionIds: both });
});
