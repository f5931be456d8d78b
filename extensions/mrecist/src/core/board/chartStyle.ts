/**
 * What every chart shares: print-legible sizes (a chart is drawn about 16 cm wide on A4, so 10-point labels stay
 * readable on paper), the standard PDF font so the SVG text maps onto the PDF's built-in Helvetica, and a white
 * background. A chart spec is Vega-Lite (Satyanarayan et al., IEEE TVCG 2017) with its data inline: the same
 * spec renders in the browser and, headless, to SVG in Node.
 */
import type { TopLevelSpec } from 'vega-lite';

export const CHART_FONT = 'Helvetica';
export const CHART_WIDTH_PX = 440;
export const CHART_HEIGHT_PX = 180;

export const CHART_CONFIG = {
  font: CHART_FONT,
  background: 'white',
  axis: { labelFontSize: 10, titleFontSize: 11, gridColor: '#dddddd' },
  legend: { labelFontSize: 10, titleFontSize: 11 },
  title: { fontSize: 12, anchor: 'start' as const },
  view: { stroke: null },
};

export type ChartSpec = TopLevelSpec;

/** Wraps layers or a single view with the shared size and config. */
export function chart(title: string | string[], body: Record<string, unknown>, size: { width?: number; height?: number } = {}): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: size.width ?? CHART_WIDTH_PX,
    height: size.height ?? CHART_HEIGHT_PX,
    config: CHART_CONFIG,
    ...body,
  } as ChartSpec;
}
