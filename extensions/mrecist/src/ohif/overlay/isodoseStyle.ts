/**
 * Display defaults of the isodose overlay (brachytherapy-dosimetry.md section 9): the standard levels 50, 80, 90,
 * 100, 150 and 200 % of the prescription, one colour each (cold to hot, the 100 % line the prescription colour),
 * and the demo's 145 Gy prescription for I-125 monotherapy (AAPM TG-137) when the plan states none.
 *
 * Six full-strength lines hide the tumour they surround, so a viewport starts lighter: the prescription line
 * (100 %, whose coverage V100 is the plan's main quality figure, TG-137), the 50 % envelope outside it and the
 * 150 % line (V150, the hot region) are drawn, thin and partly transparent; the reader switches the other levels
 * on in the dose section. The table below is the one the viewport layer and the panel read.
 */
import { DEFAULT_ISODOSE_PERCENTS } from '../../core/dose/isodoseLines';

export interface IsodoseLevelStyle {
  readonly percent: number;
  readonly color: string;
  /** Drawn before the reader chooses otherwise. */
  readonly shownByDefault: boolean;
  /** Stroke width in screen pixels (the same at every zoom). */
  readonly widthPx: number;
  /** Stroke opacity, 0-1: the image stays readable under the line. */
  readonly opacity: number;
}

/** Per level: colour, drawn by default, width (px), opacity. */
const LEVELS: Readonly<Record<number, Omit<IsodoseLevelStyle, 'percent'>>> = {
  50: { color: '#3b82f6', shownByDefault: true, widthPx: 1, opacity: 0.6 },
  80: { color: '#06b6d4', shownByDefault: false, widthPx: 1, opacity: 0.6 },
  90: { color: '#22c55e', shownByDefault: false, widthPx: 1, opacity: 0.6 },
  100: { color: '#facc15', shownByDefault: true, widthPx: 1.25, opacity: 0.8 },
  150: { color: '#f97316', shownByDefault: true, widthPx: 1, opacity: 0.6 },
  200: { color: '#ef4444', shownByDefault: false, widthPx: 1, opacity: 0.6 },
};

export const ISODOSE_LEVEL_STYLES: readonly IsodoseLevelStyle[] = DEFAULT_ISODOSE_PERCENTS.map((percent) => ({ percent, ...LEVELS[percent] }));

/** The levels a viewport draws until the reader chooses others. */
export const DEFAULT_VISIBLE_PERCENTS: readonly number[] = ISODOSE_LEVEL_STYLES.filter((l) => l.shownByDefault).map((l) => l.percent);

export const FALLBACK_PRESCRIPTION_GY = 145;

export const SEED_COLORS = { planned: '#22d3ee', found: '#fde047', migrated: '#f43f5e' } as const;

/** "72.5 Gy" / "130.5 Gy": at most one decimal, no trailing zeros. */
export function formatGy(doseGy: number): string {
  return `${Number(doseGy.toFixed(1))} Gy`;
}
