/**
 * An in-memory DICOMweb server for the report glue: STOW-RS stores instances by study, QIDO-RS lists studies,
 * SR series and instances, WADO-RS returns an instance as multipart/related. `mode` makes it fail the way a
 * real PACS does (down: the request never connects; an HTTP status: every STOW is refused with it).
 */
import { decodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { multipartFirstPart } from '../../../extensions/mrecist/src/core/dicom/multipartFirstPart';
import type { HostDisplaySet } from '../../../extensions/mrecist/src/ohif/hostServices';

export const ROOT = 'http://pacs.test/dicom-web';

interface Stored {
  study: string;
  series: string;
  sop: string;
  sopClass: string;
  modality: string;
  patientId: string;
  bytes: Uint8Array;
}

export class FakePacs {
  readonly stored: Stored[] = [];
  mode: 'up' | 'down' | number = 'up';
  stowRequests: Array<{ url: string; contentType: string }> = [];

  constructor(readonly studies: Array<{ uid: string; patientId: string }>) {}

  private json(value: unknown, status = 200): Response {
    return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/dicom+json' } });
  }

  fetch = async (url: string, init?: { method?: string; headers?: Record<string, string>; body?: Uint8Array }): Promise<Response> => {
    const u = new URL(url);
    const path = u.pathname.replace('/dicom-web', '');
    if (init?.method === 'POST') {
      this.stowRequests.push({ url, contentType: init.headers?.['Content-Type'] ?? '' });
      if (this.mode === 'down') throw new TypeError('fetch failed');
      if (typeof this.mode === 'number') return new Response('refused', { status: this.mode });
      const bytes = multipartFirstPart(init.body!, init.headers!['Content-Type']).slice();
      const ds = decodeDicom(bytes, 'stow');
      const sop = ds.string('SOPInstanceUID');
      const study = ds.string('StudyInstanceUID');
      if (`/studies/${study}` !== path) return new Response('wrong study', { status: 409 });
      this.stored.push({ study, series: ds.string('SeriesInstanceUID'), sop, sopClass: ds.string('SOPClassUID'), modality: ds.string('Modality'), patientId: ds.string('PatientID'), bytes });
      return this.json({ '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: [sop] } }] } });
    }
    if (this.mode === 'down') throw new TypeError('fetch failed');
    let m: RegExpExecArray | null;
    if (path === '/studies') {
      const pid = u.searchParams.get('PatientID');
      return this.json(this.studies.filter((s) => s.patientId === pid).map((s) => ({ '0020000D': { vr: 'UI', Value: [s.uid] } })));
    }
    if ((m = /^\/studies\/([^/]+)\/series$/.exec(path))) {
      const series = [...new Set(this.stored.filter((s) => s.study === m![1] && s.modality === u.searchParams.get('Modality')).map((s) => s.series))];
      return series.length ? this.json(series.map((uid) => ({ '0020000E': { vr: 'UI', Value: [uid] } }))) : new Response(null, { status: 204 });
    }
    if ((m = /^\/studies\/([^/]+)\/series\/([^/]+)\/instances$/.exec(path))) {
      return this.json(
        this.stored.filter((s) => s.study === m![1] && s.series === m![2]).map((s) => ({ '00080018': { vr: 'UI', Value: [s.sop] }, '00080016': { vr: 'UI', Value: [s.sopClass] } })),
      );
    }
    if ((m = /^\/studies\/([^/]+)\/series\/([^/]+)\/instances\/([^/]+)$/.exec(path))) {
      const found = this.stored.find((s) => s.sop === m![3]);
      if (!found) return new Response(null, { status: 404 });
      const head = new TextEncoder().encode('--B\r\nContent-Type: application/dicom\r\n\r\n');
      const tail = new TextEncoder().encode('\r\n--B--\r\n');
      const body = new Uint8Array([...head, ...found.bytes, ...tail]);
      return new Response(body, { status: 200, headers: { 'Content-Type': 'multipart/related; type="application/dicom"; boundary=B' } });
    }
    return new Response(null, { status: 404 });
  };
}

/** Browser storage in memory. */
export class MapStorage {
  readonly map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

/** A one-image CT display set of patient P12 in a study, as the host lists it. */
export function displaySet(study: string, date: string): HostDisplaySet {
  const instance = { StudyInstanceUID: study, SeriesInstanceUID: `${study}.1`, SOPInstanceUID: `${study}.1.1`, SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', PatientID: 'P12', PatientName: 'Demo^Patient', StudyDate: date, Modality: 'CT' };
  return { displaySetInstanceUID: `ds-${study}`, StudyInstanceUID: study, SeriesInstanceUID: `${study}.1`, Modality: 'CT', instances: [instance] };
}
