/**
 * Reading the seed and isodose overlay the way a reader sees it: marker positions from the rendered DOM, isodose
 * polygons mapped to client pixels by the browser (getScreenCTM), and the host viewport's own worldToCanvas for
 * the expected positions. Nothing here calls our overlay code: expectations come from the test's data.
 */
import type { Page } from 'playwright-core';

export type Vec3 = [number, number, number];

export interface ViewportSlices {
  readonly imageIds: string[];
  /** Position of each image along the stack normal, mm (dot(IPP, normal)). */
  readonly positionsMm: number[];
  readonly normal: Vec3;
  readonly rowDirection: Vec3;
  readonly columnDirection: Vec3;
  readonly currentIndex: number;
}

export async function viewportSlices(page: Page, viewportId: string): Promise<ViewportSlices> {
  return page.evaluate((id) => {
    const cs = (window as any).cornerstone;
    const vp = cs.getRenderingEngines()[0].getViewport(id);
    const imageIds: string[] = vp.getImageIds();
    const first = cs.metaData.get('imagePlaneModule', imageIds[0]);
    const r = first.rowCosines, c = first.columnCosines;
    const normal = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
    const positionsMm = imageIds.map((imageId) => {
      const p = cs.metaData.get('imagePlaneModule', imageId).imagePositionPatient;
      return p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2];
    });
    return { imageIds, positionsMm, normal, rowDirection: [...r], columnDirection: [...c], currentIndex: vp.getCurrentImageIdIndex() };
  }, viewportId) as Promise<ViewportSlices>;
}

/** Index of the image nearest to a point along the normal. */
export function sliceNearest(slices: ViewportSlices, p: Vec3): number {
  const s = p[0] * slices.normal[0] + p[1] * slices.normal[1] + p[2] * slices.normal[2];
  let best = 0;
  slices.positionsMm.forEach((q, i) => {
    if (Math.abs(q - s) < Math.abs(slices.positionsMm[best] - s)) best = i;
  });
  return best;
}

/** Scrolls the host viewport to an image and waits until our overlay has drawn isodose for it. */
export async function showSlice(page: Page, viewportId: string, index: number, timeoutMs = 30_000): Promise<void> {
  const imageId = await page.evaluate(
    async ([id, k]) => {
      const vp = (window as any).cornerstone.getRenderingEngines()[0].getViewport(id);
      await vp.setImageIdIndex(k);
      return vp.getImageIds()[k] as string;
    },
    [viewportId, index] as const,
  );
  await page.waitForFunction(
    ([id, expected]) => {
      const g = document.querySelector(`svg[data-mrecist-overlay="${id}"] [data-layer="isodose"]`);
      return g?.getAttribute('data-plane-key') === expected && g?.getAttribute('data-state') === 'ready';
    },
    [viewportId, imageId] as const,
    { timeout: timeoutMs },
  );
}

/** Canvas pixel position (CSS px from the canvas's top-left) of world points, by the host viewport. */
export async function projectToCanvas(page: Page, viewportId: string, points: readonly Vec3[]): Promise<Array<[number, number]>> {
  return page.evaluate(
    ([id, pts]) => {
      const vp = (window as any).cornerstone.getRenderingEngines()[0].getViewport(id);
      return pts.map((p) => {
        const c = vp.worldToCanvas(p);
        return [c[0], c[1]] as [number, number];
      });
    },
    [viewportId, points] as const,
  );
}

export interface DrawnMarker {
  readonly kind: string;
  readonly index: number;
  /** Centre of the drawn marker relative to the canvas's top-left, CSS px. */
  readonly x: number;
  readonly y: number;
}

export async function drawnMarkers(page: Page, viewportId: string): Promise<DrawnMarker[]> {
  return page.evaluate((id) => {
    const canvas = document.querySelector(`[data-viewportid="${id}"] canvas.cornerstone-canvas`) as HTMLCanvasElement;
    const origin = canvas.getBoundingClientRect();
    return [...document.querySelectorAll(`svg[data-mrecist-overlay="${id}"] [data-seed-kind]`)].map((g) => {
      const shape = g.querySelector('circle, path') as SVGGraphicsElement;
      const box = shape.getBoundingClientRect();
      return {
        kind: g.getAttribute('data-seed-kind') ?? '',
        index: Number(g.getAttribute('data-seed-index')),
        x: box.left + box.width / 2 - origin.left,
        y: box.top + box.height / 2 - origin.top,
      };
    });
  }, viewportId);
}

/** Isodose polygons per percent level, vertices in canvas CSS px (the browser applies the SVG transforms). */
export async function drawnIsodose(page: Page, viewportId: string): Promise<Record<string, Array<Array<[number, number]>>>> {
  return page.evaluate((id) => {
    const canvas = document.querySelector(`[data-viewportid="${id}"] canvas.cornerstone-canvas`) as HTMLCanvasElement;
    const origin = canvas.getBoundingClientRect();
    const out: Record<string, Array<Array<[number, number]>>> = {};
    for (const poly of document.querySelectorAll(`svg[data-mrecist-overlay="${id}"] polygon[data-percent]`)) {
      const polygon = poly as SVGPolygonElement;
      const ctm = polygon.getScreenCTM();
      if (!ctm) continue;
      const ring = [...polygon.points].map((p) => {
        const q = new DOMPoint(p.x, p.y).matrixTransform(ctm);
        return [q.x - origin.left, q.y - origin.top] as [number, number];
      });
      (out[polygon.getAttribute('data-percent')!] ??= []).push(ring);
    }
    return out;
  }, viewportId);
}

/** Even-odd point-in-polygon over all rings of one level. */
export function insideRings(rings: ReadonlyArray<ReadonlyArray<[number, number]>>, x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

export function applyMatrix(m: readonly number[], p: Vec3): Vec3 {
  return [0, 1, 2].map((r) => m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2] + m[4 * r + 3]) as Vec3;
}
