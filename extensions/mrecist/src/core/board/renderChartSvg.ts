/**
 * Renders a chart spec (Vega-Lite) to SVG text headless (Node, or a Web Worker): Vega-Lite compiles to Vega, a Vega View with
 * no renderer draws the scenegraph to SVG. Both packages are ES modules with a top-level await (vega-canvas
 * probes for node-canvas), so they are imported dynamically. Without node-canvas Vega estimates text widths,
 * which is enough for axis labels.
 */
import type { ChartSpec } from './chartStyle';

export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
