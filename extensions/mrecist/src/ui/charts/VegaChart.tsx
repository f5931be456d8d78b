/**
 * One chart of a Vega-Lite spec, rendered to SVG in the browser by the same libraries the CLI uses headless.
 * Vega and Vega-Lite are imported on first use, so the bundler puts them in a separate chunk that the prebuilt
 * viewer loads only when a chart is shown. Props in; nothing out.
 */
import { useEffect, useRef, useState } from 'react';
import type { ChartSpec } from '../../core/board/chartStyle';

export interface VegaChartProps {
  readonly spec: ChartSpec;
  /** Accessible name of the chart. */
  readonly label: string;
}

export function VegaChart({ spec, label }: VegaChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let finalize: (() => void) | null = null;
    let cancelled = false;
    (async () => {
      const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
      if (cancelled || container.current === null) return;
      const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'svg', container: container.current, hover: true });
      finalize = () => view.finalize();
      await view.runAsync();
      // Drawn at the print size of the PDF; scaled down to the panel's width on screen.
      const svg = container.current?.querySelector('svg');
      if (svg) {
        svg.style.maxWidth = '100%';
        svg.style.height = 'auto';
      }
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);
  return (
    <figure style={{ margin: '6px 0', background: 'white', borderRadius: 3, padding: 4 }} aria-label={label} data-chart={label}>
      <div ref={container} />
      {error !== null && <figcaption style={{ color: '#8a1c1c' }}>Chart not drawn: {error}</figcaption>}
    </figure>
  );
}
