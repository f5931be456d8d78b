/**
 * What the reader should draw when a criterion cannot assess the read yet. The criteria engine names the missing
 * value by its place in the case file ("read: lesions[0].measurements.BL.longAxisMm: required for recist1.1");
 * the panel says it in the reader's terms: which lesion, which timepoint, which line.
 */
import { CRITERIA_TITLES } from '../criteria/assessmentText';
import type { CaseFile, CriteriaName, MeasurementField } from '../criteria/types';

const WHAT_TO_DRAW: Record<MeasurementField, string> = {
  longAxisMm: 'its whole-lesion diameter (set "Lines on targets measure" to whole lesion, then draw it)',
  shortAxisMm: 'its short axis',
  viableLongAxisMm: 'its viable diameter',
  viablePerpendicularMm: 'the perpendicular of its viable diameter (draw the viable diameter with Bidirectional)',
};

/** The reader's version of the engine's message, or null when the message names no missing line. */
export function assessabilityHint(read: CaseFile, criteria: CriteriaName, error: string): string | null {
  const m = /: lesions\[(\d+)\]\.measurements\.([^.:\s]+)\.(\w+): required\b/.exec(error);
  if (!m) return null;
  const lesion = read.lesions[Number(m[1])];
  const what = WHAT_TO_DRAW[m[3] as MeasurementField];
  if (!lesion || !what) return null;
  return `${lesion.id} at ${m[2]} needs ${what} for ${CRITERIA_TITLES[criteria]}.`;
}
