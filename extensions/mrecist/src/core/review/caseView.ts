/**
 * What a review user may know of one case, as the review server answers `GET /review/api/cases/<patient>` and
 * the viewer's adjudicator panel reads it: the case state for this user, the reads they may see (their own; for
 * the adjudicator, reads A and B once both are signed off, and the endorsed re-issue), the comparison and the
 * endorsement. One contract for both sides.
 */
import type { AdjudicationRecord } from './auditLog';
import type { CaseState } from './reviewLedger';

export const READ_LABELS = ['A', 'B', 'own', 'endorsed'] as const;

export interface ReadView {
  /** A and B: the first and second reader's signed-off reads; own: the user's own; endorsed: the re-issued SR. */
  readonly label: (typeof READ_LABELS)[number];
  readonly reader: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly signedOff: boolean;
  readonly at: string;
}

export interface CaseView {
  readonly patientId: string;
  readonly role: 'reader' | 'adjudicator';
  readonly state: CaseState;
  readonly reads: readonly ReadView[];
  readonly comparison?: Pick<AdjudicationRecord, 'criteria' | 'adjudicationNeeded' | 'differing'>;
  readonly endorsement?: AdjudicationRecord['endorsement'] & { readonly at: string; readonly amendment?: { readonly reason: string } };
}
