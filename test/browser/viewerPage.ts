/** Reading the OHIF page the way a reader sees it: viewport canvases, overlays, our panel. */
import type { Page } from 'playwright-core';

export interface CanvasStats {
  readonly width: number;
  readonly height: number;
  readonly distinctGreyLevels: number;
  readonly minLuma: number;
  readonly maxLuma: number;
}

/** Grey-level statistics of the Cornerstone canvas in the viewport with this id (null if not there yet). */
export async function viewportCanvasStats(page: Page, viewportId: string): Promise<CanvasStats | null> {
  return page.evaluate((id) => {
    const canvas = document.querySelector(`[data-viewportid="${id}"] canvas.cornerstone-canvas`) as HTMLCanvasElement | null;
    if (!canvas || !canvas.width || !canvas.height) return null;
    const context = canvas.getContext('2d');
    if (!context) return null;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const levels = new Set<number>();
    let min = 255;
    let max = 0;
    // Every 7th pixel is plenty to tell an image from a blank or uniformly filled canvas.
    for (let i = 0; i < data.length; i += 4 * 7) {
      const luma = Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
      levels.add(luma);
      if (luma < min) min = luma;
      if (luma > max) max = luma;
    }
    return { width: canvas.width, height: canvas.height, distinctGreyLevels: levels.size, minLuma: min, maxLuma: max };
  }, viewportId);
}

/** An image, not a blank or flat canvas: several grey levels spanning a visible range. */
export function looksRendered(stats: CanvasStats | null): boolean {
  return !!stats && stats.distinctGreyLevels >= 3 && stats.maxLuma - stats.minLuma >= 40;
}

/** Polls until `check` is true; resolves with the elapsed ms, rejects with `describe()` after the timeout. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
}

/** Text of an overlay corner ("top-left", "bottom-left", ...) of the viewport pane with this id. */
export async function overlayText(page: Page, viewportId: string, corner: string): Promise<string> {
  return page.evaluate(
    ([id, where]) => {
      const pane = document.querySelector(`[data-viewportid="${id}"]`)?.closest('[data-cy="viewport-pane"]');
      return (pane?.querySelector(`[data-cy="viewport-overlay-${where}"]`) as HTMLElement | null)?.innerText ?? '';
    },
    [viewportId, corner] as const,
  );
}

export interface PanelRow {
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly role: string;
  readonly current: boolean;
  readonly daysSinceBaseline: string;
  readonly viewportIds: string;
  readonly text: string;
}

export async function timepointPanelRows(page: Page): Promise<PanelRow[]> {
  return page.$$eval('[data-testid="mrecist-timepoint"]', (rows) =>
    rows.map((row) => ({
      studyInstanceUid: row.getAttribute('data-study-instance-uid') ?? '',
      studyDate: row.getAttribute('data-study-date') ?? '',
      role: row.getAttribute('data-role') ?? '',
      current: row.getAttribute('data-current') === 'true',
      daysSinceBaseline: row.getAttribute('data-days-since-baseline') ?? '',
      viewportIds: row.getAttribute('data-viewport-ids') ?? '',
      text: (row as HTMLElement).innerText,
    })),
  );
}

/** StudyInstanceUID and series description shown in a viewport, from the host's services. */
export async function viewportStudy(page: Page, viewportId: string): Promise<{ studyInstanceUid: string; seriesDescription: string } | null> {
  return page.evaluate((id) => {
    const services = (window as unknown as { services?: any }).services;
    let viewport;
    try {
      viewport = services?.viewportGridService?.getState()?.viewports?.get(id);
    } catch {
      // Right after a (re)load the service exists before the host's viewport grid has given it its state
      // ("_getState is not a function"): no viewport yet, as far as a waiting test is concerned.
      return null;
    }
    const uid = viewport?.displaySetInstanceUIDs?.[0];
    const displaySet = uid ? services.displaySetService.getDisplaySetByUID(uid) : undefined;
    return displaySet ? { studyInstanceUid: displaySet.StudyInstanceUID, seriesDescription: String(displaySet.SeriesDescription ?? '') } : null;
  }, viewportId);
}
