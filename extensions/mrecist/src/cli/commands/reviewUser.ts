/**
 * `mrecist review-user REVIEW.json --id ID --role reader|adjudicator [--name NAME] --password-stdin`: adds or
 * replaces one user of the central review (core/review/reviewConfig). The password is read from standard input
 * (never from the command line, where other users of the machine could read it in the process list) and stored
 * as a salted scrypt hash (RFC 7914). REVIEW.json is created when absent (trial id from its file name) and
 * rewritten whole through a temporary file, so a failure never leaves half a file.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors';
import { checkDisplayName, checkRole, checkUserId, ReviewConfigError, type PasswordHash, type ReviewUser } from '../../core/review/reviewConfig';

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s here), the interactive-login setting of RFC 7914 §2. */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Shorter passwords are refused: scrypt slows guessing, it cannot make "1234" safe. */
export const MIN_PASSWORD_LENGTH = 8;

const maxmem = (N: number, r: number) => 256 * N * r;

export function hashPassword(password: string): PasswordHash {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = SCRYPT_COST;
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: maxmem(N, r) });
  return { scheme: 'scrypt', N, r, p, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** Constant-time comparison of the derived key. */
export function verifyPassword(password: string, stored: PasswordHash): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const derived = scryptSync(password.normalize('NFC'), Buffer.from(stored.salt, 'base64'), expected.length, { N: stored.N, r: stored.r, p: stored.p, maxmem: maxmem(stored.N, stored.r) });
  return expected.length > 0 && timingSafeEqual(derived, expected);
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    throw new UsageError('--password-stdin', 'value', `cannot read standard input (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The password as piped in: one trailing newline (echo, a here-string) is not part of it. */
export function passwordFromStdin(text: string): string {
  const password = text.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(password)) throw new UsageError('--password-stdin', 'value', 'expected one line (the password)');
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new UsageError('--password-stdin', 'value', `the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  return password;
}

function readReviewFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return { trial: path.basename(file).replace(/\.json$/i, '') || 'TRIAL', users: [], cases: [] };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ReviewConfigError(file, 'file', e instanceof SyntaxError ? 'not valid JSON' : `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ReviewConfigError(file, 'top level', 'expected a JSON object');
  const v = value as Record<string, unknown>;
  if (v.users !== undefined && !Array.isArray(v.users)) throw new ReviewConfigError(file, 'users', 'expected a list of users');
  return v;
}

interface ReviewUserFlags {
  id?: string;
  role?: string;
  name?: string;
  passwordStdin?: boolean;
}

export function register(program: Command): void {
  program
    .command('review-user')
    .description('Add or replace a user of the central review in REVIEW.json (password from standard input, stored as a salted scrypt hash)')
    .argument('<review>', 'REVIEW.json (created when absent)')
    .option('--id <id>', 'user id typed at the login page (letters, digits, ".", "_", "-")')
    .option('--role <role>', 'reader or adjudicator')
    .option('--name <name>', "display name: the reader's name on their reports (default: the id)")
    .option('--password-stdin', 'read the password from standard input (one line)')
    .action((file: string, o: ReviewUserFlags) => {
      if (o.id === undefined) throw new UsageError('--id', 'value', 'missing: the user id');
      if (o.role === undefined) throw new UsageError('--role', 'value', 'missing: reader or adjudicator');
      const id = checkUserId(o.id, '--id', 'value');
      const role = checkRole(o.role, '--role', 'value');
      const name = checkDisplayName(o.name ?? id, '--name', 'value');
      if (!o.passwordStdin) throw new UsageError('--password-stdin', 'value', 'missing: the password is read from standard input, never given on the command line');
      const review = readReviewFile(file);
      const password = passwordFromStdin(readStdin());
      const user: ReviewUser = { id, name, role, password: hashPassword(password) };
      const users = ((review.users as unknown[] | undefined) ?? []).filter((u) => (u as { id?: unknown })?.id !== id);
      const replaced = users.length < ((review.users as unknown[] | undefined) ?? []).length;
      const next = { ...review, users: [...users, user], cases: review.cases ?? [] };
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
        renameSync(temporary, file);
      } catch (e) {
        throw new UsageError(file, 'file', `cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      process.stdout.write(`${replaced ? 'Replaced' : 'Added'} ${role} ${id} ("${name}") in ${file}\n`);
    });
}
