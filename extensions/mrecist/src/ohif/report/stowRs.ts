import { errorText } from '../../core/errorText';
/**
 * STOW-RS of one DICOM instance (PS3.18 10.5): POST multipart/related; type="application/dicom" to
 * `<wadoRoot>/studies/<StudyInstanceUID>`. Outcome is one line a reader understands: the HTTP status with its
 * meaning, a network error, or the timeout. 200 is stored; 202 with the instance in Failed SOP Sequence, 409
 * (Conflict: the PACS refused it) and every other status are failures.
 */

export const STOW_TIMEOUT_MS = 15_000;

/** DICOM JSON tags of the STOW-RS response (PS3.18 Table 10.5.3-1). */
const FAILED_SOP_SEQUENCE = '00081198';
const REFERENCED_SOP_SEQUENCE = '00081199';
const REFERENCED_SOP_INSTANCE_UID = '00081155';
const FAILURE_REASON = '00081197';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: Uint8Array; signal: AbortSignal }) => Promise<{
  status: number;
  statusText?: string;
  text(): Promise<string>;
}>;

export class StowError extends Error {
  constructor(message: string, readonly httpStatus: number | null) {
    super(message);
    this.name = 'StowError';
  }
}

const STATUS_MEANING: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict: the PACS refused the report',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'PACS internal error',
  502: 'Bad Gateway: the PACS is not answering the viewer server',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The request body: one part, the instance bytes, with a boundary that cannot occur in them. */
export function multipartRelatedBody(bytes: Uint8Array, boundary: string): Uint8Array {
  const encoder = new TextEncoder();
  const head = encoder.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`);
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.length + bytes.length + tail.length);
  body.set(head, 0);
  body.set(bytes, head.length);
  body.set(tail, head.length + bytes.length);
  return body;
}

export function stowUrl(wadoRoot: string, studyInstanceUid: string): string {
  return `${wadoRoot.replace(/\/+$/, '')}/studies/${studyInstanceUid}`;
}

function failedInstances(responseText: string): { failed: string[]; stored: string[]; reasons: number[] } {
  let json: Record<string, { Value?: Array<Record<string, { Value?: unknown[] }>> }> = {};
  try {
    json = responseText.trim() ? JSON.parse(responseText) : {};
  } catch {
    // Some servers answer 200 with an XML or empty body; the status decides then.
  }
  const uids = (tag: string) => (json[tag]?.Value ?? []).map((item) => String(item[REFERENCED_SOP_INSTANCE_UID]?.Value?.[0] ?? ''));
  const reasons = (json[FAILED_SOP_SEQUENCE]?.Value ?? []).map((item) => Number(item[FAILURE_REASON]?.Value?.[0] ?? NaN));
  return { failed: uids(FAILED_SOP_SEQUENCE), stored: uids(REFERENCED_SOP_SEQUENCE), reasons };
}

/** Stores the instance; resolves when the PACS confirms it, rejects with a StowError (one line) otherwise. */
export async function stowInstance(
  url: string,
  bytes: Uint8Array,
  sopInstanceUid: string,
  options: { fetch?: FetchLike; timeoutMs?: number; boundary?: string } = {},
): Promise<void> {
  const doFetch = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const boundary = options.boundary ?? `mrecist-${sopInstanceUid.replace(/\./g, '-')}-${Date.now().toString(36)}`;
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? STOW_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Awaited<ReturnType<FetchLike>>;
  let text = '';
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`, Accept: 'application/dicom+json' },
      body: multipartRelatedBody(bytes, boundary),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    if (controller.signal.aborted) throw new StowError(`no answer from the PACS within ${Math.round(timeoutMs / 1000)} s`, null);
    throw new StowError(`network error: ${errorText(error)}`, null);
  } finally {
    clearTimeout(timer);
  }
  const { failed, stored, reasons } = failedInstances(text);
  if (response.status === 200 || response.status === 202) {
    if (failed.includes(sopInstanceUid) || (failed.length > 0 && !stored.includes(sopInstanceUid)))
      throw new StowError(`HTTP ${response.status}: the PACS did not store the report (failure reason ${reasons.map((r) => `0x${r.toString(16).toUpperCase()}`).join(', ')})`, response.status);
    return;
  }
  const meaning = STATUS_MEANING[response.status] ?? response.statusText ?? '';
  throw new StowError(`HTTP ${response.status}${meaning ? ` ${meaning}` : ''}`, response.status);
}
