/** Waits until both reading viewports have rendered images and the read panel lists lesions. */
import type { LaunchedChromium } from './launchChromium';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { looksRendered, viewportCanvasStats, waitUntil } from './viewerPage';

export async function waitForReadViewer(chromium: LaunchedChromium, timeoutMs: number): Promise<void> {
  const { page } = chromium;
  await waitUntil(
    async () => looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.baseline)) && looksRendered(await viewportCanvasStats(page, VIEWPORT_ID.current)),
    timeoutMs,
    async () => `viewer did not render at ${page.url()}: ${chromium.consoleErrors.slice(-5).join('\n')}`,
  );
  await page.waitForSelector('[data-testid="mrecist-lesions"]', { timeout: 30_000 });
}
