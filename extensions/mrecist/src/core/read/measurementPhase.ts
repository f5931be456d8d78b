/**
 * Where a target's values were measured: the series a line was drawn on and that series' contrast phase
 * (core/phase), recorded with the values (case file `seriesInstanceUid`, `phase`; SR Contrast Phase qualifier).
 * mRECIST and EASL measure the arterially enhancing tumour (Lencioni & Llovet, Semin Liver Dis 2010;30:52-60),
 * so the place of a measurement is the place of its VIABLE line: a whole-lesion line (RECIST 1.1 alongside)
 * drawn on another phase does not move it. A reader's reason for keeping a viable value off the arterial phase
 * (`phaseConfirmedReason`) holds for the series it was given for; a line redrawn elsewhere drops it.
 */
import type { CaseFile, MeasuredValues, TargetLesion } from '../criteria/types';
import { isNotEvaluable } from '../criteria/types';
import { offArterialViableValue, type OffArterialViableValue } from '../criteria/viablePhaseWarnings';
import type { ContrastPhase } from '../phase/ContrastPhase';
import type { MeasuredAxis } from './measurementEdits';
import { ReadEditRefused } from './readTimepoints';

/** The series a line was drawn on and its phase, as the viewer knows them. */
export interface DrawnPlace {
  readonly axis?: MeasuredAxis;
  readonly seriesInstanceUid?: string;
  readonly phase?: ContrastPhase;
}

/** Longest reason kept; a reason is a short note for the trail and the SR TEXT item, not a report. */
export const MAX_PHASE_REASON_CHARS = 200;

/**
 * The values after a line was drawn (`values`: already merged with what was there) with their place set by the
 * rule above. `before`: the values before this line (for keeping a confirmation given for the same series).
 */
export function withDrawnPlace(values: MeasuredValues, before: MeasuredValues | undefined, drawn: DrawnPlace): MeasuredValues {
  if (drawn.seriesInstanceUid === undefined && drawn.phase === undefined) return values;
  if ((drawn.axis ?? 'viable') === 'whole' && (values.viableLongAxisMm !== undefined || values.viablePerpendicularMm !== undefined)) return values;
  const sameSeries = before?.seriesInstanceUid === drawn.seriesInstanceUid && before?.phase === drawn.phase;
  const { seriesInstanceUid: _series, phase: _phase, phaseConfirmedReason: reason, ...rest } = values;
  return {
    ...rest,
    ...(drawn.seriesInstanceUid !== undefined ? { seriesInstanceUid: drawn.seriesInstanceUid } : {}),
    ...(drawn.phase !== undefined ? { phase: drawn.phase } : {}),
    ...(sameSeries && reason ? { phaseConfirmedReason: reason } : {}),
  };
}

/**
 * The reader keeps a viable value measured off the arterial phase and says why (e.g. "arterial series degraded
 * by motion"); an empty reason withdraws the confirmation. Refused, in words for the reader, where there is
 * nothing to confirm.
 */
export function confirmViablePhase(read: CaseFile, lesionId: string, timepointId: string, reason: string): CaseFile {
  const text = reason.replace(/\s+/g, ' ').trim();
  const lesion = read.lesions.find((l) => l.id === lesionId);
  if (!lesion || lesion.role !== 'target') throw new ReadEditRefused(`${lesionId} is not a target lesion of this read: no viable value to confirm.`);
  const m = lesion.measurements[timepointId];
  if (!m || isNotEvaluable(m) || (m.viableLongAxisMm === undefined && m.viablePerpendicularMm === undefined))
    throw new ReadEditRefused(`${lesionId} has no viable value at ${timepointId} to confirm.`);
  if (m.phase === undefined || m.phase === 'arterial') throw new ReadEditRefused(`${lesionId} at ${timepointId} was measured on the arterial phase: nothing to confirm.`);
  if (text.length > MAX_PHASE_REASON_CHARS) throw new ReadEditRefused(`The reason is too long (${text.length} characters; at most ${MAX_PHASE_REASON_CHARS}).`);
  const { phaseConfirmedReason: _old, ...rest } = m;
  const next: MeasuredValues = text ? { ...rest, phaseConfirmedReason: text } : rest;
  return {
    ...read,
    lesions: read.lesions.map((l) => (l.id === lesionId ? ({ ...l, measurements: { ...(l as TargetLesion).measurements, [timepointId]: next } } as TargetLesion) : l)),
  };
}

/** Replaces a target's values at a timepoint with them placed by withDrawnPlace (after a line was recorded). */
export function placeDrawnMeasurement(read: CaseFile, lesionId: string, timepointId: string, before: MeasuredValues | undefined, drawn: DrawnPlace): CaseFile {
  return {
    ...read,
    lesions: read.lesions.map((l) => {
      if (l.id !== lesionId || l.role !== 'target') return l;
      const m = l.measurements[timepointId];
      if (!m || isNotEvaluable(m)) return l;
      const placed = withDrawnPlace(m, before, drawn);
      return placed === m ? l : { ...l, measurements: { ...l.measurements, [timepointId]: placed } };
    }),
  };
}

/** Every viable value of the read measured off the arterial phase, in timepoint then lesion order (sign-off list). */
export function offArterialViableValues(read: CaseFile): OffArterialViableValue[] {
  const targets = read.lesions.filter((l): l is TargetLesion => l.role === 'target');
  return read.timepoints.flatMap((t) => targets.map((l) => offArterialViableValue(l, t.id)).filter((v): v is OffArterialViableValue => v !== null));
}
