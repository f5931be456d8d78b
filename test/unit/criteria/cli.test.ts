/** The `mrecist assess` and `mrecist cohort` commands, spawned as a user runs them (few cases: each spawn is slow). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const fixtures = join(root, 'test/fixtures/criteria');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/mrecist.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mrecist assess / cohort (CLI)', () => {
  jest.setTimeout(60_000);

  it('assess --json gives the section 7 output for the document example', () => {
    const r = run('assess', join(fixtures, 'doc-example.json'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ criteria: 'mrecist', bestOverallResponse: 'PD', progressionDate: '2019-06-03' });
    expect(out.timepoints[0]).toMatchObject({
      id: 'M1',
      date: '2019-06-03',
      targetSum: 25,
      changeFromBaselinePct: -34.2,
      changeFromNadirPct: -34.2,
      target: 'PR',
      nonTarget: 'IR/SD',
      newLesions: true,
      overall: 'PD',
    });
    expect(out.timepoints[0].trace[0]).toBe('viable sum 25.0 mm, -34.2% from baseline 38.0 mm: PR');
  });

  it('assess prints a table with the trail, and --criteria overrides the file', () => {
    const r = run('assess', join(fixtures, 'doc-example.json'), '--criteria', 'recist1.1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Patient P12: RECIST 1.1');
    expect(r.stdout).toContain('    sum of diameters 39.0 mm, -2.5% from baseline 40.0 mm');
  });

  it('exits 2 with one line naming the field on malformed input, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrecist-cli-'));
    const doc = JSON.parse(readFileSync(join(fixtures, 'doc-example.json'), 'utf8'));
    delete doc.timepoints[0].baseline;
    writeFileSync(join(dir, 'nobaseline.json'), JSON.stringify(doc));
    writeFileSync(join(dir, 'broken.json'), '{"patientId": ');
    const cases: [string[], string][] = [
      [['assess', join(dir, 'nobaseline.json')], `mrecist: ${join(dir, 'nobaseline.json')}: timepoints: no baseline timepoint; exactly one needs "baseline": true\n`],
      [['assess', join(dir, 'broken.json')], `mrecist: ${join(dir, 'broken.json')}: document: invalid JSON`],
      [['cohort', join(dir, 'missing.json')], `mrecist: ${join(dir, 'missing.json')}: file: no such file or directory\n`],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(message)).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('cohort --json reproduces the reference study from the fixture directory', () => {
    const r = run('cohort', join(fixtures, 'reference-study'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.perLesionAtDay.counts).toMatchObject({ CR: 12, PR: 7, SD: 2 });
    expect(s.perLesionAtDay.objectiveResponse).toMatchObject({ x: 19, n: 21 });
    expect(s.timeToProgression).toMatchObject({ progressed: 7, medianObservedDays: 264 });
  });
});
