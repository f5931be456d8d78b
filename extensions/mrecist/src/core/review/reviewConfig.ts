/**
 * REVIEW.json, the blinded central review's set-up (response-criteria.md section 10): the trial, its users
 * (two readers per case and an adjudicator, each with a salted scrypt password hash, never a password) and the
 * case assignments. The review server enforces the blinding from it; `mrecist review-user` writes its users.
 *
 *   {"trial": "DEMO-01",
 *    "users": [{"id": "r1", "name": "Reader One", "role": "reader",
 *               "password": {"scheme": "scrypt", "N": 32768, "r": 8, "p": 1, "salt": "<base64>", "hash": "<base64>"}}],
 *    "cases": [{"patientId": "P12", "readers": ["r1", "r2"], "adjudicator": "adj"}],
 *    "auditLog": "DEMO-01.audit.log",                                       (optional; beside REVIEW.json)
 *    "criteria": "mrecist",                                                  (optional; the charter's criterion)
 *    "release": {"to": "https://pacs.example.org/dicom-web", "reads": "endorsed" | "both"}}   (optional)
 *
 * Validated once on construction: if a ReviewConfig exists, every case names two distinct readers and one
 * adjudicator who are users with those roles.
 */
import { InputError } from '../errors';
import type { CriteriaName } from '../criteria/types';

/** REVIEW.json breaks this contract. */
export class ReviewConfigError extends InputError {}

export const REVIEW_ROLES = ['reader', 'adjudicator'] as const;
export type ReviewRole = (typeof REVIEW_ROLES)[number];
const CRITERIA: readonly CriteriaName[] = ['mrecist', 'recist1.1', 'easl'];

export interface PasswordHash {
  readonly scheme: 'scrypt';
  /** scrypt cost parameters (RFC 7914). */
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly hash: string;
}

export interface ReviewUser {
  readonly id: string;
  /** Display name: the Person Observer Name the user's reads must carry. */
  readonly name: string;
  readonly role: ReviewRole;
  readonly password: PasswordHash;
}

export interface ReviewCase {
  readonly patientId: string;
  readonly readers: readonly [string, string];
  readonly adjudicator: string;
}

export interface ReleasePolicy {
  /** DICOMweb root of the clinical PACS. */
  readonly to: string;
  /** The endorsed read only (re-issued by the adjudicator), or both readers' reads as well. */
  readonly reads: 'endorsed' | 'both';
}

/** User ids: what a person types at the login page, and what the audit log records. */
const USER_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function checkUserId(id: unknown, file: string, field: string): string {
  if (typeof id !== 'string' || !USER_ID.test(id)) throw new ReviewConfigError(file, field, `expected a user id of letters, digits, ".", "_" or "-" (1–64), got ${JSON.stringify(id)}`);
  return id;
}

/** The display name is written as a DICOM person name (PN): no "\\", "=", or line breaks, 64 characters at most. */
export function checkDisplayName(name: unknown, file: string, field: string): string {
  if (typeof name !== 'string' || name.trim() === '' || name !== name.trim() || /[\\=\r\n]/.test(name) || name.length > 64)
    throw new ReviewConfigError(file, field, `expected a display name usable as a DICOM person name (no \\, = or line breaks, 64 characters at most), got ${JSON.stringify(name)}`);
  return name;
}

export function checkRole(role: unknown, file: string, field: string): ReviewRole {
  if (!REVIEW_ROLES.includes(role as ReviewRole)) throw new ReviewConfigError(file, field, `expected "reader" or "adjudicator", got ${JSON.stringify(role)}`);
  return role as ReviewRole;
}

function checkPassword(value: unknown, file: string, field: string): PasswordHash {
  const v = value as Partial<PasswordHash> | null;
  if (!v || typeof v !== 'object') throw new ReviewConfigError(file, field, 'missing: set it with `mrecist review-user ... --password-stdin` (a salted scrypt hash, never a password)');
  if (v.scheme !== 'scrypt') throw new ReviewConfigError(file, `${field}.scheme`, `expected "scrypt", got ${JSON.stringify(v.scheme)}`);
  for (const k of ['N', 'r', 'p'] as const)
    if (!Number.isSafeInteger(v[k]) || (v[k] as number) < 1) throw new ReviewConfigError(file, `${field}.${k}`, `expected a positive integer, got ${JSON.stringify(v[k])}`);
  if ((v.N! & (v.N! - 1)) !== 0 || v.N! < 2) throw new ReviewConfigError(file, `${field}.N`, `must be a power of 2 above 1, got ${v.N}`);
  for (const k of ['salt', 'hash'] as const)
    if (typeof v[k] !== 'string' || !BASE64.test(v[k] as string)) throw new ReviewConfigError(file, `${field}.${k}`, 'expected base64 text');
  return { scheme: 'scrypt', N: v.N!, r: v.r!, p: v.p!, salt: v.salt!, hash: v.hash! };
}

