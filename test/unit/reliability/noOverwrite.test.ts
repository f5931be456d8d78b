/** No command writes over one of its inputs; an existing output is replaced only with --force. */
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_CASE, GOLDEN_SR } from '../../../scripts/sr/goldenSr';
import { isOneLine, runCli, tempDir } from './cliRun';

jest.setTimeout(120_000);
const dir = tempDir('overwrite');
const caseFile = join(dir, 'c.json');
const sr = join(dir, 'p.dcm');
copyFileSync(GOLDEN_CASE, caseFile);
copyFileSync(GOLDEN_SR, sr);
const key = join(dir, 'key.csv');
writeFileSync(key, 'P12,SUBJ-001\n');

function refusedUnchanged(file: string, args: string[], message: RegExp): void {
  const before = readFileSync(file);
  const r = runCli(...args);
  expect(r.code).toBe(2);
  expect(isOneLine(r.stderr)).toBe(true);
  expect(r.stderr).toMatch(message);
  expect(readFileSync(file).equals(before)).toBe(true);
}

describe('outputs never replace inputs', () => {
  it('sr-write c.json --out c.json, even with --force', () => {
    refusedUnchanged(caseFile, ['sr-write', caseFile, '--out', caseFile, '--reader', 'R', '--force'], /--out: .*c\.json: is an input of this command/);
  });

  it('sr-write --predecessor p.dcm --out p.dcm, also through a second name', () => {
    refusedUnchanged(sr, ['sr-write', caseFile, '--predecessor', sr, '--out', sr, '--force'], /is an input of this command/);
    const alias = join(dir, 'alias.dcm');
    symlinkSync(sr, alias);
    refusedUnchanged(sr, ['sr-write', caseFile, '--predecessor', alias, '--out', sr, '--force'], /is an input of this command/);
  });

  it('export x.json --out x.json, and the key file as output', () => {
    refusedUnchanged(caseFile, ['export', caseFile, '--format', 'csv', '--out', caseFile, '--force'], /is an input of this command/);
    refusedUnchanged(key, ['export', caseFile, '--format', 'csv', '--out', key, '--deidentify', '--key', key, '--force'], /is an input of this command/);
  });
});

describe('an existing output needs --force', () => {
  it('sr-write and export refuse to replace a file, and replace it with --force', () => {
    const out = join(dir, 'existing.dcm');
    writeFileSync(out, 'keep me');
    refusedUnchanged(out, ['sr-write', caseFile, '--out', out, '--reader', 'R'], /existing\.dcm: exists; give --force to replace it/);
    const forced = runCli('sr-write', caseFile, '--out', out, '--reader', 'R', '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(out).toString('latin1', 128, 132)).toBe('DICM');

    const sdtm = join(dir, 'sdtm');
    expect(runCli('export', caseFile, '--format', 'sdtm', '--study-id', 'S1', '--out', sdtm).code).toBe(0);
    refusedUnchanged(join(sdtm, 'tu.csv'), ['export', caseFile, '--format', 'sdtm', '--study-id', 'S2', '--out', sdtm], /tu\.csv: exists/);
    expect(runCli('export', caseFile, '--format', 'sdtm', '--study-id', 'S2', '--out', sdtm, '--force').code).toBe(0);
    expect(readFileSync(join(sdtm, 'tu.csv'), 'utf8')).toContain('S2');
  });
});
