/** ISO calendar dates (YYYY-MM-DD) as whole days, without time zones: the criteria count days between scans. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid ISO date, or null when the text is not a real calendar date. */
export function epochDay(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2019-02-30 over into March; a real date survives the round trip unchanged.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** Whole days from `from` to `to` (positive when `to` is later). Both must be valid; callers validated them. */
export function daysBetween(from: string, to: string): number {
  const a = epochDay(from);
  const b = epochDay(to);
  if (a === null || b === null) throw new Error(`daysBetween: invalid date ${a === null ? from : to}`);
  return b - a;
}
