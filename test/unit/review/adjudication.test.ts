/**
 * The central-review adjudication trigger (response-criteria.md 10.3): two reads of one patient, the charter's
 * variables compared; and `mrecist adjudicate` as a reviewer runs it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { checkAdjudication } from '../../../extensions/mrecist/src/core/review/adjudication';
import { adjudicationRecord, reviewStatistics } from '../../../extensions/mrecist/src/core/review/auditLog';

/** One seed-treated target, viable diameters at BL, M1 (day 34), M2 (day 67) and M4 (day 125). */
function read(reader: string, mm: [number, number, number, number], patientId = 'P7'): CaseFile {
  const ids = ['BL', 'M1', 'M2', 'M4'];
  const dates = ['2019-05-02', '2019-06-05', '2019-07-08', '2019-09-04'];
  return {
    patientId,
    criteria: 'mrecist',
    reader: { name: reader },
    timepoints: ids.map((id, i) => ({ id, date: dates[i], ...(i === 0 ? { baseline: true } : {}) })),
    lesions: [{ id: 'T1', role: 'target', site: 'liver S8', measurements: Object.fromEntries(ids.map((id, i) => [id, { viableLongAxisMm: mm[i] }])) }],
  } as CaseFile;
}

const early = read('Reader 1', [40, 25, 20, 20]); // PR from M1 (-37.5 %)
const late = read('Reader 2', [40, 30, 20, 20]); // SD at M1 (-25 %), PR from M2
const progressing = read('Reader 2', [40, 30, 30, 45]); // SD, then PD at M4 (+50 % over the nadir 30)

describe('adjudication trigger', () => {
  it('two identical reads agree on every variable', () => {
    const check = checkAdjudication({ source: 'a', caseFile: early }, { source: 'b', caseFile: early });
    expect(check.adjudicationNeeded).toBe(false);
    expect(check.comparisons.map((c) => [c.variable, c.a, c.agree])).toEqual([
      ['bestOverallResponse', 'PR', true],
      ['progressionDate', null, true],
      ['responseDate', '2019-06-05', true],
    ]);
  });

  it('the same best response reached a scan later differs on the response date, unless the charter window covers it', () => {
    const a = { source: 'a', caseFile: early }, b = { source: 'b', caseFile: late };
    const strict = checkAdjudication(a, b);
    expect(strict.adjudicationNeeded).toBe(true);
    expect(strict.comparisons.filter((c) => !c.agree).map((c) => [c.variable, c.a, c.b])).toEqual([['responseDate', '2019-06-05', '2019-07-08']]);
    expect(checkAdjudication(a, b, { dateWindowDays: 33 }).adjudicationNeeded).toBe(false);
    expect(checkAdjudication(a, b, { dateWindowDays: 32 }).adjudicationNeeded).toBe(true);
    expect(checkAdjudication(a, b, { variables: ['bestOverallResponse', 'progressionDate'] }).adjudicationNeeded).toBe(false);
  });

  it('a read that progresses differs on best response and progression date', () => {
    const check = checkAdjudication({ source: 'a', caseFile: early }, { source: 'b', caseFile: progressing });
    expect(check.comparisons.map((c) => [c.variable, c.a, c.b, c.agree])).toEqual([
      ['bestOverallResponse', 'PR', 'SD', false],
      ['progressionDate', null, '2019-09-04', false],
      ['responseDate', '2019-06-05', null, false],
    ]);
  });

  it('refuses reads of two patients, naming the second file', () => {
    expect(() => checkAdjudication({ source: 'a.json', caseFile: early }, { source: 'b.json', caseFile: read('Reader 2', [40, 30, 20, 20], 'P8') })).toThrow(
      'b.json: patientId: "P8" is not the patient of a.json ("P7"): only two reads of one patient are compared',
    );
  });
});

