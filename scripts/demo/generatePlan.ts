/**
 * The demo case's implant plan objects, in the pre-implant study and its Frame of Reference (issue 4 item 6):
 *   - RT Structure Set: GTV (the pre-implant lesion) and liver, axial contours on the CT slice positions
 *     (writer: core/dose/rtStructWriter.ts);
 *   - RT Plan: 50 I-125 seeds of 0.6 mCi (S_K = 0.6 × 1.270 = 0.762 U), model 6711 consensus data, PERMANENT
 *     technique, LDR, 145 Gy prescription, one channel per needle, seed orientation along the needle;
 *   - RT Dose: computed by our TG-43U1 engine from the plan as written (read back first), line-source formalism,
 *     full decay, 1 mm grid, referencing the plan.
 * Deterministic: fixed UIDs (demoUid) and dates, so regenerating gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { computeDoseGrid } from '../../extensions/mrecist/src/core/dose/computeDoseGrid';
import { doseSeedsFromPlan } from '../../extensions/mrecist/src/core/dose/doseSeedsFromPlan';
import { gridAroundSeeds } from '../../extensions/mrecist/src/core/dose/gridAroundSeeds';
import { contourRings, MarchingSquaresWorkspace } from '../../extensions/mrecist/src/core/dose/isodoseMarchingSquares';
import { readBrachyPlan } from '../../extensions/mrecist/src/core/dose/readBrachyPlan';
import type { RoiContour } from '../../extensions/mrecist/src/core/dose/rtStruct';
import { ellipsoidAxialContours } from '../../extensions/mrecist/src/core/dose/rtStructEllipsoid';
import { writeRtStruct } from '../../extensions/mrecist/src/core/dose/rtStructWriter';
import { rtDoseContextFromPlan } from '../../extensions/mrecist/src/core/dose/rtDoseContextFromPlan';
import { writeBrachyPlan, type NeedleSpec } from '../../extensions/mrecist/src/core/dose/writeBrachyPlan';
import { writeRtDose } from '../../extensions/mrecist/src/core/dose/writeRtDose';
import type { Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import { LIVER_SHAPE } from './abdomenAnatomy';
import { DEMO_PATIENT, demoUid, type DemoPatient, type DemoStudy } from './demoPatient';
import type { DemoExtraGenerator, DemoGeneratorContext } from './extraGenerators';
import { slicePositionMm } from './VolumeGrid';

/** TG-43U1: S_K / A_app = 1.270 U per mCi for model 6711. */
const U_PER_MCI = 1.27;
const I125_HALF_LIFE_DAYS = 59.4;
/** The plan is made the day after the pre-implant CT; the seeds' strength is assayed for the implant morning. */
const PLAN_DATE = '20190503';
const PLAN_TIME = '150000';
const SOURCE_REFERENCE_TIME = '090000';
const DOSE_GRID_SPACING_MM = 1;
const DOSE_GRID_MARGIN_MM = 20;

function preImplantStudy(patient: DemoPatient): DemoStudy {
  const study = patient.studies.find((s) => s.monthsAfterImplant === null);
  if (!study) throw new Error('demo patient has no pre-implant study');
  return study;
}

function commonContext(patient: DemoPatient, study: DemoStudy, what: string, seriesNumber: number) {
  return {
    patientName: DEMO_PATIENT.name,
    patientId: DEMO_PATIENT.id,
    patientBirthDate: DEMO_PATIENT.birthDate,
    patientSex: DEMO_PATIENT.sex,
    studyInstanceUid: study.studyInstanceUid,
    studyDate: study.studyDate,
    studyTime: study.studyTime,
    studyId: `CT${study.index + 1}`,
    accessionNumber: study.accessionNumber,
    referringPhysicianName: '',
    studyDescription: study.studyDescription,
    seriesInstanceUid: demoUid(patient.seedValue, `${study.label}/${what}/series`),
    sopInstanceUid: demoUid(patient.seedValue, `${study.label}/${what}/1`),
    seriesNumber,
    contentDate: PLAN_DATE,
    contentTime: PLAN_TIME,
    manufacturer: 'ohif-mrecist demo generator',
    frameOfReferenceUid: study.frameOfReferenceUid,
  };
}

/**
 * Liver outline on each CT slice: the anatomy's signed distance sampled on the slice's pixel grid and contoured at
 * 0 with the project's marching squares (sample centres at integer pixel coordinates; d3-contour is ESM-only and
 * would not load in the Jest tests that import the demo generator).
 */
