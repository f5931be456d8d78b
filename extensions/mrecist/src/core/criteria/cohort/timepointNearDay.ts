/**
 * The assessment a cohort table reports "at 6 months": the follow-up nearest to the target day from baseline,
 * within a window either side; the earlier one on a tie [project rule]; none when nothing falls in the window.
 */

export interface DayMarked {
  day: number;
}

export function timepointNearDay<T extends DayMarked>(
  timepoints: readonly T[],
  atDays: number,
  windowDays: number,
): T | null {
  let best: T | null = null;
  for (const tp of timepoints) {
    const distance = Math.abs(tp.day - atDays);
    if (distance > windowDays) continue;
    if (best === null || distance < Math.abs(best.day - atDays) || (distance === Math.abs(best.day - atDays) && tp.day < best.day)) {
      best = tp;
    }
  }
  return best;
}
