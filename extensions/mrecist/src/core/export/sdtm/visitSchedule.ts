/**
 * Visit schedule for SDTM VISITNUM/VISIT/EPOCH (`export --visits FILE`): CSV with the header
 * `timepoint,VISITNUM,VISIT,EPOCH`, one row per case-file timepoint id. VISITNUM is a positive number (decimals
 * for unplanned visits, SDTMIG 4.4.5), VISIT the protocol's visit name, EPOCH a CDISC EPOCH term.
 * Study day (--DY, SDTMIG 4.4.4): date - RFSTDTC + 1 on or after the reference date, date - RFSTDTC before it.
 */
import type { CaseFile } from '../../criteria/types';
import { InputError, UsageError } from '../../errors';
import { EPOCHS } from './terminology';

export interface Visit {
  visitNum: number;
  visit: string;
  epoch: string;
}

const HEADER = 'timepoint,VISITNUM,VISIT,EPOCH';

export function parseVisitSchedule(text: string, file: string): Map<string, Visit> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== HEADER) throw new InputError(file, 'header', `expected "${HEADER}"`);
  const out = new Map<string, Visit>();
  const numbers = new Set<number>();
  lines.slice(1).forEach((line, i) => {
    const at = `line ${i + 2}`;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 4) throw new InputError(file, at, `expected 4 fields, got ${cells.length}`);
    const [timepoint, num, visit, epoch] = cells;
    if (timepoint === '') throw new InputError(file, `${at} timepoint`, 'empty');
    if (out.has(timepoint)) throw new InputError(file, `${at} timepoint`, `"${timepoint}" listed twice`);
    const visitNum = Number(num);
    if (!/^\d+(\.\d+)?$/.test(num) || !(visitNum > 0)) throw new InputError(file, `${at} VISITNUM`, `must be a positive number, got "${num}"`);
    if (numbers.has(visitNum)) throw new InputError(file, `${at} VISITNUM`, `${num} listed twice`);
    if (!/^[A-Za-z0-9][A-Za-z0-9 ._/()-]{0,39}$/.test(visit)) throw new InputError(file, `${at} VISIT`, `must be 1-40 letters, digits, spaces or . _ / ( ) -, got "${visit}"`);
    if (!EPOCHS.includes(epoch)) throw new InputError(file, `${at} EPOCH`, `"${epoch}" is not a CDISC EPOCH term`);
    numbers.add(visitNum);
    out.set(timepoint, { visitNum, visit: visit.toUpperCase(), epoch });
  });
  return out;
}

/** The schedule's visit for each case-file timepoint, in timepoint order (kept through de-identification). */
export function scheduleFor(caseFile: CaseFile, schedule: ReadonlyMap<string, Visit>, file: string): Visit[] {
  return caseFile.timepoints.map((t) => {
    const v = schedule.get(t.id);
    if (!v) throw new InputError(file, 'timepoint', `no row for timepoint "${t.id}"`);
    return v;
  });
}

const DAY_MS = 86_400_000;

export function studyDay(date: string, referenceDate: string): number {
  const days = Math.round((Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - Date.parse(`${referenceDate}T00:00:00Z`)) / DAY_MS);
  return days >= 0 ? days + 1 : days;
}

/** RFSTDTC as given to --ref-date: a real calendar date YYYY-MM-DD, else a usage error. */
export function checkReferenceDate(value: string): string {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value)
    throw new UsageError('--ref-date', 'value', `expected a date YYYY-MM-DD (RFSTDTC), got "${value}"`);
  return value;
}
