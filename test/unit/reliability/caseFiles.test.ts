/**
 * Hostile and unusual case files through the CLI: absurd sizes and nesting are refused in one line (exit 2),
 * valid files the v1 contract allows are accepted (a plain-string reader, a RECIST 1.1 new lesion without the
 * HCC-only typicalHCC, a UTF-8 byte order mark).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { GOLDEN_CASE, GOLDEN_SR } from '../../../scripts/sr/goldenSr';
import { isOneLine, runCli, tempDir } from './cliRun';

jest.setTimeout(120_000);
const dir = tempDir('casefiles');
const golden = () => JSON.parse(readFileSync(GOLDEN_CASE, 'utf8'));
function write(name: string, value: unknown, prefix = ''): string {
  const file = join(dir, name);
  writeFileSync(file, prefix + (typeof value === 'string' ? value : JSON.stringify(value)));
  return file;
}

describe('bounded case files', () => {
  it('a diameter of 1e15 mm is refused in one line naming the field, by assess, cohort and export', () => {
    const c = golden();
    c.lesions[0].measurements.BL.longAxisMm = 1e15;
    const file = write('huge.json', c);
    for (const args of [['assess', file], ['cohort', file], ['export', file, '--format', 'csv', '--out', join(dir, 'huge.csv')]]) {
      const r = runCli(...args);
      expect(r.code).toBe(2);
      expect(isOneLine(r.stderr)).toBe(true);
      expect(r.stderr).toContain('lesions[0].measurements.BL.longAxisMm');
    }
  });

  it('an SR recording a 1e15 mm diameter is refused like the case file that would hold it', () => {
    const ds = { ...decodeDicom(readFileSync(GOLDEN_SR), 'P12.sr.dcm').raw };
    delete ds._meta;
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const item = node as Record<string, any>;
      if (item.NumericValue !== undefined && item.MeasurementUnitsCodeSequence?.[0]?.CodeValue === 'mm') item.NumericValue = '1e15';
      Object.values(item).forEach((v) => Array.isArray(v) && visit(v));
    };
    visit(ds.ContentSequence);
    const file = join(dir, 'huge.dcm');
    writeFileSync(file, encodeDicom(ds));
    for (const args of [['validate', file], ['export', file, '--format', 'csv', '--out', join(dir, 'huge-sr.csv')]]) {
      const r = runCli(...args);
      expect(r.code).toBe(2);
      expect(isOneLine(r.stderr)).toBe(true);
    }
    expect(runCli('sr-read', file).stderr).toMatch(/huge\.dcm: .*: must be at most 1000 mm, got 1000000000000000\n$/);
  });

  it('10,000 nested arrays in graphics are refused by sr-write in one line', () => {
    const c = golden();
    c.lesions[0].measurements.BL.graphics.viableLongAxisMm.points = 'DEEP';
    const deep = `${'['.repeat(10_000)}[1,2]${']'.repeat(10_000)}`;
    const file = write('deep.json', JSON.stringify(c).replace('"DEEP"', deep));
    const r = runCli('sr-write', file, '--out', join(dir, 'deep.dcm'), '--reader', 'R');
    expect(r.code).toBe(2);
    expect(isOneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/deep\.json: document: nested deeper than \d+ levels/);
  });
});

describe('valid case files are accepted', () => {
  it('a reader given as a plain string', () => {
    const c = golden();
    c.reader = 'Reader 1';
    const r = runCli('assess', write('reader.json', c), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a RECIST 1.1 new lesion without typicalHCC; under mRECIST it is still required', () => {
    const c = golden();
    c.criteria = 'recist1.1';
    for (const a of Object.values(c.lesions[2].assessments) as Record<string, unknown>[]) delete a.typicalHCC;
    const file = write('recist.json', c);
    const ok = runCli('assess', file, '--json');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const sr = runCli('sr-write', file, '--out', join(dir, 'recist.dcm'), '--reader', 'R');
    expect(sr.stderr).toBe('');
    expect(sr.code).toBe(0);
    const back = runCli('sr-read', join(dir, 'recist.dcm'));
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).lesions[2].assessments.M4.typicalHCC).toBeUndefined();
    const mrecist = runCli('assess', file, '--criteria', 'mrecist');
    expect(mrecist.code).toBe(2);
    expect(mrecist.stderr).toContain('lesions[2].assessments.M4.typicalHCC: required under mrecist');
  });

  it('a UTF-8 byte order mark', () => {
    const r = runCli('assess', write('bom.json', golden(), '\uFEFF'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
