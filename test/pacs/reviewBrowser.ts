/**
 * Driving the review server's pages in Chromium: logging in at the login page (session cookie) and opening a
 * case from the worklist into the mrecist mode, through the blinding filter.
 */
import type { Page } from 'playwright-core';

export interface ReviewLogin {
  readonly id: string;
  readonly password: string;
}

/** Logs in through the login page and lands on the worklist. */
export async function logIn(page: Page, origin: string, user: ReviewLogin): Promise<void> {
  await page.goto(`${origin}/review/`);
  await page.fill('input[name="id"]', user.id);
  await page.fill('input[name="password"]', user.password);
  await Promise.all([page.waitForURL(`${origin}/review/`), page.click('button')]);
}

/** Opens the case from the worklist; resolves with the SOP Instance UIDs of the SR display sets once two viewports show images. */
export async function openCase(page: Page, patientId: string, timeoutMs: number): Promise<string[]> {
  await page.click(`a[href="/review/open/${patientId}"]`);
  const handle = await page.waitForFunction(
    () => {
      const w = window as any;
      const viewports = w.cornerstone?.getRenderingEngines?.().flatMap((e: any) => e.getViewports()) ?? [];
      if (viewports.filter((v: any) => typeof v.getCurrentImageId?.() === 'string').length < 2) return null;
      return w.services.displaySetService
        .getActiveDisplaySets()
        .filter((d: any) => d.Modality === 'SR')
        .flatMap((d: any) => (d.instances ?? [d.instance]).map((i: any) => i?.SOPInstanceUID));
    },
    undefined,
    { timeout: timeoutMs, polling: 1000 },
  );
  return (await handle.jsonValue()) as string[];
}