describe('mrecist adjudicate (CLI)', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-adjudicate-'));
  const file = (name: string, c: CaseFile) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(c));
    return p;
  };
  const run = (...args: string[]) => spawnSync(process.execPath, [join(__dirname, '../../../bin/mrecist.js'), 'adjudicate', ...args], { encoding: 'utf8' });

  it('prints each variable for both reads and the verdict; --json gives the same check', () => {
    const a = file('a.json', early), b = file('b.json', progressing);
    const text = run(a, b);
    expect(text.status).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('Patient P7, mRECIST: adjudication needed (best overall response, progression date, response date differ)');
    expect(lines[4]).toMatch(/^best overall response +PR +SD +NO$/);
    expect(lines[5]).toMatch(/^progression date +none +2019-09-04 +NO$/);
    const json = JSON.parse(run(a, b, '--json', '--variables', 'bor').stdout);
    expect(json).toMatchObject({ adjudicationNeeded: true, criteria: 'mrecist', comparisons: [{ variable: 'bestOverallResponse', a: 'PR', b: 'SD', agree: false }] });
  });

  it('bad flags and a missing read are one-line errors with exit code 2', () => {
    const a = file('a2.json', early);
    expect([run(a, a, '--window', 'a week').stderr, run(a, a, '--variables', 'bor,date').stderr, run(a, join(dir, 'none.json')).stderr]).toEqual([
      'mrecist: --window: value: expected a whole number of days, got "a week"\n',
      'mrecist: --variables: value: unknown variable "date" (expected bor, pd, response)\n',
      `mrecist: ${join(dir, 'none.json')}: file: no such file\n`,
    ]);
    expect(run(a, a, '--window', '-3').status).toBe(2);
  });
});

describe('audit log and review statistics', () => {
  const at = '2026-11-26T23:00:00.000Z';
  const sha: [string, string] = ['a'.repeat(64), 'b'.repeat(64)];

  it('an endorsement is refused when the reads agree, or without its reason or adjudicator', () => {
    const agree = checkAdjudication({ source: 'a', caseFile: early }, { source: 'b', caseFile: early });
    expect(() => adjudicationRecord(agree, sha, at, { endorsement: { read: 'A', reason: 'R1', adjudicator: 'Adj' } })).toThrow('--endorse: value: the reads agree on every variable: there is nothing to adjudicate');
    const differ = checkAdjudication({ source: 'a', caseFile: early }, { source: 'b', caseFile: progressing });
    expect(() => adjudicationRecord(differ, sha, at, { endorsement: { read: 'A', reason: ' ', adjudicator: 'Adj' } })).toThrow('--reason: value: an endorsement needs its reason');
    expect(adjudicationRecord(differ, sha, at, { endorsement: { read: 'B', reason: 'new lesion missed by A', adjudicator: 'Adj' } })).toMatchObject({
      adjudicationNeeded: true,
      differing: ['bestOverallResponse', 'progressionDate', 'responseDate'],
      endorsement: { read: 'B' },
      reads: [{ reader: 'Reader 1', sha256: sha[0] }, { reader: 'Reader 2', sha256: sha[1] }],
    });
  });

  it('adjudication rate and Reader Disagreement Index, counted by hand; the last record of a case stands', () => {
    const rec = (patient: string, b: CaseFile, endorse?: 'A' | 'B') =>
      adjudicationRecord(
        checkAdjudication({ source: 'a', caseFile: { ...early, patientId: patient } }, { source: 'b', caseFile: { ...b, patientId: patient } }),
        sha,
        at,
        endorse ? { endorsement: { read: endorse, reason: 'charter rule 4', adjudicator: 'Adj' } } : {},
      );
    // Read A is Reader 1's, read B Reader 2's. P1 agree; P2 differ, logged unendorsed, then endorsed B; P3 differ,
    // endorsed A; P4 differ, endorsed B.
    const agreeing = read('Reader 2', [40, 25, 20, 20]);
    const records = [rec('P1', agreeing), rec('P2', progressing), rec('P2', progressing, 'B'), rec('P3', late, 'A'), rec('P4', late, 'B')];
    const stats = reviewStatistics(records);
    expect(stats).toMatchObject({ cases: 4, adjudicationNeeded: 3, endorsed: 3, adjudicationRate: 0.75 });
    // By hand: P2 (PR against SD then PD) differs on all three; P3 and P4 (PR from M1 against PR from M2) on the
    // response date only.
    expect(stats.variables).toEqual([
      { variable: 'bestOverallResponse', cases: 1, rate: 0.25 },
      { variable: 'progressionDate', cases: 1, rate: 0.25 },
      { variable: 'responseDate', cases: 3, rate: 0.75 },
    ]);
    // Reader 1: the other read endorsed in P2 and P4, 2 of 4 cases; Reader 2: in P3, 1 of 4.
    expect(stats.readers.map((r) => [r.reader, r.cases, r.adjudicated, r.otherEndorsed, r.disagreementIndex])).toEqual([
      ['Reader 1', 4, 3, 2, 0.5],
      ['Reader 2', 4, 3, 1, 0.25],
    ]);
  });
});

