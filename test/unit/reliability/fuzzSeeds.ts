/**
 * One valid input per reader, written by the project's own writers (no external files, so CI has them all):
 * RT Plan, RT Dose, RT Structure Set, SR, CT image, Spatial Registration and a case file.
 */
import { readFileSync } from 'node:fs';
import { encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import { writeRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStructWriter';
import { writeBrachyPlan } from '../../../extensions/mrecist/src/core/dose/writeBrachyPlan';
import { writeRtDose } from '../../../extensions/mrecist/src/core/dose/writeRtDose';
import { GOLDEN_CASE, GOLDEN_SR } from '../../../scripts/sr/goldenSr';
import { structContext } from '../dose-geometry/structContext';

export type SeedClass = 'rtplan' | 'rtdose' | 'rtstruct' | 'sr' | 'ct' | 'reg' | 'casefile';

const FOR = structContext.frameOfReferenceUid;

function plan(): Uint8Array {
  return encodeDicom(
    writeBrachyPlan({
      context: {
        patientName: 'Demo^Liver', patientId: 'DEMO-1', studyInstanceUid: uidFromName('fuzz study'), studyDate: '20260105',
        studyTime: '101500', studyId: 'S1', seriesInstanceUid: uidFromName('fuzz plan series'), seriesNumber: 80,
        sopInstanceUid: uidFromName('fuzz plan'), contentDate: '20260105', contentTime: '120000', frameOfReferenceUid: FOR,
      },
      rtPlanLabel: 'Liver seeds',
      referencedStructureSetSopInstanceUid: uidFromName('fuzz struct'),
      brachyTreatmentTechnique: 'PERMANENT',
      brachyTreatmentType: 'LDR',
      prescriptionGy: 145,
      source: { isotopeName: 'I-125', halfLifeDays: 59.4, airKermaStrengthU: 0.762, referenceDate: '20260105', referenceTime: '090000', sourceModelId: '6711' },
      needles: [{ seedsMm: [[10, 20, 30], [10, 20, 40]], axis: [0, 0, 1] }, { seedsMm: [[20, 20, 30]] }],
    }),
  );
}

function dose(): Uint8Array {
  const n = 8;
  const values = new Float32Array(n * n * n).map((_, i) => (i % 97) / 7);
  return encodeDicom(
    writeRtDose(
      {
        originMm: [-5, -5, -5], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], columns: n, rows: n, rowSpacingMm: 2,
        columnSpacingMm: 2, frameOffsetsMm: Array.from({ length: n }, (_, k) => 2 * k), dose: values, units: 'GY', frameOfReferenceUid: FOR,
      },
      {
        patientName: 'Demo^Liver', patientId: 'DEMO-1', studyInstanceUid: structContext.studyInstanceUid, seriesInstanceUid: uidFromName('fuzz dose series'),
        sopInstanceUid: uidFromName('fuzz dose'), contentDate: '20260101', contentTime: '120000', frameOfReferenceUid: FOR,
        referencedRtPlanSopInstanceUid: uidFromName('fuzz plan'),
      },
    ),
  );
}

function struct(): Uint8Array {
  const contours = Array.from({ length: 4 }, (_, k) => ({
    geometricType: 'CLOSED_PLANAR' as const,
    points: [[0, 0, k], [20, 0, k], [20, 20, k], [0, 20, k]] as [number, number, number][],
  }));
  return encodeDicom(writeRtStruct([{ name: 'GTV', interpretedType: 'GTV', generationAlgorithm: 'MANUAL', contours }], structContext));
}

function ct(): Uint8Array {
  const pixels = new Int16Array(32 * 32).map((_, i) => (i % 50) - 1000);
  return encodeDicom({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: uidFromName('fuzz ct'), Modality: 'CT', PatientName: 'Demo^Liver',
    PatientID: 'DEMO-1', StudyInstanceUID: uidFromName('fuzz study'), SeriesInstanceUID: uidFromName('fuzz ct series'), FrameOfReferenceUID: FOR,
    Rows: 32, Columns: 32, PixelSpacing: ['0.8', '0.8'], ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    ImagePositionPatient: ['-20', '-25', '50'], SliceThickness: '1', SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 1, RescaleSlope: '1', RescaleIntercept: '0',
    PixelData: pixels.buffer, _vrMap: { PixelData: 'OW' },
  });
}

function registration(): Uint8Array {
  return encodeDicom({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.1', SOPInstanceUID: uidFromName('fuzz reg'), Modality: 'REG', FrameOfReferenceUID: FOR,
    PatientID: 'DEMO-1', StudyInstanceUID: uidFromName('fuzz study'), SeriesInstanceUID: uidFromName('fuzz reg series'),
    RegistrationSequence: [
      {
        FrameOfReferenceUID: uidFromName('fuzz plan frame'),
        MatrixRegistrationSequence: [
          { MatrixSequence: [{ FrameOfReferenceTransformationMatrix: ['1', '0', '0', '3', '0', '1', '0', '4', '0', '0', '1', '5', '0', '0', '0', '1'], FrameOfReferenceTransformationMatrixType: 'RIGID' }] },
        ],
      },
    ],
  });
}

export function seedInputs(): Record<SeedClass, Uint8Array> {
  return {
    rtplan: plan(),
    rtdose: dose(),
    rtstruct: struct(),
    sr: new Uint8Array(readFileSync(GOLDEN_SR)),
    ct: ct(),
    reg: registration(),
    casefile: new Uint8Array(readFileSync(GOLDEN_CASE)),
  };
}
