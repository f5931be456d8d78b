/**
 * The overlay worker's requests on the demo implant plan objects (scripts/demo/generatePlan.ts), checked against
 * independent evaluations: the plan facts the demo was written with; isodose vertices sampled in the RT Dose file
 * (trilinear, core sampleDose) or evaluated exactly from the plan (TG-43 point sums, doseAtPoints) when the dose is
 * computed; the target DVH against the core DVH of the same structure and dose as the `dvh` command computes it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { writeSpatialRegistration } from '../../../extensions/mrecist/src/core/dicom/spatialRegistrationWriter';
import { doseAtPoints } from '../../../extensions/mrecist/src/core/dose/doseAtPoints';
import { doseSeedsFromPlan } from '../../../extensions/mrecist/src/core/dose/doseSeedsFromPlan';
import { roiDoseVolumeMetrics } from '../../../extensions/mrecist/src/core/dose/dvhSampling';
import { readBrachyPlan } from '../../../extensions/mrecist/src/core/dose/readBrachyPlan';
import { readRtDose } from '../../../extensions/mrecist/src/core/dose/readRtDose';
import { findRoiByName, readRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStruct';
import { planarRoiFromContours } from '../../../extensions/mrecist/src/core/dose/rtStructPlanarRoi';
import { sampleDose } from '../../../extensions/mrecist/src/core/dose/sampleDose';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import type { OverlayWorkerReply, OverlayWorkerRequest } from '../../../extensions/mrecist/src/core/overlay/overlayMessages';
import { OverlayWorkerState } from '../../../extensions/mrecist/src/core/overlay/overlayWorkerHandler';
import { demoPatient } from '../../../scripts/demo/demoPatient';
import { generatePlanObjects } from '../../../scripts/demo/generatePlan';

const dir = mkdtempSync(join(tmpdir(), 'mrecist-overlay-'));
const patient = demoPatient(12);
let files: { plan: string; dose: string; struct: string };

function bytes(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

function ask(state: OverlayWorkerState, request: OverlayWorkerRequest): OverlayWorkerReply[] {
  const replies: OverlayWorkerReply[] = [];
  state.handle(request, (reply) => replies.push(reply));
  return replies;
}

function final<T extends OverlayWorkerReply['type']>(replies: OverlayWorkerReply[], type: T): Extract<OverlayWorkerReply, { type: T }> {
  const last = replies[replies.length - 1];
  if (last.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(last).slice(0, 300)}`);
  return last as Extract<OverlayWorkerReply, { type: T }>;
}

beforeAll(() => {
  const paths = generatePlanObjects({
    outDir: dir,
    patient,
    ctSeriesDirectory: (s) => join(dir, s.label, 'ct'),
    seriesDirectory: (s, label) => join(dir, 'dicom', s.label, label),
  });
  const find = (label: string) => paths.find((p) => p.includes(`/${label}/`))!;
  files = { plan: find('rtplan'), dose: find('rtdose'), struct: find('rtstruct') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('overlay worker on the demo plan with its RT Dose and structure set', () => {
  const state = new OverlayWorkerState();
  let planKey = '';

  it('reads the plan: 50 I-125 seeds, 145 Gy, the plan frame, the RT Dose file as source, GTV as target', () => {
    const replies = ask(state, {
      type: 'loadPlan', jobId: 1,
      plan: { name: 'plan.dcm', bytes: bytes(files.plan) },
      dose: { name: 'dose.dcm', bytes: bytes(files.dose) },
      structureSet: { name: 'struct.dcm', bytes: bytes(files.struct) },
    });
    const { summary } = final(replies, 'planLoaded');
    planKey = summary.planKey;
    expect(summary.seedsMm).toHaveLength(50);
    expect(summary.planPrescriptionGy).toBe(145);
    expect(summary.isotopeName).toBe('I-125');
    expect(summary.halfLifeDays).toBeCloseTo(59.4, 1);
    expect(summary.frameOfReferenceUid).toBe(patient.studies[0].frameOfReferenceUid);
    expect(summary.doseSource).toBe('rtDose');
    expect(summary.targetRoiName).toBe('GTV');
    expect(new Date(summary.implantTimeMs!).toISOString().slice(0, 10)).toBe('2019-05-06');
    expect(replies.filter((r) => r.type === 'progress').length).toBeGreaterThan(0);
  });

  it('draws the 100 % line where the RT Dose file holds 145 Gy (axial plane through the implant)', () => {
    const grid = readRtDose(decodeDicom(bytes(files.dose), 'dose.dcm'));
    const plan = readBrachyPlan(decodeDicom(bytes(files.plan), 'plan.dcm'));
    const z = plan.seeds.reduce((s, seed) => s + seed.positionMm[2], 0) / plan.seeds.length;
    const reply = final(
      ask(state, { type: 'isodose', jobId: 2, planKey, plane: { originMm: [0, 0, z], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] }, levelsGy: [145], spacingMm: 1 }),
      'isodose',
    );
    const vertices = reply.lines[0].rings.flatMap((flat) => Array.from({ length: flat.length / 3 }, (_, k) => [flat[3 * k], flat[3 * k + 1], flat[3 * k + 2]] as Vec3));
    expect(vertices.length).toBeGreaterThan(30);
    for (const v of vertices) {
      expect(v[2]).toBeCloseTo(z, 9);
      // Marching squares interpolates linearly between 1 mm samples: within 2 % of the level.
      expect(Math.abs(sampleDose(grid, v)! - 145) / 145).toBeLessThan(0.02);
    }
  });

  it('gives the target DVH the core computes for the GTV on this dose', () => {
    const reply = final(ask(state, { type: 'targetDvh', jobId: 3, planKey, prescriptionGy: 145, doseScale: 1 }), 'targetDvh');
    const grid = readRtDose(decodeDicom(bytes(files.dose), 'dose.dcm'));
    const set = readRtStruct(decodeDicom(bytes(files.struct), 'struct.dcm'));
    const expected = roiDoseVolumeMetrics(planarRoiFromContours(findRoiByName(set, 'GTV', 'struct.dcm'), 'struct.dcm'), grid, 145, 'dose.dcm');
    expect(reply.metrics.D90Gy).toBeCloseTo(expected.D90Gy, 6);
    expect(reply.metrics.V100Pct).toBeCloseTo(expected.V100Pct, 6);
    expect(reply.metrics.V150Pct).toBeCloseTo(expected.V150Pct, 6);
    expect(reply.metrics.V200Pct).toBeCloseTo(expected.V200Pct, 6);
    // The curve is cumulative: 100 % at 0 Gy, never increasing.
    expect(reply.metrics.curve.volumePct[0]).toBeCloseTo(100, 9);
    for (let i = 1; i < reply.metrics.curve.volumePct.length; i++) expect(reply.metrics.curve.volumePct[i]).toBeLessThanOrEqual(reply.metrics.curve.volumePct[i - 1]);
    // With the prescription doubled, V100 is what V200 was.
    const doubled = final(ask(state, { type: 'targetDvh', jobId: 4, planKey, prescriptionGy: 290, doseScale: 1 }), 'targetDvh');
    expect(doubled.metrics.V100Pct).toBeCloseTo(expected.V200Pct, 6);
  });

  it('answers an unknown plan and a bad prescription with a failure naming the problem', () => {
    expect(final(ask(state, { type: 'targetDvh', jobId: 5, planKey: 'nope', prescriptionGy: 145, doseScale: 1 }), 'failed').message).toBe(
      'overlay worker: plan nope is not loaded',
    );
    expect(final(ask(state, { type: 'targetDvh', jobId: 6, planKey, prescriptionGy: 0, doseScale: 1 }), 'failed').message).toBe(
      'prescription must be positive, got 0',
    );
  });

  it('reports a file that is not DICOM as a failure naming the file', () => {
    const reply = final(ask(state, { type: 'loadPlan', jobId: 7, plan: { name: 'junk.dcm', bytes: new ArrayBuffer(10) } }), 'failed');
    expect(reply.message).toMatch(/^junk\.dcm: /);
  });
});

describe('overlay worker without an RT Dose', () => {
  it('computes the dose from the plan and draws the 100 % line where the exact TG-43 sum is 145 Gy', () => {
    const state = new OverlayWorkerState();
    const { summary } = final(ask(state, { type: 'loadPlan', jobId: 1, plan: { name: 'plan.dcm', bytes: bytes(files.plan) } }), 'planLoaded');
    expect(summary.doseSource).toBe('computed');
    expect(summary.targetProblem).toBe('no RT Structure Set: no target DVH');
    const plan = readBrachyPlan(decodeDicom(bytes(files.plan), 'plan.dcm'));
    const seeds = doseSeedsFromPlan(plan, 'plan.dcm').seeds;
    const z = plan.seeds.reduce((s, seed) => s + seed.positionMm[2], 0) / plan.seeds.length + 0.5;
    const reply = final(
      ask(state, { type: 'isodose', jobId: 2, planKey: summary.planKey, plane: { originMm: [0, 0, z], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] }, levelsGy: [145], spacingMm: 1 }),
      'isodose',
    );
    const vertices = reply.lines[0].rings.flatMap((flat) => Array.from({ length: flat.length / 3 }, (_, k) => [flat[3 * k], flat[3 * k + 1], flat[3 * k + 2]] as Vec3));
    expect(vertices.length).toBeGreaterThan(30);
    const exact = doseAtPoints(seeds, vertices.filter((_, i) => i % 5 === 0), 'line2d', { kind: 'fullDecay' }).doseGy;
    for (const d of exact) expect(Math.abs(d - 145) / 145).toBeLessThan(0.03);
  });
});

describe('overlay worker reading a Spatial Registration', () => {
  it('returns the plan → study matrix the registration states, and names a frame it does not relate', () => {
    // 10° about z and a translation, written by hand: plan (moving) → study (reference).
    const c = Math.cos(Math.PI / 18), s = Math.sin(Math.PI / 18);
    const matrix = [c, -s, 0, 3.5, s, c, 0, -2, 0, 0, 1, 7.25, 0, 0, 0, 1];
    const ds = writeSpatialRegistration(
      { referenceFrameOfReferenceUid: '1.2.826.0.1.1', movingFrameOfReferenceUid: '1.2.826.0.1.2', matrix },
      { patientName: 'Test^Patient', patientId: 'T1', studyInstanceUid: '1.2.826.0.1.3', softwareVersion: 'test' },
    );
    const bytesOut = encodeDicom(ds);
    const buffer = bytesOut.buffer.slice(bytesOut.byteOffset, bytesOut.byteOffset + bytesOut.byteLength) as ArrayBuffer;
    const state = new OverlayWorkerState();
    const reply = final(
      ask(state, { type: 'readRegistration', jobId: 1, registration: { name: 'reg.dcm', bytes: buffer.slice(0) }, fromFrameUid: '1.2.826.0.1.2', toFrameUid: '1.2.826.0.1.1' }),
      'registrationRead',
    );
    reply.matrix.forEach((v, i) => expect(v).toBeCloseTo(matrix[i], 5));
    const failed = final(
      ask(state, { type: 'readRegistration', jobId: 2, registration: { name: 'reg.dcm', bytes: buffer.slice(0) }, fromFrameUid: '9.9', toFrameUid: '1.2.826.0.1.1' }),
      'failed',
    );
    expect(failed.message).toBe('reg.dcm: RegistrationSequence (0070,0308): no registration for Frame of Reference 9.9');
  });
});
