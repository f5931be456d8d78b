/**
 * A MeasurementReport as a Comprehensive SR instance (1.2.840.10008.5.1.4.1.1.88.33, PS3.3 A.35.3): Patient,
 * General Study, SR Document Series, General Equipment, SR Document General (with the Current Requested
 * Procedure Evidence Sequence when measurements reference images, and Predecessor Documents for a re-save),
 * SR Document Content and SOP Common. Returns dcmjs' naturalized dataset; `encodeDicom` writes it.
 * Pure: no file access. The caller supplies UIDs, date/time and what it knows of patient, study and images.
 */
import { SrContentError } from '../errors';
import type { SignOff } from '../read/signOff';
import type { NaturalDataset } from '../dicom/DicomDataset';
import type { ImageGraphic } from '../criteria/types';
import { LOCAL_SCHEME } from './codes';
import { encodeContentItem } from './ContentItem';
import { verificationAttributes } from './verification';
import type { MeasurementReport } from './MeasurementReport';
import type { ImageLibraryEntry } from './ImageLibrary';
import type { LesionMeasurementGroup } from './LesionMeasurementGroup';

export const COMPREHENSIVE_SR_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.33';

export interface InstanceReference {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
}

export interface SrDocumentOptions {
  sopInstanceUid: string;
  seriesInstanceUid: string;
  /** The study the SR belongs to; from `study` when given, else required here. */
  studyInstanceUid?: string;
  /** DICOM DA and TM of the content (YYYYMMDD, HHMMSS). */
  contentDate: string;
  contentTime: string;
  /** Patient module values read from the images; else synthesized from the case file's patientId. */
  patient?: { PatientName?: string; PatientID?: string; PatientBirthDate?: string; PatientSex?: string };
  /** General Study values of the study the SR is stored in (usually the latest follow-up). */
  study?: {
    StudyInstanceUID: string;
    StudyDate?: string;
    StudyTime?: string;
    AccessionNumber?: string;
    ReferringPhysicianName?: string;
    StudyID?: string;
    StudyDescription?: string;
  };
  /** Images known from a study folder, by SOP Instance UID, to resolve series and study of references. */
  images?: ReadonlyMap<string, InstanceReference>;
  /** The SR this one replaces (a second save): listed in Predecessor Documents Sequence. */
  predecessor?: InstanceReference;
  seriesNumber?: number;
  instanceNumber?: number;
  manufacturer?: string;
  softwareVersion?: string;
  /** COMPLETE once the read is locked; PARTIAL while in progress. Ignored when `signOff` is given. */
  completion?: 'COMPLETE' | 'PARTIAL';
  /** The reader's sign-off: the report is then COMPLETE and VERIFIED with the reader as verifying observer. */
  signOff?: SignOff;
  /** Verifying Organization (default DEFAULT_VERIFYING_ORGANIZATION). */
  verifyingOrganization?: string;
}

/** Hierarchical SOP Instance Reference items (PS3.3 C.17.2.1): studies > series > instances. */
export function groupHierarchy(refs: readonly InstanceReference[]): NaturalDataset[] {
  const studies = new Map<string, Map<string, Map<string, string>>>();
  for (const r of refs) {
    const series = studies.get(r.studyInstanceUid) ?? new Map<string, Map<string, string>>();
    studies.set(r.studyInstanceUid, series);
    const sops = series.get(r.seriesInstanceUid) ?? new Map<string, string>();
    series.set(r.seriesInstanceUid, sops);
    sops.set(r.sopInstanceUid, r.sopClassUid);
  }
  return [...studies].map(([study, series]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...series].map(([seriesUid, sops]) => ({
      SeriesInstanceUID: seriesUid,
      ReferencedSOPSequence: [...sops].map(([sop, cls]) => ({ ReferencedSOPClassUID: cls, ReferencedSOPInstanceUID: sop })),
    })),
  }));
}

/**
 * Study Date, Study Time and Study ID (General Study, Type 2) when the study is not given: the timepoint
 * stored in that study gives date and id (its case-file id); otherwise the SR starts its own study, made when the
 * report was, so the content date and time are the study's, and the latest timepoint id names it.
 */
function studyIdentification(report: MeasurementReport, studyUid: string, o: SrDocumentOptions): { StudyDate: string; StudyTime: string; StudyID: string } {
  const tps = report.caseFile.timepoints;
  const tp = tps.find((t) => t.studyInstanceUid === studyUid);
  const da = (iso: string) => iso.replace(/-/g, '');
  const given = o.study;
  // A caller that gives the study gives its values, empty ones included (a de-identified study keeps StudyID empty).
  if (given) return { StudyDate: given.StudyDate ?? '', StudyTime: given.StudyTime ?? '', StudyID: given.StudyID ?? '' };
  return {
    StudyDate: tp ? da(tp.date) : o.contentDate,
    StudyTime: tp ? '' : o.contentTime,
    // SH: at most 16 characters.
    StudyID: ((tp ?? tps[tps.length - 1])?.id || 'MRECIST').slice(0, 16),
  };
}

