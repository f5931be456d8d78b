/**
 * The grid engine's precomputed tables against the exact TG-43 evaluation: within 0.1% from 5 mm outwards (every
 * distance that matters for MPD, D90 and isodose lines), within 1% between 2 and 5 mm.
 */
import fc from 'fast-check';
import {
  buildLineDoseRateTable,
  buildPointDoseRateTable,
  lineTableDoseRatePerU,
  pointTableDoseRatePerU,
} from '../../../extensions/mrecist/src/core/dose/doseRateTable';
import { MODEL_6711 } from '../../../extensions/mrecist/src/core/dose/sources/model6711';
import { lineSourceDoseRatePerU, pointSourceDoseRatePerU } from '../../../extensions/mrecist/src/core/dose/tg43Lookup';

const line = buildLineDoseRateTable(MODEL_6711, 300);
const point = buildPointDoseRateTable(MODEL_6711, 300);

const lineRelError = (rMm: number, thetaDeg: number) => {
  const t = (thetaDeg * Math.PI) / 180;
  const table = lineTableDoseRatePerU(line, rMm * rMm, rMm * Math.cos(t));
  return Math.abs(table / lineSourceDoseRatePerU(MODEL_6711, rMm / 10, thetaDeg) - 1);
};

describe('dose-rate tables', () => {
  jest.setTimeout(60_000);
  it.each([
    [5, 300, 1e-3],
    [2, 5, 1e-2],
  ])('line2d from %s to %s mm: relative error below %s', (lo, hi, tol) => {
    fc.assert(
      fc.property(fc.double({ min: lo, max: hi, noNaN: true }), fc.double({ min: 0, max: 180, noNaN: true }), (r, theta) => {
        expect(lineRelError(r, theta)).toBeLessThan(tol);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([0, 0.5, 3, 4.05, 5, 10, 45, 89.9, 90, 135, 180])('line2d is accurate at θ = %s° on every tier (r = 12, 35, 80 mm)', (theta) => {
    for (const r of [12, 35, 80]) expect(lineRelError(r, theta)).toBeLessThan(1e-3);
  });

  it.each([
    [2, 300, 1e-4],
    [1, 2, 1e-3],
  ])('point1d from %s to %s mm: relative error below %s', (lo, hi, tol) => {
    fc.assert(
      fc.property(fc.double({ min: lo, max: hi, noNaN: true }), (r) => {
        expect(Math.abs(pointTableDoseRatePerU(point, r * r) / pointSourceDoseRatePerU(MODEL_6711, r / 10) - 1)).toBeLessThan(tol);
      }),
      { numRuns: 3000 },
    );
  });
});
