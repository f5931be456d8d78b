/**
 * The blinding rules of the central review (response-criteria.md section 10.2: two readers in isolated
 * workspaces, blinded to each other and to site reads), applied by the review server to every DICOMweb answer.
 *
 * - Nothing of a patient whose case the user neither reads nor adjudicates.
 * - Images and other non-report objects of an assigned patient: visible.
 * - Structured reports (the SR family, where reads live): visible only when the review's ledger says they are
 *   the user's own, or, for the case's adjudicator, a reader's read once both readers have signed off.
 *   An SR the review did not store (a site read, a read stored around the server) is shown to no one.
 */
import type { ReviewLedger } from './reviewLedger';
import type { ReviewConfig, ReviewUser } from './reviewConfig';

/** SOP classes of the SR family (PS3.4 B.5: 1.2.840.10008.5.1.4.1.1.88.x), Key Object Selection included. */
const SR_FAMILY_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';

export function isReportClass(sopClassUid: string): boolean {
  return sopClassUid.startsWith(SR_FAMILY_PREFIX);
}

export interface InstanceFacts {
  readonly patientId: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
}

export class Blinding {
  constructor(
    private readonly config: ReviewConfig,
    private readonly ledger: ReviewLedger,
  ) {}

  patientAssigned(user: ReviewUser, patientId: string): boolean {
    return this.config.casesOf(user.id).some((c) => c.patientId === patientId);
  }

  /** A stored read the user may see (by SOP Instance UID). */
  readVisible(user: ReviewUser, sopInstanceUid: string): boolean {
    const read = this.ledger.read(sopInstanceUid);
    if (!read || !this.patientAssigned(user, read.patientId)) return false;
    if (read.userId === user.id) return true;
    const c = this.config.caseOf(read.patientId);
    return c !== undefined && c.adjudicator === user.id && c.readers.includes(read.userId) && this.ledger.signedOffPair(c) !== undefined;
  }

  instanceVisible(user: ReviewUser, facts: InstanceFacts): boolean {
    if (!this.patientAssigned(user, facts.patientId)) return false;
    return !isReportClass(facts.sopClassUid) || this.readVisible(user, facts.sopInstanceUid);
  }

  /** A series as QIDO lists it: report series only when they hold a read the user may see. */
  seriesVisible(user: ReviewUser, patientId: string, seriesInstanceUid: string, modality: string): boolean {
    if (!this.patientAssigned(user, patientId)) return false;
    if (modality !== 'SR' && modality !== 'KO') return true;
    return this.config.casesOf(user.id).some((c) =>
      [...c.readers, c.adjudicator].some((id) => this.ledger.readsOf(c.patientId, id).some((r) => r.seriesInstanceUid === seriesInstanceUid && this.readVisible(user, r.sopInstanceUid))),
    );
  }
}
