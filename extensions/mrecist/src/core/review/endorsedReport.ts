/**
 * The adjudicator's endorsement as a report (response-criteria.md section 10.4: the endorsed read is flagged
 * accepted in SR): the endorsed read re-issued as a new SR instance, with the same patient, study, observer
 * context and content, COMPLETE and VERIFIED, its Verifying Observer Sequence holding the reader's sign-off and
 * then the adjudicator's (the last verifier is the one who endorsed, PS3.3 C.17.2), and both reads listed in
 * Predecessor Documents Sequence, so the report names the two reads it settles. Pure: UIDs and clock from the
 * caller.
 */
import { decodeDicom, encodeDicom, type NaturalDataset } from '../dicom/DicomDataset';
import { msToDicomDate, msToDicomTime } from '../dicom/dicomDateTime';
import type { InstanceReference } from '../sr/encodeMeasurementReport';
import { readSr, writeSr } from '../sr/srFromCaseFile';

export interface EndorsedReportRequest {
  /** The endorsed read's SR bytes, and the other read's. */
  readonly endorsed: Uint8Array;
  readonly other: Uint8Array;
  /** The adjudicator's display name (Verifying Observer Name). */
  readonly adjudicator: string;
  /** ISO instant of the endorsement. */
  readonly at: string;
  readonly newUid: () => string;
  /** Names for messages. */
  readonly endorsedSource: string;
  readonly otherSource: string;
}

export interface EndorsedReport {
  readonly bytes: Uint8Array;
  readonly instance: InstanceReference;
}

/** SR Document Series number of re-issued reads, after the readers' 900. */
export const ENDORSED_SERIES_NUMBER = 901;

/** Hierarchical SOP Instance Reference Macro (PS3.3 Table C.17-3): one item per study, one per series in it. */
function predecessorSequence(refs: readonly InstanceReference[]): NaturalDataset[] {
  const studies = new Map<string, InstanceReference[]>();
  for (const r of refs) studies.set(r.studyInstanceUid, [...(studies.get(r.studyInstanceUid) ?? []), r]);
  return [...studies].map(([study, inStudy]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...new Set(inStudy.map((r) => r.seriesInstanceUid))].map((series) => ({
      SeriesInstanceUID: series,
      ReferencedSOPSequence: inStudy.filter((r) => r.seriesInstanceUid === series).map((r) => ({ ReferencedSOPClassUID: r.sopClassUid, ReferencedSOPInstanceUID: r.sopInstanceUid })),
    })),
  }));
}

const text = (v: unknown): string | undefined => (Array.isArray(v) ? text(v[0]) : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const personName = (v: unknown): string | undefined => {
  const first = Array.isArray(v) ? v[0] : v;
  return first && typeof first === 'object' && 'Alphabetic' in first ? String((first as { Alphabetic: unknown }).Alphabetic) : text(first);
};

export function endorsedReport(req: EndorsedReportRequest): EndorsedReport {
  const endorsed = readSr(req.endorsed, req.endorsedSource);
  const other = readSr(req.other, req.otherSource);
  const original = decodeDicom(req.endorsed, req.endorsedSource).raw as NaturalDataset;
  const iso = new Date(req.at).toISOString();
  const written = writeSr({
    caseFile: endorsed.caseFile,
    file: req.endorsedSource,
    newUid: req.newUid,
    document: {
      sopInstanceUid: req.newUid(),
      seriesInstanceUid: req.newUid(),
      contentDate: msToDicomDate(Date.parse(iso)),
      contentTime: msToDicomTime(Date.parse(iso)),
      patient: {
        PatientName: personName(original.PatientName),
        PatientID: text(original.PatientID),
        PatientBirthDate: text(original.PatientBirthDate),
        PatientSex: text(original.PatientSex),
      },
      study: {
        StudyInstanceUID: endorsed.instance.studyInstanceUid,
        StudyDate: text(original.StudyDate),
        StudyTime: text(original.StudyTime),
        AccessionNumber: text(original.AccessionNumber),
        ReferringPhysicianName: personName(original.ReferringPhysicianName),
        StudyID: text(original.StudyID),
        StudyDescription: text(original.StudyDescription),
      },
      seriesNumber: ENDORSED_SERIES_NUMBER,
      signOff: { by: req.adjudicator, at: iso },
    },
  });
  const dataset: NaturalDataset = { ...written.dataset, SeriesDescription: 'mRECIST read endorsed by the adjudicator' };
  const readerSignOff = Array.isArray(original.VerifyingObserverSequence) ? (original.VerifyingObserverSequence as NaturalDataset[]) : [];
  dataset.VerifyingObserverSequence = [...readerSignOff, ...(written.dataset.VerifyingObserverSequence as NaturalDataset[])];
  dataset.PredecessorDocumentsSequence = predecessorSequence([endorsed.instance, other.instance]);
  return {
    bytes: encodeDicom(dataset),
    instance: {
      studyInstanceUid: endorsed.instance.studyInstanceUid,
      seriesInstanceUid: String(dataset.SeriesInstanceUID),
      sopClassUid: String(dataset.SOPClassUID),
      sopInstanceUid: String(dataset.SOPInstanceUID),
    },
  };
}
