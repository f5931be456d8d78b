/**
 * Blinded central review, the adjudication trigger (response-criteria.md section 10.3): two readers' reads of
 * one patient are assessed under the same criterion, and an adjudication opens when any variable the charter
 * names differs. The usual variables are the best overall response, the date of progression and the date of
 * response (the first timepoint whose overall response is CR or PR). Dates are compared by timepoint: two reads
 * agree when they name the same scan date, or dates within the charter's window when it gives one.
 */
import { assess } from '../criteria/assess';
import type { Assessment, CaseFile, CriteriaName, IsoDate } from '../criteria/types';
import { daysBetween } from '../criteria/calendarDate';
import { CriteriaInputError } from '../errors';

export const REVIEW_VARIABLES = ['bestOverallResponse', 'progressionDate', 'responseDate'] as const;
export type ReviewVariable = (typeof REVIEW_VARIABLES)[number];

export interface ReviewedRead {
  /** Where the read came from (file name), for messages. */
  readonly source: string;
  readonly caseFile: CaseFile;
}

export interface ReadOutcome {
  readonly source: string;
  readonly reader: string;
  readonly bestOverallResponse: string;
  readonly progressionDate: IsoDate | null;
  readonly responseDate: IsoDate | null;
}

export interface VariableComparison {
  readonly variable: ReviewVariable;
  readonly a: string | null;
  readonly b: string | null;
  readonly agree: boolean;
}

export interface AdjudicationCheck {
  readonly patientId: string;
  readonly criteria: CriteriaName;
  readonly reads: readonly [ReadOutcome, ReadOutcome];
  readonly comparisons: readonly VariableComparison[];
  /** True when any compared variable differs: the case goes to the adjudicator. */
  readonly adjudicationNeeded: boolean;
}

export interface AdjudicationOptions {
  readonly criteria?: CriteriaName;
  /** The charter's variables (default: all three). */
  readonly variables?: readonly ReviewVariable[];
  /** Dates this many days apart or fewer agree (default 0: the same scan). */
  readonly dateWindowDays?: number;
}

/** The date of response: the first timepoint, in date order, whose overall response is CR or PR. */
export function responseDate(assessment: Assessment): IsoDate | null {
  const first = [...assessment.timepoints].sort((x, y) => x.date.localeCompare(y.date)).find((t) => t.overall === 'CR' || t.overall === 'PR');
  return first ? first.date : null;
}

function outcome(read: ReviewedRead, assessment: Assessment): ReadOutcome {
  return {
    source: read.source,
    reader: read.caseFile.reader?.name ?? '',
    bestOverallResponse: assessment.bestOverallResponse,
    progressionDate: assessment.progressionDate,
    responseDate: responseDate(assessment),
  };
}

function datesAgree(a: string | null, b: string | null, windowDays: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(daysBetween(a as IsoDate, b as IsoDate)) <= windowDays;
}

export function checkAdjudication(a: ReviewedRead, b: ReviewedRead, options: AdjudicationOptions = {}): AdjudicationCheck {
  if (a.caseFile.patientId !== b.caseFile.patientId)
    throw new CriteriaInputError(b.source, 'patientId', `"${b.caseFile.patientId}" is not the patient of ${a.source} ("${a.caseFile.patientId}"): only two reads of one patient are compared`);
  const windowDays = options.dateWindowDays ?? 0;
  if (!Number.isInteger(windowDays) || windowDays < 0) throw new CriteriaInputError('--window', 'value', `must be a whole number of days ≥ 0, got ${windowDays}`);
  const criteria = options.criteria ?? a.caseFile.criteria;
  const outcomes = [outcome(a, assess(a.caseFile, criteria)), outcome(b, assess(b.caseFile, criteria))] as const;
  const comparisons = (options.variables ?? REVIEW_VARIABLES).map((variable): VariableComparison => {
    const [x, y] = [outcomes[0][variable], outcomes[1][variable]];
    const agree = variable === 'bestOverallResponse' ? x === y : datesAgree(x, y, windowDays);
    return { variable, a: x, b: y, agree };
  });
  return { patientId: a.caseFile.patientId, criteria, reads: outcomes, comparisons, adjudicationNeeded: comparisons.some((c) => !c.agree) };
}