describe('mrecist adjudicate --log --endorse, then review-stats (CLI)', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-review-'));
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(__dirname, '../../../bin/mrecist.js'), ...args], { encoding: 'utf8' });

  it('appends one traceable line per comparison, records the endorsement, and reports the statistics', () => {
    const a = join(dir, 'a.json'), b = join(dir, 'b.json'), log = join(dir, 'review.log');
    writeFileSync(a, JSON.stringify(early));
    writeFileSync(b, JSON.stringify(progressing));
    expect(cli('adjudicate', a, b, '--log', log, '--endorse', 'A').stderr).toBe('mrecist: --reason: value: an endorsement needs its reason\n');
    expect(cli('adjudicate', a, b, '--reason', 'x').stderr).toBe('mrecist: --endorse: value: missing: --reason, --adjudicator and --amend go with --endorse A|B\n');
    const endorsed = cli('adjudicate', a, b, '--log', log, '--endorse', 'b', '--reason', 'PD at M4 confirmed', '--adjudicator', 'Dr Adj');
    expect(endorsed.status).toBe(0);
    expect(endorsed.stdout).toMatch(/Endorsed read B \(Reader 2\): PD at M4 confirmed; recorded in .*review\.log\n$/);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]);
    expect(record.reads[1].sha256).toBe(createHash('sha256').update(readFileSync(b)).digest('hex'));
    expect(record.endorsement).toEqual({ read: 'B', reason: 'PD at M4 confirmed', adjudicator: 'Dr Adj' });
    const stats = JSON.parse(cli('review-stats', log, '--json').stdout);
    expect(stats).toMatchObject({ cases: 1, adjudicationNeeded: 1, endorsed: 1, adjudicationRate: 1 });
    expect(stats.readers.map((r: { reader: string; disagreementIndex: number }) => [r.reader, r.disagreementIndex])).toEqual([['Reader 1', 1], ['Reader 2', 0]]);
    const [chainLine, summaryLine] = cli('review-stats', log).stdout.split('\n');
    expect(chainLine).toBe(`${log}: chain verified, 1 line(s), head ${createHash('sha256').update(lines[0]).digest('hex')}`);
    expect(summaryLine).toBe('1 case(s); adjudication needed in 1 (100.0%); endorsed 1');

    // SDTM exports take *ACPTFL from the log: Y for the endorsed read B, N for read A; a file the log never
    // endorsed is refused.
    const acceptedFlags = (input: string) => {
      const out = join(dir, `sdtm-${input.endsWith('a.json') ? 'a' : 'b'}`);
      const r = cli('export', input, '--format', 'sdtm', '--study-id', 'HCC1', '--out', out, '--accepted-from', log);
      expect(r.stderr).toBe('');
      const [head, ...rows] = readFileSync(join(out, 'rs.csv'), 'utf8').trim().split(/\r?\n/);
      const column = head.split(',').indexOf('RSACPTFL');
      return [...new Set(rows.map((row) => row.split(',')[column]))];
    };
    expect(acceptedFlags(b)).toEqual(['Y']);
    expect(acceptedFlags(a)).toEqual(['N']);
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify(late));
    expect(cli('export', other, '--format', 'sdtm', '--study-id', 'HCC1', '--out', join(dir, 'sdtm-other'), '--accepted-from', log).stderr).toMatch(
      new RegExp(`^mrecist: --accepted-from: ${log.replace(/[.]/g, '\\.')}: no endorsement in it names .*other\\.json \\(SHA-256 [0-9a-f]{12}…\\)\n$`),
    );
  });
});

