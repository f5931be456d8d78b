/**
 * DICOM DA, TM and DT values (PS3.5 §6.2, Table 6.2-1): parsing and formatting in one place, so the criteria,
 * the dose decay, the writers and the viewer's report versions read and write dates one way.
 *   DA "YYYYMMDD"; TM "HHMMSS.FFFFFF", components optional from the right (the fraction only after seconds);
 *   DT "YYYYMMDDHHMMSS.FFFFFF&ZZXX", components optional from the right, with an optional UTC offset.
 * DA and TM carry no time zone. Day counts and decay times read them as UTC, so no time zone or
 * daylight-saving change can move a count by one day; an I-125 decay factor moves by at most
 * e^(−ln2·14 h / 59.4 d) ≈ 0.7%, the same for every seed. Reports the viewer writes carry the reader's local
 * wall clock (what the reader saw when saving), formatted by the `local*` functions.
 */
import { epochDay } from '../criteria/calendarDate';

const DA_PATTERN = /^(\d{4})(\d{2})(\d{2})$/;
/** TM as PS3.5 writes it; the colon form ("HH:MM:SS") is the ACR-NEMA one some planning systems still send. */
const TM_PATTERN = /^(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,6}))?)?)?$/;
const TM_PATTERN_WITH_COLONS = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

// ---- DA ----

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

/** Epoch milliseconds at 00:00 UTC of a DA value; undefined when it is not a real calendar date. */
export function dicomDateToMs(da: string): number | undefined {
  const day = dicomDateToEpochDay(da);
  return day === null ? undefined : day * 86_400_000;
}

/** "YYYY-MM-DD" (ISO date, command-line use) to epoch ms at 00:00 UTC. */
export function isoDateToMs(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? dicomDateToMs(`${m[1]}${m[2]}${m[3]}`) : undefined;
}

/** DA of an instant, in UTC. */
export function msToDicomDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

// ---- TM ----

/**
 * Seconds since midnight of a TM value, or null when it is absent or malformed. `legacyColons` also accepts the
 * ACR-NEMA "HH:MM:SS" form (read from RT plans, not from the studies the criteria date).
 */
export function dicomTimeToSeconds(tm: unknown, options: { legacyColons?: boolean } = {}): number | null {
  if (typeof tm !== 'string') return null;
  const match = (options.legacyColons ? TM_PATTERN_WITH_COLONS : TM_PATTERN).exec(tm.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const seconds = Number(match[3] ?? 0) + (match[4] ? Number(`0.${match[4]}`) : 0);
  // 60 is a leap second (PS3.5 allows it).
  if (hours > 23 || minutes > 59 || seconds >= 61) return null;
  return hours * 3600 + minutes * 60 + seconds;
}

/** Milliseconds since midnight of a TM value (colon form accepted); undefined when malformed. */
export function dicomTimeToMs(tm: string): number | undefined {
  const s = dicomTimeToSeconds(tm, { legacyColons: true });
  return s === null ? undefined : s * 1000;
}

/** TM (HHMMSS) of an instant, in UTC. */
export function msToDicomTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19).replace(/:/g, '');
}

/** Today's date and the time of day (UTC) as DA and TM, for objects written without a fixed content date. */
export function dicomDateTimeNow(now: Date = new Date()): { date: string; time: string } {
  return { date: msToDicomDate(now.getTime()), time: msToDicomTime(now.getTime()) };
}

/** The reader's local DA and TM (with milliseconds, so two saves in one second still order). */
export function localDicomDateTime(d: Date): { date: string; time: string } {
  return {
    date: `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`,
    time: `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}000`,
  };
}

/** An instant as the local wall clock "YYYY-MM-DDTHH:MM:SS", comparable with `dicomDateTimeSortKey` output via `sortKeyToIso`. */
export function localIsoDateTime(instant: string): string {
  const d = new Date(instant);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

// ---- DA + TM pairs ----

/** "YYYYMMDDHHMMSS.ffffff" of a DA and TM as stored, so plain string comparison orders them (TM may omit seconds or the fraction). */
export function dicomDateTimeSortKey(da: string, tm: string): string {
  const [whole, fraction = ''] = tm.split('.');
  return `${da.padEnd(8, '0')}${whole.padEnd(6, '0')}.${fraction.padEnd(6, '0')}`;
}

/** "YYYY-MM-DDTHH:MM:SS" of a sort key from `dicomDateTimeSortKey` (the fraction dropped). */
export function sortKeyToIso(key: string): string {
  return `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}T${key.slice(8, 10)}:${key.slice(10, 12)}:${key.slice(12, 14)}`;
}

/** "2026-11-26 19:40" (seconds when present) for display; values that are not 8-digit DA / 4+-digit TM are shown as given. */
export function formatDicomDateTime(da: string, tm: string): string {
  const date = da.length === 8 ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da;
  const time = tm.length >= 4 ? `${tm.slice(0, 2)}:${tm.slice(2, 4)}${tm.length >= 6 ? `:${tm.slice(4, 6)}` : ''}` : tm;
  return `${date} ${time}`.trim();
}

// ---- DT ----

/** ISO instant -> DT in UTC with its offset (YYYYMMDDHHMMSS.FFFFFF+0000). */
export function isoToDicomDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not an ISO date-time: ${iso}`);
  const s = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}.${s.slice(20, 23)}000+0000`;
}

/** DT (any precision down to the year, optional fraction and offset) -> ISO instant; null when malformed. */
export function dicomDateTimeToIso(dt: string): string | null {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,6}))?([+-]\d{4})?$/.exec(dt.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', frac = '0', offset = '+0000'] = m;
  const ms = Number(frac.padEnd(6, '0').slice(0, 3));
  const sign = offset[0] === '-' ? -1 : 1;
  const offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se), ms) - offsetMinutes * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}
