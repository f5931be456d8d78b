/**
 * The nadir: the smallest target sum recorded before the current timepoint, baseline included
 * (response-criteria.md section 2.3). Only timepoints at which every target was evaluable count
 * [project rule]: a partial sum would fake a low nadir and make the next full sum look like progression.
 */

export interface SumRecord {
  timepointId: string;
  /** Full target sum in the criterion's integer unit, or null when any target was not evaluable. */
  sum: number | null;
}

export interface Nadir {
  sum: number;
  timepointId: string;
}

/** Nadir over `earlier` (baseline first, then follow-ups in date order); ties keep the earliest timepoint. */
export function nadirOf(earlier: readonly SumRecord[]): Nadir {
  let nadir: Nadir | null = null;
  for (const record of earlier) {
    if (record.sum === null) continue;
    if (nadir === null || record.sum < nadir.sum) nadir = { sum: record.sum, timepointId: record.timepointId };
  }
  if (nadir === null) throw new Error('nadirOf: no fully evaluable timepoint (the baseline always is one)');
  return nadir;
}
