/**
 * The central review's audit trail (response-criteria.md section 10.4: every action enters an append-only
 * audit log; FDA Clinical Trial Imaging Endpoint Process Standards, 2018: every step is traceable).
 *
 * One JSON line per event: logins and failed logins, case opens, saves, sign-offs, amendments, the comparison
 * of two reads (the adjudication trigger) and the adjudicator's endorsement. The log is tamper-evident:
 *  - `prev` is the SHA-256 of the previous line's text (the first line names 64 zeros), so a line removed,
 *    inserted or reordered breaks the chain at the line after it;
 *  - `hash` is the SHA-256 of the line's own JSON without `hash`, so a changed byte is found on its own line,
 *    the last one included.
 * A chain does not stop someone from rewriting the whole file with new hashes: the head hash (`review-stats`
 * prints it) is what an auditor compares with a copy kept elsewhere.
 *
 * Appending never corrupts the log: a log is appended to only when it verifies, and a last line whose newline
 * was lost gets it back before the new line.
 */
import { CriteriaInputError } from '../errors';
import type { AdjudicationCheck } from './adjudication';
import { sha256Hex } from './sha256';

export const AUDIT_LOG_KIND = 'ohif-mrecist-audit/v2';
/** `prev` of the first line. */
export const CHAIN_START = '0'.repeat(64);

export interface AuditedRead {
  readonly source: string;
  readonly reader: string;
  readonly sha256: string;
}

export interface Endorsement {
  readonly read: 'A' | 'B';
  readonly reason: string;
  readonly adjudicator: string;
}

/** The comparison of two reads of one case, and, once given, the adjudicator's endorsement. */
export interface AdjudicationRecord {
  readonly event: 'adjudication';
  /** ISO instant the record was written. */
  readonly at: string;
  readonly patientId: string;
  readonly criteria: string;
  readonly reads: readonly [AuditedRead, AuditedRead];
  readonly adjudicationNeeded: boolean;
  /** The variables that differed. */
  readonly differing: readonly string[];
  /** Present once the adjudicator endorsed one read. */
  readonly endorsement?: Endorsement;
  /** A second endorsement of a case replaces the first only as an explicit amendment with its reason. */
  readonly amendment?: { readonly reason: string };
}

interface UserEvent {
  readonly at: string;
  /** The review user id (REVIEW.json). */
  readonly user: string;
}

export interface LoginRecord extends UserEvent {
  readonly event: 'login' | 'logout';
}

export interface FailedLoginRecord extends UserEvent {
  readonly event: 'login-failed';
  readonly reason: string;
}

export interface CaseOpenRecord extends UserEvent {
  readonly event: 'case-open';
  readonly patientId: string;
}

/**
 * A read stored: by a reader, `save` in progress, `sign-off` VERIFIED, `amendment` a save after a sign-off; by
 * the adjudicator, `reissue`, the endorsed read re-issued with the adjudicator as verifying observer.
 */
export interface ReadStoredRecord extends UserEvent {
  readonly event: 'save' | 'sign-off' | 'amendment' | 'reissue';
  readonly patientId: string;
  /** Person Observer Name of the SR (the user's display name). */
  readonly reader: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  /** SHA-256 of the stored SR's bytes. */
  readonly sha256: string;
}

/** The endorsed read (or both) sent to the clinical PACS after adjudication. */
export interface ReleaseRecord extends UserEvent {
  readonly event: 'release';
  readonly patientId: string;
  readonly sopInstanceUids: readonly string[];
  readonly destination: string;
}

export type AuditRecord = AdjudicationRecord | LoginRecord | FailedLoginRecord | CaseOpenRecord | ReadStoredRecord | ReleaseRecord;
export type AuditEventName = AuditRecord['event'];

