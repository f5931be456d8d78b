/**
 * Waterfall data: per target lesion the best (lowest) percentage change from baseline of its value over the
 * follow-ups (viable diameter under mRECIST), coloured by the lesion's best response. The best response is the
 * cohort statistics' per-tumour best (`LesionRow.best`), so the figure and the cohort tables cannot disagree.
 */
import type { LesionRow } from '../criteria/cohort/cohortSummary';
import type { CaseFile, CriteriaName, ResponseCategory } from '../criteria/types';
import { lesionCourse, targetLesionsOf } from './lesionCourse';

export interface WaterfallEntry {
  patientId: string;
  lesionId: string;
  /** Null when the lesion was never evaluable at a follow-up. */
  bestChangePct: number | null;
  bestResponse: ResponseCategory;
}

/** Lowest change over the follow-ups (the baseline's 0 % is not a follow-up); null when none was evaluable. */
export function bestChangePct(changes: readonly (number | null)[]): number | null {
  const values = changes.filter((c): c is number => c !== null);
  return values.length === 0 ? null : Math.min(...values);
}

export function waterfallEntries(
  cases: readonly CaseFile[],
  lesionRows: readonly LesionRow[],
  criteriaOf: (caseFile: CaseFile) => CriteriaName,
): WaterfallEntry[] {
  const bestOf = new Map(lesionRows.map((r) => [`${r.patientId}\u0000${r.lesionId}`, r.best]));
  return cases.flatMap((caseFile) =>
    targetLesionsOf(caseFile).map((lesion) => {
      const course = lesionCourse(caseFile, lesion, criteriaOf(caseFile)).slice(1);
      const best = bestOf.get(`${caseFile.patientId}\u0000${lesion.id}`);
      if (best === undefined) throw new Error(`waterfall: no cohort row for ${caseFile.patientId} ${lesion.id}`);
      return {
        patientId: caseFile.patientId,
        lesionId: lesion.id,
        bestChangePct: bestChangePct(course.map((p) => p.changeFromBaselinePct)),
        bestResponse: best,
      };
    }),
  );
}

/** Deepest response first, as waterfall plots are drawn (never-evaluable lesions last). */
export function sortWaterfall(entries: readonly WaterfallEntry[]): WaterfallEntry[] {
  return [...entries].sort((a, b) => (b.bestChangePct ?? -Infinity) - (a.bestChangePct ?? -Infinity));
}
