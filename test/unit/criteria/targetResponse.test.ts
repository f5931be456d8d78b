/**
 * Target response rules and boundaries (response-criteria.md sections 2.3, 3, 4), through assess().
 * Expected categories are worked by hand from the document's inequalities, in tenths of a mm.
 */
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import type { CriteriaName } from '../../../extensions/mrecist/src/core/criteria/types';
import { buildCase, type TargetValue } from './caseBuilder';

/** One target, values at BL, F1, F2... (30 days apart); returns the call at each follow-up. */
function calls(values: TargetValue[], criteria: CriteriaName = 'mrecist', options = {}) {
  const c = buildCase({
    criteria,
    days: values.map((_, i) => i * 30),
    targets: [{ id: 'T1', values }],
    options,
  });
  return assess(c).timepoints.map((t) => t.target);
}

describe('mRECIST target response: PR against baseline, PD against nadir', () => {
  it.each([
    // [values BL, F1, ...], expected at the last timepoint, why
    [[38, 26.6], 'PR', 'exactly -30.0% from baseline is PR (10*266 = 7*380)'],
    [[38, 26.7], 'SD', '-29.7% is not PR'],
    [[40, 28], 'PR', 'exactly -30.0%'],
    [[40, 28.1], 'SD', '-29.75% rounds to -29.8% and is SD'],
    [[20, 24], 'PD', 'exactly +20.0% from nadir (baseline) is PD'],
    [[20, 23.9], 'SD', '+19.5% is SD'],
    [[40, 25, 28], 'PR', 'PR is against baseline (-30.0%) even though +12% over the nadir 25'],
    [[40, 20, 24], 'PD', 'PD is against the nadir 20 (+20.0%) although -40% from baseline'],
    [[40, 20, 23.9], 'PR', '+19.5% over the nadir is not PD; -40.25% from baseline is PR'],
    [[40, 0], 'CR', 'viable sum 0 is CR'],
    [[40, 0, 0], 'CR', '0 after a zero nadir is not PD'],
    [[40, 0, 0.1], 'PD', 'any reappearance after a zero nadir is PD (S > N, no percentage)'],
    [[40, 0, 0.04], 'CR', '0.04 mm rounds to 0 tenths: still CR'],
    [[40, 40], 'SD', 'unchanged is SD'],
    [[33, 23.1], 'PR', 'exactly -30.0%, where a float percentage gives -29.999999999999993'],
    [[5.5, 6.6], 'PD', 'exactly +20.0%, where a float percentage gives 19.999999999999993'],
  ])('%j -> %s (%s)', (values, expected) => {
    expect(calls(values as TargetValue[]).at(-1)).toBe(expected);
  });

  it('writes the trail in tumour-board words, with exact one-decimal percentages', () => {
    const c = buildCase({ days: [0, 30], targets: [{ id: 'T1', values: [38, 25] }] });
    const tp = assess(c).timepoints[0];
    expect(tp.trace[0]).toBe('viable sum 25.0 mm, -34.2% from baseline 38.0 mm: PR');
    expect(tp).toMatchObject({ targetSum: 25, changeFromBaselinePct: -34.2, changeFromNadirPct: -34.2 });
  });

  it('explains PD against the nadir, SD with both references, and reappearance after a zero nadir', () => {
    const c = buildCase({ days: [0, 30, 60, 90, 120], targets: [{ id: 'T1', values: [40, 20, 24, 0, 5] }] });
    const trail = assess(c).timepoints.map((t) => t.trace[0]);
    expect(trail[1]).toBe('viable sum 24.0 mm, +20.0% from nadir 20.0 mm at F1 (+4.0 mm): PD');
    expect(trail[2]).toBe('viable sum 0.0 mm: no intratumoral arterial enhancement in any target: CR');
    expect(trail[3]).toBe('viable sum 5.0 mm, up from the nadir 0.0 mm at F3 (+5.0 mm), reappearance after a zero nadir: PD');
    const sd = buildCase({ days: [0, 30, 60], targets: [{ id: 'T1', values: [38, 30, 33] }] });
    expect(assess(sd).timepoints[1].trace[0]).toBe(
      'viable sum 33.0 mm, -13.2% from baseline 38.0 mm (PR needs -30.0%), +10.0% from nadir 30.0 mm at F1 (PD needs +20.0%): SD',
    );
  });

  it('reports changeFromNadirPct as null when the nadir is 0', () => {
    const c = buildCase({ days: [0, 30, 60], targets: [{ id: 'T1', values: [40, 0, 3] }] });
    expect(assess(c).timepoints[1]).toMatchObject({ target: 'PD', changeFromNadirPct: null, changeFromBaselinePct: -92.5 });
  });
});

