/**
 * Cohort statistics over many case files (issue 3, item 6): per lesion and per patient the response at a chosen
 * day (default 6 months) and overall; objective response rate (CR + PR) and disease control rate (CR + PR + SD)
 * with exact 95% intervals; time to progression as the plain median of observed progressions and as a
 * Kaplan-Meier estimate with censoring at the last assessment. Time is counted from the baseline scan because
 * the case file has no treatment date. Denominators hold every lesion or patient; no assessment in the window
 * or NE counts as not responding [project rule: intention to treat].
 */
import { assess, caseTimeline } from '../assess';
import { classifyBestOverallResponse } from '../bestOverallResponse';
import { daysBetween } from '../calendarDate';
import { resolveCharter } from '../charter';
import { caseFileSource } from '../caseFileSource';
import { CriteriaInputError } from '../../errors';
import type { CaseFile, CriteriaName, ResponseCategory, TargetLesion } from '../types';
import { clopperPearson, type Proportion } from './clopperPearson';
import { kaplanMeier, medianOf, type KaplanMeierStep } from './kaplanMeier';
import { lesionResponses } from './lesionResponse';
import { timepointNearDay } from './timepointNearDay';

/** Six months, as the reference study's primary read (Xu, Ding et al.): 365.25 / 2 rounded down. */
export const DEFAULT_AT_DAYS = 182;
/** Visits scheduled "at 6 months" fall within about a month of the date [project rule]. */
export const DEFAULT_WINDOW_DAYS = 30;

export interface CohortOptions {
  atDays: number;
  windowDays: number;
  /** Overrides each file's criteria when given. */
  criteria?: CriteriaName;
}

export type CohortResponse = ResponseCategory | 'none in window';

export interface LesionRow {
  patientId: string;
  lesionId: string;
  site: string | null;
  timepointId: string | null;
  day: number | null;
  response: CohortResponse;
  best: ResponseCategory;
}

export interface PatientRow {
  patientId: string;
  source: string;
  criteria: CriteriaName;
  timepointId: string | null;
  day: number | null;
  response: CohortResponse;
  bestOverallResponse: ResponseCategory;
  progressionDate: string | null;
  /** Days from baseline to progression, or to the last assessment when censored. */
  timeToProgressionDays: number;
  progressed: boolean;
}

export interface ResponseTally {
  n: number;
  counts: Record<CohortResponse, number>;
  objectiveResponse: Proportion;
  diseaseControl: Proportion;
}

export interface CohortSummary {
  atDays: number;
  windowDays: number;
  lesions: LesionRow[];
  patients: PatientRow[];
  perLesionAtDay: ResponseTally;
  perLesionBest: ResponseTally;
  perPatientAtDay: ResponseTally;
  perPatientBest: ResponseTally;
  timeToProgression: {
    progressed: number;
    censored: number;
    medianObservedDays: number | null;
    kaplanMeierMedianDays: number | null;
    kaplanMeier: KaplanMeierStep[];
  };
}

export function tally(responses: readonly CohortResponse[]): ResponseTally {
  const counts: Record<CohortResponse, number> = { CR: 0, PR: 0, SD: 0, PD: 0, NE: 0, 'none in window': 0 };
  for (const r of responses) counts[r]++;
  const n = responses.length;
  return {
    n,
    counts,
    objectiveResponse: clopperPearson(counts.CR + counts.PR, n),
    diseaseControl: clopperPearson(counts.CR + counts.PR + counts.SD, n),
  };
}

export function summarizeCohort(cases: readonly CaseFile[], options: CohortOptions): CohortSummary {
  const lesions: LesionRow[] = [];
  const patients: PatientRow[] = [];
  const seenPatients = new Map<string, string>();
  for (const caseFile of cases) {
    const source = caseFileSource(caseFile);
    const earlier = seenPatients.get(caseFile.patientId);
    if (earlier !== undefined) {
      throw new CriteriaInputError(source, 'patientId', `patient "${caseFile.patientId}" is already in ${earlier}`);
    }
    seenPatients.set(caseFile.patientId, source);
    const criteria = options.criteria ?? caseFile.criteria;
    const charter = resolveCharter(caseFile.options, criteria, source);
    const assessment = assess(caseFile, criteria);
    const { baseline, followUps } = caseTimeline(caseFile);
    const dated = assessment.timepoints.map((t) => ({ ...t, day: daysBetween(baseline.date, t.date) }));
    const at = timepointNearDay(dated, options.atDays, options.windowDays);
    const lastDay = followUps.length === 0 ? 0 : daysBetween(baseline.date, followUps[followUps.length - 1].date);
    patients.push({
      patientId: caseFile.patientId,
      source,
      criteria,
      timepointId: at?.id ?? null,
      day: at?.day ?? null,
      response: at?.overall ?? 'none in window',
      bestOverallResponse: assessment.bestOverallResponse,
      progressionDate: assessment.progressionDate,
      timeToProgressionDays:
        assessment.progressionDate === null ? lastDay : daysBetween(baseline.date, assessment.progressionDate),
      progressed: assessment.progressionDate !== null,
    });
    for (const lesion of caseFile.lesions.filter((l): l is TargetLesion => l.role === 'target')) {
      const series = lesionResponses(caseFile, lesion, criteria, charter);
      const lesionAt = timepointNearDay(series, options.atDays, options.windowDays);
      const firstPd = series.find((s) => s.response === 'PD')?.date ?? null;
      const best = classifyBestOverallResponse(
        series.map((s) => ({ id: s.id, date: s.date, day: s.day, overall: s.response })),
        firstPd,
        charter,
      );
      lesions.push({
        patientId: caseFile.patientId,
        lesionId: lesion.id,
        site: lesion.site ?? null,
        timepointId: lesionAt?.id ?? null,
        day: lesionAt?.day ?? null,
        response: lesionAt?.response ?? 'none in window',
        best: best.category,
      });
    }
  }
  const observations = patients.map((p) => ({ days: p.timeToProgressionDays, progressed: p.progressed }));
  const km = kaplanMeier(observations);
  return {
    atDays: options.atDays,
    windowDays: options.windowDays,
    lesions,
    patients,
    perLesionAtDay: tally(lesions.map((l) => l.response)),
    perLesionBest: tally(lesions.map((l) => l.best)),
    perPatientAtDay: tally(patients.map((p) => p.response)),
    perPatientBest: tally(patients.map((p) => p.bestOverallResponse)),
    timeToProgression: {
      progressed: observations.filter((o) => o.progressed).length,
      censored: observations.filter((o) => !o.progressed).length,
      medianObservedDays: medianOf(observations.filter((o) => o.progressed).map((o) => o.days)),
      kaplanMeierMedianDays: km.medianDays,
      kaplanMeier: km.steps,
    },
  };
}
