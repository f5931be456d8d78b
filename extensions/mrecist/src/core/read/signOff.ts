/**
 * Signing off a read: the reader declares it complete. A signed-off read is closed to edits until the reader
 * amends it, its report is written COMPLETE and VERIFIED with the reader as verifying observer (PS3.3 C.17.2),
 * and a central review can tell a finished read from one in progress. Only a finished read can be signed off:
 * every target has a value or a not-evaluable reason at every timepoint, every non-target a status at every
 * follow-up (a blank there means "not looked at yet", which the criteria engine would count as not evaluable),
 * and the criteria engine accepts the whole (the rules of `mrecist assess`).
 */
import { parseCaseFile } from '../criteria/parseCaseFile';
import type { CaseFile } from '../criteria/types';
import { CriteriaInputError } from '../errors';

export interface SignOff {
  /** The reader who signed off. */
  readonly by: string;
  /** ISO instant of the sign-off. */
  readonly at: string;
}

/** Why the read cannot be signed off yet (the criteria engine's one-line message), or null when it can. */
export function signOffProblem(read: CaseFile): string | null {
  if (read.lesions.length === 0) return 'no lesions recorded: add the target lesions first';
  const blanks: string[] = [];
  for (const lesion of read.lesions) {
    if (lesion.role === 'target') {
      for (const t of read.timepoints) if (!(t.id in lesion.measurements)) blanks.push(`${lesion.id} at ${t.id}`);
    } else if (lesion.role === 'nonTarget') {
      for (const t of read.timepoints) if (!t.baseline && !(t.id in lesion.status)) blanks.push(`${lesion.id} at ${t.id}`);
    }
  }
  if (blanks.length > 0) {
    const listed = blanks.slice(0, 3).join(', ') + (blanks.length > 3 ? ` and ${blanks.length - 3} more` : '');
    return `nothing recorded for ${listed}: measure it, or mark it not evaluable`;
  }
  try {
    parseCaseFile(JSON.parse(JSON.stringify(read)), 'read');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A stored sign-off, checked field by field; undefined when absent. */
export function parseSignOff(value: unknown, source: string): SignOff | undefined {
  if (value === undefined) return undefined;
  const v = value as Partial<SignOff> | null;
  if (v === null || typeof v !== 'object') throw new CriteriaInputError(source, 'signedOff', 'must be an object with "by" and "at"');
  if (typeof v.by !== 'string' || !v.by.trim()) throw new CriteriaInputError(source, 'signedOff.by', 'must name the reader');
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) throw new CriteriaInputError(source, 'signedOff.at', 'must be an ISO date-time');
  return { by: v.by, at: v.at };
}

/** The refusal shown when a signed-off read is edited. */
export function signedOffRefusal(signOff: SignOff): string {
  return `The read was signed off by ${signOff.by} on ${signOff.at.slice(0, 16).replace('T', ' ')} UTC: choose Amend to change it.`;
}
