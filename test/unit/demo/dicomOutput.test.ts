import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { ctVolume } from '../../../scripts/demo/ctVolume';
import { demoPatient, type DemoStudy } from '../../../scripts/demo/demoPatient';
import { generateDemo, STAMP_FILE } from '../../../scripts/demo/generateDemo';
import { croppedGrid, type VolumeGrid } from '../../../scripts/demo/VolumeGrid';
import { ctSliceDataset } from '../../../scripts/demo/writeCtSeries';

const patient = demoPatient(12);

/** A small block around the tumour: enough anatomy for realistic values, quick to render. */
const smallGrid = (s: DemoStudy): VolumeGrid => croppedGrid(s.grid, [-60, -30, 20], [30, 30, 5]);

describe('demo DICOM output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let result: Awaited<ReturnType<typeof generateDemo>>;
  const extraCalls: string[] = [];
  beforeAll(async () => {
    result = await generateDemo({
      outDir: dir,
      seed: 12,
      gridFor: smallGrid,
      extraGenerators: [
        {
          name: 'test-extra',
          version: 1,
          generate: (ctx) => {
            const target = join(ctx.seriesDirectory(ctx.patient.studies[0], 'rtplan'), 'marker.txt');
            extraCalls.push(target);
            return [];
          },
        },
      ],
    });
  });

  const seriesDir = (label: string) => join(dir, 'dicom', label, 'ct-arterial-2mm');
  const files = (label: string) => readdirSync(seriesDir(label)).sort();
  const read = (label: string, name: string) => decodeDicom(readFileSync(join(seriesDir(label), name)), name);

  it('writes one folder per study with one file per slice, truth.json and the stamp, and runs extra generators', () => {
    expect(readdirSync(join(dir, 'dicom')).sort()).toEqual(['month-01', 'month-02', 'month-04', 'month-06', 'pre-implant']);
    for (const s of patient.studies) expect(files(s.label)).toHaveLength(smallGrid(s).slices);
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    expect(truth.studies).toHaveLength(5);
    expect(truth.migratedSeedIndex).toBe(patient.migratedSeedIndex);
    expect(extraCalls).toEqual([join(dir, 'dicom', 'pre-implant', 'rtplan', 'marker.txt')]);
    expect(JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8'))).toMatchObject({ seed: 12, extras: ['test-extra@1'] });
  });

  it('skips a second run with the same stamp and rebuilds with force', async () => {
    const again = await generateDemo({ outDir: dir, seed: 12, gridFor: smallGrid, extraGenerators: [{ name: 'test-extra', version: 1, generate: () => [] }] });
    expect(again.skipped).toBe(true);
    expect(result.skipped).toBe(false);
    const forced = await generateDemo({ outDir: dir, seed: 12, force: true, gridFor: smallGrid, extraGenerators: [{ name: 'test-extra', version: 1, generate: () => [] }] });
    expect(forced.skipped).toBe(false);
    expect(forced.files).toBe(result.files);
  });

  /** dciodvfy reports on stderr; both streams are searched. */
  const dciodvfyErrors = (file: string) => {
    const r = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    if (r.error) throw r.error;
    return `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.startsWith('Error'));
  };

  it('passes dciodvfy without errors, one slice per study', () => {
    for (const s of patient.studies) expect(dciodvfyErrors(join(seriesDir(s.label), files(s.label)[0]))).toEqual([]);
  });

  it('would notice a dciodvfy error (control: a Study Description over 64 bytes)', () => {
    const s = patient.studies[1];
    const bad = ctSliceDataset(patient, s, ctVolume(patient, s, { grid: croppedGrid(s.grid, [-60, -30, 20], [5, 5, 1]) }), 0);
    bad.StudyDescription = 'x'.repeat(65);
    const file = join(dir, 'bad.dcm');
    writeFileSync(file, encodeDicom(bad));
    expect(dciodvfyErrors(file).join('\n')).toContain('Study Description');
  });

  it('has consistent geometry: IPP steps along the normal equal the slice spacing; a Frame of Reference per study', () => {
    const frames = new Set<string>();
    for (const s of patient.studies) {
      const names = files(s.label);
      const slices = names.map((n) => read(s.label, n));
      const iop = slices[0].numbers('ImageOrientationPatient', 6);
      const normal = [iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]];
      const along = slices.map((d) => {
        const p = d.numbers('ImagePositionPatient', 3);
        return p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2];
      });
      const spacing = slices[0].number('SpacingBetweenSlices');
      expect(spacing).toBe(2);
      for (let k = 1; k < along.length; k++) expect(Math.abs(along[k] - along[k - 1])).toBeCloseTo(spacing, 6);
      for (const d of slices) {
        expect(d.string('FrameOfReferenceUID')).toBe(s.frameOfReferenceUid);
        expect(d.string('StudyInstanceUID')).toBe(s.studyInstanceUid);
      }
      expect(slices.map((d) => d.number('InstanceNumber'))).toEqual(names.map((_, k) => k + 1));
      frames.add(slices[0].string('FrameOfReferenceUID'));
      expect(slices[0].string('SeriesDescription')).toBe(s.namesPhases ? 'Arterial phase 2.0 mm' : 'Abd 2.0 B30f');
      expect(slices[0].string('StudyDescription')).toContain('arterial phase');
      expect(slices[0].string('Modality')).toBe('CT');
      expect(slices[0].string('PatientID')).toBe('P12');
      expect(slices[0].string('StudyDate')).toBe(s.studyDate);
    }
    expect(frames.size).toBe(5);
  });

  it('stores HU + 1024 with Rescale Intercept −1024', () => {
    const s = patient.studies[1];
    const volume = ctVolume(patient, s, { grid: smallGrid(s) });
    const d = read(s.label, files(s.label)[0]);
    expect(d.number('RescaleIntercept')).toBe(-1024);
    expect(d.number('RescaleSlope')).toBe(1);
    const stored = new Uint16Array(d.raw.PixelData[0] ?? d.raw.PixelData);
    const plane = volume.grid.columns * volume.grid.rows;
    for (const n of [0, 17, plane >> 1, plane - 1]) expect(stored[n] - 1024).toBe(volume.hu[n]);
  });
});

describe('demo determinism', () => {
  const sliceHash = (seed: number, studyIndex: number, k: number) => {
    const p = demoPatient(seed);
    const s = p.studies[studyIndex];
    const grid = croppedGrid(s.grid, [-60, -30, 20], [25, 25, 3]);
    return createHash('sha256').update(encodeDicom(ctSliceDataset(p, s, ctVolume(p, s, { grid }), k))).digest('hex');
  };

  it('gives identical bytes for the same seed value and different bytes for another', () => {
    const a = [sliceHash(12, 1, 0), sliceHash(12, 3, 2)];
    expect([sliceHash(12, 1, 0), sliceHash(12, 3, 2)]).toEqual(a);
    expect(sliceHash(13, 1, 0)).not.toBe(a[0]);
  });
});