export function parseReviewUser(value: unknown, file: string, field: string): ReviewUser {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ReviewConfigError(file, field, 'expected an object');
  const u = value as Record<string, unknown>;
  return {
    id: checkUserId(u.id, file, `${field}.id`),
    name: checkDisplayName(u.name, file, `${field}.name`),
    role: checkRole(u.role, file, `${field}.role`),
    password: checkPassword(u.password, file, `${field}.password`),
  };
}

export class ReviewConfig {
  private constructor(
    readonly trial: string,
    readonly users: readonly ReviewUser[],
    readonly cases: readonly ReviewCase[],
    readonly auditLog: string | undefined,
    readonly criteria: CriteriaName | undefined,
    readonly release: ReleasePolicy | undefined,
  ) {}

  static parse(value: unknown, file: string): ReviewConfig {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ReviewConfigError(file, 'top level', 'expected a JSON object');
    const v = value as Record<string, unknown>;
    if (typeof v.trial !== 'string' || v.trial.trim() === '') throw new ReviewConfigError(file, 'trial', 'expected the trial id (text)');
    if (!Array.isArray(v.users)) throw new ReviewConfigError(file, 'users', 'expected a list of users');
    const users = v.users.map((u, i) => parseReviewUser(u, file, `users[${i}]`));
    const byId = new Map<string, ReviewUser>();
    users.forEach((u, i) => {
      if (byId.has(u.id)) throw new ReviewConfigError(file, `users[${i}].id`, `"${u.id}" is listed twice`);
      byId.set(u.id, u);
    });
    if (!Array.isArray(v.cases)) throw new ReviewConfigError(file, 'cases', 'expected a list of case assignments');
    const patients = new Set<string>();
    const cases = v.cases.map((c, i): ReviewCase => {
      const field = `cases[${i}]`;
      const x = (c ?? {}) as Record<string, unknown>;
      if (typeof x.patientId !== 'string' || x.patientId.trim() === '') throw new ReviewConfigError(file, `${field}.patientId`, 'expected the PatientID (text)');
      if (patients.has(x.patientId)) throw new ReviewConfigError(file, `${field}.patientId`, `"${x.patientId}" is assigned twice`);
      patients.add(x.patientId);
      const withRole = (id: unknown, role: ReviewRole, at: string): string => {
        const user = byId.get(checkUserId(id, file, at));
        if (!user) throw new ReviewConfigError(file, at, `"${String(id)}" is not among the users`);
        if (user.role !== role) throw new ReviewConfigError(file, at, `"${user.id}" is ${user.role === 'reader' ? 'a reader' : 'an adjudicator'}, not ${role === 'reader' ? 'a reader' : 'an adjudicator'}`);
        return user.id;
      };
      if (!Array.isArray(x.readers) || x.readers.length !== 2) throw new ReviewConfigError(file, `${field}.readers`, 'expected two reader ids');
      const readers = [withRole(x.readers[0], 'reader', `${field}.readers[0]`), withRole(x.readers[1], 'reader', `${field}.readers[1]`)] as const;
      if (readers[0] === readers[1]) throw new ReviewConfigError(file, `${field}.readers`, 'the two readers must be two people');
      return { patientId: x.patientId, readers, adjudicator: withRole(x.adjudicator, 'adjudicator', `${field}.adjudicator`) };
    });
    if (v.auditLog !== undefined && (typeof v.auditLog !== 'string' || v.auditLog.trim() === '')) throw new ReviewConfigError(file, 'auditLog', 'expected a file name');
    if (v.criteria !== undefined && !CRITERIA.includes(v.criteria as CriteriaName))
      throw new ReviewConfigError(file, 'criteria', `expected one of ${CRITERIA.join(', ')}, got ${JSON.stringify(v.criteria)}`);
    let release: ReleasePolicy | undefined;
    if (v.release !== undefined) {
      const r = (v.release ?? {}) as Record<string, unknown>;
      if (typeof r.to !== 'string' || !/^https?:\/\/\S+$/.test(r.to)) throw new ReviewConfigError(file, 'release.to', 'expected the DICOMweb root URL of the clinical PACS');
      if (r.reads !== 'endorsed' && r.reads !== 'both') throw new ReviewConfigError(file, 'release.reads', `expected "endorsed" or "both", got ${JSON.stringify(r.reads)}`);
      release = { to: r.to.replace(/\/+$/, ''), reads: r.reads };
    }
    return new ReviewConfig(v.trial, users, cases, v.auditLog as string | undefined, v.criteria as CriteriaName | undefined, release);
  }

  user(id: string): ReviewUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** The cases a user reads or adjudicates. */
  casesOf(userId: string): ReviewCase[] {
    return this.cases.filter((c) => c.readers.includes(userId) || c.adjudicator === userId);
  }

  caseOf(patientId: string): ReviewCase | undefined {
    return this.cases.find((c) => c.patientId === patientId);
  }
}