/** What each event must carry (strings), checked when a log is read. */
const REQUIRED_FIELDS: Record<AuditEventName, readonly string[]> = {
  adjudication: ['at', 'patientId', 'criteria'],
  login: ['at', 'user'],
  logout: ['at', 'user'],
  'login-failed': ['at', 'user', 'reason'],
  'case-open': ['at', 'user', 'patientId'],
  save: ['at', 'user', 'patientId', 'reader', 'studyInstanceUid', 'seriesInstanceUid', 'sopInstanceUid', 'sha256'],
  'sign-off': ['at', 'user', 'patientId', 'reader', 'studyInstanceUid', 'seriesInstanceUid', 'sopInstanceUid', 'sha256'],
  amendment: ['at', 'user', 'patientId', 'reader', 'studyInstanceUid', 'seriesInstanceUid', 'sopInstanceUid', 'sha256'],
  reissue: ['at', 'user', 'patientId', 'reader', 'studyInstanceUid', 'seriesInstanceUid', 'sopInstanceUid', 'sha256'],
  release: ['at', 'user', 'patientId', 'destination'],
};

const caseKey = (patientId: string, criteria: string) => `${patientId}\u0000${criteria}`;

/** The adjudications in a log (comparisons and endorsements), in order. */
export function adjudications(records: readonly AuditRecord[]): AdjudicationRecord[] {
  return records.filter((r): r is AdjudicationRecord => r.event === 'adjudication');
}

/** The standing endorsement of a case (the last one), if any. */
export function endorsementOf(records: readonly AuditRecord[], patientId: string, criteria: string): AdjudicationRecord | undefined {
  const key = caseKey(patientId, criteria);
  return adjudications(records).filter((r) => r.endorsement && caseKey(r.patientId, r.criteria) === key).pop();
}

export interface AdjudicationRecordOptions {
  readonly endorsement?: Endorsement;
  /** The log so far: a second endorsement of a case is refused unless it is an amendment. */
  readonly previous?: readonly AuditRecord[];
  /** Why an earlier endorsement is replaced. */
  readonly amendmentReason?: string;
}

export function adjudicationRecord(
  check: AdjudicationCheck,
  sha256: readonly [string, string],
  at: string,
  options: AdjudicationRecordOptions = {},
): AdjudicationRecord {
  const { endorsement, amendmentReason } = options;
  if (endorsement && !check.adjudicationNeeded) throw new CriteriaInputError('--endorse', 'value', 'the reads agree on every variable: there is nothing to adjudicate');
  if (endorsement && !endorsement.reason.trim()) throw new CriteriaInputError('--reason', 'value', 'an endorsement needs its reason');
  if (endorsement && !endorsement.adjudicator.trim()) throw new CriteriaInputError('--adjudicator', 'value', 'an endorsement names its adjudicator');
  if (amendmentReason !== undefined && !endorsement) throw new CriteriaInputError('--amend', 'value', 'an amendment replaces an endorsement: give --endorse A|B with it');
  const earlier = endorsement ? endorsementOf(options.previous ?? [], check.patientId, check.criteria) : undefined;
  if (earlier && amendmentReason === undefined)
    throw new CriteriaInputError(
      '--endorse',
      'value',
      `patient ${check.patientId} (${check.criteria}) was endorsed already (read ${earlier.endorsement!.read} by ${earlier.endorsement!.adjudicator} at ${earlier.at}): a new endorsement is an amendment and needs its reason (--amend REASON)`,
    );
  if (amendmentReason !== undefined && !earlier) throw new CriteriaInputError('--amend', 'value', `patient ${check.patientId} (${check.criteria}) has no endorsement to amend`);
  if (amendmentReason !== undefined && !amendmentReason.trim()) throw new CriteriaInputError('--amend', 'value', 'an amendment needs its reason');
  return {
    event: 'adjudication',
    at,
    patientId: check.patientId,
    criteria: check.criteria,
    reads: [
      { source: check.reads[0].source, reader: check.reads[0].reader, sha256: sha256[0] },
      { source: check.reads[1].source, reader: check.reads[1].reader, sha256: sha256[1] },
    ],
    adjudicationNeeded: check.adjudicationNeeded,
    differing: check.comparisons.filter((c) => !c.agree).map((c) => c.variable),
    ...(endorsement ? { endorsement } : {}),
    ...(amendmentReason !== undefined ? { amendment: { reason: amendmentReason } } : {}),
  };
}

