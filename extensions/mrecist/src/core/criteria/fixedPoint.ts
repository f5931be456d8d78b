/**
 * Exact arithmetic for the response thresholds (response-criteria.md section 2.3): every diameter becomes an
 * integer number of tenths of a millimetre, every EASL product an integer number of hundredths of mm², and all
 * threshold tests compare integers. Percentages exist only for display, rounded to one decimal from integers.
 */

/** Diameter in mm to integer tenths of a mm, as the document prescribes (`Math.round(mm * 10)`). */
export function toTenthsMm(mm: number): number {
  return Math.round(mm * 10);
}

/** Tenths of a mm as "25.0 mm". */
export function formatTenthsMm(tenths: number): string {
  return `${formatFixed(tenths, 1)} mm`;
}

/** Hundredths of mm² as "1140.00 mm²". */
export function formatHundredthsMm2(hundredths: number): string {
  return `${formatFixed(hundredths, 2)} mm²`;
}

/** An integer scaled by 10^decimals, printed with that many decimals, without floating-point formatting. */
export function formatFixed(scaled: number, decimals: number): string {
  if (!Number.isSafeInteger(scaled)) throw new Error(`formatFixed: ${scaled} is not a safe integer`);
  const negative = scaled < 0;
  const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}

/**
 * Change from `reference` to `value` in tenths of a percent, rounded half away from zero, computed from
 * integers only; null when the reference is 0 (the percentage is undefined, section 2.3).
 */
export function percentChangeTenths(value: number, reference: number): number | null {
  if (reference === 0) return null;
  const numerator = (value - reference) * 1000;
  const magnitude = Math.floor((2 * Math.abs(numerator) + reference) / (2 * reference));
  return numerator < 0 ? -magnitude : magnitude;
}

/** Tenths of a percent as "-34.2%" / "+21.1%" / "0.0%". */
export function formatPercentTenths(tenths: number): string {
  const sign = tenths > 0 ? '+' : '';
  return `${sign}${formatFixed(tenths, 1)}%`;
}

/** Tenths of a percent as the number the JSON output carries (-34.2). */
export function percentTenthsToNumber(tenths: number | null): number | null {
  return tenths === null ? null : tenths / 10;
}
