/**
 * Writes the MRI demo patient (mriPatient.ts) as MR Image Storage series, one Part 10 file per slice, under
 * <outDir>/mri/dicom/<study label>/<series label>/. A folder of its own: the viewer serves one patient's folder
 * (`npm start -- --demo-dir demo-data/mri/dicom`), and the CT patient's folder stays as it was.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeDicom, type NaturalDataset } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import type { DemoExtraGenerator } from './extraGenerators';
import { MR_SERIES, MRI_INJECTION_AFTER_STUDY_S, MRI_PATIENT, mriPatient, mriUid, type MriPatient, type MriStudy, type MrSeriesSpec } from './mriPatient';
import { type MrVolume, mriVolumes } from './mriVolume';
import { GENERATOR_NAME, generalImage, imagePlanePixel, shiftTime } from './writeCtSeries';

export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

function contrastBolus(study: MriStudy, spec: MrSeriesSpec): NaturalDataset {
  if (!spec.dynamic) return {};
  return {
    ContrastBolusAgent: 'Gadoxetate disodium (Primovist) 0.25 mmol/ml',
    ContrastBolusRoute: 'IV',
    ContrastBolusVolume: 10,
    ContrastBolusStartTime: shiftTime(study.studyTime, MRI_INJECTION_AFTER_STUDY_S),
    ContrastBolusIngredient: 'GADOLINIUM',
    ContrastFlowRate: 1,
    ContrastFlowDuration: 10,
  };
}

/** T1 3D gradient echo (VIBE-like) or single-shot T2 (HASTE-like) acquisition parameters. */
function sequence(spec: MrSeriesSpec): NaturalDataset {
  return spec.kind === 't2'
    ? { ScanningSequence: 'SE', SequenceVariant: 'SK\\SP', ScanOptions: 'FS', MRAcquisitionType: '2D', RepetitionTime: 1400, EchoTime: 90, EchoTrainLength: 160, FlipAngle: 150, SequenceName: '*haste' }
    : { ScanningSequence: 'GR', SequenceVariant: 'SP\\SS', ScanOptions: 'FS', MRAcquisitionType: '3D', RepetitionTime: 3.9, EchoTime: 1.4, EchoTrainLength: 1, FlipAngle: 10, SequenceName: '*fl3d1' };
}

export function mrSliceDataset(patient: MriPatient, study: MriStudy, spec: MrSeriesSpec, volume: MrVolume, k: number): NaturalDataset {
  const g = volume.grid;
  const plane = g.columns * g.rows;
  const pixels = volume.signal.slice(k * plane, (k + 1) * plane);
  const acquired = shiftTime(study.studyTime, MRI_INJECTION_AFTER_STUDY_S + spec.afterInjectionS);
  const n = k + 1;
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: MR_IMAGE_STORAGE,
    SOPInstanceUID: mriUid(patient.seedValue, `${study.label}/${spec.label}/${n}`),
    ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND'],
    PatientName: MRI_PATIENT.name,
    PatientID: MRI_PATIENT.id,
    PatientBirthDate: MRI_PATIENT.birthDate,
    PatientSex: MRI_PATIENT.sex,
    PatientIdentityRemoved: 'NO',
    StudyInstanceUID: study.studyInstanceUid,
    StudyDate: study.studyDate,
    StudyTime: study.studyTime,
    StudyID: `MR${study.index + 1}`,
    AccessionNumber: study.accessionNumber,
    ReferringPhysicianName: '',
    StudyDescription: study.studyDescription,
    Modality: 'MR',
    SeriesInstanceUID: mriUid(patient.seedValue, `${study.label}/${spec.label}`),
    SeriesNumber: spec.seriesNumber,
    SeriesDate: study.studyDate,
    SeriesTime: acquired,
    SeriesDescription: spec.description,
    ProtocolName: spec.description,
    BodyPartExamined: 'ABDOMEN',
    PatientPosition: 'HFS',
    FrameOfReferenceUID: study.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    Manufacturer: GENERATOR_NAME,
    ManufacturerModelName: 'synthetic MR',
    SoftwareVersions: '1',
    InstitutionName: 'ohif-mrecist demo',
    ...generalImage(n, 1, study.studyDate, acquired),
    ...sequence(spec),
    MagneticFieldStrength: 1.5,
    ImagedNucleus: '1H',
    ...contrastBolus(study, spec),
    ...imagePlanePixel(g, k, 12),
    WindowCenter: spec.kind === 't2' ? 350 : 450,
    WindowWidth: spec.kind === 't2' ? 800 : 1000,
    PixelData: pixels.buffer,
    _vrMap: { PixelData: 'OW' },
  };
}

/** Writes every study's series; returns the paths written. */
export function writeMriPatient(outDir: string, seedValue: number): string[] {
  const patient = mriPatient(seedValue);
  const written: string[] = [];
  for (const study of patient.studies) {
    const volumes = mriVolumes(patient, study, MR_SERIES.map((s) => s.kind));
    MR_SERIES.forEach((spec, q) => {
      const dir = join(outDir, 'mri', 'dicom', study.label, spec.label);
      mkdirSync(dir, { recursive: true });
      for (let k = 0; k < study.grid.slices; k++) {
        const file = join(dir, `${String(k + 1).padStart(4, '0')}.dcm`);
        writeFileSync(file, encodeDicom(mrSliceDataset(patient, study, spec, volumes[q], k)));
        written.push(file);
      }
    });
  }
  return written;
}

export const MRI_GENERATOR: DemoExtraGenerator = {
  name: 'mri-patient',
  version: 2,
  generate: (context) => writeMriPatient(context.outDir, context.patient.seedValue),
};
