/**
 * What a tumour board sees of one patient, as data: identification, reader and sign-off, the timeline, the
 * responses of every criterion the read supports, each target's course, the dose delivered by scan date, and the
 * decision trail in short form, with the chart specs built from the same numbers. Pure: the board PDF, the CLI
 * and the Course tab all start here.
 */
import { assess, caseTimeline } from '../criteria/assess';
import { daysBetween } from '../criteria/calendarDate';
import type { Assessment, CaseFile, CriteriaName } from '../criteria/types';
import { CRITERIA_NAMES } from '../criteria/types';
import { InputError } from '../errors';
import type { SignOff } from '../read/signOff';
import type { ChartSpec } from './chartStyle';
import { doseByScanDate, type DoseDeliveredPoint, type ImplantDose } from './doseByScanDate';
import {
  doseDeliveredSpec,
  dvhSpec,
  responseStripSpec,
  spiderSpec,
  sumSpec,
  type DvhCurve,
  type DvhMarkers,
  type ResponseStripCell,
  type SumPoint,
} from './courseCharts';
import { targetCourses, type LesionCoursePoint } from './lesionCourse';

export interface BoardDvh {
  prescriptionGy: number;
  curves: DvhCurve[];
  markers: DvhMarkers[];
}

export interface BoardInput {
  caseFile: CaseFile;
  signOff?: SignOff;
  implant?: ImplantDose;
  dvh?: BoardDvh;
}

export type CriterionResult =
  | { criteria: CriteriaName; assessment: Assessment }
  | { criteria: CriteriaName; problem: string };

export interface TimelineRow {
  timepointId: string;
  date: string;
  /** Days from baseline, or since the implant when its date is known. */
  day: number;
  baseline: boolean;
  studyInstanceUid: string | null;
}

export interface BoardContent {
  patientId: string;
  reader: string | null;
  signOff: SignOff | null;
  primaryCriteria: CriteriaName;
  dayTitle: string;
  timeline: TimelineRow[];
  results: CriterionResult[];
  course: LesionCoursePoint[];
  sums: SumPoint[];
  strip: ResponseStripCell[];
  dose: DoseDeliveredPoint[] | null;
  implant: ImplantDose | null;
  dvh: BoardDvh | null;
  trail: string[];
  charts: { spider: ChartSpec; sum: ChartSpec; strip: ChartSpec; dose: ChartSpec | null; dvh: ChartSpec | null };
}

/** The primary criterion first, then the others in their usual order. */
function criteriaInOrder(primary: CriteriaName): CriteriaName[] {
  return [primary, ...CRITERIA_NAMES.filter((c) => c !== primary)];
}

/** Assessment under one criterion, or why the read does not support it (e.g. no perpendicular for EASL). */
export function assessIfPossible(caseFile: CaseFile, criteria: CriteriaName): CriterionResult {
  try {
    return { criteria, assessment: assess(caseFile, criteria) };
  } catch (e) {
    if (e instanceof InputError) return { criteria, problem: e.message };
    throw e;
  }
}

/** The decision trail in short form: the target line and the overall line of each follow-up, then the BOR. */
export function shortTrail(assessment: Assessment): string[] {
  const lines = assessment.timepoints.map((t) => `${t.id} (${t.date}): ${t.trace[0]}; ${t.trace[t.trace.length - 1]}`);
  return [...lines, ...(assessment.bestOverallResponseTrace ?? [])];
}

export function boardContent(input: BoardInput): BoardContent {
  const { caseFile } = input;
  const primary = caseFile.criteria;
  const { baseline } = caseTimeline(caseFile);
  const shift = input.implant ? daysBetween(input.implant.implantDate, baseline.date) : 0;
  const dayTitle = input.implant ? 'Days since implant' : 'Days from baseline scan';
  // The primary criterion must assess (its error is the board's); the others are shown when the read supports them.
  const assessment = assess(caseFile, primary);
  const results: CriterionResult[] = [
    { criteria: primary, assessment },
    ...criteriaInOrder(primary).slice(1).map((c) => assessIfPossible(caseFile, c)),
  ];
  const course = targetCourses(caseFile, primary).map((p) => ({ ...p, day: p.day + shift }));
  const sums: SumPoint[] = [
    { timepointId: baseline.id, date: baseline.date, day: shift, sum: assessment.baselineTargetSum, response: 'BL' },
    ...assessment.timepoints
      .filter((t) => t.targetSum !== null)
      .map((t) => ({ timepointId: t.id, date: t.date, day: daysBetween(baseline.date, t.date) + shift, sum: t.targetSum as number, response: t.overall })),
  ];
  const strip: ResponseStripCell[] = results.flatMap((r) =>
    'assessment' in r
      ? r.assessment.timepoints.map((t) => ({ criteria: r.criteria, timepointId: t.id, day: daysBetween(baseline.date, t.date) + shift, response: t.overall }))
      : [],
  );
  const dose = input.implant ? doseByScanDate(caseFile.timepoints, input.implant) : null;
  const timeline = [...caseFile.timepoints]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((t) => ({
      timepointId: t.id,
      date: t.date,
      day: daysBetween(baseline.date, t.date) + shift,
      baseline: t.baseline === true,
      studyInstanceUid: t.studyInstanceUid ?? null,
    }));
  return {
    patientId: caseFile.patientId,
    reader: caseFile.reader?.name ?? null,
    signOff: input.signOff ?? null,
    primaryCriteria: primary,
    dayTitle,
    timeline,
    results,
    course,
    sums,
    strip,
    dose,
    implant: input.implant ?? null,
    dvh: input.dvh ?? null,
    trail: shortTrail(assessment),
    charts: {
      spider: spiderSpec(course, primary, dayTitle),
      sum: sumSpec(sums, primary, dayTitle),
      strip: responseStripSpec(strip, dayTitle),
      dose: dose && input.implant ? doseDeliveredSpec(dose, `${input.implant.finalDoseGy} Gy ${input.implant.label}`) : null,
      dvh: input.dvh ? dvhSpec(input.dvh.curves, input.dvh.markers, input.dvh.prescriptionGy) : null,
    },
  };
}
