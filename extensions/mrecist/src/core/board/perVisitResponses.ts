/**
 * Per-tumour response at each scheduled visit, the reference study's Table 2 layout (Xu, Ding et al.: mRECIST at
 * 1, 2, 4 and 6 months): per visit the count of CR, PR, SD, PD and NE tumours with ORR and DCR and their exact
 * intervals. Each tumour's response is the cohort statistics' own per-lesion call (lesionResponses) at the
 * follow-up nearest the visit day, tallied with the cohort's `tally`.
 */
import { resolveCharter } from '../criteria/charter';
import { caseFileSource } from '../criteria/caseFileSource';
import { tally, type CohortResponse, type ResponseTally } from '../criteria/cohort/cohortSummary';
import { lesionResponses } from '../criteria/cohort/lesionResponse';
import { timepointNearDay } from '../criteria/cohort/timepointNearDay';
import type { CaseFile, CriteriaName } from '../criteria/types';
import { targetLesionsOf } from './lesionCourse';

export interface Visit {
  label: string;
  day: number;
  windowDays: number;
}

/**
 * Months as days from baseline (365.25 / 12 per month, rounded down, as the cohort's 6-month default of 182).
 * Window: half the gap to the neighbouring visit, at most 30 days, so a visit never takes its neighbour's scan
 * [project rule].
 */
export const REFERENCE_STUDY_VISITS: readonly Visit[] = Object.freeze([
  { label: '1 month', day: 30, windowDays: 15 },
  { label: '2 months', day: 60, windowDays: 15 },
  { label: '4 months', day: 121, windowDays: 30 },
  { label: '6 months', day: 182, windowDays: 30 },
]);

export interface TumourVisitCell {
  patientId: string;
  lesionId: string;
  visit: string;
  timepointId: string | null;
  response: CohortResponse;
}

export interface VisitRow {
  visit: Visit;
  tally: ResponseTally;
}

export interface PerVisitResponses {
  cells: TumourVisitCell[];
  rows: VisitRow[];
}

export function perVisitResponses(
  cases: readonly CaseFile[],
  criteriaOf: (caseFile: CaseFile) => CriteriaName,
  visits: readonly Visit[] = REFERENCE_STUDY_VISITS,
): PerVisitResponses {
  const cells: TumourVisitCell[] = [];
  for (const caseFile of cases) {
    const criteria = criteriaOf(caseFile);
    const charter = resolveCharter(caseFile.options, criteria, caseFileSource(caseFile));
    for (const lesion of targetLesionsOf(caseFile)) {
      const series = lesionResponses(caseFile, lesion, criteria, charter);
      for (const visit of visits) {
        const at = timepointNearDay(series, visit.day, visit.windowDays);
        cells.push({ patientId: caseFile.patientId, lesionId: lesion.id, visit: visit.label, timepointId: at?.id ?? null, response: at?.response ?? 'none in window' });
      }
    }
  }
  const rows = visits.map((visit) => ({ visit, tally: tally(cells.filter((c) => c.visit === visit.label).map((c) => c.response)) }));
  return { cells, rows };
}
