/**
 * Invariants of the criteria engine (fast-check):
 * - scaling every measurement by a whole factor k leaves every call unchanged (values are generated as whole
 *   tenths of a mm, so k * value stays exact in tenths and the integer inequalities are homogeneous; the
 *   absolute floor and node thresholds are absolute, so cases use floor 0 and no node targets);
 * - the order of lesions in the file does not matter;
 * - a PD is never followed by a better best overall response: what follows the first PD cannot change it.
 */
import fc from 'fast-check';
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import { classifyBestOverallResponse } from '../../../extensions/mrecist/src/core/criteria/bestOverallResponse';
import { resolveCharter } from '../../../extensions/mrecist/src/core/criteria/charter';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type { Assessment, CriteriaName, NonTargetStatus, ResponseCategory } from '../../../extensions/mrecist/src/core/criteria/types';
import { caseJson, dateAt, type CaseSpec, type TargetValue } from './caseBuilder';

type Tenths = number | 'NE';
interface Generated {
  criteria: CriteriaName;
  requireConfirmation: boolean;
  gaps: number[];
  targets: { long: Tenths[]; perp: number[] }[];
  nonTargets: NonTargetStatus[][];
}

const statusArb = fc.constantFrom<NonTargetStatus>('present', 'absent', 'unequivocalProgression', 'notEvaluated');

/** Ratios that land exactly on the thresholds (-30%, +20%, -50%, +25%) as well as either side of them. */
const RATIOS = [0, 0.5, 0.7, 0.71, 0.8, 1, 1.19, 1.2, 1.25, 1.5];

const generatedArb: fc.Arbitrary<Generated> = fc
  .record({
    criteria: fc.constantFrom<CriteriaName>('mrecist', 'recist1.1', 'easl'),
    requireConfirmation: fc.boolean(),
    gaps: fc.array(fc.integer({ min: 7, max: 120 }), { minLength: 1, maxLength: 6 }),
    targetCount: fc.integer({ min: 0, max: 3 }),
    nonTargetCount: fc.integer({ min: 0, max: 2 }),
    seed: fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 60, maxLength: 60 }),
    statuses: fc.array(statusArb, { minLength: 20, maxLength: 20 }),
  })
  .map(({ criteria, requireConfirmation, gaps, targetCount, nonTargetCount, seed, statuses }) => {
    const n = gaps.length + 1;
    let k = 0;
    const next = () => seed[k++ % seed.length];
    const targets = Array.from({ length: targetCount }, () => {
      // Baselines in multiples of 2 mm so that most ratios give whole tenths; follow-ups are mostly a ratio of
      // the previous value (hitting the thresholds exactly), sometimes NE, sometimes anything.
      const long: Tenths[] = [20 * (3 + (next() % 38))];
      let previous = long[0] as number;
      for (let i = 1; i < n; i++) {
        const v = next();
        if (v < 100) long.push('NE');
        else if (v < 700) {
          previous = Math.round(previous * RATIOS[v % RATIOS.length]);
          long.push(previous);
        } else {
          previous = v - 300;
          long.push(previous);
        }
      }
      return { long, perp: Array.from({ length: n }, () => 10 + (next() % 400)) };
    });
    const nonTargets = Array.from({ length: nonTargetCount }, (_, j) =>
      Array.from({ length: n }, (_, i) => (i === 0 ? 'present' : statuses[(j * n + i) % statuses.length])),
    );
    return { criteria, requireConfirmation, gaps, targets, nonTargets };
  });

function toSpec(g: Generated, scale = 1): CaseSpec {
  const days = g.gaps.reduce((acc, gap) => [...acc, acc[acc.length - 1] + gap], [0]);
  const mm = (t: number) => (scale * t) / 10;
  return {
    criteria: g.criteria,
    days,
    options: { requireConfirmation: g.requireConfirmation, absoluteIncreaseMm: 0 },
    targets: g.targets.map((t, j) => ({
      id: `T${j + 1}`,
      values: t.long.map((v, i): TargetValue =>
        v === 'NE' ? 'NE' : { longAxisMm: mm(v), viableLongAxisMm: mm(v), viablePerpendicularMm: mm(t.perp[i]) },
      ),
    })),
    nonTargets: g.nonTargets.map((statuses, j) => ({ id: `NT${j + 1}`, statuses })),
  };
}

