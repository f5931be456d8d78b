/**
 * Noise and strictness: one line on stderr (dcmjs' own logging silenced, control characters escaped), CSV
 * cells with ";" quoted, and valid inputs accepted: a Part 10 file without its preamble, a raw dataset, an SR
 * whose nested CONTAINER has no concept name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { csvField } from '../../../extensions/mrecist/src/core/export/csvText';
import { GOLDEN_SR } from '../../../scripts/sr/goldenSr';
import { seedInputs } from './fuzzSeeds';
import { isOneLine, runCli, tempDir } from './cliRun';

jest.setTimeout(120_000);
const dir = tempDir('strict');
const golden = readFileSync(GOLDEN_SR);

function naturalOf(bytes: Uint8Array): Record<string, any> {
  const ds = { ...decodeDicom(bytes, 'x').raw };
  delete ds._meta;
  return ds;
}

describe('one line on stderr', () => {
  it('dcmjs logging does not reach stderr (an implicit VR file makes dcmjs complain about "ox")', () => {
    const ct = naturalOf(seedInputs().ct);
    const bytes = encodeDicom(ct);
    // The same dataset written implicit VR little endian: dcmjs looks Pixel Data up as VR "ox" and logs it.
    const implicit = new Uint8Array(
      (require('dcmjs') as typeof import('dcmjs')).default.data
        .datasetToDict({ ...ct, _meta: { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2'] } } })
        .write(),
    );
    expect(implicit.length).toBeGreaterThan(bytes.length - 200);
    const file = join(dir, 'implicit.dcm');
    writeFileSync(file, implicit);
    const r = runCli('sr-read', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mrecist: .*implicit\.dcm: SOPClassUID \(0008,0016\): not a structured report/);
    expect(isOneLine(r.stderr)).toBe(true);
  });

  it('control characters from a DICOM string are escaped before they reach the terminal', () => {
    const ds = naturalOf(golden);
    ds.ConceptNameCodeSequence = [{ CodeValue: '999', CodingSchemeDesignator: '99X', CodeMeaning: 'Title\u001b]0;owned\u0007\u009b2J' }];
    const file = join(dir, 'escape.dcm');
    writeFileSync(file, encodeDicom(ds));
    const r = runCli('sr-read', file);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).toContain('\\x1b]0;owned\\x07');
    expect(isOneLine(r.stderr)).toBe(true);
  });

  it('a CSV cell containing ";" is quoted (and a formula start guarded)', () => {
    expect(csvField('x;=cmd|"/c calc"!A1')).toBe('"x;=cmd|""/c calc""!A1"');
    expect(csvField('=1;2')).toBe('"\'=1;2"');
  });
});

describe('valid inputs accepted', () => {
  it('a Part 10 file without its 128-byte preamble, and a raw dataset with no meta information', () => {
    const noPreamble = join(dir, 'nopreamble.dcm');
    writeFileSync(noPreamble, golden.subarray(128));
    const raw = join(dir, 'raw.dcm');
    const metaLength = golden.readUInt32LE(132 + 8);
    writeFileSync(raw, golden.subarray(132 + 12 + metaLength));
    for (const file of [noPreamble, raw]) {
      const r = runCli('sr-read', file);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).patientId).toBe('P12');
    }
  });

  it('an SR whose nested CONTAINER has no concept name: read, the container skipped', () => {
    const ds = naturalOf(golden);
    ds.ContentSequence.push({ RelationshipType: 'CONTAINS', ValueType: 'CONTAINER', ContinuityOfContent: 'SEPARATE', ContentSequence: [] });
    const file = join(dir, 'unnamed.dcm');
    writeFileSync(file, encodeDicom(ds));
    const r = runCli('sr-read', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).lesions).toHaveLength(3);
    const v = runCli('validate', '--json', file);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ file, kind: 'SR', ok: true });
  });
});
