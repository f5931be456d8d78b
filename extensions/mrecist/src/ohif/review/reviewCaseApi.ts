/**
 * The adjudicator view's calls to the review server (scripts/serve/review): the case as the logged-in user may
 * see it (`GET /review/api/cases/<patient>`), the endorsement (`POST …/endorse`), and the two signed-off reads,
 * fetched by WADO-RS through the same blinding filter as every DICOMweb request. Answers are checked at this
 * boundary: a body that is not the documented shape is a one-line error, never a half-read case.
 */
import { READ_LABELS, type CaseView, type ReadView } from '../../core/review/caseView';
import { InputError } from '../../core/errors';
import { multipartFirstPart } from '../../core/dicom/multipartFirstPart';
import { reportVersionFromBytes, type ReportVersion } from '../report/ReportVersion';

export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>;

/** The review server's answer breaks its contract. */
export class ReviewApiError extends InputError {}

export type ReviewReadRef = ReadView;
export type ReviewCaseView = CaseView;

export const casePath = (patientId: string) => `/review/api/cases/${encodeURIComponent(patientId)}`;

const isText = (v: unknown): v is string => typeof v === 'string';

function readRef(v: unknown, where: string): ReviewReadRef {
  const r = (v ?? {}) as Record<string, unknown>;
  for (const f of ['label', 'reader', 'studyInstanceUid', 'seriesInstanceUid', 'sopInstanceUid', 'at'])
    if (!isText(r[f])) throw new ReviewApiError(where, f, 'expected text');
  if (!(READ_LABELS as readonly unknown[]).includes(r.label)) throw new ReviewApiError(where, 'label', `unknown read label "${String(r.label)}"`);
  return r as unknown as ReviewReadRef;
}

export function parseCaseView(v: unknown, source: string): ReviewCaseView {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ReviewApiError(source, 'body', 'expected a JSON object');
  const c = v as Record<string, unknown>;
  if (!isText(c.patientId) || !isText(c.state)) throw new ReviewApiError(source, 'patientId/state', 'expected text');
  if (c.role !== 'reader' && c.role !== 'adjudicator') throw new ReviewApiError(source, 'role', 'expected reader or adjudicator');
  if (!Array.isArray(c.reads)) throw new ReviewApiError(source, 'reads', 'expected a list');
  return { ...(c as unknown as ReviewCaseView), reads: c.reads.map((r, i) => readRef(r, `${source} reads[${i}]`)) };
}

async function failure(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).trim().split('\n')[0];
  return `HTTP ${response.status}${text ? `: ${text}` : ''}`;
}

export async function fetchCaseView(fetchImpl: FetchLike, patientId: string): Promise<ReviewCaseView> {
  const url = casePath(patientId);
  const response = await fetchImpl(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${await failure(response)}`);
  return parseCaseView(await response.json(), url);
}

export interface EndorseRequest {
  readonly read: 'A' | 'B';
  readonly reason: string;
  /** Needed when the case was endorsed already: why the endorsement is amended. */
  readonly amendment?: string;
}

export type EndorseOutcome =
  | { readonly ok: true; readonly reissuedSopInstanceUid: string; readonly release?: { readonly to: string; readonly status: number } }
  | { readonly ok: false; readonly message: string };

export async function postEndorsement(fetchImpl: FetchLike, patientId: string, request: EndorseRequest): Promise<EndorseOutcome> {
  const response = await fetchImpl(`${casePath(patientId)}/endorse`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok) return { ok: false, message: `The endorsement was refused (${await failure(response)})` };
  const body = (await response.json()) as { reissued?: { sopInstanceUid?: unknown }; release?: { to: string; status: number } };
  const uid = body.reissued?.sopInstanceUid;
  if (!isText(uid)) return { ok: false, message: 'The server recorded the endorsement but named no re-issued report' };
  return { ok: true, reissuedSopInstanceUid: uid, ...(body.release ? { release: body.release } : {}) };
}

/** One stored read by WADO-RS (the blinding filter lets the adjudicator see both only once both are signed off). */
export async function fetchRead(fetchImpl: FetchLike, wadoRoot: string, ref: ReviewReadRef): Promise<ReportVersion> {
  const url = `${wadoRoot.replace(/\/+$/, '')}/studies/${ref.studyInstanceUid}/series/${ref.seriesInstanceUid}/instances/${ref.sopInstanceUid}`;
  const response = await fetchImpl(url, { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
  if (!response.ok) throw new Error(`read ${ref.label} (SR ${ref.sopInstanceUid}): ${await failure(response)}`);
  const bytes = multipartFirstPart(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type') ?? '');
  const version = await reportVersionFromBytes(bytes.slice(), `read ${ref.label} (SR ${ref.sopInstanceUid})`);
  if (!version) throw new ReviewApiError(`read ${ref.label} (SR ${ref.sopInstanceUid})`, 'SR', 'not a read of this viewer');
  return version;
}