describe('absolute-increase floor', () => {
  it.each([
    ['recist1.1', {}, [20, 24], 'SD', '+20% but +4.0 mm < default 5 mm floor'],
    ['recist1.1', {}, [20, 25], 'PD', '+25% and exactly +5.0 mm'],
    ['recist1.1', { absoluteIncreaseMm: 0 }, [20, 24], 'PD', 'floor switched off by the charter'],
    ['mrecist', {}, [20, 24], 'PD', 'mRECIST default floor is 0'],
    ['mrecist', { absoluteIncreaseMm: 5 }, [20, 24], 'SD', 'charter floor 5 mm under mRECIST'],
    ['mrecist', { absoluteIncreaseMm: 5 }, [40, 0, 4.9], 'PR', 'zero nadir, +4.9 mm < floor: not PD; not 0: not CR; -87.75%: PR'],
    ['mrecist', { absoluteIncreaseMm: 5 }, [40, 0, 5], 'PD', 'zero nadir, +5.0 mm meets the floor'],
  ])('%s %j %j -> %s (%s)', (criteria, options, values, expected, _why) => {
    expect(calls(values as TargetValue[], criteria as CriteriaName, options).at(-1)).toBe(expected);
  });

  it('names the floor in the trail when only the floor prevents PD', () => {
    const c = buildCase({ criteria: 'recist1.1', days: [0, 30], targets: [{ id: 'T1', values: [20, 24] }] });
    expect(assess(c).timepoints[0].trace[0]).toBe(
      'sum of diameters 24.0 mm, +20.0% from baseline 20.0 mm (PR needs -30.0%), +20.0% from nadir 20.0 mm at BL but only +4.0 mm (PD needs +5.0 mm): SD',
    );
  });
});

describe('not-evaluable targets and the nadir', () => {
  const two = (f1: [TargetValue, TargetValue], f2?: [TargetValue, TargetValue]) =>
    buildCase({
      days: f2 ? [0, 30, 60] : [0, 30],
      targets: [
        { id: 'T1', values: [20, f1[0], ...(f2 ? [f2[0]] : [])] },
        { id: 'T2', values: [20, f1[1], ...(f2 ? [f2[1]] : [])] },
      ],
    });

  it('is NE when a target is not evaluable and the rest do not reach PD', () => {
    const tp = assess(two([30, 'NE'])).timepoints[0];
    expect(tp).toMatchObject({ target: 'NE', targetSum: null, changeFromBaselinePct: null, overall: 'NE' });
    expect(tp.trace[0]).toBe(
      'T2 not evaluable; the evaluable targets alone sum 30.0 mm, not enough for PD over the nadir 40.0 mm at BL: NE',
    );
  });

  it('is NE when a measurement is missing for that timepoint', () => {
    expect(assess(two([30, null])).timepoints[0].target).toBe('NE');
  });

  it('is PD when the evaluable targets alone meet PD (exactly +20.0%)', () => {
    expect(assess(two([48, 'NE'])).timepoints[0].target).toBe('PD');
    expect(assess(two([47.9, 'NE'])).timepoints[0].target).toBe('NE');
  });

  it('keeps partially evaluated timepoints out of the nadir', () => {
    // F1 partial sum 10 would be a nadir under which F2 (26, -35% from baseline) is +160%: it must be PR.
    const a = assess(two([10, 'NE'], [13, 13]));
    expect(a.timepoints.map((t) => t.target)).toEqual(['NE', 'PR']);
    expect(a.timepoints[1].changeFromNadirPct).toBe(-35);
  });

  it('does count fully evaluated timepoints towards the nadir', () => {
    expect(assess(two([5, 5], [6, 6])).timepoints.map((t) => t.target)).toEqual(['PR', 'PD']);
  });
});

