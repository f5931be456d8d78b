/**
 * The reader's edits to a read, as pure functions from one case file to the next. A read in progress is a case
 * file (schema version 1, with the optional viewer fields): what the panel shows, what `mrecist assess` accepts,
 * and what the SR codec writes are one and the same object, so they cannot drift apart.
 *
 * Every function returns a new object and leaves its input untouched (the viewer keeps history and React
 * compares by reference). Edits that make no sense for the lesion's role throw a plain Error: the panel offers
 * only valid edits, so reaching one is a programming mistake, not bad input.
 */
import type {
  CaseFile,
  Lesion,
  MeasuredValues,
  NewLesion,
  NewLesionAssessment,
  NonTargetLesion,
  NonTargetStatus,
  TargetLesion,
  TargetMeasurement,
} from '../criteria/types';
import { newUid } from '../dicom/uid';
import { nextLesionId, type LesionRole } from './lesionIds';

export interface NewLesionFields {
  role: LesionRole;
  site?: string;
  name?: string;
  node?: boolean;
  /** For a new lesion: the timepoint where it first appears. */
  appearsAt?: string;
  kind?: string;
  arteriallyEnhancing?: boolean;
}

function replaceLesion(read: CaseFile, lesionId: string, update: (lesion: Lesion) => Lesion): CaseFile {
  let found = false;
  const lesions = read.lesions.map((lesion) => {
    if (lesion.id !== lesionId) return lesion;
    found = true;
    return update(lesion);
  });
  if (!found) throw new Error(`no lesion ${lesionId} in this read`);
  return { ...read, lesions };
}

function requireTimepoint(read: CaseFile, timepointId: string): void {
  if (!read.timepoints.some((t) => t.id === timepointId)) throw new Error(`no timepoint ${timepointId} in this read`);
}

function requireRole<R extends LesionRole>(lesion: Lesion, role: R): asserts lesion is Extract<Lesion, { role: R }> {
  if (lesion.role !== role) throw new Error(`lesion ${lesion.id} is a ${lesion.role} lesion, not ${role}`);
}

/** Adds a lesion with a fresh label and a tracking UID that stays with it at every timepoint. */
export function addLesion(read: CaseFile, fields: NewLesionFields, retiredIds: readonly string[] = []): { read: CaseFile; lesionId: string } {
  const id = nextLesionId(read.lesions, fields.role, retiredIds);
  const common = { id, trackingUid: newUid(), site: fields.site, name: fields.name };
  let lesion: Lesion;
  switch (fields.role) {
    case 'target':
      lesion = { ...common, role: 'target', node: fields.node ?? false, arteriallyEnhancing: fields.arteriallyEnhancing, measurements: {} };
      break;
    case 'nonTarget':
      lesion = { ...common, role: 'nonTarget', node: fields.node, kind: fields.kind, status: {} };
      break;
    case 'new':
      if (!fields.appearsAt) throw new Error('a new lesion needs the timepoint where it appears');
      requireTimepoint(read, fields.appearsAt);
      lesion = { ...common, role: 'new', node: fields.node, appearsAt: fields.appearsAt, assessments: {} };
      break;
  }
  return { read: { ...read, lesions: [...read.lesions, lesion] }, lesionId: id };
}

export function removeLesion(read: CaseFile, lesionId: string): CaseFile {
  if (!read.lesions.some((l) => l.id === lesionId)) throw new Error(`no lesion ${lesionId} in this read`);
  return { ...read, lesions: read.lesions.filter((l) => l.id !== lesionId) };
}

/**
 * Records (or updates) measured values of a target at a timepoint. Values merge into what is there, so the
 * viable diameter from the length tool and the whole-lesion long axis from another line can be drawn separately;
 * a not-evaluable mark is replaced by the measurement.
 */
export function recordMeasurement(read: CaseFile, lesionId: string, timepointId: string, values: MeasuredValues): CaseFile {
  requireTimepoint(read, timepointId);
  return replaceLesion(read, lesionId, (lesion) => {
    requireRole(lesion, 'target');
    const previous = lesion.measurements[timepointId];
    const base: MeasuredValues = previous && !('notEvaluable' in previous) ? previous : {};
    const merged: TargetMeasurement = { ...base, ...values };
    return { ...lesion, measurements: { ...lesion.measurements, [timepointId]: merged } } satisfies TargetLesion;
  });
}

/** "Not evaluable" with its reason, for a target at a timepoint (e.g. no arterial phase, seed streaks). */
export function markNotEvaluable(read: CaseFile, lesionId: string, timepointId: string, reason: string): CaseFile {
  requireTimepoint(read, timepointId);
  return replaceLesion(read, lesionId, (lesion) => {
    if (lesion.role === 'nonTarget') {
      return { ...lesion, status: { ...lesion.status, [timepointId]: 'notEvaluated' } } satisfies NonTargetLesion;
    }
    requireRole(lesion, 'target');
    return {
      ...lesion,
      measurements: { ...lesion.measurements, [timepointId]: { notEvaluable: true, reason } },
    } satisfies TargetLesion;
  });
}

/** Removes whatever was recorded for a lesion at a timepoint, leaving it "not evaluated" there. */
export function clearTimepoint(read: CaseFile, lesionId: string, timepointId: string): CaseFile {
  return replaceLesion(read, lesionId, (lesion) => {
    const without = <T>(record: Record<string, T>): Record<string, T> => {
      const { [timepointId]: _dropped, ...rest } = record;
      return rest;
    };
    switch (lesion.role) {
      case 'target':
        return { ...lesion, measurements: without(lesion.measurements) };
      case 'nonTarget':
        return { ...lesion, status: without(lesion.status) };
      case 'new':
        return { ...lesion, assessments: without(lesion.assessments) };
    }
  });
}

export function setNonTargetStatus(read: CaseFile, lesionId: string, timepointId: string, status: NonTargetStatus): CaseFile {
  requireTimepoint(read, timepointId);
  return replaceLesion(read, lesionId, (lesion) => {
    requireRole(lesion, 'nonTarget');
    return { ...lesion, status: { ...lesion.status, [timepointId]: status } } satisfies NonTargetLesion;
  });
}

export function setNewLesionAssessment(
  read: CaseFile,
  lesionId: string,
  timepointId: string,
  assessment: NewLesionAssessment,
): CaseFile {
  requireTimepoint(read, timepointId);
  return replaceLesion(read, lesionId, (lesion) => {
    requireRole(lesion, 'new');
    return { ...lesion, assessments: { ...lesion.assessments, [timepointId]: assessment } } satisfies NewLesion;
  });
}

/** Moves the baseline mark. Measurements stay where they are; the criteria recompute from the new baseline. */
export function setBaseline(read: CaseFile, timepointId: string): CaseFile {
  requireTimepoint(read, timepointId);
  return { ...read, timepoints: read.timepoints.map((t) => ({ ...t, baseline: t.id === timepointId })) };
}

export function updateLesionFields(
  read: CaseFile,
  lesionId: string,
  fields: Partial<Pick<NewLesionFields, 'site' | 'name' | 'node' | 'arteriallyEnhancing' | 'kind'>>,
): CaseFile {
  return replaceLesion(read, lesionId, (lesion) => ({ ...lesion, ...fields }) as Lesion);
}
