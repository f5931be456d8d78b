/**
 * Keeping one read's draft consistent when several tabs of one browser have it open. Browser storage is shared
 * by the tabs of an origin, so without a check the last tab to save wins and the other tab's edits are gone
 * without a word. The rules, kept here free of any browser API:
 *
 * - A save first compares the stored revision with the one this copy last read or wrote. Any other revision
 *   means another tab saved in between: the save is refused and the stored read is reloaded (checkStoredRevision).
 * - A tab is told when another one writes the same key (the Web Storage `storage` event, HTML Living Standard
 *   §12.2.1), and reloads the read then (otherTabChange).
 * - A stored draft that cannot be decoded is never written over: each one is kept aside under its own key, named
 *   by the instant it was set aside, so a second damaged draft does not replace the first (damagedDraftKey).
 */
import { errorText } from '../errorText';
import { decodeDraft, type Draft } from './draft';

export type StoredDraftCheck =
  | { readonly kind: 'clear' }
  | { readonly kind: 'changedElsewhere'; readonly stored: Draft }
  | { readonly kind: 'damaged'; readonly error: string };

const SOURCE = 'stored draft';

/**
 * May a copy of the read that last saw revision `expectedRevision` save over `storedText`? Nothing stored (never
 * saved, or discarded in another tab) takes the save; so does the same revision. A damaged draft is reported so
 * the caller keeps it aside before saving.
 */
export function checkStoredRevision(storedText: string | null, expectedRevision: number): StoredDraftCheck {
  if (storedText === null) return { kind: 'clear' };
  let stored: Draft;
  try {
    stored = decodeDraft(storedText, SOURCE);
  } catch (error) {
    return { kind: 'damaged', error: errorText(error) };
  }
  return stored.revision === expectedRevision ? { kind: 'clear' } : { kind: 'changedElsewhere', stored };
}

/** The part of a Web Storage `storage` event we read. `key` is null when another tab cleared the storage. */
export interface StorageChange {
  readonly key: string | null;
  readonly newValue: string | null;
}

export type OtherTabChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'changed'; readonly stored: Draft }
  | { readonly kind: 'removed' }
  | { readonly kind: 'damaged'; readonly error: string };

/** What a change another tab made to browser storage means for the read stored under `ownKey`. */
export function otherTabChange(change: StorageChange, ownKey: string): OtherTabChange {
  if (change.key !== null && change.key !== ownKey) return { kind: 'none' };
  if (change.newValue === null) return { kind: 'removed' };
  try {
    return { kind: 'changed', stored: decodeDraft(change.newValue, SOURCE) };
  } catch (error) {
    return { kind: 'damaged', error: errorText(error) };
  }
}

const DAMAGED = ':damaged:';

/**
 * The key a damaged draft of `key` is kept under: `<key>:damaged:<ISO instant>`, with `#2`, `#3`... when two are
 * set aside within the same millisecond. `taken` says whether a key already holds something.
 */
export function damagedDraftKey(key: string, at: Date, taken: (candidate: string) => boolean): string {
  const base = `${key}${DAMAGED}${at.toISOString()}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}#${n}`)) return `${base}#${n}`;
}

/** The instant a damaged copy of `key` was set aside, read back from its key; null for any other key. */
export function damagedDraftTime(candidate: string, key: string): string | null {
  if (!candidate.startsWith(`${key}${DAMAGED}`)) return null;
  const instant = candidate.slice(key.length + DAMAGED.length).replace(/#\d+$/, '');
  return Number.isNaN(Date.parse(instant)) ? null : instant;
}

/** What the reader is told when the read was reloaded because another tab saved it. */
export function changedElsewhereText(revision: number): string {
  return `This read was changed in another tab (revision ${revision}) and has been reloaded here.`;
}

/** Why an edit made on a copy older than the stored draft was refused. */
export function editRefusedText(revision: number, editLabel: string): string {
  return `${changedElsewhereText(revision)} The edit "${editLabel}" was not saved: make it again if it is still needed.`;
}

export const DISCARDED_ELSEWHERE_TEXT =
  'The draft of this read was discarded in another tab; this tab still holds the read and saves it again with its next edit.';

export function damagedElsewhereText(error: string): string {
  return `Another tab stored a draft of this read that cannot be read (${error}); it is kept aside at this tab's next save.`;
}