describe('mrecist adjudicate --log on a hash-chained log; review-stats verifies it (CLI)', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-review-chain-'));
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(__dirname, '../../../bin/mrecist.js'), ...args], { encoding: 'utf8' });
  const a = join(dir, 'a.json'), b = join(dir, 'b.json');
  writeFileSync(a, JSON.stringify(early));
  writeFileSync(b, JSON.stringify(progressing));

  it('a second endorsement is refused; an amendment with its reason is appended; the statistics follow the amendment', () => {
    const log = join(dir, 'amend.log');
    expect(cli('adjudicate', a, b, '--log', log, '--endorse', 'A', '--reason', 'R1', '--adjudicator', 'Adj').status).toBe(0);
    const again = cli('adjudicate', a, b, '--log', log, '--endorse', 'B', '--reason', 'R2', '--adjudicator', 'Adj');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^mrecist: --endorse: value: patient P7 \(mrecist\) was endorsed already \(read A by Adj at [0-9T:.Z-]+\): a new endorsement is an amendment and needs its reason \(--amend REASON\)\n$/);
    const amended = cli('adjudicate', a, b, '--log', log, '--endorse', 'B', '--reason', 'R2', '--adjudicator', 'Adj', '--amend', 'PD on M4 re-measured');
    expect(amended.stderr).toBe('');
    const records = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.endorsement.read, r.amendment?.reason])).toEqual([['A', undefined], ['B', 'PD on M4 re-measured']]);
    const stats = JSON.parse(cli('review-stats', log, '--json').stdout);
    expect(stats.chain).toMatchObject({ verified: true, lines: 2 });
    expect(stats.readers.map((r: { reader: string; otherEndorsed: number }) => [r.reader, r.otherEndorsed])).toEqual([['Reader 1', 1], ['Reader 2', 0]]);
  });

  it('changing one byte of the log makes review-stats fail, naming the line; a lost final newline is put back on append', () => {
    const log = join(dir, 'bytes.log');
    for (let i = 0; i < 3; i++) expect(cli('adjudicate', a, b, '--log', log).status).toBe(0);
    const text = readFileSync(log, 'utf8');
    const second = text.indexOf('\n') + 1;
    const offset = text.indexOf('"at":"', second) + 8; // a digit of the year on line 2
    writeFileSync(log, text.slice(0, offset) + (text[offset] === '1' ? '2' : '1') + text.slice(offset + 1));
    const broken = cli('review-stats', log);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe(`mrecist: ${log}: line 2: changed after it was written (its SHA-256 does not match its hash)\n`);
    expect(cli('adjudicate', a, b, '--log', log).stderr).toBe(`mrecist: ${log}: line 2: changed after it was written (its SHA-256 does not match its hash)\n`);

    writeFileSync(log, text.replace(/\n$/, ''));
    expect(cli('adjudicate', a, b, '--log', log).status).toBe(0);
    expect(cli('review-stats', log).status).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('--log appends only to a file that is an audit log', () => {
    const before = readFileSync(a, 'utf8');
    const r = cli('adjudicate', a, b, '--log', a);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mrecist: ${a}: line 1: not a line of a review audit log (kind "ohif-mrecist-audit/v2")\n`);
    expect(readFileSync(a, 'utf8')).toBe(before);
  });
});
