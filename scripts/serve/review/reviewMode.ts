/**
 * Review mode of the viewer server (`npm start -- --pacs URL --review REVIEW.json`): blinded central review.
 * Every request is authenticated (reviewAuth); DICOMweb goes through the blinding filter (dicomWebGuard) and
 * STOW-RS through the read checks (reviewService); the review's own pages and API live under /review/:
 *
 *   GET  /review/login, POST /review/login (id, password), POST /review/logout
 *   GET  /review/                     worklist (HTML)       GET /review/stats   trial statistics (adjudicator)
 *   GET  /review/open/<patient>       audits the case open, then redirects into the mrecist mode
 *   GET  /review/api/me               {id, name, role, trial}
 *   GET  /review/api/cases[/<patient>] the user's cases: state, the reads they may see, comparison, endorsement
 *   POST /review/api/cases/<patient>/endorse  {"read": "A"|"B", "reason": "...", "amendment"?: "why"}
 *   GET  /review/api/stats            statistics from the audit log (adjudicator)
 *
 * Anything else (the viewer's files) is served as outside review mode, once the user is authenticated.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isInputError } from '../../../extensions/mrecist/src/core/errors';
import { parseAuditLog, type AuditRecord } from '../../../extensions/mrecist/src/core/review/auditLog';
import { ReviewConfig, ReviewConfigError, type ReviewUser } from '../../../extensions/mrecist/src/core/review/reviewConfig';
import { reviewStatistics } from '../../../extensions/mrecist/src/core/review/reviewStatistics';
import { sendText } from '../staticFiles';
import { DicomWebGuard, notFound, parseDicomWebRoute } from './dicomWebGuard';
import { clearedSessionCookie, clientAddress, ReviewAuth, sessionCookie, type AuthResult } from './reviewAuth';
import { loginPage, statisticsPage, worklistPage } from './reviewPages';
import { ReviewPacs } from './reviewPacs';
import { ReviewService, type ServiceAnswer } from './reviewService';

const DICOMWEB_PATH = '/dicom-web';
const WADO_URI_PATH = '/wado';
/** A STOW of one SR is tens of kilobytes; this bounds what an authenticated user can make the server hold. */
const MAX_STOW_BYTES = 64 * 1024 * 1024;
const MAX_FORM_BYTES = 64 * 1024;

export interface ReviewModeOptions {
  readonly configFile: string;
  /** The PACS DICOMweb root (no trailing slash) and its origin (WADO-URI lives at the origin's /wado). */
  readonly pacsRoot: string;
  readonly pacsOrigin: string;
  /** The viewer URL opening these studies in the mrecist mode. */
  readonly viewerUrl: (studyInstanceUids: readonly string[]) => string;
}

