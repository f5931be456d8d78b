/**
 * Checks that a DICOMweb server answers before we put it behind the viewer: an unreachable PACS must give
 * one clear line and exit code 2, never a blank viewer.
 */
import http from 'node:http';
import https from 'node:https';

/** The PACS given with --pacs / MRECIST_PACS_URL cannot be used. The message is one line for the user. */
export class PacsUnavailableError extends Error {
  constructor(message: string) {
    super(message.replace(/[\r\n]+/g, ' '));
    this.name = 'PacsUnavailableError';
  }
}

/** A short wait: a PACS on a LAN answers QIDO for one study in well under a second. */
export const PACS_PROBE_TIMEOUT_MS = 4000;

/** Parses and normalizes a DICOMweb root URL (no trailing slash). */
export function parsePacsUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PacsUnavailableError(`--pacs: not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PacsUnavailableError(`--pacs: not an http(s) URL: ${raw}`);
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}

/** How we name a PACS to the user: its DICOMweb root as given, without a trailing slash. */
export function pacsLabel(pacs: URL): string {
  return (pacs.origin + pacs.pathname).replace(/\/+$/, '');
}

/** GET <root>/<path> as DICOM JSON; rejects with PacsUnavailableError naming the PACS and the cause. */
export function qidoJson(pacs: URL, pathAndQuery: string, timeoutMs = PACS_PROBE_TIMEOUT_MS): Promise<unknown[]> {
  const target = new URL(pacsLabel(pacs) + pathAndQuery);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(target, { headers: { Accept: 'application/dicom+json' }, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status === 204) return resolve([]);
        if (status < 200 || status >= 300) {
          return reject(new PacsUnavailableError(`PACS at ${pacsLabel(pacs)} did not answer QIDO-RS ${pathAndQuery}: HTTP ${status} ${response.statusMessage ?? ''}`.trim()));
        }
        try {
          const body: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : [];
          if (!Array.isArray(body)) throw new Error('not a JSON array');
          resolve(body);
        } catch (e) {
          reject(new PacsUnavailableError(`PACS at ${pacsLabel(pacs)} answered QIDO-RS ${pathAndQuery} with invalid DICOM JSON: ${(e as Error).message}`));
        }
      });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    request.on('error', (e: NodeJS.ErrnoException) => {
      reject(new PacsUnavailableError(`PACS at ${pacsLabel(pacs)} is unreachable: ${e.code ?? 'ERROR'} ${e.message}`));
    });
  });
}

/** Resolves if the PACS answers QIDO-RS /studies?limit=1. */
export async function probePacs(pacs: URL, timeoutMs = PACS_PROBE_TIMEOUT_MS): Promise<void> {
  await qidoJson(pacs, '/studies?limit=1', timeoutMs);
}

/** StudyInstanceUIDs of one patient's studies on the PACS (QIDO-RS by PatientID). */
export async function patientStudyUids(pacs: URL, patientId: string): Promise<string[]> {
  const studies = await qidoJson(pacs, `/studies?PatientID=${encodeURIComponent(patientId)}&includefield=00080020`);
  return studies
    .map((s) => {
      const attrs = s as Record<string, { Value?: unknown[] } | undefined>;
      return { uid: attrs['0020000D']?.Value?.[0], date: attrs['00080020']?.Value?.[0] };
    })
    .filter((s): s is { uid: string; date: unknown } => typeof s.uid === 'string')
    .sort((a, b) => String(a.date ?? '').localeCompare(String(b.date ?? '')))
    .map((s) => s.uid);
}