function liverContours(study: DemoStudy): RoiContour[] {
  const g = study.grid;
  const [dr, dc] = g.pixelSpacingMm;
  const ws = new MarchingSquaresWorkspace(g.columns, g.rows);
  const values = new Float32Array(g.columns * g.rows);
  const out: RoiContour[] = [];
  for (let k = 0; k < g.slices; k++) {
    const z = slicePositionMm(g, k)[2];
    if (z < LIVER_SHAPE.min[2] || z > LIVER_SHAPE.max[2]) continue;
    for (let j = 0; j < g.rows; j++)
      for (let i = 0; i < g.columns; i++) {
        // Contours enclose values ≥ level; the signed distance is negative inside.
        values[j * g.columns + i] = -LIVER_SHAPE.sd(g.originMm[0] + i * dc, g.originMm[1] + j * dr, z);
      }
    ws.load(values);
    for (const ring of contourRings(ws, 0)) {
      const points: Vec3[] = [];
      for (let v = 0; v < ring.length; v += 2) points.push([g.originMm[0] + ring[v] * dc, g.originMm[1] + ring[v + 1] * dr, z]);
      if (points.length >= 3) out.push({ geometricType: 'CLOSED_PLANAR', points });
    }
  }
  return out;
}

function needles(patient: DemoPatient): NeedleSpec[] {
  const byNeedle = new Map<number, Vec3[]>();
  for (const s of patient.plan.seeds) byNeedle.set(s.needle, [...(byNeedle.get(s.needle) ?? []), [...s.positionMm]]);
  return [...byNeedle.keys()].sort((a, b) => a - b).map((n) => ({ seedsMm: byNeedle.get(n)!, axis: [...patient.plan.needleDirection] }));
}

export function generatePlanObjects(context: DemoGeneratorContext): string[] {
  const { patient } = context;
  const study = preImplantStudy(patient);
  const written: string[] = [];
  const write = (label: string, bytes: Uint8Array) => {
    const dir = context.seriesDirectory(study, label);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, '0001.dcm');
    writeFileSync(path, bytes);
    written.push(path);
  };

  const structContext = commonContext(patient, study, 'rtstruct', 70);
  const lesion = study.tumour.lesion;
  const slicesZ = Array.from({ length: study.grid.slices }, (_, k) => slicePositionMm(study.grid, k)[2]);
  const struct = writeRtStruct(
    [
      {
        name: 'GTV',
        interpretedType: 'GTV',
        displayColor: [255, 0, 0],
        generationAlgorithm: 'MANUAL',
        contours: ellipsoidAxialContours({ centerMm: lesion.centreMm, semiAxesMm: [lesion.radiusMm, lesion.radiusMm, lesion.radiusMm], slicePositionsMm: slicesZ }),
      },
      { name: 'Liver', interpretedType: 'ORGAN', displayColor: [160, 110, 60], generationAlgorithm: 'SEMIAUTOMATIC', contours: liverContours(study) },
    ],
    { ...structContext, structureSetLabel: 'Implant plan', seriesDescription: 'Implant plan structures' },
  );
  write('rtstruct', encodeDicom(struct));

  const planContext = commonContext(patient, study, 'rtplan', 71);
  const implant = patient.implantDate.replace(/-/g, '');
  const planBytes = encodeDicom(
    writeBrachyPlan({
      context: { ...planContext, seriesDescription: 'I-125 seed implant plan' },
      rtPlanLabel: 'Liver I-125',
      referencedStructureSetSopInstanceUid: structContext.sopInstanceUid,
      brachyTreatmentTechnique: 'PERMANENT',
      brachyTreatmentType: 'LDR',
      prescriptionGy: patient.plan.prescriptionDoseGy,
      source: {
        isotopeName: 'I-125',
        halfLifeDays: I125_HALF_LIFE_DAYS,
        airKermaStrengthU: Number((patient.plan.seed.apparentActivityMCi * U_PER_MCI).toFixed(4)),
        referenceDate: implant,
        referenceTime: SOURCE_REFERENCE_TIME,
        sourceModelId: '6711',
        activeSourceLengthMm: 3,
        activeSourceDiameterMm: patient.plan.seed.diameterMm,
      },
      needles: needles(patient),
    }),
  );
  write('rtplan', planBytes);

  // The dose is computed from the plan as written, through our reader: what a user's `mrecist dose` would do.
  const planDs = decodeDicom(planBytes, 'demo RT Plan');
  const plan = readBrachyPlan(planDs);
  const { seeds } = doseSeedsFromPlan(plan, 'demo RT Plan');
  const geometry = gridAroundSeeds(seeds.map((s) => s.positionMm), study.frameOfReferenceUid, DOSE_GRID_SPACING_MM, DOSE_GRID_MARGIN_MM);
  const grid = computeDoseGrid({ seeds, geometry, model: 'line2d', basis: { kind: 'fullDecay' } });
  const doseContext = commonContext(patient, study, 'rtdose', 72);
  const dose = writeRtDose(
    grid,
    rtDoseContextFromPlan(
      planDs,
      { seriesInstanceUid: doseContext.seriesInstanceUid, sopInstanceUid: doseContext.sopInstanceUid, contentDate: PLAN_DATE, contentTime: PLAN_TIME },
      'TG-43U1 line2d model 6711, full decay',
    ),
  );
  write('rtdose', encodeDicom(dose));
  return written;
}

export const PLAN_GENERATOR: DemoExtraGenerator = {
  name: 'implant-plan',
  version: 1,
  generate: generatePlanObjects,
};
