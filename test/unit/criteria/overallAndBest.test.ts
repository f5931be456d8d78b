/** Overall response table (section 2.6) and best overall response with and without confirmation (section 2.7). */
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import { classifyBestOverallResponse, type DatedResponse } from '../../../extensions/mrecist/src/core/criteria/bestOverallResponse';
import { resolveCharter } from '../../../extensions/mrecist/src/core/criteria/charter';
import { classifyOverallResponse } from '../../../extensions/mrecist/src/core/criteria/overallResponse';
import type { NonTargetCategory, ResponseCategory } from '../../../extensions/mrecist/src/core/criteria/types';
import { buildCase, dateAt } from './caseBuilder';

describe('overall response per timepoint (section 2.6 table)', () => {
  it.each([
    ['CR', 'CR', false, 'CR'],
    ['CR', 'none', false, 'CR'],
    ['CR', 'IR/SD', false, 'PR'],
    ['CR', 'NonCR/NonPD', false, 'PR'],
    ['CR', 'NE', false, 'PR'],
    ['PR', 'CR', false, 'PR'],
    ['PR', 'IR/SD', false, 'PR'],
    ['PR', 'NE', false, 'PR'],
    ['PR', 'none', false, 'PR'],
    ['SD', 'IR/SD', false, 'SD'],
    ['SD', 'NE', false, 'SD'],
    ['SD', 'CR', false, 'SD'],
    ['NE', 'IR/SD', false, 'NE'],
    ['NE', 'CR', false, 'NE'],
    ['NE', 'none', false, 'NE'],
    ['PD', 'CR', false, 'PD'],
    ['PD', 'NE', false, 'PD'],
    ['CR', 'PD', false, 'PD'],
    ['NE', 'PD', false, 'PD'],
    ['CR', 'CR', true, 'PD'],
    ['NE', 'NE', true, 'PD'],
  ])('target %s, non-target %s, new %s -> %s', (target, nonTarget, fresh, expected) => {
    expect(classifyOverallResponse(target as ResponseCategory, nonTarget as NonTargetCategory, fresh as boolean, true)).toBe(expected);
  });
});

const charter = (requireConfirmation: boolean, extra = {}) =>
  resolveCharter({ requireConfirmation, ...extra }, 'mrecist', 'test');

/** Timepoints from [day, overall] pairs; the progression date is the first PD unless given. */
function bor(seq: [number, ResponseCategory][], requireConfirmation: boolean, progressionDay?: number): ResponseCategory {
  const tps: DatedResponse[] = seq.map(([day, overall], i) => ({ id: `F${i + 1}`, date: dateAt(day), day, overall }));
  const firstPd = progressionDay ?? seq.find(([, o]) => o === 'PD')?.[0];
  return classifyBestOverallResponse(tps, firstPd === undefined ? null : dateAt(firstPd), charter(requireConfirmation)).category;
}

describe('best overall response without confirmation', () => {
  it.each([
    [[[30, 'CR']], 'CR', 'any CR'],
    [[[30, 'SD'], [60, 'PR'], [90, 'SD']], 'PR', 'any PR'],
    [[[42, 'SD']], 'SD', 'SD at exactly the minimum of 42 days'],
    [[[41, 'SD']], 'NE', 'SD too early and no progression'],
    [[[41, 'SD'], [70, 'PD']], 'PD', 'SD too early, then progression'],
    [[[30, 'NE'], [60, 'NE']], 'NE', 'only NE'],
    [[[30, 'NE'], [60, 'PD']], 'PD', 'NE then PD'],
    [[[30, 'PD'], [60, 'CR']], 'PD', 'a CR after PD does not count without a new baseline'],
    [[[50, 'SD'], [80, 'PD'], [120, 'PR']], 'SD', 'a PR after PD does not count'],
  ])('%j -> %s (%s)', (seq, expected) => {
    expect(bor(seq as [number, ResponseCategory][], false)).toBe(expected);
  });

  it('ignores timepoints on or after a backdated progression date', () => {
    expect(bor([[30, 'SD'], [60, 'CR'], [90, 'PD']], false, 60)).toBe('PD');
    expect(bor([[45, 'SD'], [60, 'CR'], [90, 'PD']], false, 60)).toBe('SD');
  });
});

