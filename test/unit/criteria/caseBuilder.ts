/**
 * Builds small case files for the criteria tests from day offsets and per-timepoint values, then runs them
 * through parseCaseFile so every test case is also a valid schema-v1 file. Timepoint ids: BL, F1, F2, ...
 */
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type {
  CaseFile,
  CharterOptions,
  CriteriaName,
  LesionTreatment,
  MeasuredValues,
  NewLesionAssessment,
  NonTargetStatus,
} from '../../../extensions/mrecist/src/core/criteria/types';

export const BASE_DATE = '2020-01-01';

export function dateAt(day: number): string {
  return new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

export function timepointId(index: number): string {
  return index === 0 ? 'BL' : `F${index}`;
}

/** A target value at one timepoint: a number for the criterion's field, full fields, 'NE', or null (not measured). */
export type TargetValue = number | MeasuredValues | 'NE' | null;

export interface TargetSpec {
  id: string;
  values: TargetValue[];
  node?: boolean;
  site?: string;
  treatment?: LesionTreatment;
  arteriallyEnhancing?: boolean;
}

export interface NonTargetSpec {
  id: string;
  statuses: (NonTargetStatus | null)[];
  kind?: string;
  cytologyConfirmed?: boolean;
  site?: string;
}

export interface NewLesionSpec {
  id: string;
  appearsAt: number;
  assessments: Record<number, NewLesionAssessment>;
  site?: string;
  node?: boolean;
}

export interface CaseSpec {
  criteria?: CriteriaName;
  days: number[];
  targets?: TargetSpec[];
  nonTargets?: NonTargetSpec[];
  newLesions?: NewLesionSpec[];
  options?: Partial<CharterOptions>;
  sliceThicknessMm?: number;
}

const FIELD_FOR: Record<CriteriaName, keyof MeasuredValues> = {
  mrecist: 'viableLongAxisMm',
  'recist1.1': 'longAxisMm',
  easl: 'viableLongAxisMm',
};

export function caseJson(spec: CaseSpec): Record<string, unknown> {
  const criteria = spec.criteria ?? 'mrecist';
  const lesions: unknown[] = [];
  for (const t of spec.targets ?? []) {
    const measurements: Record<string, unknown> = {};
    t.values.forEach((v, i) => {
      if (v === null) return;
      if (v === 'NE') measurements[timepointId(i)] = { notEvaluable: true };
      else if (typeof v === 'number') {
        const field = t.node ? 'shortAxisMm' : FIELD_FOR[criteria];
        // EASL needs a perpendicular; a plain number means a square-ish lesion with a 10 mm perpendicular.
        measurements[timepointId(i)] = criteria === 'easl' && !t.node ? { [field]: v, viablePerpendicularMm: 10 } : { [field]: v };
      } else measurements[timepointId(i)] = v;
    });
    lesions.push({
      id: t.id,
      role: 'target',
      site: t.site ?? 'liver S8',
      node: t.node ?? false,
      ...(t.treatment ? { treatment: t.treatment } : {}),
      ...(t.arteriallyEnhancing !== undefined ? { arteriallyEnhancing: t.arteriallyEnhancing } : {}),
      measurements,
    });
  }
  for (const n of spec.nonTargets ?? []) {
    const status: Record<string, string> = {};
    n.statuses.forEach((s, i) => {
      if (s !== null) status[timepointId(i)] = s;
    });
    lesions.push({
      id: n.id,
      role: 'nonTarget',
      site: n.site ?? 'portal vein',
      ...(n.kind ? { kind: n.kind } : {}),
      ...(n.cytologyConfirmed !== undefined ? { cytologyConfirmed: n.cytologyConfirmed } : {}),
      status,
    });
  }
  for (const n of spec.newLesions ?? []) {
    const assessments: Record<string, NewLesionAssessment> = {};
    for (const [i, a] of Object.entries(n.assessments)) assessments[timepointId(Number(i))] = a;
    lesions.push({
      id: n.id,
      role: 'new',
      site: n.site ?? 'liver S3',
      ...(n.node ? { node: true } : {}),
      appearsAt: timepointId(n.appearsAt),
      assessments,
    });
  }
  return {
    patientId: 'P1',
    criteria,
    ...(spec.options ? { options: spec.options } : {}),
    ...(spec.sliceThicknessMm !== undefined ? { sliceThicknessMm: spec.sliceThicknessMm } : {}),
    timepoints: spec.days.map((d, i) => ({ id: timepointId(i), date: dateAt(d), ...(i === 0 ? { baseline: true } : {}) })),
    lesions,
  };
}

export function buildCase(spec: CaseSpec): CaseFile {
  return parseCaseFile(caseJson(spec), 'case.json');
}
