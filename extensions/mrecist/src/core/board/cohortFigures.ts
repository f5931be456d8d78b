/**
 * Everything `cohort --figures` and `cohort --json` show beside the statistics: each figure's data and its
 * chart spec, built from the cohort summary and the criteria engine.
 */
import type { CohortSummary } from '../criteria/cohort/cohortSummary';
import type { CaseFile, CriteriaName } from '../criteria/types';
import type { ChartSpec } from './chartStyle';
import { cohortSpiderSpec, kaplanMeierSpec, swimmerSpec, waterfallSpec } from './cohortCharts';
import { kaplanMeierBand, type KaplanMeierFigureData } from './kaplanMeierBand';
import { targetCourses, type LesionCoursePoint } from './lesionCourse';
import { perVisitResponses, type PerVisitResponses } from './perVisitResponses';
import { swimmerData, type SwimmerData } from './swimmer';
import { waterfallEntries, type WaterfallEntry } from './waterfall';

export interface CohortFigureData {
  waterfall: WaterfallEntry[];
  spider: LesionCoursePoint[];
  swimmer: SwimmerData;
  kmTtp: KaplanMeierFigureData;
  perVisit: PerVisitResponses;
}

export const COHORT_FIGURE_FILES = ['waterfall.svg', 'spider.svg', 'swimmer.svg', 'km-ttp.svg'] as const;
export type CohortFigureFile = (typeof COHORT_FIGURE_FILES)[number];

export function cohortFigureData(cases: readonly CaseFile[], summary: CohortSummary, criteria?: CriteriaName): CohortFigureData {
  const criteriaOf = (c: CaseFile) => criteria ?? c.criteria;
  return {
    waterfall: waterfallEntries(cases, summary.lesions, criteriaOf),
    spider: cases.flatMap((c) => targetCourses(c, criteriaOf(c))),
    swimmer: swimmerData(cases, summary.patients, criteriaOf),
    kmTtp: kaplanMeierBand(summary.timeToProgression.kaplanMeier, summary.timeToProgression.kaplanMeierMedianDays),
    perVisit: perVisitResponses(cases, criteriaOf),
  };
}

/** The criterion whose thresholds the figures draw: the override, else the first case's. */
export function cohortFigureSpecs(data: CohortFigureData, summary: CohortSummary, criteria: CriteriaName): Record<CohortFigureFile, ChartSpec> {
  return {
    'waterfall.svg': waterfallSpec(data.waterfall, criteria),
    'spider.svg': cohortSpiderSpec(data.spider, criteria),
    'swimmer.svg': swimmerSpec(data.swimmer),
    'km-ttp.svg': kaplanMeierSpec(data.kmTtp, summary.timeToProgression.medianObservedDays),
  };
}
