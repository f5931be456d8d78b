/**
 * Cumulative DVH as a small SVG plot: dose (Gy) across, % volume up, a dashed line at the prescription.
 * Hand-drawn rather than a plotting library: one polyline and two axes.
 */
import { theme } from './theme';

export interface DvhPlotProps {
  readonly doseGy: readonly number[];
  readonly volumePct: readonly number[];
  readonly prescriptionGy: number;
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { left: 30, right: 8, top: 6, bottom: 22 };

export function DvhPlot({ doseGy, volumePct, prescriptionGy, width = 260, height = 140 }: DvhPlotProps) {
  const maxDose = doseGy.length ? doseGy[doseGy.length - 1] : prescriptionGy * 3;
  const w = width - MARGIN.left - MARGIN.right, h = height - MARGIN.top - MARGIN.bottom;
  const x = (d: number) => MARGIN.left + (w * d) / maxDose;
  const y = (v: number) => MARGIN.top + h * (1 - v / 100);
  const points = doseGy.map((d, i) => `${x(d).toFixed(1)},${y(volumePct[i]).toFixed(1)}`).join(' ');
  // Ticks at whole multiples of the prescription, clear of the axis unit at the right end.
  const ticks = [0, 1, 2, 3].map((k) => k * prescriptionGy).filter((d) => d <= maxDose * 0.85);
  return (
    <svg width={width} height={height} data-testid="mrecist-dvh-plot" role="img" aria-label="Cumulative dose-volume histogram of the target">
      <rect x={MARGIN.left} y={MARGIN.top} width={w} height={h} fill="none" stroke={theme.border} />
      {[0, 50, 100].map((v) => (
        <text key={v} x={MARGIN.left - 4} y={y(v) + 4} fill={theme.mutedForeground} fontSize={10} textAnchor="end">
          {v}%
        </text>
      ))}
      {ticks.map((d) => (
        <text key={d} x={x(d)} y={height - 8} fill={theme.mutedForeground} fontSize={10} textAnchor="middle">
          {Math.round(d)}
        </text>
      ))}
      <text x={MARGIN.left + w} y={height - 8} fill={theme.mutedForeground} fontSize={10} textAnchor="end">
        Gy
      </text>
      <line x1={x(prescriptionGy)} x2={x(prescriptionGy)} y1={MARGIN.top} y2={MARGIN.top + h} stroke={theme.warning} strokeDasharray="3 3" />
      <polyline points={points} fill="none" stroke={theme.highlight} strokeWidth={1.5} />
    </svg>
  );
}
