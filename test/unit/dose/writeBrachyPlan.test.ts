/** RT Plan writer: dciodvfy validity and read-back through readBrachyPlan. */
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readBrachyPlan } from '../../../extensions/mrecist/src/core/dose/readBrachyPlan';
import { writeBrachyPlan, type BrachyPlanWriteInput } from '../../../extensions/mrecist/src/core/dose/writeBrachyPlan';
import { dciodvfyErrors } from './dciodvfy';

const INPUT: BrachyPlanWriteInput = {
  context: {
    patientName: 'Demo^Liver',
    patientId: 'MRECIST-DEMO-1',
    studyInstanceUid: '2.25.2001',
    studyDate: '20260105',
    studyTime: '101500',
    studyId: 'S1',
    seriesInstanceUid: '2.25.2002',
    seriesNumber: 80,
    sopInstanceUid: '2.25.2003',
    contentDate: '20260105',
    contentTime: '120000',
    frameOfReferenceUid: '2.25.2004',
  },
  rtPlanLabel: 'Liver seeds',
  referencedStructureSetSopInstanceUid: '2.25.2005',
  brachyTreatmentTechnique: 'PERMANENT',
  brachyTreatmentType: 'LDR',
  prescriptionGy: 145,
  source: { isotopeName: 'I-125', halfLifeDays: 59.4, airKermaStrengthU: 0.762, referenceDate: '20260105', referenceTime: '090000', sourceModelId: '6711' },
  needles: [
    { seedsMm: [[10, 20, 30], [10, 20, 40], [10, 20, 50]], axis: [0, 0, 1] },
    { seedsMm: [[20, 20, 30], [20, 25, 35]] },
    { seedsMm: [[30, 0, 0]] },
  ],
};

describe('writeBrachyPlan', () => {
  it('passes dciodvfy with no Error lines', () => {
    expect(dciodvfyErrors(encodeDicom(writeBrachyPlan(INPUT)))).toEqual([]);
  });

  it('passes dciodvfy without a structure set (TREATMENT_DEVICE geometry)', () => {
    const nat = writeBrachyPlan({ ...INPUT, referencedStructureSetSopInstanceUid: undefined });
    expect(nat.RTPlanGeometry).toBe('TREATMENT_DEVICE');
    expect(dciodvfyErrors(encodeDicom(nat))).toEqual([]);
  });

  it('reads back seeds, orientation, source and prescription', () => {
    const plan = readBrachyPlan(decodeDicom(encodeDicom(writeBrachyPlan(INPUT)), 'plan.dcm'));
    expect(plan.seeds.map((s) => s.positionMm)).toEqual([[10, 20, 30], [10, 20, 40], [10, 20, 50], [20, 20, 30], [20, 25, 35], [30, 0, 0]]);
    expect(plan.seeds.map((s) => s.axisFrom)).toEqual(['controlPoint', 'controlPoint', 'controlPoint', 'needle', 'needle', 'none']);
    const r = Math.SQRT1_2;
    [0, r, r].forEach((v, a) => expect(plan.seeds[3].axis![a]).toBeCloseTo(v, 12));
    expect(plan.prescriptionGy).toBe(145);
    expect(plan.brachyTreatmentTechnique).toBe('PERMANENT');
    expect(plan.brachyTreatmentType).toBe('LDR');
    expect(plan.frameOfReferenceUid).toBe('2.25.2004');
    expect(plan.sources).toEqual([
      expect.objectContaining({ isotopeName: 'I-125', halfLifeDays: 59.4, airKermaStrengthU: 0.762, sourceModelId: '6711', sourceModelDefaulted: false, referenceTimeMs: Date.UTC(2026, 0, 5, 9) }),
    ]);
    expect(plan.warnings).toEqual([]);
  });
});
