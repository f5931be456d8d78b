/**
 * Beta quantile, Clopper-Pearson intervals and Kaplan-Meier against independent references:
 * closed forms, values from SciPy 1.17.1 (scipy.stats.beta.ppf / binomtest(...).proportion_ci('exact'),
 * which equal R's binom.test), and hand-worked survival tables.
 */
import { betaQuantile, logGamma, regularizedIncompleteBeta } from '../../../extensions/mrecist/src/core/criteria/cohort/betaQuantile';
import { clopperPearson } from '../../../extensions/mrecist/src/core/criteria/cohort/clopperPearson';
import { kaplanMeier, medianOf } from '../../../extensions/mrecist/src/core/criteria/cohort/kaplanMeier';
import { timepointNearDay } from '../../../extensions/mrecist/src/core/criteria/cohort/timepointNearDay';

describe('beta distribution', () => {
  it('matches ln Gamma at known points', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
  });

  it.each([
    [0.3, 2, 5, 0.579825],
    [0.3, 19, 3, 1.2482688155579992e-8],
    [0.3, 0.5, 0.5, 0.36901011956554536],
    [0.42, 200, 300, 0.8196010664172663],
  ])('I_%s(%s, %s) = %s (SciPy)', (x, a, b, expected) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(expected, 10);
  });

  it('matches the closed form I_x(1, b) = 1 - (1 - x)^b', () => {
    for (const [x, b] of [[0.1, 3], [0.5, 7], [0.9, 2.5]]) {
      expect(regularizedIncompleteBeta(x, 1, b)).toBeCloseTo(1 - (1 - x) ** b, 13);
    }
  });

  it.each([
    [0.025, 19, 3, 0.6962255930860758],
    [0.975, 20, 2, 0.9882506821155542],
    [0.025, 1, 10, 0.0025285785444617848],
    [0.5, 2, 5, 0.26444998329566005],
    [0.3, 0.5, 0.5, 0.2061073738537634],
    [0.975, 12, 10, 0.7428693735935925],
    [0.975, 200, 300, 0.44325729803373687],
  ])('quantile %s of Beta(%s, %s) = %s (SciPy)', (p, a, b, expected) => {
    expect(betaQuantile(p, a, b)).toBeCloseTo(expected, 10);
  });
});

describe('Clopper-Pearson exact intervals', () => {
  it.each([
    [19, 21, 0.6962255930860888, 0.9882506821155497],
    [21, 21, 0.8389023847809204, 1],
    [12, 21, 0.34020630928001305, 0.7818031431148698],
    [17, 19, 0.668623335543234, 0.9869878356282223],
    [0, 10, 0, 0.30849710781876294],
    [1, 1, 0.025, 1],
    [50, 100, 0.39832112950330095, 0.6016788704966991],
  ])('%s/%s -> [%s, %s]', (x, n, lo, hi) => {
    const p = clopperPearson(x, n);
    expect(p.ci?.[0]).toBeCloseTo(lo, 10);
    expect(p.ci?.[1]).toBeCloseTo(hi, 10);
  });

  it('has the closed forms at x = 0 and x = n', () => {
    expect(clopperPearson(0, 7).ci?.[1]).toBeCloseTo(1 - 0.025 ** (1 / 7), 12);
    expect(clopperPearson(7, 7).ci?.[0]).toBeCloseTo(0.025 ** (1 / 7), 12);
  });

  it('returns no interval for an empty group and rejects impossible counts', () => {
    expect(clopperPearson(0, 0)).toMatchObject({ rate: null, ci: null });
    expect(() => clopperPearson(3, 2)).toThrow('clopperPearson: need whole numbers 0 <= x <= n, got x=3, n=2');
  });
});

describe('Kaplan-Meier', () => {
  it('follows the product-limit estimate worked by hand', () => {
    // Times 3, 5+, 7, 7, 9+, 11: S(3) = 5/6; at 7, 4 at risk, 2 events: 5/6 * 2/4 = 5/12; at 11: 0.
    const km = kaplanMeier([
      { days: 3, progressed: true },
      { days: 5, progressed: false },
      { days: 7, progressed: true },
      { days: 7, progressed: true },
      { days: 9, progressed: false },
      { days: 11, progressed: true },
    ]);
    expect(km.steps.map((s) => [s.days, s.atRisk, s.events, s.censored])).toEqual([
      [3, 6, 1, 0],
      [5, 5, 0, 1],
      [7, 4, 2, 0],
      [9, 2, 0, 1],
      [11, 1, 1, 0],
    ]);
    expect(km.steps.map((s) => s.survival)).toEqual([5 / 6, 5 / 6, 5 / 12, 5 / 12, 0]);
    expect(km.medianDays).toBe(7);
  });

  it('takes the median where the estimate reaches exactly one half', () => {
    // 4 patients, events at 10 and 20: S = 3/4 then 1/2 exactly.
    const km = kaplanMeier([10, 20, 30, 40].map((days, i) => ({ days, progressed: i < 2 })));
    expect(km.medianDays).toBe(20);
  });

  it('decides one half exactly where floating point would not ((1 - 1/3)(1 - 1/4) = 1/2)', () => {
    const obs = [
      { days: 1, progressed: false },
      { days: 2, progressed: true },
      { days: 3, progressed: false },
      { days: 3, progressed: false },
      { days: 4, progressed: true },
      { days: 5, progressed: false },
    ];
    // at 2: 5 at risk -> 4/5; at 4: 2 at risk -> 4/5 * 1/2 = 2/5. Median 4.
    expect(kaplanMeier(obs).medianDays).toBe(4);
    const third = [{ days: 1, progressed: true }, { days: 2, progressed: true }, ...[5, 6].map((d) => ({ days: d, progressed: false }))];
    expect(kaplanMeier(third).medianDays).toBe(2);
  });

  it('reports "not reached" as null when censoring keeps the estimate above one half', () => {
    expect(kaplanMeier([{ days: 5, progressed: true }, { days: 6, progressed: false }, { days: 7, progressed: false }]).medianDays).toBeNull();
  });

  it('gives the plain median of observed values', () => {
    expect(medianOf([210, 232, 250, 264, 301, 340, 395])).toBe(264);
    expect(medianOf([1, 2, 3, 10])).toBe(2.5);
    expect(medianOf([])).toBeNull();
  });
});

describe('timepointNearDay', () => {
  const tps = [30, 61, 122, 175, 190, 273].map((day) => ({ day }));
  it.each([
    [182, 30, 175],
    [186, 30, 190],
    [182, 7, 175],
    [182, 6, null],
    [182.5, 30, 175],
    [100, 10, null],
  ])('day %s +/- %s -> %s', (at, window, expected) => {
    expect(timepointNearDay(tps, at, window)?.day ?? null).toBe(expected);
  });

  it('takes the earlier assessment on a tie', () => {
    expect(timepointNearDay([{ day: 188 }, { day: 176 }], 182, 30)?.day).toBe(176);
  });
});
