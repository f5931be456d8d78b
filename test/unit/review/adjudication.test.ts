/**
 * The central-review adjudication trigger (response-criteria.md 10.3): two reads of one patient, the charter's
 * variables compared; and `mrecist adjudicate` as a reviewer runs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { checkAdjudication } from '../../../extensions/mrecist/src/core/review/adjudication';

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
