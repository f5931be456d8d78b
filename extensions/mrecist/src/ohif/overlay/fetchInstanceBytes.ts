/**
 * The bytes of one DICOM instance through the active data source: a dicomjson instance points at a static file
 * ("dicomweb:<url>"); a DICOMweb instance is retrieved with WADO-RS (PS3.18 10.4, multipart/related;
 * type="application/dicom"), taking the first part.
 */
import type { HeaderFetch } from '../authorizedFetch';
import type { HostInstance } from '../hostServices';
import { multipartFirstPart } from '../report/multipartFirstPart';

export interface InstanceDataSource {
  getImageIdsForInstance?(args: { instance: HostInstance }): string | undefined;
}

const DICOM_MULTIPART_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

export function instanceUrl(instance: HostInstance, dataSource: InstanceDataSource): { url: string; wado: boolean } {
  const direct = typeof instance.url === 'string' ? instance.url : dataSource.getImageIdsForInstance?.({ instance });
  if (!direct) throw new Error(`no URL for instance ${instance.SOPInstanceUID}`);
  if (direct.startsWith('dicomweb:')) return { url: direct.slice('dicomweb:'.length), wado: false };
  if (direct.startsWith('wadouri:')) return { url: direct.slice('wadouri:'.length), wado: false };
  if (direct.startsWith('wadors:')) return { url: direct.slice('wadors:'.length).replace(/\/frames\/.*$/, ''), wado: true };
  return { url: direct, wado: false };
}

/** `fetchWith` adds the host's Authorization header (ohif/authorizedFetch) for a PACS that requires it. */
export async function fetchInstanceBytes(instance: HostInstance, dataSource: InstanceDataSource, fetchWith: HeaderFetch = (u, i) => fetch(u, i as RequestInit)): Promise<ArrayBuffer> {
  const { url, wado } = instanceUrl(instance, dataSource);
  const response = await fetchWith(url, wado ? { headers: { Accept: DICOM_MULTIPART_ACCEPT } } : {});
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const type = response.headers.get('content-type') ?? '';
  return type.startsWith('multipart/') ? multipartFirstPart(new Uint8Array(body), type).slice().buffer : body;
}
