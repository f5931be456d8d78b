/**
 * Writes one study's CT volume as a CT Image Storage series, one Part 10 file per axial slice, laid out as
 * <outDir>/dicom/<study label>/<series label>/<instance>.dcm. Pixel values are stored unsigned with Rescale
 * Intercept −1024 (stored = HU + 1024), the common CT convention.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeDicom, type NaturalDataset } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { type CtVolume } from './ctVolume';
import { type CtSeriesSpec, ctSeriesSpecs, ARTERIAL_DELAY_S } from './ctPhases';
import { DEMO_PATIENT, demoUid, type DemoPatient, type DemoStudy, SERIES_LABEL } from './demoPatient';
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

/**
 * Image Plane and Image Pixel modules of slice k (0-based) of an axial grid, unsigned 16-bit words holding
 * `bitsStored` bits; shared by the CT and MR writers.
 */
export function imagePlanePixel(g: CtVolume['grid'], k: number, bitsStored: number): NaturalDataset {
  const position = slicePositionMm(g, k);
  return {
    ImagePositionPatient: position.map(ds),
    ImageOrientationPatient: [...g.rowDirection, ...g.columnDirection].map(ds),
    PixelSpacing: g.pixelSpacingMm.map(ds),
    SliceThickness: g.sliceSpacingMm,
    SpacingBetweenSlices: g.sliceSpacingMm,
    SliceLocation: ds(position[2]),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: g.rows,
    Columns: g.columns,
    BitsAllocated: 16,
    BitsStored: bitsStored,
    HighBit: bitsStored - 1,
    PixelRepresentation: 0,
  };
}

/** General Image module of a synthetic slice acquired (and reconstructed) at one time; shared with the MR writer. */
export function generalImage(instanceNumber: number, acquisitionNumber: number, date: string, time: string): NaturalDataset {
  return {
    InstanceNumber: instanceNumber,
    AcquisitionNumber: acquisitionNumber,
    AcquisitionDate: date,
    AcquisitionTime: time,
    ContentDate: date,
    ContentTime: time,
    BurnedInAnnotation: 'NO',
    ImageComments: 'Synthetic demo image (not a patient)',
  };
}

/** DICOM TM `hhmmss` moved by `seconds` (within the day). */
export function shiftTime(tm: string, seconds: number): string {
  const t = Number(tm.slice(0, 2)) * 3600 + Number(tm.slice(2, 4)) * 60 + Number(tm.slice(4, 6)) + seconds;
  const d = ((t % 86_400) + 86_400) % 86_400;
  const p2 = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${p2(d / 3600)}${p2((d % 3600) / 60)}${p2(d % 60)}`;
}

/** The study's series of one phase: its UID (the arterial series keeps the study's original one). */
export function ctSeriesUid(patient: DemoPatient, study: DemoStudy, spec: CtSeriesSpec): string {
  return spec.label === SERIES_LABEL ? study.seriesInstanceUid : demoUid(patient.seedValue, `${study.label}/${spec.label}`);
}

/** The study's CT series specifications (non-contrast, arterial, portal venous). */
export function studySeriesSpecs(study: DemoStudy): CtSeriesSpec[] {
  return ctSeriesSpecs(study.namesPhases);
}

const ARTERIAL_SPEC = (study: DemoStudy) => studySeriesSpecs(study)[0];

/** Contrast/Bolus module: after the injection only (the non-contrast series is acquired before it starts). */
function contrastBolus(study: DemoStudy, spec: CtSeriesSpec): NaturalDataset {
  if (spec.phase === 'nonContrast') return {};
  return {
    ContrastBolusAgent: 'Iopromide 370 mgI/ml',
    ContrastBolusRoute: 'IV',
    ContrastBolusVolume: 90,
    ContrastBolusStartTime: shiftTime(study.studyTime, -ARTERIAL_DELAY_S),
    ContrastFlowRate: 4,
    ContrastFlowDuration: 22.5,
  };
}

/** The dataset of slice k (0-based; Instance Number k + 1) of one phase's series. Pure: no file access. */
export function ctSliceDataset(patient: DemoPatient, study: DemoStudy, volume: CtVolume, k: number, spec: CtSeriesSpec = ARTERIAL_SPEC(study)): NaturalDataset {
  const acquired = shiftTime(study.studyTime, spec.offsetS);
  const g = volume.grid;
  const plane = g.columns * g.rows;
  const stored = new Uint16Array(plane);
  for (let n = 0; n < plane; n++) stored[n] = volume.hu[k * plane + n] - RESCALE_INTERCEPT;
  const instanceNumber = k + 1;
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: demoUid(patient.seedValue, `${study.label}/${spec.label}/${instanceNumber}`),
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
    SeriesInstanceUID: ctSeriesUid(patient, study, spec),
    SeriesNumber: spec.seriesNumber,
    SeriesDate: study.studyDate,
    SeriesTime: acquired,
    SeriesDescription: spec.description,
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
    ...generalImage(instanceNumber, spec.seriesNumber - 1, study.studyDate, acquired),
    ...imagePlanePixel(g, k, 16),
    RescaleIntercept: RESCALE_INTERCEPT,
    RescaleSlope: 1,
    RescaleType: 'HU',
    WindowCenter: WINDOWS.map((w) => w.centre),
    WindowWidth: WINDOWS.map((w) => w.width),
    WindowCenterWidthExplanation: WINDOWS.map((w) => w.name),
    // Contrast/Bolus: an iodinated bolus started ARTERIAL_DELAY_S before the arterial series.
    ...contrastBolus(study, spec),
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

export function seriesDirectory(outDir: string, study: DemoStudy, label: string = SERIES_LABEL): string {
  return join(outDir, 'dicom', study.label, label);
}

export function writeCtSeries(outDir: string, patient: DemoPatient, study: DemoStudy, volume: CtVolume, spec: CtSeriesSpec = ARTERIAL_SPEC(study)): WrittenSeries {
  const directory = seriesDirectory(outDir, study, spec.label);
  mkdirSync(directory, { recursive: true });
  let bytes = 0;
  for (let k = 0; k < volume.grid.slices; k++) {
    const encoded = encodeDicom(ctSliceDataset(patient, study, volume, k, spec));
    writeFileSync(join(directory, `${String(k + 1).padStart(4, '0')}.dcm`), encoded);
    bytes += encoded.length;
  }
  return { directory, files: volume.grid.slices, bytes };
}
