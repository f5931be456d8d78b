/**
 * The review's monitoring figures from its audit log (response-criteria.md section 10.5; Ford et al. 2016,
 * adjudication rates in BICR): the adjudication rate, the disagreement per charter variable, and per reader the
 * Reader Disagreement Index, the share of the reader's cases in which the adjudicator endorsed the other read.
 */
import type { AdjudicationRecord, AuditRecord, VerifiedAuditLog } from './auditLog';
import { REVIEW_VARIABLES } from './adjudication';

export interface ReaderStatistics {
  readonly reader: string;
  readonly cases: number;
  readonly adjudicated: number;
  /** Cases in which the adjudicator endorsed the other reader's read. */
  readonly otherEndorsed: number;
  /** Reader Disagreement Index: otherEndorsed / cases (null without cases). */
  readonly disagreementIndex: number | null;
}

export interface VariableDisagreement {
  readonly variable: string;
  /** Cases in which the two reads differ on this variable. */
  readonly cases: number;
  readonly rate: number | null;
}

export interface ReviewStatistics {
  /** Patients compared (the latest record per patient and criterion counts). */
  readonly cases: number;
  readonly adjudicationNeeded: number;
  readonly endorsed: number;
  readonly adjudicationRate: number | null;
  readonly readers: readonly ReaderStatistics[];
  readonly variables: readonly VariableDisagreement[];
}

function adjudicationsOf(log: VerifiedAuditLog | readonly AuditRecord[]): AdjudicationRecord[] {
  const records = 'records' in log ? log.records : log;
  return records.filter((r): r is AdjudicationRecord => r.event === 'adjudication');
}

const ratio = (n: number, of: number) => (of ? n / of : null);

/**
 * Statistics over the log. A case (patient and criterion) may have been compared more than once (a check, then
 * the endorsement, then an amendment): its last record stands.
 */
export function reviewStatistics(log: VerifiedAuditLog | readonly AuditRecord[]): ReviewStatistics {
  const latest = new Map<string, AdjudicationRecord>();
  for (const r of adjudicationsOf(log)) latest.set(`${r.patientId}\u0000${r.criteria}`, r);
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
  const variables = [...new Set([...REVIEW_VARIABLES, ...cases.flatMap((c) => c.differing)])].map((variable) => {
    const n = cases.filter((c) => c.differing.includes(variable)).length;
    return { variable, cases: n, rate: ratio(n, cases.length) };
  });
  return {
    cases: cases.length,
    adjudicationNeeded: needed,
    endorsed: cases.filter((c) => c.endorsement).length,
    adjudicationRate: ratio(needed, cases.length),
    readers: [...perReader]
      .map(([reader, s]) => ({ reader, ...s, disagreementIndex: ratio(s.otherEndorsed, s.cases) }))
      .sort((a, b) => a.reader.localeCompare(b.reader)),
    variables,
  };
}

/**
 * Whether the adjudicator endorsed the read with this SHA-256: true when it was the endorsed read, false when the
 * other read was, undefined when no endorsement in the log names it. The last endorsement naming the file stands.
 */
export function endorsedInLog(log: VerifiedAuditLog | readonly AuditRecord[], sha256: string): boolean | undefined {
  let verdict: boolean | undefined;
  for (const r of adjudicationsOf(log)) {
    if (!r.endorsement) continue;
    const index = r.reads.findIndex((read) => read.sha256 === sha256);
    if (index >= 0) verdict = r.endorsement.read === (index === 0 ? 'A' : 'B');
  }
  return verdict;
}
