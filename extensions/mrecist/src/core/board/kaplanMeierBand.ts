/**
 * The 95 % confidence band of a Kaplan-Meier curve, for the time-to-progression figure. Greenwood's variance
 * (Greenwood 1926) on the log(-log) scale (Kalbfleisch & Prentice 1980), which keeps the band inside [0, 1]:
 *   v(t) = Σ_{t_i ≤ t} d_i / (n_i (n_i − d_i)),   S± = S^exp(∓ z·√v / ln S).
 * Where S is 1 (no event yet) the band is the point; where S is 0 (the last at risk progressed) the band is
 * undefined and shown as [0, 0]. The steps are the cohort statistics' own (kaplanMeier), not recomputed.
 */
import type { KaplanMeierStep } from '../criteria/cohort/kaplanMeier';

/** Two-sided 95 %: the standard normal quantile at 0.975. */
export const Z_95 = 1.959963984540054;

export interface KaplanMeierCurvePoint {
  days: number;
  survival: number;
  lower: number;
  upper: number;
}

export interface CensorMark {
  days: number;
  survival: number;
}

export interface KaplanMeierFigureData {
  /** Starts at day 0 with S = 1; one point per event time, held until the next (step after). */
  curve: KaplanMeierCurvePoint[];
  censored: CensorMark[];
  medianDays: number | null;
}

export function kaplanMeierBand(steps: readonly KaplanMeierStep[], medianDays: number | null, z = Z_95): KaplanMeierFigureData {
  const curve: KaplanMeierCurvePoint[] = [{ days: 0, survival: 1, lower: 1, upper: 1 }];
  const censored: CensorMark[] = [];
  let greenwood = 0;
  let last = curve[0];
  for (const step of steps) {
    if (step.events > 0) {
      const survivors = step.atRisk - step.events;
      greenwood = survivors > 0 ? greenwood + step.events / (step.atRisk * survivors) : Infinity;
      last = { days: step.days, survival: step.survival, ...logLogBand(step.survival, greenwood, z) };
      curve.push(last);
    }
    for (let i = 0; i < step.censored; i++) censored.push({ days: step.days, survival: last.survival });
  }
  const lastDay = steps.length === 0 ? 0 : steps[steps.length - 1].days;
  // Hold the curve to the last follow-up so censored patients after the last event are drawn on it.
  if (lastDay > last.days) curve.push({ ...last, days: lastDay });
  return { curve, censored, medianDays };
}

function logLogBand(survival: number, variance: number, z: number): { lower: number; upper: number } {
  if (survival >= 1) return { lower: 1, upper: 1 };
  if (survival <= 0 || !Number.isFinite(variance)) return { lower: 0, upper: 0 };
  const spread = (z * Math.sqrt(variance)) / Math.log(survival);
  // ln S < 0, so exp(+spread) < 1 < exp(−spread): the upper limit takes the smaller exponent.
  return { lower: Math.pow(survival, Math.exp(-spread)), upper: Math.pow(survival, Math.exp(spread)) };
}
