/** Option parsing shared by the dose commands: points, --days, --implant-date, --model, with UsageErrors. */
import type { Vec3 } from '../core/geometry/vec3';
import { UsageError } from '../core/errors';
import type { DoseBasis } from '../core/dose/DoseGrid';
import { isoDateToMs } from '../core/dicom/dicomDateTime';
import type { DoseModelKind } from '../core/dose/tg43Lookup';
import { parsePoint } from './io';

export const collectValues = (value: string, previous: string[]): string[] => [...previous, value];

export function parsePoints(values: string[] | undefined): Vec3[] {
  if (!values || values.length === 0) throw new UsageError('--point', 'value', 'at least one --point X,Y,Z is required');
  return values.map((v) => parsePoint(v, '--point'));
}

export function parseBasis(days: string | undefined): DoseBasis {
  if (days === undefined) return { kind: 'fullDecay' };
  const n = Number(days);
  if (days.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError('--days', 'value', `expected a number of days ≥ 0, got "${days}"`);
  return { kind: 'deliveredTo', days: n };
}

export function parseImplantDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = isoDateToMs(text);
  if (ms === undefined) throw new UsageError('--implant-date', 'value', `expected YYYY-MM-DD, got "${text}"`);
  return ms;
}

export function parseModel(text: string | undefined, fallback: DoseModelKind): DoseModelKind {
  if (text === undefined) return fallback;
  if (text !== 'point1d' && text !== 'line2d') throw new UsageError('--model', 'value', `expected point1d or line2d, got "${text}"`);
  return text;
}

export function parsePositiveMm(text: string | undefined, flag: string, fallback: number, allowZero = false): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || (!allowZero && n === 0))
    throw new UsageError(flag, 'value', `expected a ${allowZero ? 'non-negative' : 'positive'} length in mm, got "${text}"`);
  return n;
}
