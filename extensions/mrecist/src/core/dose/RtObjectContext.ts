/**
 * Patient, study and series facts an RT object we write must carry (the same for RT Plan and RT Dose writers):
 * taken from the images or plan the object belongs to. Dates DA (YYYYMMDD), times TM (HHMMSS).
 */
export interface RtObjectContext {
  patientName: string;
  patientId: string;
  patientBirthDate?: string;
  patientSex?: string;
  studyInstanceUid: string;
  studyDate?: string;
  studyTime?: string;
  studyId?: string;
  accessionNumber?: string;
  referringPhysicianName?: string;
  studyDescription?: string;
  seriesInstanceUid: string;
  seriesNumber?: number;
  seriesDescription?: string;
  sopInstanceUid: string;
  instanceNumber?: number;
  /** Content/creation date and time of the object. */
  contentDate: string;
  contentTime: string;
  manufacturer?: string;
}

/** Patient, General Study, RT Series, General Equipment and SOP Common attributes (type 2 ones written empty). */
export function commonRtAttributes(c: RtObjectContext, sopClassUid: string, modality: string): Record<string, unknown> {
  return {
    SOPClassUID: sopClassUid,
    SOPInstanceUID: c.sopInstanceUid,
    SpecificCharacterSet: 'ISO_IR 192',
    InstanceCreationDate: c.contentDate,
    InstanceCreationTime: c.contentTime,
    PatientName: c.patientName,
    PatientID: c.patientId,
    PatientBirthDate: c.patientBirthDate ?? '',
    PatientSex: c.patientSex ?? '',
    StudyInstanceUID: c.studyInstanceUid,
    StudyDate: c.studyDate ?? '',
    StudyTime: c.studyTime ?? '',
    StudyID: c.studyId ?? '',
    AccessionNumber: c.accessionNumber ?? '',
    ReferringPhysicianName: c.referringPhysicianName ?? '',
    ...(c.studyDescription ? { StudyDescription: c.studyDescription } : {}),
    Modality: modality,
    SeriesInstanceUID: c.seriesInstanceUid,
    SeriesNumber: c.seriesNumber ?? '',
    ...(c.seriesDescription ? { SeriesDescription: c.seriesDescription } : {}),
    OperatorsName: '',
    Manufacturer: c.manufacturer ?? 'ohif-mrecist',
    InstanceNumber: c.instanceNumber ?? 1,
  };
}