/** The JSON text of a line without its newline: the record chained to `previousLine` (null: the first line). */
export function auditLine(previousLine: string | null, record: AuditRecord): string {
  const body = { kind: AUDIT_LOG_KIND, prev: previousLine === null ? CHAIN_START : sha256Hex(previousLine), ...record };
  const text = JSON.stringify(body);
  return JSON.stringify({ ...body, hash: sha256Hex(text) });
}

export interface VerifiedAuditLog {
  readonly records: AuditRecord[];
  /** The last line's text (what the next line chains to), null for an empty log. */
  readonly lastLine: string | null;
  /** SHA-256 of the last line: the head an auditor compares with a copy kept elsewhere. */
  readonly head: string;
  /** True when the text does not end with a newline (the last line's newline was lost). */
  readonly missingFinalNewline: boolean;
}

function checkRecord(value: Record<string, unknown>, fail: (problem: string) => never): AuditRecord {
  const event = value.event as AuditEventName;
  const required = REQUIRED_FIELDS[event];
  if (!required) fail(`unknown event "${String(value.event)}"`);
  for (const field of required) if (typeof value[field] !== 'string' || value[field] === '') fail(`${field} must be a non-empty string`);
  if (event === 'adjudication') {
    const reads = value.reads as AuditedRead[] | undefined;
    if (!Array.isArray(reads) || reads.length !== 2 || reads.some((r) => typeof r?.reader !== 'string' || typeof r?.sha256 !== 'string')) fail('reads must name two readers');
    if (typeof value.adjudicationNeeded !== 'boolean' || !Array.isArray(value.differing)) fail('adjudicationNeeded and differing are required');
    const e = value.endorsement as Endorsement | undefined;
    if (e !== undefined && e.read !== 'A' && e.read !== 'B') fail('endorsement.read must be "A" or "B"');
  }
  const { kind: _kind, prev: _prev, hash: _hash, ...record } = value;
  return record as unknown as AuditRecord;
}

/**
 * Reads and verifies a log. The first line that fails (not JSON, not a record of ours, its own hash wrong, or
 * its `prev` not the SHA-256 of the line before) is a one-line error naming the file and that line.
 */
export function parseAuditLog(text: string, source: string): VerifiedAuditLog {
  const lines = text.split('\n');
  const missingFinalNewline = text !== '' && !text.endsWith('\n');
  if (!missingFinalNewline) lines.pop();
  const records: AuditRecord[] = [];
  let previous: string | null = null;
  lines.forEach((line, i) => {
    const fail = (problem: string): never => {
      throw new CriteriaInputError(source, `line ${i + 1}`, problem);
    };
    if (line === '') fail('blank line inside the log (lines are never removed or emptied)');
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line);
    } catch {
      return fail(i === lines.length - 1 && missingFinalNewline ? 'not valid JSON (an unfinished last line)' : 'not valid JSON');
    }
    if (!value || typeof value !== 'object' || Array.isArray(value) || value.kind !== AUDIT_LOG_KIND) fail(`not a line of a review audit log (kind "${AUDIT_LOG_KIND}")`);
    const { hash, ...body } = value;
    if (hash !== sha256Hex(JSON.stringify(body))) fail('changed after it was written (its SHA-256 does not match its hash)');
    const expectedPrev = previous === null ? CHAIN_START : sha256Hex(previous);
    if (value.prev !== expectedPrev)
      fail(previous === null ? 'the chain does not start here (prev is not 64 zeros): lines before it were removed' : `prev is not the SHA-256 of line ${i} (a line was removed, inserted or reordered)`);
    records.push(checkRecord(value, fail));
    previous = line;
  });
  return { records, lastLine: previous, head: previous === null ? CHAIN_START : sha256Hex(previous), missingFinalNewline };
}

/**
 * The text to append to a log whose current content is `existing` (empty for a new file): the verified log
 * chained with one more line. A log that does not verify is never appended to.
 */
export function auditAppendText(existing: string, source: string, record: AuditRecord): string {
  const log = parseAuditLog(existing, source);
  return `${log.missingFinalNewline ? '\n' : ''}${auditLine(log.lastLine, record)}\n`;
}

export { reviewStatistics, endorsedInLog, type ReviewStatistics, type ReaderStatistics } from './reviewStatistics';
