/**
 * DICOM DA and TM values (PS3.5 §6.2: "YYYYMMDD", "HHMMSS.FFFFFF") as calendar days and seconds, on top of the
 * criteria's ISO calendar (core/criteria/calendarDate), so the viewer and the criteria count days one way. Timepoint intervals are whole days between
 * study dates, computed in UTC so no time zone or daylight-saving change can shift a count by one.
 */

import { epochDay } from '../criteria/calendarDate';

const DA_PATTERN = /^(\d{4})(\d{2})(\d{2})$/;

/** Days since 1970-01-01 of a DA value, or null if it is absent or not a real calendar date (20240231 is not). */
export function dicomDateToEpochDay(da: unknown): number | null {
  if (typeof da !== 'string') return null;
  const match = DA_PATTERN.exec(da.trim());
  return match ? epochDay(`${match[1]}-${match[2]}-${match[3]}`) : null;
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
