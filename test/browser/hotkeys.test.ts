/**
 * Our keys are OHIF hotkeys: listed in OHIF's own preferences (gear menu → Preferences) with their labels and
 * keys, and a key the reader rebinds there drives the read while the old key no longer does.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { looksRendered, viewportCanvasStats, waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DICOM_DIR = process.env.MRECIST_DEMO_DICOM_DIR ?? path.join(REPO, 'demo-data', 'dicom');
const RENDER_TIMEOUT_MS = 90_000;
/** A key no default OHIF binding uses. */
const NEW_KEY = 'k';

jest.setTimeout(240_000);

let server: RunningServer;
let chromium: LaunchedChromium;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'viewer', 'index.html'))) throw new Error('dist/viewer missing: run node scripts/build.mjs');
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: DEMO_DICOM_DIR, port: 0 });
  chromium = await launchChromium({ viewport: { width: 1600, height: 900 } });
  await chromium.page.goto(demoViewerUrl(server.url, server.demo!));
  await waitUntil(async () => looksRendered(await viewportCanvasStats(chromium.page, VIEWPORT_ID.baseline)), RENDER_TIMEOUT_MS, async () => 'baseline not rendered');
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** The selected lesion of the open read (the session the host's services hold). */
const selected = (page: Page) => page.evaluate(() => (globalThis as any).services?.mrecistSessionService?.session?.activeRead()?.getState().selectedLesionId ?? null);

async function openPreferences(page: Page): Promise<void> {
  // The header's gear menu is the last menu trigger of the page; try triggers from the last until one offers Preferences.
  const triggers = page.locator('button[aria-haspopup="menu"]');
  for (let i = (await triggers.count()) - 1; i >= 0; i--) {
    await triggers.nth(i).click();
    const item = page.getByRole('menuitem', { name: 'Preferences' });
    if (await item.isVisible().catch(() => false)) {
      await item.click();
      return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error('no menu with a Preferences item');
}

/** The key field beside a hotkey's label (ui-next UserPreferencesModal.Hotkey: label and input in one row). */
const hotkeyInput = (page: Page, label: string) => page.locator(`label:text-is("${label}")`).locator('xpath=../descendant::input[1]');

it('lists our keys in OHIF\'s preferences; rebinding "next lesion" there makes the new key walk the lesions', async () => {
  const { page } = chromium;
  // Two lesions to walk through, added through the read's own store.
  await page.evaluate(() => {
    const store = (globalThis as any).services.mrecistSessionService.session.activeRead();
    store.addLesion({ role: 'target', site: 'liver' });
    store.addLesion({ role: 'target', site: 'liver' });
    store.select(undefined, undefined);
  });
  await page.locator('[data-testid="mrecist-read-panel"]').hover();
  await page.keyboard.press(']');
  await waitUntil(async () => (await selected(page)) === 'T1', 5_000, async () => `] selected ${await selected(page)}`);

  await openPreferences(page);
  await page.locator('label:text-is("Next lesion (mRECIST)")').waitFor({ state: 'visible', timeout: 10_000 });
  for (const label of ['Previous lesion (mRECIST)', 'Next timepoint against the baseline (mRECIST)', 'Selected lesion not evaluable (mRECIST)', 'Select no lesion and cancel (mRECIST)']) {
    await expect(page.locator(`label:text-is("${label}")`).count()).resolves.toBe(1);
  }
  const nextLesion = hotkeyInput(page, 'Next lesion (mRECIST)');
  expect(await nextLesion.inputValue()).toBe(']');
  // The host's own Esc binding is replaced by ours (one binding per key), not duplicated.
  await expect(page.locator('label:text-is("Cancel")').count()).resolves.toBe(0);

  await nextLesion.click();
  await page.keyboard.press(NEW_KEY);
  // The field shows keys as OHIF displays them (letters in capitals).
  await waitUntil(async () => (await nextLesion.inputValue()).toLowerCase() === NEW_KEY, 5_000, async () => `field shows "${await nextLesion.inputValue()}"`);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('label:text-is("Next lesion (mRECIST)")').waitFor({ state: 'detached', timeout: 10_000 });

  await page.locator('[data-testid="mrecist-read-panel"]').hover();
  await page.keyboard.press(NEW_KEY);
  await waitUntil(async () => (await selected(page)) === 'T2', 5_000, async () => `${NEW_KEY} selected ${await selected(page)}`);
  await page.keyboard.press(']');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await selected(page)).toBe('T2');
});
