/**
 * Is a viewport showing an image? Judged from what the user sees: a screenshot of the viewport element,
 * decoded in the page (no PNG library needed in Node), reduced to luminance statistics. Works whatever kind
 * of canvas Cornerstone draws into (2D copy or WebGL), and includes everything painted over it.
 */
import type { Locator, Page } from 'playwright-core';

export interface LuminanceStats {
  readonly pixels: number;
  /** Share of pixels brighter than BRIGHT_LEVEL (0–1). */
  readonly brightFraction: number;
  readonly standardDeviation: number;
}

/** 8-bit luminance above which a pixel is "not background": the CT air and OHIF's black are far below it. */
export const BRIGHT_LEVEL = 40;

/**
 * Thresholds for "a rendered CT slice": the overlay text alone covers about 1–2 % of a viewport, an
 * abdomen section covers most of it; a flat grey frame (wrong window) has no spread.
 */
export const MIN_BRIGHT_FRACTION = 0.05;
export const MIN_STANDARD_DEVIATION = 15;

export async function luminanceStats(page: Page, element: Locator): Promise<LuminanceStats> {
  const png = await element.screenshot({ type: 'png' });
  return page.evaluate(
    async ({ dataUrl, brightLevel }) => {
      const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      let bright = 0;
      let sum = 0;
      let sumSquares = 0;
      const count = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        const y = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        if (y > brightLevel) bright++;
        sum += y;
        sumSquares += y * y;
      }
      const mean = sum / count;
      return {
        pixels: count,
        brightFraction: bright / count,
        standardDeviation: Math.sqrt(Math.max(0, sumSquares / count - mean * mean)),
      };
    },
    { dataUrl: `data:image/png;base64,${png.toString('base64')}`, brightLevel: BRIGHT_LEVEL },
  );
}

export function looksRendered(stats: LuminanceStats): boolean {
  return stats.brightFraction >= MIN_BRIGHT_FRACTION && stats.standardDeviation >= MIN_STANDARD_DEVIATION;
}
