/**
 * Which number each criterion reads from a target measurement, as an exact integer:
 *   mRECIST: viable (arterially enhancing) long axis; node targets by short axis (section 2.2).
 *   RECIST 1.1: long axis; node targets by short axis (section 3).
 *   EASL: viable long axis x viable perpendicular, in hundredths of mm² (section 4).
 */
import { CriteriaInputError } from '../errors';
import { toTenthsMm } from './fixedPoint';
import type { CriteriaName, MeasuredValues, MeasurementField, TargetLesion } from './types';

export function targetQuantity(
  lesion: TargetLesion,
  m: MeasuredValues,
  criteria: CriteriaName,
  where: { source: string; path: string },
): number {
  const need = (field: MeasurementField, why: string): number => {
    const value = m[field];
    if (value === undefined) throw new CriteriaInputError(where.source, `${where.path}.${field}`, `required ${why}`);
    return value;
  };
  if (criteria === 'easl') {
    const longAxis = toTenthsMm(need('viableLongAxisMm', 'for easl (viable long axis x perpendicular)'));
    // No viable tissue left: the product is 0 whether or not a perpendicular was recorded.
    if (longAxis === 0) return 0;
    return longAxis * toTenthsMm(need('viablePerpendicularMm', 'for easl (viable long axis x perpendicular)'));
  }
  if (lesion.node === true) return toTenthsMm(need('shortAxisMm', `for a node target under ${criteria}`));
  if (criteria === 'mrecist') return toTenthsMm(need('viableLongAxisMm', 'for mrecist'));
  return toTenthsMm(need('longAxisMm', 'for recist1.1'));
}
