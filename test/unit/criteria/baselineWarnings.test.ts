/** Baseline target-selection warnings (sections 2.1 and 3). */
import { baselineWarnings } from '../../../extensions/mrecist/src/core/criteria/baselineWarnings';
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import type { CriteriaName } from '../../../extensions/mrecist/src/core/criteria/types';
import { buildCase, type TargetSpec } from './caseBuilder';

const codes = (targets: TargetSpec[], criteria: CriteriaName = 'mrecist', sliceThicknessMm?: number) =>
  baselineWarnings(buildCase({ criteria, days: [0], targets, sliceThicknessMm }), criteria).map((w) => [w.lesionId ?? null, w.code]);

const liver = (id: string, mm = 30, site = 'liver S8'): TargetSpec => ({ id, site, values: [mm] });

describe('baselineWarnings', () => {
  it('accepts 5 targets, 2 per organ', () => {
    expect(codes([liver('T1'), liver('T2', 30, 'liver S2'), liver('T3', 30, 'lung RUL'), liver('T4', 30, 'lung left'), liver('T5', 30, 'adrenal')])).toEqual([]);
  });

  it('warns about more than 5 targets and more than 2 per organ (all liver segments one organ)', () => {
    const six = ['liver S2', 'liver S3', 'lung', 'bone', 'adrenal', 'spleen'].map((site, i) => liver(`T${i + 1}`, 30, site));
    expect(codes(six)).toEqual([[null, 'too-many-targets']]);
    expect(codes([liver('T1', 30, 'liver S2'), liver('T2', 30, 'liver S5'), liver('T3', 30, 'caudate lobe')])).toEqual([[null, 'too-many-targets-in-organ']]);
  });

  it('groups all nodes as one organ', () => {
    const nodes = ['hilar', 'porta hepatis', 'para-aortic'].map((site, i): TargetSpec => ({ id: `N${i + 1}`, site, node: true, values: [25] }));
    const w = baselineWarnings(buildCase({ criteria: 'recist1.1', days: [0], targets: nodes }), 'recist1.1');
    expect(w.map((x) => x.message)).toEqual(['3 targets in lymph nodes (N1, N2, N3); at most 2 per organ are allowed']);
  });

  it.each([
    [10, undefined, false],
    [9.9, undefined, true],
    [11.9, 6, true],
    [12, 6, false],
    [10, 4, false],
  ])('target of %s mm with slice thickness %s mm -> warning %s', (mm, slice, warned) => {
    expect(codes([liver('T1', mm as number)], 'mrecist', slice as number | undefined).length > 0).toBe(warned);
  });

  it('words the slice-thickness rule', () => {
    const w = baselineWarnings(buildCase({ days: [0], targets: [liver('T1', 11)], sliceThicknessMm: 7.5 }));
    expect(w[0].message).toBe('T1: viable long axis 11.0 mm at baseline is under 15.0 mm (twice the 7.5 mm slice thickness)');
  });

  it('checks node targets by short axis: 15 mm, porta hepatis 20 mm under mRECIST', () => {
    const node = (site: string, mm: number): TargetSpec => ({ id: 'N1', site, node: true, values: [mm] });
    expect(codes([node('porta hepatis', 19.9)])).toEqual([['N1', 'porta-hepatis-node-too-small']]);
    expect(codes([node('porta hepatis', 20)])).toEqual([]);
    expect(codes([node('porta hepatis', 19.9)], 'recist1.1')).toEqual([]);
    expect(codes([node('hilar', 14.9)], 'recist1.1')).toEqual([['N1', 'node-target-too-small']]);
    expect(codes([node('hilar', 15)], 'recist1.1')).toEqual([]);
  });

  it('warns about an mRECIST target without arterial enhancement, only when recorded as false', () => {
    expect(codes([{ ...liver('T1'), arteriallyEnhancing: false }])).toEqual([['T1', 'target-not-arterially-enhancing']]);
    expect(codes([{ ...liver('T1'), arteriallyEnhancing: true }])).toEqual([]);
    expect(codes([liver('T1')])).toEqual([]);
    expect(codes([{ ...liver('T1'), arteriallyEnhancing: false }], 'recist1.1')).toEqual([]);
  });

  it('warns about portal vein thrombosis as a target and treated RECIST 1.1 targets', () => {
    expect(codes([liver('T1', 30, 'right portal vein thrombus')])).toEqual([['T1', 'portal-vein-thrombosis-target']]);
    expect(codes([{ ...liver('T1'), treatment: 'seeds' }], 'recist1.1')).toEqual([['T1', 'treated-lesion-target']]);
  });

  it('puts the messages into the assessment', () => {
    const c = buildCase({ days: [0, 30], targets: [{ id: 'T1', values: [8, 8] }] });
    expect(assess(c).warnings).toEqual(['T1: viable long axis 8.0 mm at baseline is under 10.0 mm']);
  });
});