const calls = (a: Assessment) => ({
  timepoints: a.timepoints.map(({ id, target, nonTarget, newLesions, overall }) => ({ id, target, nonTarget, newLesions, overall })),
  bor: a.bestOverallResponse,
  progressionDate: a.progressionDate,
});

const parse = (json: unknown) => parseCaseFile(json, 'case.json');

describe('criteria invariants', () => {
  it('scaling every measurement by a whole factor changes no call', () => {
    fc.assert(
      fc.property(generatedArb, fc.integer({ min: 2, max: 7 }), (g, k) => {
        // A case file holds diameters of at most 1,000 mm (physical sense); scaled cases beyond it are refused.
        const largestTenths = Math.max(0, ...g.targets.flatMap((t) => [...t.long.filter((v): v is number => v !== 'NE'), ...t.perp]));
        fc.pre((k * largestTenths) / 10 <= 1000);
        expect(calls(assess(parse(caseJson(toSpec(g, k)))))).toEqual(calls(assess(parse(caseJson(toSpec(g))))));
      }),
      { numRuns: 300 },
    );
  });

  it('the order of lesions in the file does not matter', () => {
    fc.assert(
      fc.property(generatedArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }), (g, keys) => {
        const json = caseJson(toSpec(g)) as { lesions: unknown[] };
        const shuffled = { ...json, lesions: json.lesions.map((l, i) => ({ l, key: keys[i % keys.length] + i * 1e-9 })).sort((a, b) => a.key - b.key).map((x) => x.l) };
        const a = assess(parse(json));
        const b = assess(parse(shuffled));
        expect(calls(b)).toEqual(calls(a));
        expect(b.timepoints.map((t) => [t.targetSum, t.changeFromBaselinePct, t.changeFromNadirPct])).toEqual(
          a.timepoints.map((t) => [t.targetSum, t.changeFromBaselinePct, t.changeFromNadirPct]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('nothing after the first PD changes the best overall response (classifier)', () => {
    const cat = fc.constantFrom<ResponseCategory>('CR', 'PR', 'SD', 'PD', 'NE');
    fc.assert(
      fc.property(fc.array(cat, { minLength: 1, maxLength: 8 }), fc.array(cat, { minLength: 8, maxLength: 8 }), fc.boolean(), (seq, replacement, confirm) => {
        const pd = seq.indexOf('PD');
        fc.pre(pd >= 0);
        const charter = resolveCharter({ requireConfirmation: confirm }, 'mrecist', 'test');
        const dated = (s: ResponseCategory[]) => s.map((overall, i) => ({ id: `F${i + 1}`, date: dateAt(30 * (i + 1)), day: 30 * (i + 1), overall }));
        const altered = seq.map((c, i) => (i > pd ? replacement[i] : c));
        const date = dateAt(30 * (pd + 1));
        expect(classifyBestOverallResponse(dated(altered), date, charter).category).toBe(
          classifyBestOverallResponse(dated(seq), date, charter).category,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('nothing after the first PD changes the best overall response or progression date (assess)', () => {
    fc.assert(
      fc.property(generatedArb, fc.integer({ min: 0, max: 600 }), (g, later) => {
        const a = assess(parse(caseJson(toSpec(g))));
        const pd = a.timepoints.findIndex((t) => t.overall === 'PD');
        fc.pre(pd >= 0);
        // Rewrite every target after the first PD timepoint (index pd + 1 in the value arrays) to `later`,
        // including a complete response (0) when later < 100.
        const altered: Generated = {
          ...g,
          targets: g.targets.map((t) => ({ ...t, long: t.long.map((v, i) => (i > pd + 1 ? (later < 100 ? 0 : later) : v)) })),
          nonTargets: g.nonTargets.map((s) => s.map((v, i) => (i > pd + 1 ? 'absent' : v))),
        };
        const b = assess(parse(caseJson(toSpec(altered))));
        expect([b.bestOverallResponse, b.progressionDate]).toEqual([a.bestOverallResponse, a.progressionDate]);
      }),
      { numRuns: 200 },
    );
  });
});
