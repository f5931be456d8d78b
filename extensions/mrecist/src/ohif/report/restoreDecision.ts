/**
 * On opening a patient: restore the reader's latest report from the PACS, or keep the local draft?
 * The draft wins only when it holds work the report lacks: edits made after the report it was based on, a
 * save still waiting for the PACS, or (based on no known report) a draft saved after the report was written.
 * Every outcome that keeps the draft tells the reader, who can load the report instead.
 */
import type { ReadSource } from '../read/ReadStore';
import { localIsoDateTime, sortKeyToIso } from '../../core/dicom/dicomDateTime';
import { contentDateTimeKey, formatContentDateTime, type ReportVersion } from './ReportVersion';

/** Which stored report the local read started from, and the store revision at that moment. */
export interface ReportBasis {
  readonly sopInstanceUid: string;
  readonly revision: number;
}

export interface RestoreInputs {
  readonly latest: ReportVersion | undefined;
  readonly source: ReadSource;
  readonly revision: number;
  readonly basis: ReportBasis | null;
  /** ISO instant the draft was last saved, when a draft exists. */
  readonly draftSavedAt?: string;
  readonly pendingSaves: number;
}

export type RestoreDecision =
  | { readonly action: 'none'; readonly message: string }
  | { readonly action: 'restore'; readonly message: string }
  | { readonly action: 'keepDraft'; readonly message: string; readonly offer: ReportVersion };

/** DA+TM (local wall-clock of the writer) as an ISO-comparable "YYYY-MM-DDTHH:MM:SS". */
function contentIso(v: ReportVersion): string {
  return sortKeyToIso(contentDateTimeKey(v));
}

export function decideRestore(i: RestoreInputs): RestoreDecision {
  const latest = i.latest;
  if (!latest && i.pendingSaves > 0) return { action: 'none', message: 'A save is still waiting for the PACS; the local draft is open.' };
  if (!latest) return { action: 'none', message: i.source === 'draft' ? 'No saved report on the PACS yet; the local draft is open.' : 'No saved report on the PACS yet.' };
  const when = formatContentDateTime(latest);
  if (i.pendingSaves > 0)
    return { action: 'keepDraft', offer: latest, message: `A save is still waiting for the PACS; the local draft is kept (newer than the report of ${when}).` };
  if (i.source !== 'draft') return { action: 'restore', message: `Restored the report of ${when} from the PACS.` };
  if (i.basis?.sopInstanceUid === latest.instance.sopInstanceUid) {
    if (i.revision <= i.basis.revision) return { action: 'none', message: `The read is the saved report of ${when}.` };
    return { action: 'keepDraft', offer: latest, message: `The local draft has changes made after the report of ${when}; it is kept.` };
  }
  if (i.draftSavedAt && localIsoDateTime(i.draftSavedAt) > contentIso(latest))
    return { action: 'keepDraft', offer: latest, message: `The local draft is newer than the report of ${when}; it is kept.` };
  return { action: 'restore', message: `Restored the report of ${when} from the PACS (the older local draft was kept aside).` };
}
