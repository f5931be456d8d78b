/**
 * De-identified copy of a TID 1500 SR (DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile
 * with the Clean Structured Content, Clean Descriptors and Retain Longitudinal Temporal Information Modified
 * Dates options). Nothing of the original dataset is copied: the report is read into a case file, that case
 * file is de-identified field by field (deidentifyCaseFile), and a new SR is encoded from it with the
 * pseudonym, shifted dates, consistent new UIDs and the reading slot for every person name (observer and
 * verifier). The result is then filtered by the keep-list (deidentificationKeepList.ts): an attribute not on
 * it is removed, so neither the original nor a future change of our encoder can carry one through unnoticed.
 */
import { SrContentError } from '../errors';
import type { NaturalDataset } from '../dicom/DicomDataset';
import type { InstanceReference, SrDocumentOptions } from '../sr/encodeMeasurementReport';
import { encodeMeasurementReport } from '../sr/encodeMeasurementReport';
import { decodeMeasurementReport } from '../sr/decodeMeasurementReport';
import { asItems } from '../sr/ContentItem';
import { MeasurementReport, type RecordedResponse } from '../sr/MeasurementReport';
import { DEFAULT_VERIFYING_ORGANIZATION } from '../sr/verification';
import { responsesFor } from './exportInput';
import { deidentifyCaseFile, deidentifyResponses, idMaps, readerSlot, shiftIsoDate, type DeidentifyOptions } from './deidentify';
import { KEEP_LIST_BY_KEYWORD } from './deidentificationKeepList';

function str(v: unknown): string {
  const f = Array.isArray(v) ? v[0] : v;
  return f === undefined || f === null || typeof f === 'object' ? '' : String(f).trim();
}

/** DA shifted by whole days; anything that is not a full date becomes empty (it cannot be shifted safely). */
export function shiftDa(da: string, days: number): string {
  if (!/^\d{8}$/.test(da)) return '';
  const iso = `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}`;
  if (Number.isNaN(Date.parse(`${iso}T00:00:00Z`))) return '';
  return shiftIsoDate(iso, days).replace(/-/g, '');
}

/** TM kept when it is a time of day (a whole-day shift leaves it as it is), else empty. */
function cleanTm(tm: string): string {
  return /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/.test(tm) ? tm : '';
}

/** Evidence of the original, by SOP Instance UID, with every UID replaced: resolves image references. */
function evidence(ds: NaturalDataset, o: DeidentifyOptions): Map<string, InstanceReference> {
  const images = new Map<string, InstanceReference>();
  for (const study of asItems(ds.CurrentRequestedProcedureEvidenceSequence))
    for (const series of asItems(study.ReferencedSeriesSequence))
      for (const sop of asItems(series.ReferencedSOPSequence)) {
        const [st, se, uid] = [str(study.StudyInstanceUID), str(series.SeriesInstanceUID), str(sop.ReferencedSOPInstanceUID)];
        if (!st || !se || !uid) continue;
        const mapped = o.uids.get(uid);
        images.set(mapped, { studyInstanceUid: o.uids.get(st), seriesInstanceUid: o.uids.get(se), sopClassUid: str(sop.ReferencedSOPClassUID), sopInstanceUid: mapped });
      }
  return images;
}

/** Removes every attribute not on the keep-list, at every level (our encoder's output: a bounded depth). */
export function filterByKeepList(ds: NaturalDataset, path = ''): NaturalDataset {
  const out: NaturalDataset = {};
  for (const [key, value] of Object.entries(ds)) {
    if (key === '_vrMap') continue;
    const row = KEEP_LIST_BY_KEYWORD.get(key);
    if (!row) continue;
    out[key] = row.action === 'sequence' ? asItems(value).map((item, i) => filterByKeepList(item, `${path}${key}[${i + 1}].`)) : value;
  }
  return out;
}

