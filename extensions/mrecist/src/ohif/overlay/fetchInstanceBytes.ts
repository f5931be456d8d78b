/**
 * The bytes of one DICOM instance through the active data source: a dicomjson instance points at a static file
 * ("dicomweb:<url>"); a DICOMweb instance is retrieved with WADO-RS (PS3.18 10.4, multipart/related;
 * type="application/dicom"), taking the first part.
 */
import type { HostInstance } from '../hostServices';

export interface InstanceDataSource {
  getImageIdsForInstance?(args: { instance: HostInstance }): string | undefined;
}

const DICOM_MULTIPART_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The body of the first part of a multipart/related response. */
export function firstMultipartPart(body: ArrayBuffer, contentType: string): ArrayBuffer {
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!match) return body;
  const bytes = new Uint8Array(body);
  const encoder = new TextEncoder();
  const delimiter = encoder.encode(`--${match[1]}`);
  const start = indexOf(bytes, delimiter, 0);
  const headersEnd = start < 0 ? -1 : indexOf(bytes, encoder.encode('\r\n\r\n'), start);
  if (headersEnd < 0) throw new Error('WADO-RS response: no multipart part found');
  const end = indexOf(bytes, encoder.encode(`\r\n--${match[1]}`), headersEnd + 4);
  return body.slice(headersEnd + 4, end < 0 ? bytes.length : end);
}

export function instanceUrl(instance: HostInstance, dataSource: InstanceDataSource): { url: string; wado: boolean } {
  const direct = typeof instance.url === 'string' ? instance.url : dataSource.getImageIdsForInstance?.({ instance });
  if (!direct) throw new Error(`no URL for instance ${instance.SOPInstanceUID}`);
  if (direct.startsWith('dicomweb:')) return { url: direct.slice('dicomweb:'.length), wado: false };
  if (direct.startsWith('wadouri:')) return { url: direct.slice('wadouri:'.length), wado: false };
  if (direct.startsWith('wadors:')) return { url: direct.slice('wadors:'.length).replace(/\/frames\/.*$/, ''), wado: true };
  return { url: direct, wado: false };
}

export async function fetchInstanceBytes(instance: HostInstance, dataSource: InstanceDataSource): Promise<ArrayBuffer> {
  const { url, wado } = instanceUrl(instance, dataSource);
  const response = await fetch(url, wado ? { headers: { Accept: DICOM_MULTIPART_ACCEPT } } : undefined);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const type = response.headers.get('content-type') ?? '';
  return type.startsWith('multipart/') ? firstMultipartPart(body, type) : body;
}
