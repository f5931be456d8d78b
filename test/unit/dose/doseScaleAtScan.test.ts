import { MS_PER_DAY } from '../../../extensions/mrecist/src/core/dose/decay';
import { doseScaleAtScan } from '../../../extensions/mrecist/src/core/dose/doseScaleAtScan';

const I125_HALF_LIFE_DAYS = 59.4;
const IMPLANT = Date.UTC(2019, 4, 6);

describe('share of the final dose delivered by a scan date (1 − e^(−t/τ))', () => {
  it.each([
    [0, 0],
    [I125_HALF_LIFE_DAYS, 0.5],
    [2 * I125_HALF_LIFE_DAYS, 0.75],
    [10 * I125_HALF_LIFE_DAYS, 1 - 2 ** -10],
  ])('%s days after the implant: %s', (days, expected) => {
    const at = doseScaleAtScan(I125_HALF_LIFE_DAYS, IMPLANT, IMPLANT + days * MS_PER_DAY);
    expect(at.kind).toBe('delivered');
    expect(at.scale).toBeCloseTo(expected, 12);
  });

  it('a scan before the implant has no dose; an unknown date keeps the full-decay scale', () => {
    expect(doseScaleAtScan(I125_HALF_LIFE_DAYS, IMPLANT, IMPLANT - MS_PER_DAY)).toEqual({ kind: 'beforeImplant', scale: 0 });
    expect(doseScaleAtScan(I125_HALF_LIFE_DAYS, undefined, IMPLANT)).toEqual({ kind: 'unknownDate', scale: 1 });
    expect(doseScaleAtScan(I125_HALF_LIFE_DAYS, IMPLANT, undefined)).toEqual({ kind: 'unknownDate', scale: 1 });
  });
});
