/**
 * Who is asking, in review mode. Every request is authenticated: a browser by the session cookie the login page
 * gives (HttpOnly, so page scripts cannot read it; SameSite=Strict, so other sites cannot send it; expiring),
 * a tool by HTTP Basic. Wrong passwords are slowed down: after MAX_FAILURES failures within FAILURE_WINDOW_MS for
 * one user id (MAX_FAILURES_PER_CLIENT for one client address), every attempt (even with the right password) is answered 429 until the
 * lockout ends, each further failure doubling it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ReviewConfig, ReviewUser } from '../../../extensions/mrecist/src/core/review/reviewConfig';
import { verifyPassword, hashPassword } from '../../../extensions/mrecist/src/cli/commands/reviewUser';

export const SESSION_COOKIE = 'mrecist_review';
/** A reading session: a working day. */
export const SESSION_TTL_MS = 8 * 60 * 60_000;
export const MAX_FAILURES = 5;
/** One client address may try several user ids (a shared reading room): it is locked out later. */
export const MAX_FAILURES_PER_CLIENT = 20;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const FIRST_LOCKOUT_MS = 60_000;
const MAX_LOCKOUT_MS = 60 * 60_000;
/** A tool sends the same Basic header on every request: its scrypt check is reused for this long. */
const BASIC_CACHE_MS = 5 * 60_000;

export type AuthResult = { ok: true; user: ReviewUser; via: 'session' | 'basic' } | { ok: false; status: 401 | 429; retryAfterS?: number; reason: string };

interface Failures {
  count: number;
  first: number;
  lockedUntil: number;
  lockouts: number;
}

export interface AuthEvents {
  login(user: ReviewUser, via: 'form' | 'basic'): void;
  failed(userId: string, reason: string): void;
}

export class ReviewAuth {
  private readonly sessions = new Map<string, { userId: string; expires: number }>();
  private readonly failures = new Map<string, Failures>();
  private readonly basicCache = new Map<string, { userId: string; until: number }>();
  /** Compared against when the id is unknown, so an unknown id costs the same time as a wrong password. */
  private readonly decoy = hashPassword(randomBytes(12).toString('base64'));

  constructor(
    private readonly config: ReviewConfig,
    private readonly events: AuthEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks a password; on success returns the new session token. */
  login(id: string, password: string, client: string, via: 'form' | 'basic' = 'form'): AuthResult & { token?: string } {
    const locked = this.lockedFor(id, client);
    if (locked > 0) {
      this.events.failed(id, 'locked out after repeated failures');
      return { ok: false, status: 429, retryAfterS: Math.ceil(locked / 1000), reason: 'too many failed logins: try again later' };
    }
    const user = this.config.user(id);
    const good = verifyPassword(password, user?.password ?? this.decoy) && user !== undefined;
    if (!good || !user) {
      this.recordFailure(id, client);
      this.events.failed(id, user ? 'wrong password' : 'unknown user');
      return { ok: false, status: 401, reason: 'wrong user id or password' };
    }
    this.failures.delete(`id:${id}`);
    this.events.login(user, via);
    if (via === 'basic') return { ok: true, user, via: 'basic' };
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId: user.id, expires: this.now() + SESSION_TTL_MS });
    return { ok: true, user, via: 'session', token };
  }

  logout(req: IncomingMessage): ReviewUser | undefined {
    const token = sessionToken(req);
    const session = token ? this.sessions.get(token) : undefined;
    if (token) this.sessions.delete(token);
    return session ? this.config.user(session.userId) : undefined;
  }

  authenticate(req: IncomingMessage): AuthResult {
    const token = sessionToken(req);
    if (token) {
      const session = this.sessions.get(token);
      const user = session && session.expires > this.now() ? this.config.user(session.userId) : undefined;
      if (user) return { ok: true, user, via: 'session' };
      if (session) this.sessions.delete(token);
    }
    const basic = basicCredentials(req);
    if (basic) {
      const key = createHash('sha256').update(req.headers.authorization ?? '').digest('hex');
      const cached = this.basicCache.get(key);
      const cachedUser = cached && cached.until > this.now() ? this.config.user(cached.userId) : undefined;
      if (cachedUser) return { ok: true, user: cachedUser, via: 'basic' };
      const result = this.login(basic.id, basic.password, clientAddress(req), 'basic');
      if (result.ok) this.basicCache.set(key, { userId: result.user.id, until: this.now() + BASIC_CACHE_MS });
      return result;
    }
    return { ok: false, status: 401, reason: token ? 'the session has expired: log in again' : 'log in first' };
  }

  private lockedFor(id: string, client: string): number {
    const now = this.now();
    return Math.max(0, ...[`id:${id}`, `ip:${client}`].map((k) => (this.failures.get(k)?.lockedUntil ?? 0) - now));
  }

  private recordFailure(id: string, client: string): void {
    const now = this.now();
    for (const key of [`id:${id}`, `ip:${client}`]) {
      const limit = key.startsWith('id:') ? MAX_FAILURES : MAX_FAILURES_PER_CLIENT;
      let f = this.failures.get(key);
      if (!f || now - f.first > FAILURE_WINDOW_MS) f = { count: 0, first: now, lockedUntil: 0, lockouts: f?.lockouts ?? 0 };
      f.count++;
      if (f.count >= limit) {
        f.lockedUntil = now + Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** f.lockouts);
        f.lockouts++;
        f.count = 0;
        f.first = now;
      }
      this.failures.set(key, f);
    }
  }
}

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

function sessionToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

function basicCredentials(req: IncomingMessage): { id: string; password: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The Set-Cookie value of a new session (no Secure flag: the server listens on plain http on 127.0.0.1). */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
}
