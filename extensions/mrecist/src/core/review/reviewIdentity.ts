/**
 * Who reads, as the viewer learns it. In central review the server is the authority: `GET /review/api/me` answers
 * `{id, name, role, trial}` for the logged-in user, and the display name is the Person Observer Name every read
 * of that user must carry (the server refuses any other). Outside review mode the reader types a name, which the
 * browser remembers so the read of that name reopens on the next visit.
 */
import { InputError } from '../errors';
import { REVIEW_ROLES, type ReviewRole } from './reviewConfig';

/** The `/review/api/me` answer breaks its contract. */
export class ReviewIdentityError extends InputError {}

export interface ReviewIdentity {
  readonly id: string;
  /** Display name: the reads' observer and verifying observer. */
  readonly name: string;
  readonly role: ReviewRole;
  readonly trial: string;
}

/** Where the viewer asks who is logged in; outside review mode nothing answers there (404). */
export const REVIEW_ME_PATH = '/review/api/me';

function text(value: Record<string, unknown>, field: string, source: string): string {
  const v = value[field];
  if (typeof v !== 'string' || !v.trim()) throw new ReviewIdentityError(source, field, 'expected non-empty text');
  return v;
}

export function parseReviewIdentity(value: unknown, source: string): ReviewIdentity {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ReviewIdentityError(source, 'body', 'expected a JSON object');
  const v = value as Record<string, unknown>;
  const role = text(v, 'role', source);
  if (!(REVIEW_ROLES as readonly string[]).includes(role)) throw new ReviewIdentityError(source, 'role', `expected ${REVIEW_ROLES.join(' or ')}, got "${role}"`);
  return { id: text(v, 'id', source), name: text(v, 'name', source), role: role as ReviewRole, trial: text(v, 'trial', source) };
}

/** The part of the Web Storage API the remembered name needs. */
export interface NameStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Browser storage key of the reader name typed outside review mode. */
export const REMEMBERED_READER_KEY = 'ohif-mrecist-reader-name:v1';
/** Longer names are cut: a Person Name component group holds 64 characters (PS3.5 6.2). */
export const READER_NAME_MAX = 64;

/** The remembered reader name, or null when none (or storage cannot be read). */
export function rememberedReaderName(storage: NameStorage | null): string | null {
  try {
    const name = storage?.getItem(REMEMBERED_READER_KEY)?.trim();
    return name ? name.slice(0, READER_NAME_MAX) : null;
  } catch {
    return null;
  }
}

/** Remembers the name for the next visit; false when storage refused (the draft reports storage failures). */
export function rememberReaderName(storage: NameStorage | null, name: string): boolean {
  const trimmed = name.trim().slice(0, READER_NAME_MAX);
  if (!storage || !trimmed) return false;
  try {
    storage.setItem(REMEMBERED_READER_KEY, trimmed);
    return true;
  } catch {
    return false;
  }
}
