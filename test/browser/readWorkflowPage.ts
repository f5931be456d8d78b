/**
 * Driving a read in the real viewer: slices chosen through the host's Cornerstone viewport, lines drawn with the
 * mouse at canvas positions computed by the viewport's own worldToCanvas, panel state read back from the DOM and
 * from the open session's read store (the host's services: services.mrecistSessionService.session).
 */
import type { Page } from 'playwright-core';
import type { CaseFile } from '../../extensions/mrecist/src/core/criteria/types';
import { waitUntil } from './viewerPage';

export type Vec3 = [number, number, number];

export interface StoreSnapshot {
  revision: number;
  read: CaseFile;
  selectedLesionId?: string;
  activeTimepointId?: string;
  source: string;
  storageError: string | null;
}

export async function storeSnapshot(page: Page): Promise<StoreSnapshot | null> {
  return page.evaluate(() => {
    const session = (globalThis as unknown as { services?: { mrecistSessionService?: { session: { activeRead(): { getState(): StoreSnapshot } | undefined } | null } } }).services?.mrecistSessionService?.session;
    const store = session?.activeRead();
    if (!store) return null;
    const s = store.getState();
    return JSON.parse(JSON.stringify({ revision: s.revision, read: s.read, selectedLesionId: s.selectedLesionId, activeTimepointId: s.activeTimepointId, source: s.source, storageError: s.storageError }));
  });
}

/** Shows the slice of the viewport's stack nearest to a world point (distance along the slice normal). */
export async function showSliceNearest(page: Page, viewportId: string, world: Vec3): Promise<number> {
  return page.evaluate(
    async ([id, point]) => {
      const w = window as unknown as { services: any; cornerstone: any };
      const viewport = w.services.cornerstoneViewportService.getCornerstoneViewport(id);
      const imageIds: string[] = viewport.getImageIds();
      let best = 0;
      let bestDistance = Infinity;
      imageIds.forEach((imageId, index) => {
        const plane = w.cornerstone.metaData.get('imagePlaneModule', imageId);
        const r = plane.rowCosines, c = plane.columnCosines, p = plane.imagePositionPatient;
        const n = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
        const d = Math.abs(n[0] * (point[0] - p[0]) + n[1] * (point[1] - p[1]) + n[2] * (point[2] - p[2]));
        if (d < bestDistance) [best, bestDistance] = [index, d];
      });
      await viewport.setImageIdIndex(best);
      viewport.render();
      return best;
    },
    [viewportId, world] as const,
  );
}

/** Page coordinates of a world point in a viewport (CSS pixels, via the viewport's worldToCanvas). */
export async function pagePoint(page: Page, viewportId: string, world: Vec3): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([id, point]) => {
      const w = window as unknown as { services: any };
      const viewport = w.services.cornerstoneViewportService.getCornerstoneViewport(id);
      const [cx, cy] = viewport.worldToCanvas(point);
      const rect = (viewport.canvas as HTMLCanvasElement).getBoundingClientRect();
      return { x: rect.left + cx, y: rect.top + cy };
    },
    [viewportId, world] as const,
  );
}

/** Draws a line with the active annotation tool by mouse, from a to b (world mm), and waits for the read to change. */
export async function drawLine(page: Page, viewportId: string, a: Vec3, b: Vec3): Promise<StoreSnapshot> {
  const before = (await storeSnapshot(page))?.revision ?? -1;
  const start = await pagePoint(page, viewportId, a);
  const end = await pagePoint(page, viewportId, b);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
  let after: StoreSnapshot | null = null;
  await waitUntil(
    async () => {
      after = await storeSnapshot(page);
      return !!after && after.revision > before;
    },
    20_000,
    async () => {
      await page.screenshot({ path: 'artifacts/browser/read-failed-line.png' }).catch(() => undefined);
      return `read revision stayed ${before}; panel message: ${await page.locator('[data-testid="mrecist-message"]').allInnerTexts()}; line ${JSON.stringify([start, end])}`;
    },
  );
  return after as unknown as StoreSnapshot;
}

export interface DisplayedRow {
  timepointId: string;
  target: string;
  nonTarget: string;
  newLesions: string;
  overall: string;
  sum: string;
  pctBaseline: string;
  pctNadir: string;
  cells: string[];
}

export async function displayedResponses(page: Page, criteria: string): Promise<{ bor: string; progressionDate: string; error: string; rows: DisplayedRow[] }> {
  const table = page.locator(`[data-testid="mrecist-response-${criteria}"]`);
  const rows = await table.locator('[data-testid="mrecist-response-row"]').evaluateAll((trs) =>
    trs.map((tr) => ({
      timepointId: tr.getAttribute('data-timepoint-id') ?? '',
      target: tr.getAttribute('data-target') ?? '',
      nonTarget: tr.getAttribute('data-nontarget') ?? '',
      newLesions: tr.getAttribute('data-new') ?? '',
      overall: tr.getAttribute('data-overall') ?? '',
      sum: tr.getAttribute('data-sum') ?? '',
      pctBaseline: tr.getAttribute('data-pct-baseline') ?? '',
      pctNadir: tr.getAttribute('data-pct-nadir') ?? '',
      cells: [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim()),
    })),
  );
  return {
    bor: (await table.getAttribute('data-bor')) ?? '',
    progressionDate: (await table.getAttribute('data-progression-date')) ?? '',
    error: (await table.getAttribute('data-error')) ?? '',
    rows,
  };
}

/** Maps a point with a row-major 4x4 matrix (truth.json preImplantToStudy). */
export function applyMatrix(m: readonly number[], p: readonly number[]): Vec3 {
  return [0, 1, 2].map((r) => m[r * 4] * p[0] + m[r * 4 + 1] * p[1] + m[r * 4 + 2] * p[2] + m[r * 4 + 3]) as Vec3;
}
