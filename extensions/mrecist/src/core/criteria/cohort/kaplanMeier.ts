/**
 * Kaplan-Meier estimate of the time to progression with right censoring (Kaplan & Meier 1958), in exact
 * rational arithmetic so that "survival <= 0.5" at the median is decided without rounding. Censoring at the
 * same time as an event is taken to happen just after it (the usual convention). The median is the first
 * event time at which the estimate is at or below one half; null ("not reached") when it never is.
 */

export interface Observation {
  /** Days from baseline to progression (event) or to the last assessment (censored). */
  days: number;
  progressed: boolean;
}

export interface KaplanMeierStep {
  days: number;
  atRisk: number;
  events: number;
  censored: number;
  /** Estimated probability of being progression-free just after `days`. */
  survival: number;
}

export interface KaplanMeierEstimate {
  steps: KaplanMeierStep[];
  medianDays: number | null;
}

export function kaplanMeier(observations: readonly Observation[]): KaplanMeierEstimate {
  const times = [...new Set(observations.map((o) => o.days))].sort((a, b) => a - b);
  let numerator = 1n;
  let denominator = 1n;
  // Floating copy for display; BigInts stay exact for the median test however many events there are.
  let survival = 1;
  let atRisk = observations.length;
  let medianDays: number | null = null;
  const steps: KaplanMeierStep[] = [];
  for (const days of times) {
    const events = observations.filter((o) => o.days === days && o.progressed).length;
    const censored = observations.filter((o) => o.days === days && !o.progressed).length;
    if (events > 0) {
      numerator *= BigInt(atRisk - events);
      denominator *= BigInt(atRisk);
      survival *= (atRisk - events) / atRisk;
      steps.push({ days, atRisk, events, censored, survival });
      if (medianDays === null && 2n * numerator <= denominator) medianDays = days;
    } else {
      steps.push({ days, atRisk, events, censored, survival });
    }
    atRisk -= events + censored;
  }
  return { steps, medianDays };
}

/** Plain median of the observed progression times (mean of the two middle values for an even count). */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
