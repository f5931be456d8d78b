/**
 * Spatial Registration writer (PS3.3 A.39: Patient, General Study, General Series, Spatial Registration Series,
 * Frame of Reference, General Equipment, Enhanced General Equipment, Spatial Registration, Common Instance
 * Reference, SOP Common). Records a rigid fit of plan seeds to a follow-up CT's seeds so a viewer or PACS can
 * place the plan (and its dose) on the follow-up: the object lives in the CT's frame (the reference), with an
 * identity item for that frame and the fitted matrix for the plan's frame (P_CT = M·P_plan, as
 * readSpatialRegistration reads it). The seeds are the fiducials, hence Registration Type "Fiducial Alignment"
 * (DCM 125022, CID 7100). Output passes dciodvfy without errors (tested).
 */
import type { NaturalDataset } from './DicomDataset';
import { SPATIAL_REGISTRATION_STORAGE } from './spatialRegistration';
import { frameOfReferenceAttributes, patientStudyAttributes, sopCommonAttributes, type PatientStudyContext } from './compositeModules';
import { dicomDateTimeNow } from './dicomDateTime';
import { newUid } from './uid';

/** Patient and study: the follow-up study the registration belongs to (the CT's). */
export interface SpatialRegistrationContext extends PatientStudyContext {
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  /** YYYYMMDD, HHMMSS. */
  contentDate?: string;
  contentTime?: string;
  contentDescription?: string;
  softwareVersion: string;
}

export interface RigidFrameRegistration {
  /** The CT's frame: the registration object's own frame. */
  referenceFrameOfReferenceUid: string;
  /** The plan's frame, mapped into the reference frame by `matrix`. */
  movingFrameOfReferenceUid: string;
  /** Row-major 4×4, rigid (P_ref = M·P_moving). */
  matrix: readonly number[];
}

const IDENTITY = ['1', '0', '0', '0', '0', '1', '0', '0', '0', '0', '1', '0', '0', '0', '0', '1'];

/** DS values at most 16 characters: 10 significant digits. */
const ds = (v: number) => {
  const s = Number(v.toPrecision(10)).toString();
  return s === '-0' ? '0' : s;
};

export function writeSpatialRegistration(reg: RigidFrameRegistration, c: SpatialRegistrationContext): NaturalDataset {
  if (reg.matrix.length !== 16) throw new Error('registration matrix must have 16 values');
  const now = dicomDateTimeNow();
  const date = c.contentDate ?? now.date;
  const time = c.contentTime ?? now.time;
  const item = (frameUid: string, matrix: string[]) => ({
    FrameOfReferenceUID: frameUid,
    MatrixRegistrationSequence: [
      {
        RegistrationTypeCodeSequence: [{ CodeValue: '125022', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Fiducial Alignment' }],
        MatrixSequence: [{ FrameOfReferenceTransformationMatrix: matrix, FrameOfReferenceTransformationMatrixType: 'RIGID' }],
      },
    ],
  });
  return {
    ...sopCommonAttributes(SPATIAL_REGISTRATION_STORAGE, c.sopInstanceUid ?? newUid(), date, time),
    ...patientStudyAttributes(c),
    Modality: 'REG',
    // The abdomen is unpaired: with Body Part Examined given, Laterality (2C) is absent.
    BodyPartExamined: 'ABDOMEN',
    SeriesInstanceUID: c.seriesInstanceUid ?? newUid(),
    SeriesNumber: '901',
    SeriesDescription: 'Plan seeds registered to follow-up CT',
    ...frameOfReferenceAttributes(reg.referenceFrameOfReferenceUid),
    Manufacturer: 'ohif-mrecist',
    ManufacturerModelName: 'ohif-mrecist seed registration',
    DeviceSerialNumber: 'none',
    SoftwareVersions: c.softwareVersion,
    InstanceNumber: '1',
    ContentDate: date,
    ContentTime: time,
    ContentLabel: 'SEED_REG',
    ContentDescription: (c.contentDescription ?? 'Rigid fit of planned to found I-125 seeds').slice(0, 64),
    ContentCreatorName: '',
    RegistrationSequence: [
      item(reg.referenceFrameOfReferenceUid, IDENTITY),
      item(reg.movingFrameOfReferenceUid, reg.matrix.map(ds)),
    ],
  };
}
