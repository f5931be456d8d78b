/**
 * Encapsulated PDF Storage (PS3.3 A.45.1: Patient, General Study, Encapsulated Document Series, General
 * Equipment, SC Equipment, Encapsulated Document, SOP Common): the tumour board summary stored in the patient's
 * latest study, beside the SR. Output passes dciodvfy without errors (tested).
 */
import type { NaturalDataset } from './DicomDataset';
import { patientStudyAttributes, sopCommonAttributes, type PatientStudyContext } from './compositeModules';
import { dicomDateTimeNow } from './dicomDateTime';
import { newUid } from './uid';

export const ENCAPSULATED_PDF_STORAGE = '1.2.840.10008.5.1.4.1.1.104.1';

export interface EncapsulatedPdfContext extends PatientStudyContext {
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  /** YYYYMMDD, HHMMSS. */
  contentDate?: string;
  contentTime?: string;
  /** Document Title (0042,0010), at most 64 characters (ST allows more; viewers show one line). */
  documentTitle: string;
  softwareVersion: string;
}

/** OB values have even length (PS3.5 7.1.1); the true length goes into Encapsulated Document Length. */
function evenLength(bytes: Uint8Array): ArrayBuffer {
  const padded = new Uint8Array(bytes.length + (bytes.length % 2));
  padded.set(bytes);
  return padded.buffer;
}

export function writeEncapsulatedPdf(pdf: Uint8Array, c: EncapsulatedPdfContext): NaturalDataset {
  if (pdf.length < 5 || String.fromCharCode(...pdf.subarray(0, 5)) !== '%PDF-') throw new Error('writeEncapsulatedPdf: the bytes are not a PDF');
  const now = dicomDateTimeNow();
  const date = c.contentDate ?? now.date;
  const time = c.contentTime ?? now.time;
  return {
    ...sopCommonAttributes(ENCAPSULATED_PDF_STORAGE, c.sopInstanceUid ?? newUid(), date, time),
    ...patientStudyAttributes(c),
    Modality: 'DOC',
    SeriesInstanceUID: c.seriesInstanceUid ?? newUid(),
    SeriesNumber: '902',
    SeriesDescription: 'Tumour board summary',
    Manufacturer: 'ohif-mrecist',
    SoftwareVersions: c.softwareVersion,
    // SC Equipment: a document created by software ("Workstation"), PS3.3 C.8.6.1.
    ConversionType: 'WSD',
    InstanceNumber: '1',
    ContentDate: date,
    ContentTime: time,
    AcquisitionDateTime: `${date}${time}`,
    // The PDF shows patient identification: PS3.3 C.24.2.1 asks for YES then.
    BurnedInAnnotation: 'YES',
    DocumentTitle: c.documentTitle.slice(0, 64),
    // CID 7020 "Document Title": LOINC 18748-4 "Diagnostic imaging study" fits a board's imaging summary.
    ConceptNameCodeSequence: [{ CodeValue: '18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic imaging study' }],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocumentLength: pdf.length,
    EncapsulatedDocument: [evenLength(pdf)],
  };
}
