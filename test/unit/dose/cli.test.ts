/** `mrecist dose-at`, `dose` and `dose-read`, spawned as a user runs them (few cases: each spawn is slow). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { writeBrachyPlan } from '../../../extensions/mrecist/src/core/dose/writeBrachyPlan';
import { referenceDoseGy } from './referenceTg43';

const root = join(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'mrecist-dose-cli-'));
const planFile = join(dir, 'plan.dcm');
const doseFile = join(dir, 'dose.dcm');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/mrecist.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SEEDS: [number, number, number][] = [[0, 0, 0], [0, 0, 10], [10, 0, 0]];

beforeAll(() => {
  const nat = writeBrachyPlan({
    context: {
      patientName: 'Test^Dose', patientId: 'T1', studyInstanceUid: '2.25.31', seriesInstanceUid: '2.25.32', sopInstanceUid: '2.25.33',
      contentDate: '20260105', contentTime: '120000', frameOfReferenceUid: '2.25.34',
    },
    rtPlanLabel: 'CLI test',
    brachyTreatmentTechnique: 'PERMANENT',
    brachyTreatmentType: 'LDR',
    prescriptionGy: 145,
    source: { isotopeName: 'I-125', halfLifeDays: 59.4, airKermaStrengthU: 0.762, referenceDate: '20260105', referenceTime: '000000', sourceModelId: '6711' },
    // Needle 1 implies an axis for its two seeds; the lone seed of needle 2 has none.
    needles: [{ seedsMm: [SEEDS[0], SEEDS[1]] }, { seedsMm: [SEEDS[2]] }],
  });
  writeFileSync(planFile, encodeDicom(nat));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mrecist dose commands', () => {
  jest.setTimeout(120_000);
  const axisZ: [number, number, number] = [0, 0, 1];
  const seeds = [
    { positionMm: SEEDS[0], axis: axisZ, strengthAtImplantU: 0.762, halfLifeDays: 59.4 },
    { positionMm: SEEDS[1], axis: axisZ, strengthAtImplantU: 0.762, halfLifeDays: 59.4 },
    { positionMm: SEEDS[2], axis: undefined, strengthAtImplantU: 0.762, halfLifeDays: 59.4 },
  ];

  it('dose-at gives the cumulative dose, says which formalism it used, and honours --days and --implant-date', () => {
    const r = run('dose-at', '--plan', planFile, '--point', '5,5,5', '--point', '-10,0,20', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.points.map((p: { x: number; y: number; z: number }) => [p.x, p.y, p.z])).toEqual([[5, 5, 5], [-10, 0, 20]]);
    expect(out.points[0].doseGy).toBeCloseTo(referenceDoseGy(seeds, [5, 5, 5]), 6);
    expect(out.points[1].doseGy).toBeCloseTo(referenceDoseGy(seeds, [-10, 0, 20]), 6);
    expect(out.model).toMatchObject({ requested: 'line2d', used: 'mixed', line2dSeeds: 2, point1dSeeds: 1 });

    const day30 = JSON.parse(run('dose-at', '--plan', planFile, '--point', '5,5,5', '--days', '30', '--json').stdout);
    expect(day30.points[0].doseGy / out.points[0].doseGy).toBeCloseTo(1 - Math.exp((-30 * Math.LN2) / 59.4), 9);

    // Implant 59.4 days after the reference date: every seed has half its reference strength.
    const later = JSON.parse(run('dose-at', '--plan', planFile, '--point', '5,5,5', '--implant-date', '2026-03-05', '--model', 'point1d', '--json').stdout);
    const point1d = referenceDoseGy(seeds.map((s) => ({ ...s, axis: undefined })), [5, 5, 5]);
    expect(later.points[0].doseGy).toBeCloseTo(point1d * Math.exp((-59 * Math.LN2) / 59.4), 6);
    expect(later.model).toMatchObject({ requested: 'point1d', used: 'point1d' });
  });

  it('dose writes an RT Dose that dose-read samples; outside points are flagged', () => {
    const w = run('dose', '--plan', planFile, '--out', doseFile, '--spacing', '2', '--margin', '10');
    expect([w.code, w.stdout]).toEqual([0, '']);
    const r = run('dose-read', doseFile, '--point', '4,4,4', '--point', '500,0,0', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // (4, 4, 4) is a voxel centre of the 2 mm grid snapped to multiples of the spacing.
    expect(out.points[0].doseGy / referenceDoseGy(seeds, [4, 4, 4]) - 1).toBeLessThan(1e-3);
    expect(out.points[1]).toEqual({ x: 500, y: 0, z: 0, doseGy: null, outside: true });
  });

  it.each([
    [['dose-at', '--plan', join(dir, 'missing.dcm'), '--point', '1,2,3', '--json'], `mrecist: ${join(dir, 'missing.dcm')}: file: no such file\n`],
    [['dose-at', '--plan', planFile, '--point', '1,2', '--json'], 'mrecist: --point: value: expected X,Y,Z in mm, got "1,2"\n'],
    [['dose-at', '--plan', planFile, '--point', '1,2,3', '--days', '-1'], 'mrecist: --days: value: expected a number of days ≥ 0, got "-1"\n'],
    [['dose-at', '--plan', planFile, '--point', '1,2,3', '--model', 'tg43'], 'mrecist: --model: value: expected point1d or line2d, got "tg43"\n'],
    [['dose-read', planFile, '--point', '1,2,3'], `mrecist: ${planFile}: SOPClassUID (0008,0016): not RT Dose Storage (1.2.840.10008.5.1.4.1.1.481.2), got 1.2.840.10008.5.1.4.1.1.481.5\n`],
  ])('bad input exits 2 with one line: %j', (args, stderr) => {
    const r = run(...(args as string[]));
    expect([r.code, r.stderr, r.stdout]).toEqual([2, stderr, '']);
  });
});