describe('EASL: products of viable diameters, -50% / +25%', () => {
  const easl = (...m: [number, number][]) =>
    assess(
      buildCase({
        criteria: 'easl',
        days: m.map((_, i) => i * 30),
        targets: [{ id: 'T1', values: m.map(([l, p]) => ({ viableLongAxisMm: l, viablePerpendicularMm: p })) }],
      }),
    ).timepoints;

  it.each([
    [[[40, 30], [20, 30]], 'PR', 'exactly -50.0% (2*60000 = 120000)'],
    [[[40, 30], [20.1, 30]], 'SD', '-49.75%'],
    [[[20, 30], [25, 30]], 'PD', 'exactly +25.0% over the nadir'],
    [[[20, 30], [24.9, 30]], 'SD', '+24.5%'],
    [[[40, 30], [20, 30], [25, 30]], 'PD', '+25% over the nadir 600 mm², although -37.5% from baseline'],
    [[[40, 30], [0, 0]], 'CR', 'no enhancing tissue'],
    [[[10, 10], [11, 11.4]], 'PD', '+25.4%: EASL has no absolute floor'],
  ])('%j -> %s (%s)', (m, expected) => {
    expect(easl(...(m as [number, number][])).at(-1)?.target).toBe(expected);
  });

  it('reports the sum in mm² and the trail in products', () => {
    const tp = easl([40, 30], [20, 30])[0];
    expect(tp.targetSum).toBe(600);
    expect(tp.trace[0]).toBe('viable sum of products 600.00 mm², -50.0% from baseline 1200.00 mm²: PR');
  });

  it('ignores a charter floor (EASL products have none)', () => {
    const c = buildCase({
      criteria: 'easl',
      days: [0, 30],
      options: { absoluteIncreaseMm: 5 },
      targets: [{ id: 'T1', values: [{ viableLongAxisMm: 10, viablePerpendicularMm: 10 }, { viableLongAxisMm: 11, viablePerpendicularMm: 11.4 }] }],
    });
    expect(assess(c).timepoints[0].target).toBe('PD');
  });

  it('asks for the perpendicular when the viable tissue has one', () => {
    const c = buildCase({ criteria: 'mrecist', days: [0, 30], targets: [{ id: 'T1', values: [20, 10] }] });
    expect(() => assess(c, 'easl')).toThrow(
      'case.json: lesions[0].measurements.BL.viablePerpendicularMm: required for easl (viable long axis x perpendicular)',
    );
  });
});

describe('RECIST 1.1: long axes, node short axes and the node CR rule', () => {
  const recist = (nodeF1: number, nonNodalF1: number) =>
    assess(
      buildCase({
        criteria: 'recist1.1',
        days: [0, 30],
        targets: [
          { id: 'T1', values: [20, nonNodalF1] },
          { id: 'L1', node: true, site: 'lymph node hilar', values: [15, nodeF1] },
        ],
      }),
    ).timepoints[0];

  it('is CR when non-nodal targets are gone and nodes are under 10 mm, although the sum is above 0', () => {
    expect(recist(9.9, 0)).toMatchObject({ target: 'CR', targetSum: 9.9 });
  });

  it('is not CR with a node at 10.0 mm short axis', () => {
    expect(recist(10, 0).target).toBe('PR');
  });

  it('uses the whole-lesion long axis, not the viable one', () => {
    const c = buildCase({
      criteria: 'recist1.1',
      days: [0, 30],
      targets: [{ id: 'T1', values: [{ longAxisMm: 40, viableLongAxisMm: 38 }, { longAxisMm: 39, viableLongAxisMm: 0 }] }],
    });
    expect(assess(c).timepoints[0]).toMatchObject({ target: 'SD', targetSum: 39 });
    expect(assess(c, 'mrecist').timepoints[0]).toMatchObject({ target: 'CR', targetSum: 0 });
  });
});
