/** Non-target precedence and effusions (section 2.4), new lesions and backdating (section 2.5), no-target patients. */
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import type { CriteriaName, NewLesionAssessment, NonTargetStatus } from '../../../extensions/mrecist/src/core/criteria/types';
import { buildCase, type NewLesionSpec, type NonTargetSpec } from './caseBuilder';

describe('non-target response: PD, then NE, then IR/SD, then CR', () => {
  const nonTarget = (statuses: (NonTargetStatus | null)[], criteria: CriteriaName = 'mrecist', extra: Partial<NonTargetSpec>[] = []) =>
    assess(
      buildCase({
        criteria,
        days: [0, 30],
        targets: [{ id: 'T1', values: [30, 30] }],
        nonTargets: statuses.map((s, i) => ({ id: `NT${i + 1}`, statuses: ['present', s], ...extra[i] })),
      }),
    ).timepoints[0].nonTarget;

  it.each([
    [['absent', 'absent'], 'CR'],
    [['present', 'absent'], 'IR/SD'],
    [['notEvaluated', 'present'], 'NE'],
    [['notEvaluated', 'absent'], 'NE'],
    [[null, 'absent'], 'NE'],
    [['notEvaluated', 'unequivocalProgression'], 'PD'],
    [['absent', 'unequivocalProgression'], 'PD'],
    [['present', 'unequivocalProgression'], 'PD'],
  ])('%j -> %s', (statuses, expected) => {
    expect(nonTarget(statuses as NonTargetStatus[])).toBe(expected);
  });

  it('uses NonCR/NonPD under RECIST 1.1 and "none" without non-targets', () => {
    expect(nonTarget(['present'], 'recist1.1')).toBe('NonCR/NonPD');
    expect(nonTarget(['present'], 'easl')).toBe('IR/SD');
    expect(nonTarget([])).toBe('none');
  });

  it.each([
    [true, 'PD'],
    [false, 'IR/SD'],
    [undefined, 'IR/SD'],
  ])('effusion progressing with cytologyConfirmed %s -> %s', (cytologyConfirmed, expected) => {
    expect(nonTarget(['unequivocalProgression'], 'mrecist', [{ kind: 'effusion', cytologyConfirmed }])).toBe(expected);
  });

  it('explains an effusion without cytology in the trail', () => {
    const c = buildCase({
      days: [0, 30],
      targets: [{ id: 'T1', values: [30, 30] }],
      nonTargets: [{ id: 'NT1', kind: 'effusion', cytologyConfirmed: false, statuses: ['present', 'unequivocalProgression'] }],
    });
    expect(assess(c).timepoints[0].trace[1]).toBe(
      'non-target: NT1 (effusion) worsening without cytological proof, counted as present [project rule]: IR/SD',
    );
  });

  it('turns target CR with a persisting non-target into overall PR, and NE non-target likewise', () => {
    const overall = (s: NonTargetStatus) =>
      assess(buildCase({ days: [0, 30], targets: [{ id: 'T1', values: [30, 0] }], nonTargets: [{ id: 'NT1', statuses: ['present', s] }] }))
        .timepoints[0].overall;
    expect(overall('present')).toBe('PR');
    expect(overall('notEvaluated')).toBe('PR');
    expect(overall('absent')).toBe('CR');
    expect(overall('unequivocalProgression')).toBe('PD');
  });
});

describe('patients without target lesions [project rule]', () => {
  it.each([
    [['absent'], 'CR'],
    [['present'], 'SD'],
    [['notEvaluated'], 'NE'],
    [['unequivocalProgression'], 'PD'],
    [[], 'NE'],
  ])('non-targets %j -> overall %s with target NE', (statuses, expected) => {
    const c = buildCase({
      days: [0, 60],
      nonTargets: (statuses as NonTargetStatus[]).map((s, i) => ({ id: `NT${i + 1}`, statuses: ['present', s] })),
    });
    const tp = assess(c).timepoints[0];
    expect(tp.target).toBe('NE');
    expect(tp.targetSum).toBeNull();
    expect(tp.overall).toBe(expected);
  });
});

