/**
 * The bytes of one DICOM instance through the active data source: a dicomjson instance points at a static file
 * ("dicomweb:<url>"); a DICOMweb instance is retrieved with WADO-RS (PS3.18 10.4, multipart/related;
 * type="application/dicom"), taking the first part.
 */
import type { HeaderFetch } from '../authorizedFetch';
import type { HostInstance } from '../hostServices';
import { multipartFirstPart } from '../../core/dicom/multipartFirstPart';

export interface InstanceDataSource {
  getImageIdsForInstance?(args: { instance: HostInstance }): string | undefined;
}

export const DICOM_MULTIPART_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

export function instanceUrl(instance: HostInstance, dataSource: InstanceDataSource): { url: string; wado: boolean } {
  const direct = typeof instance.url === 'string' ? instance.url : dataSource.getImageIdsForInstance?.({ instance });
  if (!direct) throw new Error(`no URL for instance ${instance.SOPInstanceUID}`);
  return urlOf(direct);
}

function urlOf(imageId: string): { url: string; wado: boolean } {
  const scheme = /^(dicomweb|wadouri|wadors):/.exec(imageId)?.[1];
  if (!scheme) return { url: imageId, wado: false };
  const rest = imageId.slice(scheme.length + 1);
  return scheme === 'wadors' ? { url: rest.replace(/\/frames\/.*$/, ''), wado: true } : { url: rest, wado: false };
}

/**
 * The instance an image id of a single-frame image stands for: `dicomweb:`/`wadouri:` name the file itself,
 * `wadors:` its first frame under the WADO-RS instance URL. Undefined for a frame of a multi-frame image or a
 * scheme this cannot resolve (the host's loader then reads it).
 */
export function instanceUrlOfImageId(imageId: string): { url: string; wado: boolean } | undefined {
  if (!/^(dicomweb|wadouri|wadors):/.test(imageId)) return undefined;
  const { url, wado } = urlOf(imageId);
  if (wado) return /\/frames\/1$/.test(imageId) ? { url, wado } : undefined;
  return /[?&]frame=/.test(url) ? undefined : { url, wado };
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
