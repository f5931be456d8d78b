/**
 * Response of one target lesion on its own (per tumour), as the reference study reports it: the target rules
 * of the criterion applied to that lesion alone, against its own baseline and its own nadir. New lesions and
 * non-targets belong to the patient and do not enter a per-tumour call [project rule].
 */
import { caseTimeline, targetReadings } from '../assess';
import { daysBetween } from '../calendarDate';
import { CRITERIA_RULES } from '../criteriaRules';
import { toTenthsMm } from '../fixedPoint';
import { nadirOf, type SumRecord } from '../nadir';
import { classifyTargetResponse } from '../targetResponse';
import type { ResolvedCharter } from '../charter';
import type { CaseFile, CriteriaName, IsoDate, ResponseCategory, TargetLesion } from '../types';

export interface LesionTimepointResponse {
  id: string;
  date: IsoDate;
  day: number;
  response: ResponseCategory;
  line: string;
}

export function lesionResponses(
  caseFile: CaseFile,
  lesion: TargetLesion,
  criteria: CriteriaName,
  charter: ResolvedCharter,
): LesionTimepointResponse[] {
  const rules = CRITERIA_RULES[criteria];
  const floor = rules.floorApplies ? toTenthsMm(charter.absoluteIncreaseMm) : 0;
  const { baseline, followUps } = caseTimeline(caseFile);
  const baselineValue = targetReadings(caseFile, [lesion], baseline.id, criteria)[0].value as number;
  const history: SumRecord[] = [{ timepointId: baseline.id, sum: baselineValue }];
  return followUps.map((tp) => {
    const readings = targetReadings(caseFile, [lesion], tp.id, criteria);
    const r = classifyTargetResponse({ rules, readings, baselineSum: baselineValue, nadir: nadirOf(history), floor });
    history.push({ timepointId: tp.id, sum: r.sum });
    return { id: tp.id, date: tp.date, day: daysBetween(baseline.date, tp.date), response: r.category, line: r.line };
  });
}
