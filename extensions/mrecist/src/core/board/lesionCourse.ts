/**
 * The course of each target lesion on its own (per tumour, as the reference study reports it): its value in the
 * criterion's unit and its percentage change from its own baseline at every follow-up. Taken from the criteria
 * engine itself: `assess` run on the case with that one target (no non-targets, no new lesions), so a spider
 * plot or waterfall shows exactly the numbers `assess` gives and never a second rounding of them.
 */
import { assess, caseTimeline } from '../criteria/assess';
import { daysBetween } from '../criteria/calendarDate';
import type { CaseFile, CriteriaName, IsoDate, ResponseCategory, TargetLesion } from '../criteria/types';

export interface LesionCoursePoint {
  patientId: string;
  lesionId: string;
  timepointId: string;
  date: IsoDate;
  /** Days from the baseline scan (the case file carries no treatment date). */
  day: number;
  /** The lesion's value in the criterion's unit (mm; mm² under EASL), null when not evaluable. */
  value: number | null;
  /** 0 at the baseline; null when not evaluable. */
  changeFromBaselinePct: number | null;
  /** The lesion's own target response; 'BL' at the baseline. */
  response: ResponseCategory | 'BL';
}

/** The case reduced to one target lesion, for a per-tumour reading by the engine. */
export function singleTargetCase(caseFile: CaseFile, lesion: TargetLesion): CaseFile {
  return { ...caseFile, lesions: [lesion] };
}

export function targetLesionsOf(caseFile: CaseFile): TargetLesion[] {
  return caseFile.lesions.filter((l): l is TargetLesion => l.role === 'target');
}

export function lesionCourse(caseFile: CaseFile, lesion: TargetLesion, criteria: CriteriaName): LesionCoursePoint[] {
  const { baseline } = caseTimeline(caseFile);
  const assessment = assess(singleTargetCase(caseFile, lesion), criteria);
  const base: LesionCoursePoint = {
    patientId: caseFile.patientId,
    lesionId: lesion.id,
    timepointId: baseline.id,
    date: baseline.date,
    day: 0,
    value: assessment.baselineTargetSum,
    changeFromBaselinePct: 0,
    response: 'BL',
  };
  return [
    base,
    ...assessment.timepoints.map((t) => ({
      patientId: caseFile.patientId,
      lesionId: lesion.id,
      timepointId: t.id,
      date: t.date,
      day: daysBetween(baseline.date, t.date),
      value: t.targetSum,
      changeFromBaselinePct: t.changeFromBaselinePct,
      response: t.target,
    })),
  ];
}

/** Every target lesion's course, lesions in file order. */
export function targetCourses(caseFile: CaseFile, criteria: CriteriaName): LesionCoursePoint[] {
  return targetLesionsOf(caseFile).flatMap((lesion) => lesionCourse(caseFile, lesion, criteria));
}
