/**
 * What a benchmark part reports: each figure beside the baseline it is compared with, measured in the same run,
 * and whether its target is met. `npm run bench` prints them in one table at the end and, with `--json FILE`,
 * writes them to FILE so figures can be compared from one change to the next.
 */
export interface BenchFigure {
  part: string;
  name: string;
  unit: string;
  value: number;
  /** The baseline measured in the same run (absent where a figure has only an absolute target). */
  baseline?: number;
  baselineName?: string;
  /** value ÷ baseline, from paired (alternating) runs where the part has them. */
  ratio?: number;
  /** Human-readable target, e.g. "≤ 0.5 s" or "ratio ≤ 3". */
  target?: string;
  met?: boolean;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `a` and `b` in turn (b first, then a, `rounds` times) and returns each one's times and the median of the
 * per-round ratios a/b: pairing keeps the ratio meaningful while other work on the machine comes and goes.
 */
export async function alternate(
  rounds: number,
  a: () => Promise<number> | number,
  b: () => Promise<number> | number,
): Promise<{ a: number[]; b: number[]; ratio: number }> {
  const ta: number[] = [];
  const tb: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const y = await b();
    const x = await a();
    tb.push(y);
    ta.push(x);
    ratios.push(x / y);
  }
  return { a: ta, b: tb, ratio: median(ratios) };
}

/** Seconds taken by `f` (wall clock). */
export async function seconds(f: () => unknown): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

function cell(v: number | undefined, unit: string): string {
  if (v === undefined) return '';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : Math.abs(v) >= 1 ? 2 : 3;
  return `${v.toFixed(digits)} ${unit}`.trim();
}

export function figureTable(figures: readonly BenchFigure[]): string {
  const rows = [
    ['part', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', 'met'],
    ['---', '---', '---', '---', '---', '---', '---'],
    ...figures.map((f) => [
      f.part,
      f.name,
      cell(f.value, f.unit),
      f.baseline === undefined ? '' : `${cell(f.baseline, f.unit)} (${f.baselineName ?? 'baseline'})`,
      f.ratio === undefined ? '' : f.ratio.toFixed(2),
      f.target ?? '',
      f.met === undefined ? '' : f.met ? 'met' : 'NOT MET',
    ]),
  ];
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}
