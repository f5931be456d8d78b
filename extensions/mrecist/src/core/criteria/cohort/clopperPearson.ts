/**
 * Exact (Clopper-Pearson 1934) confidence interval for a binomial proportion x/n:
 *   lower = Beta quantile (alpha/2; x, n - x + 1), 0 when x = 0
 *   upper = Beta quantile (1 - alpha/2; x + 1, n - x), 1 when x = n
 */
import { betaQuantile } from './betaQuantile';

export interface Proportion {
  x: number;
  n: number;
  /** x / n, or null when n = 0. */
  rate: number | null;
  /** Exact interval at the given confidence, or null when n = 0. */
  ci: [number, number] | null;
  confidence: number;
}

export function clopperPearson(x: number, n: number, confidence = 0.95): Proportion {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 0 || x > n) {
    throw new Error(`clopperPearson: need whole numbers 0 <= x <= n, got x=${x}, n=${n}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new Error(`clopperPearson: confidence must be in (0, 1), got ${confidence}`);
  if (n === 0) return { x, n, rate: null, ci: null, confidence };
  const alpha = 1 - confidence;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return { x, n, rate: x / n, ci: [lower, upper], confidence };
}
