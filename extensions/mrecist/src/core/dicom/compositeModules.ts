/**
 * The modules every composite object we write shares (PS3.3 C.7.1.1 Patient, C.7.2.1 General Study, C.7.4.1 Frame
 * of Reference, C.12.1 SOP Common): the RT Plan, RT Dose, RT Structure Set and Spatial Registration writers build
 * them here so the copied identification cannot drift between objects. Type 2 attributes the source lacks are
 * written empty, as the IODs require. Series and equipment modules differ per IOD and stay with each writer.
 */
import type { DicomDataset, NaturalDataset } from './DicomDataset';
import { dicomDateTimeNow } from './dicomDateTime';

/**
 * Patient and study identification an object must carry, copied from the images or plan it belongs to.
 * Dates DA (YYYYMMDD), times TM (HHMMSS).
 */
export interface PatientStudyContext {
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
}

/** The patient and study identification of an existing object (image, plan), for a new object in its study. */
export function patientStudyContextOf(ds: DicomDataset): PatientStudyContext {
  return {
    patientName: ds.optionalString('PatientName') ?? '',
    patientId: ds.optionalString('PatientID') ?? '',
    patientBirthDate: ds.optionalString('PatientBirthDate'),
    patientSex: ds.optionalString('PatientSex'),
    studyInstanceUid: ds.string('StudyInstanceUID'),
    studyDate: ds.optionalString('StudyDate'),
    studyTime: ds.optionalString('StudyTime'),
    studyId: ds.optionalString('StudyID'),
    accessionNumber: ds.optionalString('AccessionNumber'),
    referringPhysicianName: ds.optionalString('ReferringPhysicianName'),
  };
}

/** Patient and General Study modules (without Study Description, which not every writer carries). */
export function patientStudyAttributes(c: PatientStudyContext): NaturalDataset {
  return {
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
  };
}

/** Frame of Reference module; the position reference indicator (type 2) is unknown to us, so empty. */
export function frameOfReferenceAttributes(frameOfReferenceUid: string): NaturalDataset {
  return { FrameOfReferenceUID: frameOfReferenceUid, PositionReferenceIndicator: '' };
}

/** SOP Common module: class, instance, UTF-8 character set and creation date/time (DA, TM). */
export function sopCommonAttributes(sopClassUid: string, sopInstanceUid: string, creationDate: string, creationTime: string): NaturalDataset {
  return {
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    SpecificCharacterSet: 'ISO_IR 192',
    InstanceCreationDate: creationDate,
    InstanceCreationTime: creationTime,
  };
}

