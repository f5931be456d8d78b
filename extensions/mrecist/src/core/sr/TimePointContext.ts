/**
 * TID 1502 Time Point Context (DICOM PS3.16), included with HAS OBS CONTEXT in every measurement group.
 * Rows: Time Point (C2348792, UMLS) TEXT; Time Point Type (126072) CODE from CID 6146 (Baseline C1442488 UMLS,
 * Posttreatment 126074 DCM; reports written before read back with Baseline 121079 DCM); Time Point Order (126073)
 * NUM; Subject Time Point Identifier (126070) TEXT; Protocol Time Point Identifier (126071) TEXT. 126070/126071
 * are TEXT (some libraries wrongly write NUM).
 * Beyond TID 1502 we add the timepoint's date as Study Date (111060) and, when known, Study Instance UID
 * (110180): the case file's dates must survive the round trip and the template has no date row.
 */
import { SrContentError } from '../errors';
import { DCM, UCUM, UMLS, sameCode } from './codes';
import type { ContentItem } from './ContentItem';
import { findOptional, findRequired } from './findContentItem';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface TimePointContextValues {
  /** The case file's timepoint id: Subject Time Point Identifier and Time Point text. */
  timepointId: string;
  baseline: boolean;
  /** 1-based position of the timepoint in the read. */
  order: number;
  date: string;
  /** Visit name for Protocol Time Point Identifier; defaults to the timepoint id. */
  protocolTimePointId?: string;
  studyInstanceUid?: string;
}

export class TimePointContext {
  private constructor(readonly values: Readonly<TimePointContextValues>) {}

  static create(v: TimePointContextValues, file: string): TimePointContext {
    if (typeof v.timepointId !== 'string' || v.timepointId.trim() === '' || v.timepointId.length > 1024)
      throw new SrContentError(file, 'Subject Time Point Identifier (126070)', `must be non-empty text, got "${v.timepointId}"`);
    if (!Number.isInteger(v.order) || v.order < 1)
      throw new SrContentError(file, 'Time Point Order (126073)', `must be an integer ≥ 1, got ${v.order}`);
    if (!ISO_DATE.test(v.date) || Number.isNaN(Date.parse(`${v.date}T00:00:00Z`)))
      throw new SrContentError(file, 'Study Date (111060)', `must be a date YYYY-MM-DD, got "${v.date}"`);
    if (v.studyInstanceUid !== undefined && !/^[0-9]+(\.[0-9]+)*$/.test(v.studyInstanceUid))
      throw new SrContentError(file, 'Study Instance UID (110180)', `not a UID: "${v.studyInstanceUid}"`);
    return new TimePointContext({ ...v });
  }

  toContentItems(): ContentItem[] {
    const v = this.values;
    const rel = 'HAS OBS CONTEXT' as const;
    const items: ContentItem[] = [
      { relationship: rel, valueType: 'TEXT', concept: UMLS.TimePoint, text: v.timepointId },
      {
        relationship: rel,
        valueType: 'CODE',
        concept: DCM.TimePointType,
        code: v.baseline ? UMLS.Baseline : DCM.Posttreatment,
      },
      { relationship: rel, valueType: 'NUM', concept: DCM.TimePointOrder, value: v.order, unit: UCUM.NoUnits },
      { relationship: rel, valueType: 'TEXT', concept: DCM.SubjectTimePointIdentifier, text: v.timepointId },
      {
        relationship: rel,
        valueType: 'TEXT',
        concept: DCM.ProtocolTimePointIdentifier,
        text: v.protocolTimePointId ?? v.timepointId,
      },
      { relationship: rel, valueType: 'DATE', concept: DCM.StudyDate, date: v.date },
    ];
    if (v.studyInstanceUid)
      items.push({ relationship: rel, valueType: 'UIDREF', concept: DCM.StudyInstanceUid, uid: v.studyInstanceUid });
    return items;
  }

  /** Reads the context from a group's children. Subject Time Point Identifier falls back to Time Point text. */
  static fromContentItems(items: readonly ContentItem[], file: string): TimePointContext {
    const subject = findOptional(items, DCM.SubjectTimePointIdentifier, 'TEXT', file);
    const timePoint = findOptional(items, UMLS.TimePoint, 'TEXT', file);
    const id = subject?.text ?? timePoint?.text;
    if (id === undefined) throw new SrContentError(file, 'Subject Time Point Identifier (126070)', 'missing');
    const type = findRequired(items, DCM.TimePointType, 'CODE', file);
    let baseline: boolean;
    if (sameCode(type.code, UMLS.Baseline) || sameCode(type.code, DCM.BaselineLegacy)) baseline = true;
    else if (sameCode(type.code, DCM.Posttreatment)) baseline = false;
    else
      throw new SrContentError(
        file,
        'Time Point Type (126072)',
        `expected Baseline (C1442488) or Posttreatment (126074), got ${type.code.meaning} (${type.code.value})`,
      );
    const order = findRequired(items, DCM.TimePointOrder, 'NUM', file);
    const date = findRequired(items, DCM.StudyDate, 'DATE', file);
    const protocol = findOptional(items, DCM.ProtocolTimePointIdentifier, 'TEXT', file);
    const study = findOptional(items, DCM.StudyInstanceUid, 'UIDREF', file);
    return TimePointContext.create(
      {
        timepointId: id,
        baseline,
        order: order.value ?? NaN,
        date: date.date,
        protocolTimePointId: protocol?.text,
        studyInstanceUid: study?.uid,
      },
      file,
    );
  }
}
