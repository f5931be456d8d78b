/**
 * The reference study (Xu, Ding et al.; response-criteria.md section 1): 21 TACE-refractory tumours in 19 patients,
 * mRECIST per tumour at 6 months CR 12, PR 7, SD 2 (ORR 90.5%); seven patients progressed later, median time to
 * progression 264 days. The fixture case files were built to reproduce those figures; the expected values here
 * are the published ones, not the program's output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { summarizeCohort, DEFAULT_AT_DAYS, DEFAULT_WINDOW_DAYS } from '../../../extensions/mrecist/src/core/criteria/cohort/cohortSummary';
import { formatCohortText } from '../../../extensions/mrecist/src/core/criteria/cohort/cohortText';

const dir = join(__dirname, '../../fixtures/criteria/reference-study');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => parseCaseFile(JSON.parse(readFileSync(join(dir, f), 'utf8')), f));

describe('reference-study cohort', () => {
  const s = summarizeCohort(cases, { atDays: DEFAULT_AT_DAYS, windowDays: DEFAULT_WINDOW_DAYS });

  it('has 21 tumours in 19 patients', () => {
    expect(s.patients).toHaveLength(19);
    expect(s.lesions).toHaveLength(21);
  });

  it('reproduces the 6-month per-tumour results: 12 CR, 7 PR, 2 SD, ORR 19/21 = 90.5%', () => {
    expect(s.perLesionAtDay.counts).toMatchObject({ CR: 12, PR: 7, SD: 2, PD: 0, NE: 0, 'none in window': 0 });
    expect(s.perLesionAtDay.objectiveResponse).toMatchObject({ x: 19, n: 21 });
    expect(Math.round((s.perLesionAtDay.objectiveResponse.rate as number) * 1000) / 10).toBe(90.5);
    expect(s.perLesionAtDay.diseaseControl).toMatchObject({ x: 21, n: 21 });
  });

  it('reproduces seven progressions with a median time to progression of 264 days', () => {
    expect(s.timeToProgression.progressed).toBe(7);
    expect(s.timeToProgression.censored).toBe(12);
    expect(s.timeToProgression.medianObservedDays).toBe(264);
  });

  it('gives the Kaplan-Meier estimate with censoring: the median is not reached (7 of 19 progressed)', () => {
    // Hand-worked: events at days 210..340 with 19..14 at risk, two censored at 365, the last event at 395 with
    // 11 at risk: S = 13/19 * 10/11 = 130/209.
    expect(s.timeToProgression.kaplanMeierMedianDays).toBeNull();
    expect(s.timeToProgression.kaplanMeier.at(-1)?.survival).toBeCloseTo(130 / 209, 12);
  });

  it('prints the rates with their exact intervals', () => {
    const text = formatCohortText(s);
    expect(text).toContain('Per lesion at day 182 +/- 30 (n = 21): CR 12, PR 7, SD 2, PD 0, NE 0');
    expect(text).toContain('    objective response (CR+PR): 19/21 = 90.5% (95% CI 69.6% to 98.8%, exact)');
    expect(text).toContain('    median of observed progressions: 264 days');
    expect(text).toContain('    Kaplan-Meier median: not reached');
  });

  it('moves with the chosen day: at 1 month no tumour has responded completely', () => {
    const early = summarizeCohort(cases, { atDays: 30, windowDays: 5 });
    expect(early.perLesionAtDay.counts.CR).toBe(0);
    expect(early.perLesionAtDay.n).toBe(21);
  });
});
