/** Case-file validation (schema v1 + cross-field rules): one line naming the file and the field path. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { resolveCharter } from '../../../extensions/mrecist/src/core/criteria/charter';
import { CriteriaInputError } from '../../../extensions/mrecist/src/core/errors';

const docExample = () =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/criteria/doc-example.json'), 'utf8')) as Record<string, any>;

function errorOf(mutate: (c: Record<string, any>) => void): string {
  const c = docExample();
  mutate(c);
  try {
    parseCaseFile(c, 'case.json');
  } catch (e) {
    expect(e).toBeInstanceOf(CriteriaInputError);
    return (e as Error).message;
  }
  throw new Error('expected a CriteriaInputError');
}

describe('parseCaseFile', () => {
  it('accepts the example of response-criteria.md section 7, ignoring unknown fields', () => {
    const c = docExample();
    c.extra = { anything: 1 };
    c.lesions[0].futureField = 'x';
    expect(parseCaseFile(c, 'case.json').patientId).toBe('P12');
  });

  it.each([
    ['missing baseline', (c: any) => delete c.timepoints[0].baseline, 'case.json: timepoints: no baseline timepoint; exactly one needs "baseline": true'],
    ['two baselines', (c: any) => (c.timepoints[1].baseline = true), 'case.json: timepoints[1].baseline: a second baseline ("BL" is one); exactly one timepoint must be the baseline'],
    ['unknown criteria', (c: any) => (c.criteria = 'mrecist2'), 'case.json: criteria: unknown criteria "mrecist2" (expected mrecist, recist1.1, easl)'],
    ['non-numeric measurement', (c: any) => (c.lesions[0].measurements.M1.viableLongAxisMm = '25'), 'case.json: lesions[0].measurements.M1.viableLongAxisMm: must be a number, got "25"'],
    ['negative measurement', (c: any) => (c.lesions[0].measurements.M1.longAxisMm = -1), 'case.json: lesions[0].measurements.M1.longAxisMm: must be >= 0, got -1'],
    ['unknown timepoint in measurements', (c: any) => (c.lesions[0].measurements.M9 = { viableLongAxisMm: 1 }), 'case.json: lesions[0].measurements.M9: unknown timepoint id "M9"'],
    ['unknown timepoint in status', (c: any) => (c.lesions[1].status.M2 = 'present'), 'case.json: lesions[1].status.M2: unknown timepoint id "M2"'],
    ['unknown appearsAt', (c: any) => (c.lesions[2].appearsAt = 'M3'), 'case.json: lesions[2].appearsAt: unknown timepoint id "M3"'],
    ['unknown timepoint in assessments', (c: any) => (c.lesions[2].assessments.X = { longAxisMm: 1, typicalHCC: true }), 'case.json: lesions[2].assessments.X: unknown timepoint id "X"'],
    ['bad status value', (c: any) => (c.lesions[1].status.M1 = 'gone'), 'case.json: lesions[1].status.M1: must be one of present, absent, unequivocalProgression, notEvaluated, got "gone"'],
    ['duplicate timepoint id', (c: any) => (c.timepoints[1].id = 'BL'), 'case.json: timepoints[1].id: duplicate timepoint id "BL"'],
    ['duplicate lesion id', (c: any) => (c.lesions[1].id = 'T1'), 'case.json: lesions[1].id: duplicate lesion id "T1"'],
    ['not a calendar date', (c: any) => (c.timepoints[1].date = '2019-02-30'), 'case.json: timepoints[1].date: not a calendar date: "2019-02-30"'],
    ['malformed date', (c: any) => (c.timepoints[1].date = '2019-6-3'), 'case.json: timepoints[1].date: must be a date YYYY-MM-DD, got "2019-6-3"'],
    ['follow-up before baseline', (c: any) => (c.timepoints[1].date = '2019-05-01'), 'case.json: timepoints[1].date: 2019-05-01 is not after the baseline date 2019-05-02'],
    ['missing patientId', (c: any) => delete c.patientId, 'case.json: patientId: required field missing'],
    ['missing status', (c: any) => delete c.lesions[1].status, 'case.json: lesions[1].status: required field missing'],
    ['bad role', (c: any) => (c.lesions[1].role = 'other'), 'case.json: lesions[1].role: must be one of target, nonTarget, new, got "other"'],
    ['notEvaluable false', (c: any) => (c.lesions[0].measurements.M1 = { notEvaluable: false }), 'case.json: lesions[0].measurements.M1.notEvaluable: must be true, got false'],
    ['target without baseline measurement', (c: any) => (c.lesions[0].measurements.BL = { notEvaluable: true }), 'case.json: lesions[0].measurements.BL: a target lesion needs a measurement at the baseline'],
    ['new lesion at baseline', (c: any) => (c.lesions[2].appearsAt = 'BL'), 'case.json: lesions[2].appearsAt: a new lesion cannot appear at the baseline'],
    ['new node without short axis', (c: any) => (c.lesions[2].node = true), 'case.json: lesions[2].assessments.M1.shortAxisMm: required for a new lymph node (node: true): nodes qualify by short axis'],
    ['option of the wrong type', (c: any) => (c.options.confirmationMinDays = 2.5), 'case.json: options.confirmationMinDays: must be a whole number, got 2.5'],
    ['negative option', (c: any) => (c.options.absoluteIncreaseMm = -1), 'case.json: options.absoluteIncreaseMm: must be >= 0, got -1'],
    ['not an object', (c: any) => (c.timepoints = 'BL'), 'case.json: timepoints: must be of type array, got "BL"'],
  ])('%s', (_name, mutate, message) => {
    expect(errorOf(mutate)).toBe(message);
  });

  it('rejects a document that is not an object', () => {
    expect(() => parseCaseFile([], 'x.json')).toThrow('x.json: document: must be a JSON object, got an array');
  });
});

describe('resolveCharter', () => {
  it('fills the defaults of section 6 (5 mm floor only under RECIST 1.1)', () => {
    expect(resolveCharter(undefined, 'mrecist', 's')).toEqual({
      requireConfirmation: false,
      confirmationMinDays: 28,
      minStableDiseaseDays: 42,
      absoluteIncreaseMm: 0,
      patchyEnhancementMethod: 'longestContinuousSegment',
    });
    expect(resolveCharter({}, 'recist1.1', 's').absoluteIncreaseMm).toBe(5);
    expect(resolveCharter({}, 'easl', 's').absoluteIncreaseMm).toBe(0);
    expect(resolveCharter({ absoluteIncreaseMm: 0 }, 'recist1.1', 's').absoluteIncreaseMm).toBe(0);
  });

  it.each([
    [{ requireConfirmation: 'yes' }, 'charter.json: options.requireConfirmation: must be true or false, got "yes"'],
    [{ confirmationMinDays: -1 }, 'charter.json: options.confirmationMinDays: must be a whole number of days, 0 or more, got -1'],
    [{ minStableDiseaseDays: 6.5 }, 'charter.json: options.minStableDiseaseDays: must be a whole number of days, 0 or more, got 6.5'],
    [{ absoluteIncreaseMm: Number.NaN }, 'charter.json: options.absoluteIncreaseMm: must be a number of mm, 0 or more, got NaN'],
    [{ patchyEnhancementMethod: 'biggest' }, 'charter.json: options.patchyEnhancementMethod: must be one of longestContinuousSegment, fullExtentAcrossIslands, sumOfIslands, got "biggest"'],
    [[], 'charter.json: options: must be an object, got an array'],
  ])('rejects %j', (options, message) => {
    expect(() => resolveCharter(options, 'mrecist', 'charter.json')).toThrow(message);
  });
});
