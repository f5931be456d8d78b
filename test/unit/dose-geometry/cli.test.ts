/** The dvh, isodose, seeds and register commands, spawned as a user runs them (few cases: each spawn is slow). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import { mapPointsBetweenFrames, readSpatialRegistration } from '../../../extensions/mrecist/src/core/dicom/spatialRegistration';
import type { DoseGrid } from '../../../extensions/mrecist/src/core/dose/DoseGrid';
import { readRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStruct';
import { writeRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStructWriter';
import { writeRtDose } from '../../../extensions/mrecist/src/core/dose/writeRtDose';
import { distance, type Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { addSeed, emptyCt } from '../seeds/syntheticCt';
import { structContext } from './structContext';
import { cubeDoseGrid } from './cubeDoseGrid';
import { dciodvfyErrors } from './dciodvfy';

const root = join(__dirname, '../../..');
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/mrecist.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FOR = structContext.frameOfReferenceUid;

const grid = cubeDoseGrid;

function writeDose(file: string, g: DoseGrid) {
  const ctx = {
    patientName: 'Demo^Patient', patientId: 'DEMO-001', studyInstanceUid: structContext.studyInstanceUid,
    seriesInstanceUid: uidFromName(`${file} series`), sopInstanceUid: uidFromName(file), contentDate: '20260101', contentTime: '120000',
    frameOfReferenceUid: FOR, referencedRtPlanSopInstanceUid: uidFromName('plan'),
  };
  writeFileSync(file, encodeDicom(writeRtDose(g, ctx)));
}

describe('dvh, isodose, seeds, register (CLI)', () => {
  jest.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-dosegeom-'));
  const gradient = join(dir, 'gradient.dcm');
  const point = join(dir, 'point.dcm');
  const struct = join(dir, 'struct.dcm');
  beforeAll(() => {
    writeDose(gradient, grid((p) => 100 + 5 * p[0]));
    // 145 Gy at 10 mm from (10, 10, 10), falling as 1/r².
    writeDose(point, grid((p) => (145 * 100) / Math.max(0.25, (p[0] - 10) ** 2 + (p[1] - 10) ** 2 + (p[2] - 10) ** 2)));
    const cube = Array.from({ length: 10 }, (_, k) => ({
      geometricType: 'CLOSED_PLANAR' as const,
      points: [[0, 0, 1 + 2 * k], [20, 0, 1 + 2 * k], [20, 20, 1 + 2 * k], [0, 20, 1 + 2 * k]] as Vec3[],
    }));
    writeFileSync(struct, encodeDicom(writeRtStruct([{ name: 'GTV', interpretedType: 'GTV', generationAlgorithm: 'MANUAL', contours: cube }], structContext)));
  });

  it('dvh --json: a linear gradient 100 + 5·x Gy across a 20 mm cube (hand-computed D90 110 Gy, V100 55 %)', () => {
    const r = run('dvh', '--dose', gradient, '--struct', struct, '--roi', 'GTV', '--prescription', '145', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.volumeCc).toBe(8);
    expect(out.D90Gy).toBeCloseTo(110, 2);
    expect(out.V100Pct).toBeCloseTo(55, 1);
    expect(out.V150Pct).toBe(0);
    expect(out.V200Pct).toBe(0);
    expect(out.D100Gy).toBeCloseTo(102.5, 2);
  });

  it('isodose --z --json: the 100 % line of a 1/r² field is the 10 mm circle; --out writes a valid RT Structure Set', () => {
    const out = join(dir, 'isodose.dcm');
    const r = run('isodose', '--dose', point, '--prescription', '145', '--levels', '100,200', '--z', '10', '--spacing', '0.5', '--json', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const [hundred, twoHundred] = json.planes[0].levels;
    expect(hundred.doseGy).toBe(145);
    expect(hundred.rings).toHaveLength(1);
    for (const p of hundred.rings[0]) expect(Math.abs(distance(p, [10, 10, 10]) - 10)).toBeLessThan(0.15);
    for (const p of twoHundred.rings[0]) expect(Math.abs(distance(p, [10, 10, 10]) - 10 / Math.SQRT2)).toBeLessThan(0.15);
    const bytes = readFileSync(out);
    expect(dciodvfyErrors(bytes).errors).toEqual([]);
    const set = readRtStruct(decodeDicom(bytes, out));
    expect(set.rois.map((x) => [x.name, x.interpretedType])).toEqual([['Isodose 145 Gy', 'DOSE_REGION'], ['Isodose 290 Gy', 'DOSE_REGION']]);
    expect(set.frameOfReferenceUid).toBe(FOR);
  });

  it('seeds and register --json on a synthetic CT series written as DICOM slices', () => {
    const ctDir = join(dir, 'ct');
    mkdirSync(ctDir);
    const ct = emptyCt(64, 64, 40, [0.8, 0.8, 1], [-20, -25, 50]);
    const truth: Vec3[] = [[-10.3, -12.1, 60.4], [5.2, 8.9, 70.7], [12.6, -5.5, 65.2], [-3.1, 20.2, 80.1]];
    for (const c of truth) addSeed(ct, { centreMm: c, axis: [1, 0.5, 0.3] });
    const plane = 64 * 64;
    // Files named in reverse so sorting must use positions, not names.
    for (let k = 0; k < 40; k++) {
      const slice = new Int16Array(ct.voxelsHu.slice(k * plane, (k + 1) * plane));
      writeFileSync(join(ctDir, `img${String(99 - k).padStart(3, '0')}.dcm`), encodeDicom({
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: uidFromName(`ct ${k}`), Modality: 'CT',
        PatientName: 'Demo^Patient', PatientID: 'DEMO-001', StudyInstanceUID: uidFromName('ct study'),
        SeriesInstanceUID: uidFromName('ct series'), FrameOfReferenceUID: FOR, Rows: 64, Columns: 64,
        PixelSpacing: ['0.8', '0.8'], ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
        ImagePositionPatient: ['-20', '-25', String(50 + k)], SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2',
        BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 1, RescaleSlope: '1', RescaleIntercept: '0',
        PixelData: slice.buffer, _vrMap: { PixelData: 'OW' },
      }));
    }
    const r = run('seeds', '--ct', ctDir, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.seeds).toHaveLength(4);
    for (const t of truth) expect(Math.min(...out.seeds.map((s: { x: number; y: number; z: number }) => distance([s.x, s.y, s.z], t)))).toBeLessThan(1);
    writeFileSync(join(dir, 'found.json'), r.stdout);
    // Plan = truth moved by −(3, 4, 5) mm: registration must find the translation (3, 4, 5).
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(truth.map((p) => [p[0] - 3, p[1] - 4, p[2] - 5])));
    const reg = run('register', '--fixed', join(dir, 'plan.json'), '--found', join(dir, 'found.json'), '--json');
    expect(reg.code).toBe(0);
    const m = JSON.parse(reg.stdout);
    expect([m.matrix[3], m.matrix[7], m.matrix[11]].map((v: number) => Math.round(v))).toEqual([3, 4, 5]);
    expect(m.migrated).toEqual([]);
    expect(m.rmsMm).toBeLessThan(1);

    // The same plan as POINT ROIs in its own frame, placed on the CT by a Spatial Registration (plan frame → CT frame).
    const planFor = uidFromName('plan frame');
    const seedsStruct = join(dir, 'seeds-struct.dcm');
    writeFileSync(seedsStruct, encodeDicom(writeRtStruct(
      [{ name: 'Seeds', interpretedType: 'MARKER', generationAlgorithm: 'AUTOMATIC', contours: truth.map((p) => ({ geometricType: 'POINT' as const, points: [[p[0] - 3, p[1] - 4, p[2] - 5] as Vec3] })) }],
      { ...structContext, frameOfReferenceUid: planFor },
    )));
    const regFile = join(dir, 'reg.dcm');
    writeFileSync(regFile, encodeDicom({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.1', SOPInstanceUID: uidFromName('reg'), Modality: 'REG', FrameOfReferenceUID: FOR,
      RegistrationSequence: [{
        FrameOfReferenceUID: planFor,
        MatrixRegistrationSequence: [{ MatrixSequence: [{ FrameOfReferenceTransformationMatrix: ['1', '0', '0', '3', '0', '1', '0', '4', '0', '0', '1', '5', '0', '0', '0', '1'], FrameOfReferenceTransformationMatrixType: 'RIGID' }] }],
      }],
    }));
    const viaReg = run('register', '--struct', seedsStruct, '--ct', ctDir, '--registration', regFile, '--json');
    expect(viaReg.stderr).toBe('');
    const r2 = JSON.parse(viaReg.stdout);
    expect(r2.start).toBe('spatialRegistration');
    expect(r2.fromFrameOfReferenceUid).toBe(planFor);
    expect(r2.toFrameOfReferenceUid).toBe(FOR);
    expect([r2.matrix[3], r2.matrix[7], r2.matrix[11]].map((v: number) => Math.round(v))).toEqual([3, 4, 5]);
    expect(r2.pairs).toHaveLength(4);

    // --out: the fit as a Spatial Registration in the CT's frame, valid and readable.
    const outReg = join(dir, 'fit.dcm');
    const written = run('register', '--struct', seedsStruct, '--ct', ctDir, '--out', outReg, '--json');
    expect(written.code).toBe(0);
    const bytes = readFileSync(outReg);
    expect(dciodvfyErrors(bytes).errors).toEqual([]);
    const fit = readSpatialRegistration(decodeDicom(bytes, outReg));
    expect(fit.frameOfReferenceUid).toBe(FOR);
    const moved = mapPointsBetweenFrames(fit, planFor, FOR, [[0, 0, 0]], outReg)[0];
    expect(moved.map((v) => Math.round(v))).toEqual([3, 4, 5]);
  });

  it('exits 2 with one line naming the file and attribute on bad input', () => {
    const notDicomDir = join(dir, 'junk');
    mkdirSync(notDicomDir);
    writeFileSync(join(notDicomDir, 'a.dcm'), 'not dicom');
    const cases: [string[], string][] = [
      [['dvh', '--dose', gradient, '--struct', struct, '--roi', 'Liver', '--prescription', '145'], `mrecist: ${struct}: ROIName (3006,0026): no ROI named "Liver" (ROIs: "GTV")\n`],
      [['dvh', '--dose', gradient, '--struct', struct, '--roi', 'GTV', '--prescription', '-1'], 'mrecist: --prescription: value: expected a positive dose in Gy, got "-1"\n'],
      [['dvh', '--dose', struct, '--struct', struct, '--roi', 'GTV', '--prescription', '145'], `mrecist: ${struct}: SOPClassUID (0008,0016): not RT Dose Storage (1.2.840.10008.5.1.4.1.1.481.2), got 1.2.840.10008.5.1.4.1.1.481.3\n`],
      [['isodose', '--dose', point, '--prescription', '145', '--levels', '50,x'], 'mrecist: --levels: value: expected positive numbers separated by commas, got "50,x"\n'],
      [['seeds', '--ct', notDicomDir], `mrecist: ${join(notDicomDir, 'a.dcm')}: file: not a readable DICOM Part 10 file`],
      [['seeds', '--ct', join(dir, 'nowhere')], `mrecist: ${join(dir, 'nowhere')}: directory: no such directory\n`],
      [['register', '--fixed', join(dir, 'plan.json'), '--found', join(dir, 'plan.json'), '--plan', point], 'mrecist: --plan | --struct | --fixed: value: give exactly one source of planned seeds (--plan | --struct | --fixed)\n'],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect([args[0], r.code, r.stderr.startsWith(message) ? message : r.stderr]).toEqual([args[0], 2, message]);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
