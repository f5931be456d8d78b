/**
 * What the review knows of its reads, rebuilt from the audit log alone (so a restart loses nothing and the log
 * is the one record): which stored SR is whose, which is signed off, where each case stands. The blinding
 * rules (blinding.ts) and the worklists read it.
 */
import type { AdjudicationRecord, AuditRecord, ReadStoredRecord } from './auditLog';
import type { ReviewCase, ReviewConfig } from './reviewConfig';

/** A stored read as its audit record names it, with whose it is and whether it is signed off. */
export interface StoredRead extends Omit<ReadStoredRecord, 'event' | 'user'> {
  readonly userId: string;
  readonly signedOff: boolean;
}

/** A case's state as a worklist shows it. */
export const CASE_STATES = ['not started', 'in progress', 'signed off', 'awaiting adjudication', 'adjudicated', 'reads agree'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export class ReviewLedger {
  private readonly reads: StoredRead[] = [];
  private readonly bySop = new Map<string, StoredRead>();
  private readonly adjudicationsOf = new Map<string, AdjudicationRecord[]>();

  constructor(private readonly config: ReviewConfig) {}

  static fromRecords(config: ReviewConfig, records: readonly AuditRecord[]): ReviewLedger {
    const ledger = new ReviewLedger(config);
    records.forEach((r) => ledger.add(r));
    return ledger;
  }

  add(record: AuditRecord): void {
    if (record.event === 'save' || record.event === 'sign-off' || record.event === 'amendment' || record.event === 'reissue') {
      const { event, user, ...stored } = record as ReadStoredRecord;
      const read: StoredRead = { ...stored, userId: user, signedOff: event === 'sign-off' || event === 'reissue' };
      this.reads.push(read);
      this.bySop.set(read.sopInstanceUid, read);
    } else if (record.event === 'adjudication') {
      this.adjudicationsOf.set(record.patientId, [...(this.adjudicationsOf.get(record.patientId) ?? []), record]);
    }
  }

  read(sopInstanceUid: string): StoredRead | undefined {
    return this.bySop.get(sopInstanceUid);
  }

  /** Every stored read of a user for a patient, oldest first. */
  readsOf(patientId: string, userId: string): StoredRead[] {
    return this.reads.filter((r) => r.patientId === patientId && r.userId === userId);
  }

  latest(patientId: string, userId: string): StoredRead | undefined {
    return this.readsOf(patientId, userId).pop();
  }

  /** Both readers' latest reads when both are signed off (read A is the first reader's). */
  signedOffPair(c: ReviewCase): readonly [StoredRead, StoredRead] | undefined {
    const a = this.latest(c.patientId, c.readers[0]);
    const b = this.latest(c.patientId, c.readers[1]);
    return a?.signedOff && b?.signedOff ? [a, b] : undefined;
  }

  /** The comparison of exactly these two reads, the last one written (an endorsement is one too). */
  comparison(c: ReviewCase): AdjudicationRecord | undefined {
    const pair = this.signedOffPair(c);
    if (!pair) return undefined;
    return (this.adjudicationsOf.get(c.patientId) ?? []).filter((r) => r.reads[0].sha256 === pair[0].sha256 && r.reads[1].sha256 === pair[1].sha256).pop();
  }

  endorsement(patientId: string): AdjudicationRecord | undefined {
    return (this.adjudicationsOf.get(patientId) ?? []).filter((r) => r.endorsement).pop();
  }

  /** Closed to readers: both reads signed off (they are with the adjudicator) or the case adjudicated. */
  closedToReaders(c: ReviewCase): boolean {
    return this.signedOffPair(c) !== undefined || this.endorsement(c.patientId) !== undefined;
  }

  /**
   * The state a user sees. A reader sees only their own progress (whether the other read differs would tell
   * them something of it); the adjudicator sees the case's.
   */
  stateFor(c: ReviewCase, userId: string): CaseState {
    const own = (id: string): CaseState => {
      const latest = this.latest(c.patientId, id);
      return !latest ? 'not started' : latest.signedOff ? 'signed off' : 'in progress';
    };
    if (c.readers.includes(userId)) return own(userId);
    if (this.endorsement(c.patientId)) return 'adjudicated';
    if (this.signedOffPair(c)) return this.comparison(c)?.adjudicationNeeded === false ? 'reads agree' : 'awaiting adjudication';
    return c.readers.every((id) => own(id) === 'not started') ? 'not started' : 'in progress';
  }

  get cases(): readonly ReviewCase[] {
    return this.config.cases;
  }
}
