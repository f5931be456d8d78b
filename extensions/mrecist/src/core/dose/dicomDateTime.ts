/**
 * DICOM DA (YYYYMMDD) and TM (HHMMSS.FFFFFF, components optional from the right) to epoch milliseconds.
 * DICOM dates carry no time zone; we read them as UTC, which cannot move an I-125 decay factor by more than
 * e^(−ln2·14 h / 59.4 d) ≈ 0.7% and is the same shift for every seed [project rule].
 */
export function dicomDateToMs(da: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return ms;
}

export function dicomTimeToMs(tm: string): number | undefined {
  const m = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(tm.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  const s = Number(m[3] ?? 0);
  if (h > 23 || min > 59 || s > 60) return undefined;
  const frac = m[4] ? Number(`0.${m[4]}`) : 0;
  return ((h * 60 + min) * 60 + s + frac) * 1000;
}

/** "YYYY-MM-DD" (ISO date, command-line use) to epoch ms at 00:00 UTC. */
export function isoDateToMs(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? dicomDateToMs(`${m[1]}${m[2]}${m[3]}`) : undefined;
}

export function msToDicomDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

export function msToDicomTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19).replace(/:/g, '');
}
