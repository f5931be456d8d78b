/**
 * Swimmer data: per patient the follow-up time from baseline, the overall response at each follow-up, and the
 * progression (or censoring) at the end of the lane. From the engine's assessment and the cohort's
 * time-to-progression row, so the lane ends where the Kaplan-Meier observation does.
 */
import type { PatientRow } from '../criteria/cohort/cohortSummary';
import { assess, caseTimeline } from '../criteria/assess';
import { daysBetween } from '../criteria/calendarDate';
import type { CaseFile, CriteriaName, ResponseCategory } from '../criteria/types';

export interface SwimmerLane {
  patientId: string;
  /** Days from baseline to the last follow-up. */
  followUpDays: number;
  /** Days to progression, or null when the patient did not progress. */
  progressionDays: number | null;
  bestOverallResponse: ResponseCategory;
}

export interface SwimmerMark {
  patientId: string;
  day: number;
  response: ResponseCategory;
}

export interface SwimmerData {
  lanes: SwimmerLane[];
  marks: SwimmerMark[];
}

export function swimmerData(
  cases: readonly CaseFile[],
  patientRows: readonly PatientRow[],
  criteriaOf: (caseFile: CaseFile) => CriteriaName,
): SwimmerData {
  const rowOf = new Map(patientRows.map((r) => [r.patientId, r]));
  const lanes: SwimmerLane[] = [];
  const marks: SwimmerMark[] = [];
  for (const caseFile of cases) {
    const row = rowOf.get(caseFile.patientId);
    if (row === undefined) throw new Error(`swimmer: no cohort row for ${caseFile.patientId}`);
    const { baseline, followUps } = caseTimeline(caseFile);
    const assessment = assess(caseFile, criteriaOf(caseFile));
    for (const t of assessment.timepoints) {
      marks.push({ patientId: caseFile.patientId, day: daysBetween(baseline.date, t.date), response: t.overall });
    }
    lanes.push({
      patientId: caseFile.patientId,
      followUpDays: followUps.length === 0 ? 0 : daysBetween(baseline.date, followUps[followUps.length - 1].date),
      progressionDays: row.progressed ? row.timeToProgressionDays : null,
      bestOverallResponse: row.bestOverallResponse,
    });
  }
  return { lanes, marks };
}
