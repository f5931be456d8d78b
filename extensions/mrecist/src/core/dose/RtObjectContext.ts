/**
 * Patient, study and series facts an RT object we write must carry (the same for RT Plan and RT Dose writers):
 * taken from the images or plan the object belongs to. Dates DA (YYYYMMDD), times TM (HHMMSS).
 */
import { patientStudyAttributes, sopCommonAttributes, type PatientStudyContext } from '../dicom/compositeModules';

export interface RtObjectContext extends PatientStudyContext {
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
    ...sopCommonAttributes(sopClassUid, c.sopInstanceUid, c.contentDate, c.contentTime),
    ...patientStudyAttributes(c),
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