/** Every drawn line of the report with the group it belongs to, in report order. */
function drawnGraphics(report: MeasurementReport): { group: LesionMeasurementGroup; graphic: ImageGraphic }[] {
  const out: { group: LesionMeasurementGroup; graphic: ImageGraphic }[] = [];
  for (const group of report.lesionGroups) {
    const r = group.record;
    if (!r || r.role === 'nonTarget') continue;
    const graphics = r.role === 'new' ? r.assessment.graphics : 'graphics' in r.measurement ? r.measurement.graphics : undefined;
    for (const graphic of Object.values(graphics ?? {}) as (ImageGraphic | undefined)[]) if (graphic) out.push({ group, graphic });
  }
  return out;
}

/** Every image a drawn measurement refers to, resolved to study and series. */
export function referencedInstances(report: MeasurementReport, images: SrDocumentOptions['images'], file: string): InstanceReference[] {
  const studyOf = new Map(report.caseFile.timepoints.map((t) => [t.id, t.studyInstanceUid]));
  return drawnGraphics(report).map(({ group: g, graphic }) => {
    const known = images?.get(graphic.referencedSopInstanceUid);
    const tp = g.timePoint?.values.timepointId ?? '';
    const study = known?.studyInstanceUid ?? studyOf.get(tp);
    const series = known?.seriesInstanceUid ?? graphic.referencedSeriesInstanceUid;
    if (!study || !series)
      throw new SrContentError(
        file,
        `lesion ${g.identity.id} at ${tp} image ${graphic.referencedSopInstanceUid}`,
        'study or series unknown: give --study DIR, or referencedSeriesInstanceUid and the timepoint studyInstanceUid',
      );
    return {
      studyInstanceUid: study,
      seriesInstanceUid: series,
      sopClassUid: known?.sopClassUid ?? graphic.referencedSopClassUid,
      sopInstanceUid: graphic.referencedSopInstanceUid,
    };
  });
}

/** The drawn lines' images with their frame numbers, for the Image Library. */
function libraryEntries(report: MeasurementReport): ImageLibraryEntry[] {
  return drawnGraphics(report).map(({ graphic }) => ({
    sopClassUid: graphic.referencedSopClassUid,
    sopInstanceUid: graphic.referencedSopInstanceUid,
    frameNumber: graphic.referencedFrameNumber,
  }));
}

export function encodeMeasurementReport(report: MeasurementReport, o: SrDocumentOptions, file: string): NaturalDataset {
  const studyUid = o.study?.StudyInstanceUID ?? o.studyInstanceUid;
  if (!studyUid) throw new Error('encodeMeasurementReport: a study instance UID is required');
  const evidence = referencedInstances(report, o.images, file);
  const root = encodeContentItem(report.toContentItem(libraryEntries(report)));
  const ds: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: COMPREHENSIVE_SR_SOP_CLASS,
    SOPInstanceUID: o.sopInstanceUid,
    InstanceCreationDate: o.contentDate,
    InstanceCreationTime: o.contentTime,
    CodingSchemeIdentificationSequence: [
      {
        CodingSchemeDesignator: LOCAL_SCHEME.designator,
        CodingSchemeName: LOCAL_SCHEME.name,
        CodingSchemeResponsibleOrganization: LOCAL_SCHEME.responsibleOrganization,
      },
    ],
    // Patient
    // Synthesized: the id as family name component (a PN without "^" is the retired form, PS3.5 6.2).
    PatientName: o.patient?.PatientName ?? `${report.caseFile.patientId}^`,
    PatientID: o.patient?.PatientID ?? report.caseFile.patientId,
    PatientBirthDate: o.patient?.PatientBirthDate ?? '',
    PatientSex: o.patient?.PatientSex ?? '',
    // General Study
    StudyInstanceUID: studyUid,
    ...studyIdentification(report, studyUid, o),
    ReferringPhysicianName: o.study?.ReferringPhysicianName ?? '',
    AccessionNumber: o.study?.AccessionNumber ?? '',
    // SR Document Series
    Modality: 'SR',
    SeriesInstanceUID: o.seriesInstanceUid,
    SeriesNumber: o.seriesNumber ?? 900,
    SeriesDescription: 'mRECIST read',
    ReferencedPerformedProcedureStepSequence: [],
    // General Equipment
    Manufacturer: o.manufacturer ?? 'ohif-mrecist',
    SoftwareVersions: o.softwareVersion ?? '0.1.0',
    // SR Document General
    InstanceNumber: o.instanceNumber ?? 1,
    ...(o.signOff ? verificationAttributes(o.signOff, o.verifyingOrganization) : { CompletionFlag: o.completion ?? 'COMPLETE', VerificationFlag: 'UNVERIFIED' }),
    ContentDate: o.contentDate,
    ContentTime: o.contentTime,
    PerformedProcedureCodeSequence: [],
    ...root,
  };
  if (o.study?.StudyDescription) ds.StudyDescription = o.study.StudyDescription;
  if (evidence.length > 0) ds.CurrentRequestedProcedureEvidenceSequence = groupHierarchy(evidence);
  if (o.predecessor) ds.PredecessorDocumentsSequence = groupHierarchy([o.predecessor]);
  return ds;
}