/** Reads and checks REVIEW.json and the audit log (InputError on either: one line, exit 2 at start). */
export function loadReviewMode(options: ReviewModeOptions): ReviewMode {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(options.configFile, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReviewConfigError(options.configFile, 'file', code === 'ENOENT' ? 'no such file' : code ? `cannot read (${code})` : 'not valid JSON');
  }
  const config = ReviewConfig.parse(raw, options.configFile);
  const auditPath = path.resolve(path.dirname(options.configFile), config.auditLog ?? `${config.trial.replace(/[^A-Za-z0-9._-]/g, '_')}.audit.log`);
  return new ReviewMode(config, new ReviewService(config, auditPath, new ReviewPacs(options.pacsRoot)), options);
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpProblem(413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendText(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function sendAnswer(res: ServerResponse, answer: ServiceAnswer): void {
  if (answer.json !== undefined) sendText(res, answer.status, JSON.stringify(answer.json), 'application/dicom+json');
  else sendText(res, answer.status, answer.text ?? '');
}

function redirect(res: ServerResponse, location: string, status = 303): void {
  res.statusCode = status;
  res.setHeader('Location', location);
  res.end();
}

function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

export class ReviewMode {
  readonly auth: ReviewAuth;
  private readonly guard: DicomWebGuard;

  constructor(
    readonly config: ReviewConfig,
    readonly service: ReviewService,
    private readonly options: ReviewModeOptions,
  ) {
    this.auth = new ReviewAuth(config, {
      login: (user) => this.service.audit({ event: 'login', at: this.service.at(), user: user.id }),
      failed: (userId, reason) => this.service.audit({ event: 'login-failed', at: this.service.at(), user: userId.slice(0, 64) || '(empty)', reason }),
    });
    this.guard = new DicomWebGuard(service.pacs, service.blinding);
  }

  get auditPath(): string {
    return this.service.auditPath;
  }

  /** Serves the request, or calls `next` for the viewer's own files once the user is authenticated. */
  async handle(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
    try {
      await this.route(req, res, next);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpProblem) sendText(res, e.status, `${e.message}\n`);
      else if (isInputError(e)) sendText(res, 400, `${e.message}\n`);
      else sendText(res, 502, `review server: ${(e as Error).message.split('\n')[0]}\n`);
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://review.invalid');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    if (p === '/review/login') return method === 'POST' ? this.login(req, res) : sendText(res, 200, loginPage(this.config.trial), 'text/html; charset=utf-8');

    const auth = this.auth.authenticate(req);
    if (!auth.ok) return this.unauthenticated(req, res, auth);
    const user = auth.user;
    if (method !== 'GET' && method !== 'HEAD' && auth.via === 'session' && !sameOrigin(req))
      return sendText(res, 403, 'cross-origin request refused\n');

    if (p === '/review/logout' && method === 'POST') {
      this.auth.logout(req);
      this.service.audit({ event: 'logout', at: this.service.at(), user: user.id });
      res.setHeader('Set-Cookie', clearedSessionCookie());
      return redirect(res, '/review/login');
    }
    if (p === '/' || p === '/review' || p === '/review/') return p === '/' ? redirect(res, '/review/', 302) : sendText(res, 200, worklistPage(this.config.trial, user, this.caseViews(user)), 'text/html; charset=utf-8');
    if (p === '/review/api/me') return sendJson(res, 200, { id: user.id, name: user.name, role: user.role, trial: this.config.trial });
    if (p === '/review/api/cases') return sendJson(res, 200, this.caseViews(user).map((c) => ({ ...c, open: `/review/open/${encodeURIComponent(c.patientId)}` })));
    const caseRoute = /^\/review\/(api\/cases|open)\/([^/]+)(\/endorse)?$/.exec(p);
    if (caseRoute) return this.caseRoute(req, res, user, decodeURIComponent(caseRoute[2]), caseRoute[1] === 'open' ? 'open' : caseRoute[3] ? 'endorse' : 'view');
    if (p === '/review/stats' || p === '/review/api/stats') return this.statistics(res, user, p === '/review/stats');
    if (p.startsWith('/review/')) return notFound(res);

    if (p === DICOMWEB_PATH || p.startsWith(`${DICOMWEB_PATH}/`)) {
      const route = parseDicomWebRoute(method, p.slice(DICOMWEB_PATH.length));
      if (!route) return notFound(res);
      if (route.kind === 'stow') {
        const body = await readBody(req, MAX_STOW_BYTES);
        return sendAnswer(res, await this.service.storeReads(user, new Uint8Array(body), req.headers['content-type'] ?? '', route.study));
      }
      return this.guard.serve(req, res, route, url.search, user);
    }
    if (p === WADO_URI_PATH) return this.guard.serveWadoUri(req, res, this.options.pacsOrigin, url.searchParams, user);
    if (p.startsWith('/demo/')) return notFound(res);
    next();
  }

  private unauthenticated(req: IncomingMessage, res: ServerResponse, auth: Extract<AuthResult, { ok: false }>): void {
    if (auth.retryAfterS) res.setHeader('Retry-After', String(auth.retryAfterS));
    if (wantsHtml(req)) return sendText(res, auth.status, loginPage(this.config.trial, auth.status === 429 ? auth.reason : undefined), 'text/html; charset=utf-8');
    // Tools answer a Basic challenge; a page's own requests (which carry a cookie) must not pop up the browser's dialog.
    if (!req.headers.cookie) res.setHeader('WWW-Authenticate', `Basic realm="mrecist review ${this.config.trial}", charset="UTF-8"`);
    sendText(res, auth.status, `${auth.reason}\n`);
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
    const result = this.auth.login(form.get('id') ?? '', form.get('password') ?? '', clientAddress(req));
    if (!result.ok) {
      if (result.retryAfterS) res.setHeader('Retry-After', String(result.retryAfterS));
      return sendText(res, result.status, loginPage(this.config.trial, result.reason), 'text/html; charset=utf-8');
    }
    res.setHeader('Set-Cookie', sessionCookie(result.token!));
    redirect(res, '/review/');
  }

  private caseViews(user: ReviewUser) {
    return this.config.casesOf(user.id).map((c) => this.service.caseView(user, c));
  }

  private async caseRoute(req: IncomingMessage, res: ServerResponse, user: ReviewUser, patientId: string, action: 'open' | 'view' | 'endorse'): Promise<void> {
    const c = this.config.casesOf(user.id).find((x) => x.patientId === patientId);
    if (!c) return notFound(res);
    if (action === 'view') return sendJson(res, 200, this.service.caseView(user, c));
    if (action === 'open') {
      this.service.audit({ event: 'case-open', at: this.service.at(), user: user.id, patientId });
      const studies = await this.service.pacs.patientStudies(patientId);
      return redirect(res, this.options.viewerUrl(studies), 302);
    }
    if (req.method !== 'POST') return sendText(res, 405, 'POST the endorsement\n');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
    } catch (e) {
      if (e instanceof HttpProblem) throw e;
      return sendText(res, 400, 'expected a JSON body {"read": "A"|"B", "reason": "...", "amendment"?: "..."}\n');
    }
    const answer = await this.service.endorse(user, patientId, body ?? {});
    if (answer.json !== undefined) sendJson(res, answer.status, answer.json);
    else sendText(res, answer.status, answer.text ?? '');
  }

  private statistics(res: ServerResponse, user: ReviewUser, html: boolean): void {
    if (user.role !== 'adjudicator') return sendText(res, 403, 'the trial statistics are for the adjudicator\n');
    const log = parseAuditLog(readFileSync(this.service.auditPath, 'utf8'), this.service.auditPath);
    // Only the cases this adjudicator adjudicates.
    const mine = new Set(this.config.casesOf(user.id).map((c) => c.patientId));
    const records = log.records.filter((r: AuditRecord) => r.event !== 'adjudication' || mine.has(r.patientId));
    const stats = reviewStatistics(records);
    if (html) return sendText(res, 200, statisticsPage(this.config.trial, user, stats, { lines: log.records.length, head: log.head }), 'text/html; charset=utf-8');
    sendJson(res, 200, { chain: { verified: true, lines: log.records.length, head: log.head }, ...stats });
  }
}

/** A state-changing request with a session cookie must come from our own pages (Origin, when the browser sends it). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host}`;
}
