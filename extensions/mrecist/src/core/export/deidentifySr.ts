/**
 * PS3.15 Annex E Basic Application Level Confidentiality Profile for the SR objects we write, with the Clean
 * Structured Content option (person names in the content tree become the reading slot) and Retain Longitudinal
 * Temporal Information (dates shifted by whole days, or kept). Attributes are those our SRs contain; the
 * action codes in the table are the profile's (Z: empty, X: remove, U: consistent new UID, D: dummy value).
 * Operates on dcmjs' naturalized dataset and returns a copy.
 */
import type { NaturalDataset } from '../dicom/DicomDataset';
import { pseudonymFor, shiftIsoDate, type DeidentifyOptions } from './deidentify';

/** Top-level attributes and the profile's action for them (PS3.15 Table E.1-1). */
const TOP_LEVEL_ACTIONS: Readonly<Record<string, 'Z' | 'X' | 'D'>> = {
  PatientName: 'D',
  PatientID: 'D',
  PatientBirthDate: 'Z',
  PatientSex: 'Z',
  PatientAge: 'X',
  OtherPatientIDs: 'X',
  AccessionNumber: 'Z',
  ReferringPhysicianName: 'Z',
  StudyID: 'Z',
  StudyDescription: 'X',
  SeriesDescription: 'X',
  InstitutionName: 'X',
  InstitutionAddress: 'X',
  StationName: 'X',
  OperatorsName: 'X',
  PerformingPhysicianName: 'X',
  NameOfPhysiciansReadingStudy: 'X',
  DeviceSerialNumber: 'X',
};

/** UID attributes replaced wherever they occur (U). SOP Class UIDs are kept: they name a type, not a person. */
const UID_KEYWORDS = new Set(['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID', 'ReferencedSOPInstanceUID', 'UID']);
/** DA attributes shifted wherever they occur; `Date` is the SR DATE content item's value. */
const DATE_KEYWORDS = new Set(['StudyDate', 'SeriesDate', 'ContentDate', 'InstanceCreationDate', 'Date']);

function shiftDa(da: string, days: number): string {
  if (!/^\d{8}$/.test(da)) return da === '' ? da : '';
  const iso = shiftIsoDate(`${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}`, days);
  return iso.replace(/-/g, '');
}

function walk(ds: NaturalDataset, o: DeidentifyOptions, readerSlot: string): NaturalDataset {
  const out: NaturalDataset = {};
  for (const [key, value] of Object.entries(ds)) {
    if (key === '_meta' || key === '_vrMap') continue;
    if (UID_KEYWORDS.has(key) && typeof value === 'string' && value !== '') out[key] = o.uids.get(value);
    else if (DATE_KEYWORDS.has(key) && typeof value === 'string') out[key] = shiftDa(value, o.dateShiftDays);
    else if (key === 'PersonName') out[key] = [{ Alphabetic: readerSlot }];
    else if (Array.isArray(value) && value.some((v) => v && typeof v === 'object' && !ArrayBuffer.isView(v) && !('Alphabetic' in v)))
      out[key] = value.map((v) => walk(v as NaturalDataset, o, readerSlot));
    else out[key] = value;
  }
  return out;
}

/** Reader slot for Person Observer Name: the role text if the report has one, else "Reader". */
function readerSlotOf(ds: NaturalDataset): string {
  const role = (ds.ContentSequence ?? []).find((i: NaturalDataset) => i.ConceptNameCodeSequence?.[0]?.CodeValue === '128775');
  return typeof role?.TextValue === 'string' && role.TextValue.trim() !== '' ? role.TextValue.replace(/[\\^=]/g, ' ') : 'Reader';
}

export function deidentifySrDataset(ds: NaturalDataset, o: DeidentifyOptions): NaturalDataset {
  const patientId = String(ds.PatientID ?? '').trim();
  const pseudonym = pseudonymFor(patientId, o);
  const out = walk(ds, o, readerSlotOf(ds));
  for (const [key, action] of Object.entries(TOP_LEVEL_ACTIONS)) {
    if (!(key in out)) continue;
    if (action === 'X') delete out[key];
    else if (action === 'Z') out[key] = '';
  }
  out.PatientName = pseudonym;
  out.PatientID = pseudonym;
  out.PatientIdentityRemoved = 'YES';
  out.DeidentificationMethod = `PS3.15 Basic Profile, Clean Structured Content, dates ${o.dateShiftDays === 0 ? 'kept' : 'shifted'}`;
  out.DeidentificationMethodCodeSequence = [
    { CodeValue: '113100', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Basic Application Confidentiality Profile' },
    { CodeValue: '113104', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Clean Structured Content Option' },
    o.dateShiftDays === 0
      ? { CodeValue: '113106', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Retain Longitudinal Temporal Information Full Dates Option' }
      : { CodeValue: '113107', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Retain Longitudinal Temporal Information Modified Dates Option' },
  ];
  return out;
}
