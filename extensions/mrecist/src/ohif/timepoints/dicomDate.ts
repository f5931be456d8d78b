/**
 * DICOM DA values (PS3.5 §6.2: "YYYYMMDD") as calendar days. Timepoint intervals are whole days between
 * study dates, computed in UTC so no time zone or daylight-saving change can shift a count by one.
 */

const DA_PATTERN = /^(\d{4})(\d{2})(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a DA value, or null if it is absent or not a real calendar date. */
export function dicomDateToEpochDay(da: unknown): number | null {
  if (typeof da !== 'string') return null;
  const match = DA_PATTERN.exec(da.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 20240231 over to March 2: reject instead of silently moving the study.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** "2024-03-05" for a DA "20240305"; null when the value is not a valid date. */
export function dicomDateToIso(da: unknown): string | null {
  if (dicomDateToEpochDay(da) === null) return null;
  const s = (da as string).trim();
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** Seconds since midnight of a DICOM TM value ("HHMMSS.FFFFFF", components optional from the right). */
export function dicomTimeToSeconds(tm: unknown): number | null {
  if (typeof tm !== 'string') return null;
  const match = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/.exec(tm.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const seconds = Number(match[3] ?? 0) + Number(match[4] ?? 0);
  if (hours > 23 || minutes > 59 || seconds >= 61) return null;
  return hours * 3600 + minutes * 60 + seconds;
}
