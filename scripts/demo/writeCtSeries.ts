/**
 * Writes one study's CT volume as a CT Image Storage series, one Part 10 file per axial slice, laid out as
 * <outDir>/dicom/<study label>/<series label>/<instance>.dcm. Pixel values are stored unsigned with Rescale
 * Intercept −1024 (stored = HU + 1024), the common CT convention.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeDicom, type NaturalDataset } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { type CtVolume } from './ctVolume';
import { DEMO_PATIENT, type DemoPatient, type DemoStudy, SERIES_LABEL, sopInstanceUid } from './demoPatient';
import { slicePositionMm } from './VolumeGrid';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const RESCALE_INTERCEPT = -1024;
/** Liver window first (narrow, to separate enhancing tumour from liver), then a standard abdomen window. */
export const WINDOWS = [
  { centre: 60, width: 180, name: 'LIVER' },
  { centre: 40, width: 400, name: 'ABDOMEN' },
] as const;
export const GENERATOR_NAME = 'ohif-mrecist demo generator';

const ds = (v: number) => Number(v.toFixed(6));

function ageAt(birth: string, date: string): string {
  const years =
    Number(date.slice(0, 4)) - Number(birth.slice(0, 4)) - (date.slice(4) < birth.slice(4) ? 1 : 0);
  return `${String(years).padStart(3, '0')}Y`;
}

/** The dataset of slice k (0-based; Instance Number k + 1). Pure: no file access. */
export function ctSliceDataset(patient: DemoPatient, study: DemoStudy, volume: CtVolume, k: number): NaturalDataset {
  const g = volume.grid;
  const plane = g.columns * g.rows;
  const stored = new Uint16Array(plane);
  for (let n = 0; n < plane; n++) stored[n] = volume.hu[k * plane + n] - RESCALE_INTERCEPT;
  const position = slicePositionMm(g, k);
  const instanceNumber = k + 1;
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: sopInstanceUid(patient, study, instanceNumber),
    InstanceCreationDate: study.studyDate,
    InstanceCreationTime: study.studyTime,
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    // Patient
    PatientName: DEMO_PATIENT.name,
    PatientID: DEMO_PATIENT.id,
    PatientBirthDate: DEMO_PATIENT.birthDate,
    PatientSex: DEMO_PATIENT.sex,
    PatientAge: ageAt(DEMO_PATIENT.birthDate, study.studyDate),
    PatientIdentityRemoved: 'NO',
    // Study
    StudyInstanceUID: study.studyInstanceUid,
    StudyDate: study.studyDate,
    StudyTime: study.studyTime,
    StudyID: `CT${study.index + 1}`,
    AccessionNumber: study.accessionNumber,
    ReferringPhysicianName: '',
    StudyDescription: study.studyDescription,
    // Series
    Modality: 'CT',
    SeriesInstanceUID: study.seriesInstanceUid,
    SeriesNumber: 3,
    SeriesDate: study.studyDate,
    SeriesTime: study.studyTime,
    SeriesDescription: study.seriesDescription,
    BodyPartExamined: 'ABDOMEN',
    PatientPosition: 'HFS',
    // Frame of Reference: each study its own (patient repositioned).
    FrameOfReferenceUID: study.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    // Equipment
    Manufacturer: GENERATOR_NAME,
    ManufacturerModelName: 'synthetic CT',
    SoftwareVersions: '1',
    InstitutionName: 'ohif-mrecist demo',
    // Image
    InstanceNumber: instanceNumber,
    AcquisitionNumber: 2,
    AcquisitionDate: study.studyDate,
    AcquisitionTime: study.studyTime,
    ContentDate: study.studyDate,
    ContentTime: study.studyTime,
    BurnedInAnnotation: 'NO',
    ImageComments: 'Synthetic demo image (not a patient)',
    // Image Plane
    ImagePositionPatient: position.map(ds),
    ImageOrientationPatient: [...g.rowDirection, ...g.columnDirection].map(ds),
    PixelSpacing: g.pixelSpacingMm.map(ds),
    SliceThickness: g.sliceSpacingMm,
    SpacingBetweenSlices: g.sliceSpacingMm,
    SliceLocation: ds(position[2]),
    // Image Pixel
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: g.rows,
    Columns: g.columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    RescaleIntercept: RESCALE_INTERCEPT,
    RescaleSlope: 1,
    RescaleType: 'HU',
    WindowCenter: WINDOWS.map((w) => w.centre),
    WindowWidth: WINDOWS.map((w) => w.width),
    WindowCenterWidthExplanation: WINDOWS.map((w) => w.name),
    // Contrast/Bolus: late arterial phase after an iodinated bolus.
    ContrastBolusAgent: 'Iopromide 370 mgI/ml',
    ContrastBolusRoute: 'IV',
    ContrastBolusVolume: 90,
    ContrastFlowRate: 4,
    ContrastFlowDuration: 22.5,
    // CT acquisition
    KVP: 120,
    DataCollectionDiameter: 500,
    ReconstructionDiameter: ds(g.columns * g.pixelSpacingMm[1]),
    GantryDetectorTilt: 0,
    TableHeight: 160,
    RotationDirection: 'CW',
    ExposureTime: 500,
    XRayTubeCurrent: 220,
    Exposure: 110,
    ConvolutionKernel: 'STANDARD',
    RevolutionTime: 0.5,
    SingleCollimationWidth: 0.625,
    TotalCollimationWidth: 40,
    SpiralPitchFactor: 0.984,
    CTDIvol: 11.2,
    // CTDIvol is only meaningful with its phantom: the 32 cm body phantom (DICOM PS3.16 CID 4052).
    CTDIPhantomTypeCodeSequence: [{ CodeValue: '113691', CodingSchemeDesignator: 'DCM', CodeMeaning: 'IEC Body Dosimetry Phantom' }],
    PixelData: stored.buffer,
    _vrMap: { PixelData: 'OW' },
  };
}

export interface WrittenSeries {
  readonly directory: string;
  readonly files: number;
  readonly bytes: number;
}

export function seriesDirectory(outDir: string, study: DemoStudy): string {
  return join(outDir, 'dicom', study.label, SERIES_LABEL);
}

export function writeCtSeries(outDir: string, patient: DemoPatient, study: DemoStudy, volume: CtVolume): WrittenSeries {
  const directory = seriesDirectory(outDir, study);
  mkdirSync(directory, { recursive: true });
  let bytes = 0;
  for (let k = 0; k < volume.grid.slices; k++) {
    const encoded = encodeDicom(ctSliceDataset(patient, study, volume, k));
    writeFileSync(join(directory, `${String(k + 1).padStart(4, '0')}.dcm`), encoded);
    bytes += encoded.length;
  }
  return { directory, files: volume.grid.slices, bytes };
}
