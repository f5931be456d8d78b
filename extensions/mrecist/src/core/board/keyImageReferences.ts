/**
 * The images a reader measured on: for each target at each timepoint, the drawn line of the criterion's field
 * (viable long axis under mRECIST, long axis under RECIST 1.1, the viable long axis under EASL), with the value
 * it gave. A reference without its series or study UID cannot go into a Key Object Selection's evidence; it is
 * returned under `incomplete` with the reason, never dropped silently.
 */
import type { CaseFile, CriteriaName, ImageGraphic, MeasurementField } from '../criteria/types';
import { isNotEvaluable } from '../criteria/types';
import type { KeyImageReference } from '../dicom/keyObjectSelectionWriter';
import { targetLesionsOf } from './lesionCourse';

/** The drawn field each criterion's target value comes from first; the others as fallbacks for the picture. */
const FIELD_ORDER: Readonly<Record<CriteriaName, readonly MeasurementField[]>> = Object.freeze({
  mrecist: ['viableLongAxisMm', 'longAxisMm', 'shortAxisMm', 'viablePerpendicularMm'],
  'recist1.1': ['longAxisMm', 'shortAxisMm', 'viableLongAxisMm', 'viablePerpendicularMm'],
  easl: ['viableLongAxisMm', 'viablePerpendicularMm', 'longAxisMm', 'shortAxisMm'],
});

const FIELD_WORDS: Readonly<Record<MeasurementField, string>> = Object.freeze({
  viableLongAxisMm: 'viable',
  longAxisMm: 'long axis',
  shortAxisMm: 'short axis',
  viablePerpendicularMm: 'viable perpendicular',
});

export interface MeasuredImage {
  lesionId: string;
  timepointId: string;
  date: string;
  field: MeasurementField;
  valueMm: number;
  /** "viable 25.0 mm". */
  caption: string;
  graphic: ImageGraphic;
  studyInstanceUid: string | null;
}

export function measuredImages(caseFile: CaseFile, criteria: CriteriaName = caseFile.criteria): MeasuredImage[] {
  const out: MeasuredImage[] = [];
  const timepoints = [...caseFile.timepoints].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const lesion of targetLesionsOf(caseFile)) {
    for (const tp of timepoints) {
      const m = lesion.measurements[tp.id];
      if (m === undefined || isNotEvaluable(m) || m.graphics === undefined) continue;
      const field = FIELD_ORDER[criteria].find((f) => m.graphics?.[f] !== undefined && m[f] !== undefined);
      if (field === undefined) continue;
      const valueMm = m[field] as number;
      out.push({
        lesionId: lesion.id,
        timepointId: tp.id,
        date: tp.date,
        field,
        valueMm,
        caption: `${FIELD_WORDS[field]} ${valueMm.toFixed(1)} mm`,
        graphic: m.graphics[field] as ImageGraphic,
        studyInstanceUid: tp.studyInstanceUid ?? null,
      });
    }
  }
  return out;
}

export function keyImageReferences(images: readonly MeasuredImage[]): { references: KeyImageReference[]; incomplete: string[] } {
  const references: KeyImageReference[] = [];
  const incomplete: string[] = [];
  for (const i of images) {
    const series = i.graphic.referencedSeriesInstanceUid;
    if (i.studyInstanceUid === null || series === undefined) {
      incomplete.push(`${i.lesionId} at ${i.timepointId}: ${i.studyInstanceUid === null ? 'the timepoint has no studyInstanceUid' : 'the line has no referencedSeriesInstanceUid'}`);
      continue;
    }
    references.push({
      studyInstanceUid: i.studyInstanceUid,
      seriesInstanceUid: series,
      sopClassUid: i.graphic.referencedSopClassUid,
      sopInstanceUid: i.graphic.referencedSopInstanceUid,
      ...(i.graphic.referencedFrameNumber !== undefined ? { frameNumber: i.graphic.referencedFrameNumber } : {}),
    });
  }
  return { references, incomplete };
}