describe('new lesions', () => {
  const withNew = (lesion: Omit<NewLesionSpec, 'id'>, criteria: CriteriaName = 'mrecist', days = [0, 30, 60, 90]) =>
    assess(
      buildCase({
        criteria,
        days,
        targets: [{ id: 'T1', values: days.map(() => 30) }],
        newLesions: [{ id: 'N1', ...lesion }],
      }),
    );
  const at1 = (a: NewLesionAssessment, extra: Partial<NewLesionSpec> = {}, criteria: CriteriaName = 'mrecist') =>
    withNew({ appearsAt: 1, assessments: { 1: a }, ...extra }, criteria).timepoints[0].newLesions;

  it.each([
    [{ longAxisMm: 10, typicalHCC: true }, true, '10.0 mm with the typical pattern'],
    [{ longAxisMm: 9.9, typicalHCC: true }, false, 'under 10 mm: equivocal'],
    [{ longAxisMm: 25, typicalHCC: false }, false, 'atypical: equivocal'],
    [{ longAxisMm: 25, typicalHCC: false, unequivocal: true }, false, '"unequivocal" is not read under mRECIST'],
  ])('mRECIST intrahepatic %j -> counts %s (%s)', (a, expected, _why) => {
    expect(at1(a as NewLesionAssessment)).toBe(expected);
    expect(withNew({ appearsAt: 1, assessments: { 1: a as NewLesionAssessment } }, 'easl').timepoints[0].newLesions).toBe(expected);
  });

  it.each([
    [{ longAxisMm: 25, typicalHCC: true }, false, 'typical but not marked unequivocal'],
    [{ longAxisMm: 5, typicalHCC: false, unequivocal: true }, true, 'unequivocal decides'],
  ])('RECIST 1.1 %j -> counts %s (%s)', (a, expected, _why) => {
    expect(at1(a as NewLesionAssessment, {}, 'recist1.1')).toBe(expected);
  });

  it.each([
    ['hilar lymph node', 10, true],
    ['hilar lymph node', 9.9, false],
    ['porta hepatis node', 19.9, false],
    ['porta hepatis node', 20, true],
  ])('new node %s with short axis %s mm -> counts %s', (site, shortAxisMm, expected) => {
    expect(at1({ longAxisMm: 30, shortAxisMm, typicalHCC: false }, { node: true, site })).toBe(expected);
  });

  it('follows RECIST 1.1 for extrahepatic lesions under mRECIST', () => {
    expect(at1({ longAxisMm: 15, typicalHCC: false }, { site: 'lung RLL' })).toBe(false);
    expect(at1({ longAxisMm: 15, typicalHCC: false, unequivocal: true }, { site: 'lung RLL' })).toBe(true);
  });

  it('backdates PD to the first appearance of an equivocal lesion that later qualifies, without rewriting responses', () => {
    const a = withNew({ appearsAt: 1, assessments: { 1: { longAxisMm: 8, typicalHCC: true }, 2: { longAxisMm: 9, typicalHCC: true }, 3: { longAxisMm: 11, typicalHCC: true } } });
    expect(a.timepoints.map((t) => [t.newLesions, t.overall])).toEqual([
      [false, 'SD'],
      [false, 'SD'],
      [true, 'PD'],
    ]);
    expect(a.progressionDate).toBe(a.timepoints[0].date);
    expect(a.timepoints[2].trace).toContain(
      'new lesion N1 (liver S3): 11.0 mm, typical pattern (arterial hyperenhancement and washout): now qualifies: PD, progression backdated to its first appearance at F1 (2020-01-31)',
    );
    // Only timepoints before the progression date count: F1 itself (day 30) is not before it, so no SD by day 42.
    expect(a.bestOverallResponse).toBe('PD');
  });

  it('qualifies an equivocal lesion that grows by 10 mm over its first measurement, not by 9.9 mm', () => {
    const grown = (mm: number) =>
      withNew({ appearsAt: 1, assessments: { 1: { longAxisMm: 8, typicalHCC: false }, 2: { longAxisMm: mm, typicalHCC: false } } }).timepoints[1].newLesions;
    expect(grown(18)).toBe(true);
    expect(grown(17.9)).toBe(false);
  });

  it('keeps a qualified new lesion counting at later timepoints', () => {
    const a = withNew({ appearsAt: 1, assessments: { 1: { longAxisMm: 12, typicalHCC: true } } });
    expect(a.timepoints.map((t) => t.newLesions)).toEqual([true, true, true]);
  });
});

describe('radiation caveat (section 2.9)', () => {
  const caveat = (treatment: 'seeds' | 'tace' | undefined, day: number, value: number, criteria: CriteriaName = 'mrecist') =>
    assess(buildCase({ criteria, days: [0, day], targets: [{ id: 'T1', treatment, values: [30, value] }] }))
      .timepoints[0].trace.some((line) => line.startsWith('note: T1 treated with I-125 seeds'));

  it.each([
    ['seeds', 30, 25, 'mrecist', true],
    ['seeds', 183, 25, 'mrecist', true],
    ['seeds', 184, 25, 'mrecist', false],
    ['seeds', 30, 0, 'mrecist', false],
    ['tace', 30, 25, 'mrecist', false],
    [undefined, 30, 25, 'mrecist', false],
    ['seeds', 30, 25, 'easl', true],
    ['seeds', 30, 25, 'recist1.1', false],
  ])('treatment %s, day %s, viable %s mm, %s -> note %s', (treatment, day, value, criteria, expected) => {
    const c = criteria === 'easl' ? 'easl' : (criteria as CriteriaName);
    expect(caveat(treatment as 'seeds', day as number, value as number, c)).toBe(expected);
  });
});
