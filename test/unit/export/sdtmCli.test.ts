/** `mrecist export --format sdtm --visits FILE --ref-date DATE`: five files, schedule and study day applied, bad input is one line. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';
import { isOneLine, runCli, tempDir } from '../reliability/cliRun';
import { parseCsvObjects } from './rfc4180';

const dir = tempDir('sdtm-cli');
const visits = join(dir, 'visits.csv');
writeFileSync(visits, 'timepoint,VISITNUM,VISIT,EPOCH\nBL,1,BASELINE,SCREENING\nM1,2,WEEK 4,TREATMENT\nM2,3,WEEK 8,TREATMENT\nM4,4,WEEK 17,FOLLOW-UP\nM6,5,WEEK 26,FOLLOW-UP\n');

describe('export --format sdtm with a visit schedule and a reference date', () => {
  it('writes TU, TR, RS, SUPPTU and SUPPTR with VISIT, EPOCH and --DY; de-identification shifts the reference date with the dates', () => {
    const key = join(dir, 'key.csv');
    writeFileSync(key, 'originalId,pseudonym\nP12,SUBJ-001\n');
    const out = join(dir, 'out');
    const r = runCli('export', GOLDEN_CASE, '--format', 'sdtm', '--study-id', 'S1', '--out', out, '--visits', visits, '--ref-date', '2019-05-02',
      '--method', 'CT', '--deidentify', '--key', key, '--date-shift-days', '-30');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`${out}: tu.csv, tr.csv, rs.csv, supptu.csv, supptr.csv written\n`);
    const tu = parseCsvObjects(readFileSync(join(out, 'tu.csv'), 'utf8'));
    expect(tu.map((row) => [row.VISIT, row.EPOCH, row.TUDTC, row.TUDY, row.TUMETHOD])).toEqual([
      ['BASELINE', 'SCREENING', '2019-04-02', '1', 'CT SCAN'],
      ['BASELINE', 'SCREENING', '2019-04-02', '1', 'CT SCAN'],
      ['WEEK 17', 'FOLLOW-UP', '2019-08-03', '124', 'CT SCAN'],
    ]);
    const supptr = parseCsvObjects(readFileSync(join(out, 'supptr.csv'), 'utf8'));
    expect(supptr.map((row) => row.QNAM)).toContain('TYPHCC');
  });

  it.each([
    [['--visits', join(dir, 'missing.csv')], /missing\.csv/],
    [['--ref-date', '2019-13-45'], /^mrecist: --ref-date: value: expected a date YYYY-MM-DD \(RFSTDTC\), got "2019-13-45"\n$/],
    [['--method', 'PET'], /^mrecist: --method: value: expected CT or MRI/],
  ])('bad input exits 2 with one line (%#)', (extra, message) => {
    const r = runCli('export', GOLDEN_CASE, '--format', 'sdtm', '--study-id', 'S1', '--out', join(dir, 'bad'), ...extra);
    expect(r.code).toBe(2);
    expect(isOneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(message);
  });

  it('a schedule without a timepoint of the case is named', () => {
    const partial = join(dir, 'partial.csv');
    writeFileSync(partial, 'timepoint,VISITNUM,VISIT,EPOCH\nBL,1,BASELINE,SCREENING\n');
    const r = runCli('export', GOLDEN_CASE, '--format', 'sdtm', '--study-id', 'S1', '--out', join(dir, 'bad2'), '--visits', partial);
    expect([r.code, r.stderr]).toEqual([2, `mrecist: ${partial}: timepoint: no row for timepoint "M1"\n`]);
  });

  it('--help names the new options', () => {
    const help = runCli('export', '--help').stdout;
    for (const flag of ['--visits <file>', '--ref-date <date>']) expect(help).toContain(flag);
  });
});
