/**
 * The demo case's implant plan objects (scripts/demo/generatePlan.ts): valid DICOM, the plan the issue asks for,
 * and an RT Dose that agrees with the exact point evaluation of that plan.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { doseAtPoints } from '../../../extensions/mrecist/src/core/dose/doseAtPoints';
import { doseSeedsFromPlan } from '../../../extensions/mrecist/src/core/dose/doseSeedsFromPlan';
import { readBrachyPlan } from '../../../extensions/mrecist/src/core/dose/readBrachyPlan';
import { readRtDose } from '../../../extensions/mrecist/src/core/dose/readRtDose';
import { sampleDose } from '../../../extensions/mrecist/src/core/dose/sampleDose';
import { demoPatient } from '../../../scripts/demo/demoPatient';
import { generatePlanObjects } from '../../../scripts/demo/generatePlan';
import { dciodvfyErrors } from './dciodvfy';

describe('demo implant plan objects', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-plan-'));
  const patient = demoPatient(12);
  const pre = patient.studies[0];
  let paths: string[] = [];
  beforeAll(() => {
    paths = generatePlanObjects({
      outDir: dir,
      patient,
      ctSeriesDirectory: (s) => join(dir, s.label, 'ct'),
      seriesDirectory: (s, label) => join(dir, 'dicom', s.label, label),
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (label: string) => paths.find((p) => p.includes(`/${label}/`))!;

  it('writes RT Structure Set, RT Plan and RT Dose into the pre-implant study', () => {
    expect(paths.map((p) => p.slice(dir.length))).toEqual([
      '/dicom/pre-implant/rtstruct/0001.dcm',
      '/dicom/pre-implant/rtplan/0001.dcm',
      '/dicom/pre-implant/rtdose/0001.dcm',
    ]);
    for (const p of paths) {
      const ds = decodeDicom(readFileSync(p), p);
      expect([ds.string('StudyInstanceUID'), ds.string('FrameOfReferenceUID'), ds.string('PatientID')]).toEqual([pre.studyInstanceUid, pre.frameOfReferenceUid, 'P12']);
    }
  });

  it('structure set and plan pass dciodvfy', () => {
    expect(dciodvfyErrors(readFileSync(file('rtstruct')))).toEqual([]);
    expect(dciodvfyErrors(readFileSync(file('rtplan')))).toEqual([]);
  });

  it('plan: 50 seeds of 0.762 U (0.6 mCi), model 6711, PERMANENT, LDR, 145 Gy, oriented along the needles', () => {
    const plan = readBrachyPlan(decodeDicom(readFileSync(file('rtplan')), 'rtplan'));
    expect(plan.seeds).toHaveLength(50);
    expect(plan.sources).toEqual([expect.objectContaining({ airKermaStrengthU: 0.762, sourceModelId: '6711', isotopeName: 'I-125', halfLifeDays: 59.4 })]);
    expect([plan.brachyTreatmentTechnique, plan.brachyTreatmentType, plan.prescriptionGy]).toEqual(['PERMANENT', 'LDR', 145]);
    expect(plan.seeds.every((s) => s.axisFrom === 'controlPoint')).toBe(true);
    plan.seeds.forEach((s, i) => expect(s.positionMm).toEqual([...patient.plan.seeds[i].positionMm]));
  });

  it('dose: references the plan and equals the exact TG-43 sum at voxel centres (full decay)', () => {
    const planDs = decodeDicom(readFileSync(file('rtplan')), 'rtplan');
    const doseDs = decodeDicom(readFileSync(file('rtdose')), 'rtdose');
    expect(doseDs.sequence('ReferencedRTPlanSequence')[0].string('ReferencedSOPInstanceUID')).toBe(planDs.string('SOPInstanceUID'));
    const grid = readRtDose(doseDs);
    const { seeds } = doseSeedsFromPlan(readBrachyPlan(planDs), 'rtplan');
    // Lesion centre and points 15 and 25 mm out, all on the 1 mm lattice of the grid.
    const c = pre.tumour.lesion.centreMm.map(Math.round) as [number, number, number];
    const points: [number, number, number][] = [c, [c[0] + 15, c[1], c[2]], [c[0], c[1] - 25, c[2]], [c[0], c[1], c[2] + 25]];
    const exact = doseAtPoints(seeds, points, 'line2d', { kind: 'fullDecay' }).doseGy;
    points.forEach((p, i) => expect(Math.abs(sampleDose(grid, p)! / exact[i] - 1)).toBeLessThan(1e-3));
  });
});
