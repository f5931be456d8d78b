/**
 * `mrecist phase` on the demo's multiphase CT (three series of a study, rendered on a few slices through the
 * liver hilum), as a user runs it; then on a copy with descriptions and times removed (image evidence alone),
 * and with nothing to go on.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { ctPhaseVolumes } from '../../../scripts/demo/ctVolume';
import { demoPatient, type DemoStudy } from '../../../scripts/demo/demoPatient';
import { croppedGrid } from '../../../scripts/demo/VolumeGrid';
import { studySeriesSpecs, writeCtSeries } from '../../../scripts/demo/writeCtSeries';

const root = join(__dirname, '../../..');
const patient = demoPatient(12);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/mrecist.js'), 'phase', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Full field of view, 8 slices at the level of the portal vein. */
function writeStudy(dir: string, study: DemoStudy): void {
  const grid = croppedGrid(study.grid, [0, 0, -28], [200, 200, 7]);
  const specs = studySeriesSpecs(study);
  const volumes = ctPhaseVolumes(patient, study, specs.map((s) => s.phase), { grid });
  specs.forEach((spec, q) => writeCtSeries(dir, patient, study, volumes[q], spec));
}

const STRIPPED = ['SeriesDescription', 'ProtocolName', 'ImageComments', 'StudyDescription', 'AcquisitionTime', 'ContentTime', 'SeriesTime',
  'StudyTime', 'InstanceCreationTime', 'ContrastBolusAgent', 'ContrastBolusRoute', 'ContrastBolusVolume', 'ContrastBolusStartTime',
  'ContrastFlowRate', 'ContrastFlowDuration'];

function stripCopy(from: string, to: string, strip: readonly string[] = STRIPPED): void {
  for (const name of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, name.name), target = join(to, name.name);
    if (name.isDirectory()) {
      mkdirSync(target, { recursive: true });
      stripCopy(source, target, strip);
      continue;
    }
    const ds = decodeDicom(readFileSync(source), source).raw;
    for (const k of strip) delete ds[k];
    writeFileSync(target, encodeDicom(ds));
  }
}

type Row = { seriesNumber: number; seriesDescription: string | null; phase: string; subphase: string | null; confidence: number; evidence: string[] };
const rows = (stdout: string): Row[] => (JSON.parse(stdout).series as Row[]).sort((a, b) => a.seriesNumber - b.seriesNumber);

describe('mrecist phase (CLI)', () => {
  jest.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'phase-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const named = join(dir, 'named');
  const unnamed = join(dir, 'unnamed');
  const stripped = join(dir, 'stripped');
  beforeAll(() => {
    writeStudy(named, patient.studies[0]);
    writeStudy(unnamed, patient.studies.find((s) => !s.namesPhases) as DemoStudy);
    mkdirSync(stripped);
    stripCopy(named, stripped);
  });

  it('classifies the non-contrast, arterial and portal venous series of a study, with evidence', () => {
    const r = run(named, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = rows(r.stdout);
    expect(out.map((s) => [s.seriesDescription, s.phase, s.subphase])).toEqual([
      ['NON CONTRAST 2.0 mm', 'nonContrast', null],
      ['Arterial phase 2.0 mm', 'arterial', 'late'],
      ['PORTAL VENOUS 2.0 mm', 'portalVenous', null],
    ]);
    for (const s of out) {
      expect(s.confidence).toBeGreaterThan(0.9);
      expect(s.evidence.some((e) => e.startsWith('image: aorta'))).toBe(true);
    }
    expect(out[1].evidence).toContain('AcquisitionTime 35 s after ContrastBolusStartTime → arterial (late)');
    expect(Object.keys(JSON.parse(r.stdout).series[0]).sort()).toEqual(
      ['confidence', 'evidence', 'modality', 'phase', 'seriesDescription', 'seriesInstanceUid', 'seriesNumber', 'studyInstanceUid', 'subphase'].sort(),
    );
  });

  it('with descriptions and times removed, the images alone still classify all three', () => {
    const out = rows(run(stripped, '--json').stdout);
    expect(out.map((s) => [s.seriesDescription, s.phase])).toEqual([
      [null, 'nonContrast'],
      [null, 'arterial'],
      [null, 'portalVenous'],
    ]);
    for (const s of out) expect(s.evidence.every((e) => e.startsWith('image: '))).toBe(true);
  });

  it('where no description names a phase, metadata timing alone finds the arterial and portal venous series', () => {
    const out = rows(run(unnamed, '--json', '--no-image').stdout);
    expect(out.map((s) => [s.seriesDescription, s.phase])).toEqual([
      ['Abd 2.0 B30f', 'unknown'],
      ['Abd 2.0 B30f', 'arterial'],
      ['Abd 2.0 B30f', 'portalVenous'],
    ]);
  });

  it('a series with nothing to go on is unknown', () => {
    const out = rows(run(stripped, '--json', '--no-image').stdout);
    expect(out.map((s) => s.phase)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(out[0].evidence).toEqual(['no phase named, no contrast timing, no image evidence']);
  });

  it('prints one row per series with its evidence', () => {
    const r = run(named);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/#3\tCT\t"Arterial phase 2\.0 mm"\tlate arterial\t0\.\d\d\n/);
    expect(r.stdout).toContain('      image: aorta');
  });

  it.each([
    [['/no/such/folder'], 'mrecist: /no/such/folder: path: no such file or folder\n'],
    [[join(root, 'package.json')], `mrecist: ${join(root, 'package.json')}: file: not a DICOM Part 10 file\n`],
  ])('bad input %j: exit 2, one line', (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
    expect(r.stdout).toBe('');
  });

  it('a folder without DICOM files: exit 2, one line', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'no images here');
    const r = run(empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mrecist: ${empty}: files: no DICOM files found\n`);
  });
});
