/**
 * A line the reader drew, turned into an edit of the read. Length gives the viable (enhancing) longest
 * diameter; Bidirectional gives it with its perpendicular (EASL). The line attaches to the selected lesion at
 * the timepoint of the study it was drawn on; with no lesion selected it creates one ("created from the first
 * measurement"): a target at the baseline, a new lesion at a follow-up.
 */
import type { CaseFile, ImageGraphic, MeasuredValues, MeasurementField, NewLesion, TargetLesion } from '../criteria/types';
import { addLesion, clearTimepoint, recordMeasurement, setNewLesionAssessment, updateLesionFields } from './readOperations';
import { ReadEditRefused } from './readTimepoints';
import type { ContrastPhase } from '../phase/ContrastPhase';
import { placeDrawnMeasurement } from './measurementPhase';

/**
 * What a line on a target measures: the viable (arterially enhancing) tumour, for mRECIST and EASL, or the whole
 * lesion, for RECIST 1.1 alongside. New lesions are always measured whole (their long axis).
 */
export type MeasuredAxis = 'viable' | 'whole';

export interface DrawnMeasurement {
  readonly timepointId: string;
  /** Default 'viable'. */
  readonly axis?: MeasuredAxis;
  /** Longest viable diameter, mm. */
  readonly longAxisMm: number;
  /** Perpendicular viable diameter (Bidirectional), mm. */
  readonly perpendicularMm?: number;
  readonly longAxisGraphic?: ImageGraphic;
  readonly perpendicularGraphic?: ImageGraphic;
  /** The series the line was drawn on and the classifier's phase of it (core/read/measurementPhase). */
  readonly seriesInstanceUid?: string;
  readonly phase?: ContrastPhase;
}

/** Diameters are recorded to 0.1 mm, as readers report them and as the criteria compare them (tenths). */
export function roundToTenthMm(mm: number): number {
  return Math.round(mm * 10) / 10;
}

export function distanceMm(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(...a.map((value, i) => value - b[i]));
}

function targetValues(existing: TargetLesion, m: DrawnMeasurement): MeasuredValues {
  const [longField, crossField]: [MeasurementField, MeasurementField] =
    m.axis === 'whole' ? ['longAxisMm', 'shortAxisMm'] : ['viableLongAxisMm', 'viablePerpendicularMm'];
  const previous = existing.measurements[m.timepointId];
  const previousGraphics = previous && !('notEvaluable' in previous) ? previous.graphics ?? {} : {};
  const graphics: Partial<Record<MeasurementField, ImageGraphic>> = { ...previousGraphics };
  if (m.longAxisGraphic) graphics[longField] = m.longAxisGraphic;
  if (m.perpendicularGraphic) graphics[crossField] = m.perpendicularGraphic;
  const values: MeasuredValues = { [longField]: roundToTenthMm(m.longAxisMm) };
  if (m.perpendicularMm !== undefined) values[crossField] = roundToTenthMm(m.perpendicularMm);
  if (Object.keys(graphics).length) values.graphics = graphics;
  return values;
}

/** Records a drawn measurement on a lesion (or on a lesion it creates); returns the read and the lesion's id. */
export function attachMeasurement(
  read: CaseFile,
  lesionId: string | undefined,
  m: DrawnMeasurement,
  retiredIds: readonly string[],
): { read: CaseFile; lesionId: string } {
  const timepoint = read.timepoints.find((t) => t.id === m.timepointId);
  if (!timepoint) throw new Error(`no timepoint ${m.timepointId} in this read`);
  let next = read;
  let id = lesionId;
  if (id === undefined) {
    const added = timepoint.baseline
      ? addLesion(read, { role: 'target', site: 'liver' }, retiredIds)
      : addLesion(read, { role: 'new', site: 'liver', appearsAt: m.timepointId }, retiredIds);
    next = added.read;
    id = added.lesionId;
  }
  const lesion = next.lesions.find((l) => l.id === id);
  if (!lesion) throw new Error(`no lesion ${id} in this read`);
  switch (lesion.role) {
    case 'target': {
      const before = lesion.measurements[m.timepointId];
      const recorded = placeDrawnMeasurement(
        recordMeasurement(next, id, m.timepointId, targetValues(lesion, m)),
        id,
        m.timepointId,
        before && !('notEvaluable' in before) ? before : undefined,
        m,
      );
      // A viable diameter drawn at the baseline is, by mRECIST's definition, arterially enhancing tumour: the
      // lesion says so unless the reader has already said otherwise (they can untick it, and are then warned).
      if (timepoint.baseline && (m.axis ?? 'viable') === 'viable' && m.longAxisMm > 0 && lesion.arteriallyEnhancing === undefined)
        return { read: updateLesionFields(recorded, id, { arteriallyEnhancing: true }), lesionId: id };
      return { read: recorded, lesionId: id };
    }
    case 'new': {
      const previous = (lesion as NewLesion).assessments[m.timepointId];
      if (lesion.appearsAt !== m.timepointId && !previous && timepoint.date < (next.timepoints.find((t) => t.id === lesion.appearsAt)?.date ?? '')) {
        throw new ReadEditRefused(`${id} first appears at ${lesion.appearsAt}: it cannot be measured on an earlier study.`);
      }
      const graphics = { ...previous?.graphics, ...(m.longAxisGraphic ? { longAxisMm: m.longAxisGraphic } : {}) };
      return {
        read: setNewLesionAssessment(next, id, m.timepointId, {
          typicalHCC: previous?.typicalHCC ?? false,
          ...(previous?.unequivocal !== undefined ? { unequivocal: previous.unequivocal } : {}),
          longAxisMm: roundToTenthMm(m.longAxisMm),
          ...(Object.keys(graphics).length ? { graphics } : {}),
        }),
        lesionId: id,
      };
    }
    case 'nonTarget':
      throw new ReadEditRefused(`${id} is a non-target lesion: set its status in the panel; to measure, select a target or new lesion, or none to create one.`);
  }
}

/**
 * The reader deleted the drawn line: the values it gave go with it (the viable pair or the whole-lesion pair of
 * a target; a new lesion's assessment there). Other values at that timepoint stay.
 */
export function detachMeasurement(read: CaseFile, lesionId: string, timepointId: string, axis: MeasuredAxis = 'viable'): CaseFile {
  const lesion = read.lesions.find((l) => l.id === lesionId);
  if (!lesion) return read;
  if (lesion.role !== 'target') return clearTimepoint(read, lesionId, timepointId);
  const m = lesion.measurements[timepointId];
  if (!m || 'notEvaluable' in m) return read;
  const drop: MeasurementField[] = axis === 'whole' ? ['longAxisMm', 'shortAxisMm'] : ['viableLongAxisMm', 'viablePerpendicularMm'];
  const rest: MeasuredValues = { ...m };
  const graphics = { ...m.graphics };
  for (const field of drop) {
    delete rest[field];
    delete graphics[field];
  }
  delete rest.graphics;
  const anyValue = (['longAxisMm', 'shortAxisMm', 'viableLongAxisMm', 'viablePerpendicularMm'] as const).some((f) => rest[f] !== undefined);
  if (!anyValue) return clearTimepoint(read, lesionId, timepointId);
  if (Object.keys(graphics).length) rest.graphics = graphics;
  return {
    ...read,
    lesions: read.lesions.map((l) => (l.id === lesionId && l.role === 'target' ? { ...l, measurements: { ...l.measurements, [timepointId]: rest } } : l)),
  };
}
