/**
 * A draft read as it is kept in browser storage between edits, so that nothing a reader entered is lost on a
 * reload or a crash. The envelope carries what the case file does not: which labels were retired (deleted
 * lesions never give their label to a new one), a revision counter that only grows, when it was saved, and
 * whether the reader signed it off (core/read/signOff).
 * Decoding validates the case file with the same parser as `mrecist assess` (in its 'draft' completeness: a
 * target not yet measured is fine mid-read), so a damaged draft is reported, never half-restored.
 */
import { parseCaseFile } from '../criteria/parseCaseFile';
import type { CaseFile } from '../criteria/types';
import { CriteriaInputError } from '../errors';
import { parseSignOff, type SignOff } from './signOff';

export const DRAFT_FORMAT = 'ohif-mrecist-draft';
export const DRAFT_VERSION = 1;

export interface Draft {
  read: CaseFile;
  retiredLesionIds: string[];
  /** Grows by one with every saved edit; the newest of two copies wins. */
  revision: number;
  /** ISO instant of the last save. */
  savedAt: string;
  /** Present while the read is signed off (closed to edits). */
  signedOff?: SignOff;
}

/** Storage key of a patient's draft for one reader: reads of different readers never mix (central review). */
export function draftKey(patientId: string, readerName: string): string {
  return `${DRAFT_FORMAT}:v${DRAFT_VERSION}:${encodeURIComponent(patientId)}:${encodeURIComponent(readerName)}`;
}

export function encodeDraft(draft: Draft): string {
  return JSON.stringify({ format: DRAFT_FORMAT, version: DRAFT_VERSION, ...draft });
}

export function decodeDraft(text: string, source: string): Draft {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CriteriaInputError(source, 'draft', 'is not valid JSON');
  }
  const envelope = value as Partial<Draft> & { format?: unknown; version?: unknown };
  if (envelope === null || typeof envelope !== 'object' || envelope.format !== DRAFT_FORMAT)
    throw new CriteriaInputError(source, 'format', `expected "${DRAFT_FORMAT}"`);
  if (envelope.version !== DRAFT_VERSION)
    throw new CriteriaInputError(source, 'version', `unsupported draft version ${String(envelope.version)}`);
  if (!Number.isInteger(envelope.revision) || (envelope.revision as number) < 0)
    throw new CriteriaInputError(source, 'revision', 'must be a whole number ≥ 0');
  if (typeof envelope.savedAt !== 'string' || Number.isNaN(Date.parse(envelope.savedAt)))
    throw new CriteriaInputError(source, 'savedAt', 'must be an ISO date-time');
  const retired = envelope.retiredLesionIds ?? [];
  if (!Array.isArray(retired) || retired.some((id) => typeof id !== 'string'))
    throw new CriteriaInputError(source, 'retiredLesionIds', 'must be a list of lesion labels');
  const read = parseCaseFile(envelope.read, `${source} › read`, 'draft');
  const signedOff = parseSignOff(envelope.signedOff, source);
  return { read, retiredLesionIds: retired, revision: envelope.revision as number, savedAt: envelope.savedAt, ...(signedOff ? { signedOff } : {}) };
}

/** Of two copies of a draft (say, storage and memory after a crash), the one with the higher revision. */
export function newerDraft(a: Draft | null, b: Draft | null): Draft | null {
  if (!a) return b;
  if (!b) return a;
  return b.revision > a.revision ? b : a;
}