export function deidentifySrDataset(ds: NaturalDataset, o: DeidentifyOptions, file = 'SR'): NaturalDataset {
  const read = decodeMeasurementReport(ds, file);
  const ids = idMaps(read.caseFile);
  const caseFile = deidentifyCaseFile(read.caseFile, o);
  const recorded = read.caseFile.recordedResponses ? (Object.values(read.caseFile.recordedResponses) as RecordedResponse[]) : responsesFor(read.caseFile, [read.caseFile.criteria]);
  const responses = deidentifyResponses(recorded, o.dateShiftDays, ids.timepoints);
  const slot = readerSlot(read.caseFile.reader?.role);
  const reader = { name: slot, ...(read.caseFile.reader?.role !== undefined ? { role: slot } : {}) };
  const sop = str(ds.SOPInstanceUID);
  if (!sop) throw new SrContentError(file, 'SOPInstanceUID (0008,0016)', 'missing');
  const newUid = (purpose: string) => o.uids.get(`${sop} ${purpose}`);
  const report = MeasurementReport.create({ caseFile: { ...caseFile, reader }, reader, responses }, newUid, file);

  const days = o.dateShiftDays;
  const contentDate = shiftDa(str(ds.ContentDate), days) || shiftDa(str(ds.StudyDate), days);
  const doc: SrDocumentOptions = {
    sopInstanceUid: o.uids.get(sop),
    seriesInstanceUid: o.uids.get(str(ds.SeriesInstanceUID) || `${sop} series`),
    contentDate,
    contentTime: cleanTm(str(ds.ContentTime)),
    patient: { PatientName: caseFile.patientId, PatientID: caseFile.patientId, PatientBirthDate: '', PatientSex: '' },
    study: {
      StudyInstanceUID: o.uids.get(str(ds.StudyInstanceUID) || `${sop} study`),
      StudyDate: shiftDa(str(ds.StudyDate), days),
      StudyTime: cleanTm(str(ds.StudyTime)),
    },
    images: evidence(ds, o),
    seriesNumber: Number.isInteger(Number(str(ds.SeriesNumber))) && str(ds.SeriesNumber) !== '' ? Number(str(ds.SeriesNumber)) : undefined,
    instanceNumber: Number.isInteger(Number(str(ds.InstanceNumber))) && str(ds.InstanceNumber) !== '' ? Number(str(ds.InstanceNumber)) : undefined,
    completion: str(ds.CompletionFlag) === 'PARTIAL' ? 'PARTIAL' : 'COMPLETE',
    verifyingOrganization: DEFAULT_VERIFYING_ORGANIZATION,
  };
  if (read.signOff) {
    // Verification DateTime moves with every other date (the same whole-day shift).
    doc.signOff = { by: slot, at: new Date(Date.parse(read.signOff.at) + days * 86_400_000).toISOString() };
  }
  const encoded = encodeMeasurementReport(report, doc, file);
  encoded.InstanceCreationDate = contentDate;
  encoded.InstanceCreationTime = doc.contentTime;
  const out = filterByKeepList(encoded);
  out.PatientIdentityRemoved = 'YES';
  // LO is at most 64 characters: one value per profile part (the attribute is multi-valued).
  out.DeidentificationMethod = [
    'PS3.15 E.1 Basic Application Level Confidentiality Profile',
    'Clean Structured Content',
    'Clean Descriptors',
    days === 0 ? 'Retain Longitudinal Full Dates' : 'Retain Longitudinal Modified Dates',
    ...(o.keepText ? ['Free text kept by request'] : []),
  ];
  out.DeidentificationMethodCodeSequence = [
    { CodeValue: '113100', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Basic Application Confidentiality Profile' },
    { CodeValue: '113104', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Clean Structured Content Option' },
    { CodeValue: '113105', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Clean Descriptors Option' },
    days === 0
      ? { CodeValue: '113106', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Retain Longitudinal Temporal Information Full Dates Option' }
      : { CodeValue: '113107', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Retain Longitudinal Temporal Information Modified Dates Option' },
  ];
  return out;
}
