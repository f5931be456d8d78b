/**
 * The central review's append-only audit log (response-criteria.md section 10.4–10.5): one JSON line per
 * comparison of two reads, with the files' SHA-256 so every step is traceable, and, when the reads differed,
 * the adjudicator's endorsement with a reason. From the log come the review's statistics: the adjudication
 * rate, and per reader the Reader Disagreement Index (the share of the reader's cases in which the adjudicator
 * endorsed the other read).
 */
import { CriteriaInputError } from '../errors';
import type { AdjudicationCheck } from './adjudication';

export const AUDIT_RECORD_KIND = 'ohif-mrecist-adjudication/v1';

export interface AuditedRead {
  readonly source: string;
  readonly reader: string;
  readonly sha256: string;
}

export interface AdjudicationRecord {
  readonly kind: typeof AUDIT_RECORD_KIND;
  /** ISO instant the record was written. */
  readonly at: string;
  readonly patientId: string;
  readonly criteria: string;
  readonly reads: readonly [AuditedRead, AuditedRead];
  readonly adjudicationNeeded: boolean;
  /** The variables that differed. */
  readonly differing: readonly string[];
  /** Present once the adjudicator endorsed one read. */
  readonly endorsement?: { readonly read: 'A' | 'B'; readonly reason: string; readonly adjudicator: string };
}

export function adjudicationRecord(
  check: AdjudicationCheck,
  sha256: readonly [string, string],
  at: string,
  endorsement?: AdjudicationRecord['endorsement'],
): AdjudicationRecord {
  if (endorsement && !check.adjudicationNeeded) throw new CriteriaInputError('--endorse', 'value', 'the reads agree on every variable: there is nothing to adjudicate');
  if (endorsement && !endorsement.reason.trim()) throw new CriteriaInputError('--reason', 'value', 'an endorsement needs its reason');
  if (endorsement && !endorsement.adjudicator.trim()) throw new CriteriaInputError('--adjudicator', 'value', 'an endorsement names its adjudicator');
  return {
    kind: AUDIT_RECORD_KIND,
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
  };
}

/** Parses the log (JSON lines); a broken line is a one-line error naming the file and the line. */
export function parseAuditLog(text: string, source: string): AdjudicationRecord[] {
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      let value: Partial<AdjudicationRecord>;
      try {
        value = JSON.parse(line);
      } catch {
        throw new CriteriaInputError(source, `line ${n}`, 'not valid JSON');
      }
      if (value?.kind !== AUDIT_RECORD_KIND) throw new CriteriaInputError(source, `line ${n}`, `not an adjudication record (kind "${AUDIT_RECORD_KIND}")`);
      const reads = value.reads;
      if (!Array.isArray(reads) || reads.length !== 2 || reads.some((r) => typeof r?.reader !== 'string'))
        throw new CriteriaInputError(source, `line ${n}`, 'reads must name two readers');
      if (typeof value.adjudicationNeeded !== 'boolean' || typeof value.patientId !== 'string')
        throw new CriteriaInputError(source, `line ${n}`, 'patientId and adjudicationNeeded are required');
      const e = value.endorsement;
      if (e !== undefined && (e.read !== 'A' && e.read !== 'B')) throw new CriteriaInputError(source, `line ${n}`, 'endorsement.read must be "A" or "B"');
      return value as AdjudicationRecord;
    });
}

export interface ReaderStatistics {
  readonly reader: string;
  readonly cases: number;
  readonly adjudicated: number;
  /** Cases in which the adjudicator endorsed the other reader's read. */
  readonly otherEndorsed: number;
  /** Reader Disagreement Index: otherEndorsed / cases (null without cases). */
  readonly disagreementIndex: number | null;
}

export interface ReviewStatistics {
  /** Patients compared (the latest record per patient and criterion counts). */
  readonly cases: number;
  readonly adjudicationNeeded: number;
  readonly endorsed: number;
  readonly adjudicationRate: number | null;
  readonly readers: readonly ReaderStatistics[];
}

/**
 * Statistics over the log. A case (patient and criterion) may have been compared more than once (a check, then
 * the endorsement): its last record stands.
 */
export function reviewStatistics(records: readonly AdjudicationRecord[]): ReviewStatistics {
  const latest = new Map<string, AdjudicationRecord>();
  for (const r of records) latest.set(`${r.patientId}\u0000${r.criteria}`, r);
  const cases = [...latest.values()];
  const perReader = new Map<string, { cases: number; adjudicated: number; otherEndorsed: number }>();
  for (const c of cases)
    c.reads.forEach((read, i) => {
      const s = perReader.get(read.reader) ?? { cases: 0, adjudicated: 0, otherEndorsed: 0 };
      s.cases++;
      if (c.adjudicationNeeded) s.adjudicated++;
      if (c.endorsement && c.endorsement.read !== (i === 0 ? 'A' : 'B')) s.otherEndorsed++;
      perReader.set(read.reader, s);
    });
  const needed = cases.filter((c) => c.adjudicationNeeded).length;
  return {
    cases: cases.length,
    adjudicationNeeded: needed,
    endorsed: cases.filter((c) => c.endorsement).length,
    adjudicationRate: cases.length ? needed / cases.length : null,
    readers: [...perReader]
      .map(([reader, s]) => ({ reader, ...s, disagreementIndex: s.cases ? s.otherEndorsed / s.cases : null }))
      .sort((a, b) => a.reader.localeCompare(b.reader)),
  };
}

/**
 * Whether the adjudicator endorsed the read with this SHA-256: true when it was the endorsed read, false when the
 * other read was, undefined when no endorsement in the log names it. The last endorsement naming the file stands.
 */
export function endorsedInLog(records: readonly AdjudicationRecord[], sha256: string): boolean | undefined {
  let verdict: boolean | undefined;
  for (const r of records) {
    if (!r.endorsement) continue;
    const index = r.reads.findIndex((read) => read.sha256 === sha256);
    if (index >= 0) verdict = r.endorsement.read === (index === 0 ? 'A' : 'B');
  }
  return verdict;
}