describe('best overall response with confirmation (RECIST 1.1 Table 3)', () => {
  it.each([
    [[[56, 'CR'], [84, 'CR']], 'CR', 'CR CR'],
    [[[56, 'CR'], [84, 'PR']], 'PR', 'CR PR: the CR is unconfirmed, the response persists as PR [project rule]'],
    [[[56, 'CR'], [84, 'SD']], 'SD', 'CR SD with the SD minimum met'],
    [[[28, 'CR'], [35, 'SD'], [40, 'PD']], 'PD', 'CR SD before the SD minimum, then PD'],
    [[[28, 'CR'], [35, 'SD']], 'NE', 'CR SD before the SD minimum and no PD (algorithm: NE)'],
    [[[56, 'CR'], [84, 'PD']], 'SD', 'CR PD with the SD minimum met'],
    [[[28, 'CR'], [56, 'PD']], 'PD', 'CR PD before the SD minimum'],
    [[[56, 'CR'], [84, 'NE']], 'SD', 'CR NE with the SD minimum met'],
    [[[28, 'CR'], [56, 'NE']], 'NE', 'CR NE before the SD minimum'],
    [[[56, 'PR'], [84, 'CR']], 'PR', 'PR CR'],
    [[[56, 'PR'], [84, 'PR']], 'PR', 'PR PR'],
    [[[56, 'PR'], [84, 'SD']], 'SD', 'PR SD'],
    [[[56, 'PR'], [84, 'PD']], 'SD', 'PR PD with the SD minimum met'],
    [[[28, 'PR'], [56, 'PD']], 'PD', 'PR PD before the SD minimum'],
    [[[56, 'PR'], [84, 'NE']], 'SD', 'PR NE with the SD minimum met'],
    [[[28, 'PR'], [56, 'NE']], 'NE', 'PR NE before the SD minimum'],
    [[[56, 'NE'], [84, 'NE']], 'NE', 'NE NE'],
    [[[56, 'CR'], [70, 'CR']], 'SD', 'confirming scan only 14 days later'],
    [[[56, 'CR'], [70, 'CR'], [84, 'CR']], 'CR', 'confirmed by the first scan at least 28 days later'],
    [[[56, 'CR'], [70, 'PR'], [84, 'CR']], 'PR', 'a PR in between breaks the CR confirmation but confirms a PR'],
    [[[56, 'CR'], [70, 'NE'], [84, 'CR']], 'CR', 'NE in between is skipped'],
    [[[56, 'PR'], [84, 'PR'], [112, 'SD'], [140, 'SD']], 'PR', 'later drift short of PD keeps a confirmed PR'],
    [[[56, 'PR'], [70, 'SD'], [84, 'PR']], 'SD', 'an SD in between breaks the PR confirmation'],
  ])('%j -> %s (%s)', (seq, expected) => {
    expect(bor(seq as [number, ResponseCategory][], true)).toBe(expected);
  });

  it('honours confirmationMinDays and minStableDiseaseDays from the charter', () => {
    const tps: DatedResponse[] = [
      { id: 'F1', date: dateAt(56), day: 56, overall: 'CR' },
      { id: 'F2', date: dateAt(84), day: 84, overall: 'CR' },
    ];
    expect(classifyBestOverallResponse(tps, null, charter(true, { confirmationMinDays: 29 })).category).toBe('SD');
    expect(classifyBestOverallResponse(tps, null, charter(true, { confirmationMinDays: 29, minStableDiseaseDays: 85 })).category).toBe('NE');
  });
});

describe('best overall response through assess', () => {
  it('uses the charter in the case file and explains the decision', () => {
    const c = buildCase({
      days: [0, 56, 84],
      options: { requireConfirmation: true },
      targets: [{ id: 'T1', values: [40, 0, 0] }],
    });
    const a = assess(c);
    expect(a.bestOverallResponse).toBe('CR');
    expect(a.bestOverallResponseTrace).toEqual([
      'baseline BL: viable sum 40.0 mm',
      'best overall response: CR at F1 confirmed at F2 (28 days later): CR',
    ]);
  });

  it('gives progressionDate as the first PD date and null without PD', () => {
    const c = buildCase({ days: [0, 30, 60, 90], targets: [{ id: 'T1', values: [40, 20, 25, 10] }] });
    const a = assess(c);
    expect(a.timepoints.map((t) => t.overall)).toEqual(['PR', 'PD', 'PR']);
    expect(a.progressionDate).toBe(dateAt(60));
    expect(a.bestOverallResponse).toBe('PR');
    expect(assess(buildCase({ days: [0, 30], targets: [{ id: 'T1', values: [40, 20] }] })).progressionDate).toBeNull();
  });

  it('lists follow-ups in date order whatever the file order', () => {
    const c = buildCase({ days: [0, 30, 60], targets: [{ id: 'T1', values: [40, 30, 20] }] });
    const shuffled = { ...c, timepoints: [c.timepoints[2], c.timepoints[0], c.timepoints[1]] };
    expect(assess(shuffled).timepoints.map((t) => t.id)).toEqual(['F1', 'F2']);
  });
});
