/**
 * Debian's Chromium driven by playwright-core, rendering Cornerstone3D through WebGL on SwiftShader (flags
 * from ohif-host.md) and compositing the page in software. Never downloads a browser. Each launch gets a fresh profile folder,
 * removed by close(). Reused by the PACS tests to open the viewer through a proxied Orthanc.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** --disable-software-rasterizer must NOT be added: it removes WebGL and the CPU fallback then crashes. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How the page is composited. 'software' (the default) is what Chromium itself falls back to on a machine with no
 * usable GPU: WebGL still runs on SwiftShader, the page's layers are drawn by the CPU compositor. 'swiftshader'
 * composites through SwiftShader's emulated GL too, which costs about 30 ms per 1600×900 frame on two cores and
 * caps slice scrolling near 20 fps whatever the page does (measured by `npm run bench -- overlay`).
 */
export type Compositing = 'software' | 'swiftshader';

export function chromiumArgs(compositing: Compositing = 'software'): string[] {
  return compositing === 'software' ? [...CHROMIUM_ARGS, '--disable-gpu-compositing'] : [...CHROMIUM_ARGS];
}

export interface LaunchedChromium {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors seen so far (for diagnostics in failure messages). */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  readonly viewport?: { width: number; height: number };
  readonly compositing?: Compositing;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mrecist-chromium-'));
  // launchPersistentContext is the way to pass our own --user-data-dir to playwright.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(options.compositing),
    viewport: options.viewport ?? { width: 1600, height: 900 },
  });
  const browser = context.browser() as Browser;
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  return {
    browser,
    context,
    page,
    consoleErrors,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
