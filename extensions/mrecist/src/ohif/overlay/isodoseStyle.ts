/**
 * Display defaults of the isodose overlay (brachytherapy-dosimetry.md section 9): the standard levels 50, 80, 90,
 * 100, 150 and 200 % of the prescription, one colour each (cold to hot, the 100 % line the prescription colour),
 * and the demo's 145 Gy prescription for I-125 monotherapy (AAPM TG-137) when the plan states none.
 */
import { DEFAULT_ISODOSE_PERCENTS } from '../../core/dose/isodoseLines';

export interface IsodoseLevelStyle {
  readonly percent: number;
  readonly color: string;
}

const COLORS: Readonly<Record<number, string>> = {
  50: '#3b82f6',
  80: '#06b6d4',
  90: '#22c55e',
  100: '#facc15',
  150: '#f97316',
  200: '#ef4444',
};

export const ISODOSE_LEVEL_STYLES: readonly IsodoseLevelStyle[] = DEFAULT_ISODOSE_PERCENTS.map((percent) => ({ percent, color: COLORS[percent] }));

export const FALLBACK_PRESCRIPTION_GY = 145;

export const SEED_COLORS = { planned: '#22d3ee', found: '#fde047', migrated: '#f43f5e' } as const;

/** "72.5 Gy" / "130.5 Gy": at most one decimal, no trailing zeros. */
export function formatGy(doseGy: number): string {
  return `${Number(doseGy.toFixed(1))} Gy`;
}
