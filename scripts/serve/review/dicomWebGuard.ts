/**
 * Blinding enforced where the data is served: in review mode every DICOMweb request (QIDO-RS, WADO-RS,
 * metadata, bulk data, frames, rendered, WADO-URI) goes through here, never straight to the PACS.
 *
 * The choice: one PACS and a filter, rather than a separate store for the reads. The viewer then needs one data
 * source, and the rule holds for any route because the request is parsed into what it names and rebuilt:
 *  - only the DICOMweb routes below exist (anything else, e.g. the plugin's /servers, is 404);
 *  - a request naming a study, series or instance is answered only when the user may see it (else 404, the same
 *    answer as for something that does not exist, so a guessed UID learns nothing);
 *  - QIDO-RS and metadata answers are filtered item by item (core/review/blinding), and the counts that would
 *    betray a hidden instance (Number of Study/Series Related Instances, ModalitiesInStudy's SR) are dropped;
 *  - a whole study or series retrieve that would include a hidden instance is refused (403);
 *  - STOW-RS goes to stowGuard.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Blinding } from '../../../extensions/mrecist/src/core/review/blinding';
import type { ReviewUser } from '../../../extensions/mrecist/src/core/review/reviewConfig';
import { factsOf, TAG, value, type DicomJson, type ReviewPacs } from './reviewPacs';
import { sendText } from '../staticFiles';

/** What a DICOMweb path names, once parsed. */
export type DicomWebRoute =
  | { readonly kind: 'qido'; readonly level: 'studies' | 'series' | 'instances'; readonly study?: string; readonly series?: string }
  | { readonly kind: 'metadata'; readonly study: string; readonly series?: string }
  | { readonly kind: 'instance'; readonly study: string; readonly series: string; readonly instance: string; readonly rest: readonly string[] }
  | { readonly kind: 'container'; readonly study: string; readonly series?: string; readonly rest: readonly string[] }
  | { readonly kind: 'stow'; readonly study?: string };

const UID = /^[0-9]+(\.[0-9]+)*$/;
/** Sub-resources of an instance (PS3.18 §10.4): retrieve itself, metadata, frames, rendered, thumbnail, bulk data. */
const INSTANCE_PARTS = new Set(['metadata', 'frames', 'rendered', 'thumbnail', 'bulk']);
const CONTAINER_PARTS = new Set(['rendered', 'thumbnail', 'bulk']);

/** Parses the path after /dicom-web; undefined for anything that is not a route we serve. */
export function parseDicomWebRoute(method: string, pathAfterRoot: string): DicomWebRoute | undefined {
  let segments: string[];
  try {
    segments = pathAfterRoot.split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (segments.some((s) => s.includes('/') || s === '.' || s === '..')) return undefined;
  const [top, study, second, series, third, instance, ...rest] = segments;
  if (method === 'POST') return top === 'studies' && segments.length <= 2 && (study === undefined || UID.test(study)) ? { kind: 'stow', study } : undefined;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (segments.length === 1 && (top === 'studies' || top === 'series' || top === 'instances')) return { kind: 'qido', level: top };
  if (top !== 'studies' || !UID.test(study ?? '')) return undefined;
  if (second === undefined) return { kind: 'container', study, rest: [] };
  if (second === 'metadata' && segments.length === 3) return { kind: 'metadata', study };
  if ((second === 'series' || second === 'instances') && segments.length === 3) return { kind: 'qido', level: second, study };
  if (CONTAINER_PARTS.has(second)) return { kind: 'container', study, rest: segments.slice(2) };
  if (second !== 'series' || !UID.test(series ?? '')) return undefined;
  if (third === undefined) return { kind: 'container', study, series, rest: [] };
  if (third === 'metadata' && segments.length === 5) return { kind: 'metadata', study, series };
  if (third === 'instances' && segments.length === 5) return { kind: 'qido', level: 'instances', study, series };
  if (CONTAINER_PARTS.has(third)) return { kind: 'container', study, series, rest: segments.slice(4) };
  if (third !== 'instances' || !UID.test(instance ?? '')) return undefined;
  if (rest.length > 0 && !INSTANCE_PARTS.has(rest[0])) return undefined;
  return { kind: 'instance', study, series, instance, rest };
}

/** The PACS path a route names, rebuilt from its parts (never the client's raw path). */
function upstreamPath(route: Exclude<DicomWebRoute, { kind: 'stow' }>): string {
  const e = encodeURIComponent;
  const studyPath = 'study' in route && route.study ? `/studies/${e(route.study)}` : '';
  const seriesPath = 'series' in route && route.series ? `/series/${e(route.series)}` : '';
  switch (route.kind) {
    case 'qido':
      return `${studyPath}${seriesPath}/${route.level}`;
    case 'metadata':
      return `${studyPath}${seriesPath}/metadata`;
    case 'instance':
      return `${studyPath}${seriesPath}/instances/${e(route.instance)}${route.rest.map((s) => `/${e(s)}`).join('')}`;
    case 'container':
      return `${studyPath}${seriesPath}${route.rest.map((s) => `/${e(s)}`).join('')}`;
  }
}

/** Attributes dropped from QIDO answers in review mode: they count instances the user may not see. */
const COUNT_TAGS = ['00201206', '00201208', '00201209'];

export class DicomWebGuard {
  constructor(
    private readonly pacs: ReviewPacs,
    private readonly blinding: Blinding,
  ) {}

  /** Answers a GET/HEAD DICOMweb route for this user. */
  async serve(req: IncomingMessage, res: ServerResponse, route: Exclude<DicomWebRoute, { kind: 'stow' }>, query: string, user: ReviewUser): Promise<void> {
    if ('study' in route && route.study) {
      const patientId = await this.pacs.studyPatient(route.study);
      if (patientId === undefined || !this.blinding.patientAssigned(user, patientId)) return notFound(res);
    }
    const path = upstreamPath(route);
    if (route.kind === 'instance') {
      const facts = await this.pacs.instance(route.instance);
      if (!facts || facts.studyInstanceUid !== route.study || facts.seriesInstanceUid !== route.series || !this.blinding.instanceVisible(user, facts)) return notFound(res);
      return this.pass(req, res, path + query);
    }
    if (route.kind === 'container') {
      const { hidden, visible } = await this.countIn(route.study, route.series, user);
      // A series of nothing but hidden objects does not exist for this user; a mixed container cannot be sent whole.
      if (route.series && visible === 0) return notFound(res);
      if (hidden > 0) return sendText(res, 403, 'this retrieve would include objects hidden by the review: retrieve series or instances one by one\n');
      return this.pass(req, res, path + query);
    }
    const items = await this.fetchJson(req, res, path + query);
    if (!items) return;
    const kept = items.filter((item) => this.keep(item, route, user)).map((item) => stripCounts(item, route));
    if ('series' in route && route.series && items.length > 0 && kept.length === 0) return notFound(res);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/dicom+json');
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(kept));
  }

  /** WADO-URI (PS3.18 §9): the object it names is checked like a WADO-RS instance. */
  async serveWadoUri(req: IncomingMessage, res: ServerResponse, origin: string, query: URLSearchParams, user: ReviewUser): Promise<void> {
    const sop = query.get('objectUID') ?? '';
    const facts = UID.test(sop) ? await this.pacs.instance(sop) : undefined;
    if (!facts || !this.blinding.instanceVisible(user, facts)) return notFound(res);
    const forwarded = new URLSearchParams(query);
    forwarded.set('studyUID', facts.studyInstanceUid);
    forwarded.set('seriesUID', facts.seriesInstanceUid);
    return this.pass(req, res, `?${forwarded.toString()}`, `${origin}/wado`);
  }

  /** How many instances of the study (or series) the user may see, and may not. */
  private async countIn(study: string, series: string | undefined, user: ReviewUser): Promise<{ hidden: number; visible: number }> {
    const path = `/studies/${encodeURIComponent(study)}${series ? `/series/${encodeURIComponent(series)}` : ''}/instances?includefield=${TAG.PatientID}`;
    const items = await this.pacs.qido(path);
    const visible = items.filter((item) => {
      const facts = factsOf(item);
      if (facts) this.pacs.remember(facts);
      return facts !== undefined && this.blinding.instanceVisible(user, facts);
    }).length;
    return { hidden: items.length - visible, visible };
  }

  private keep(item: DicomJson, route: Exclude<DicomWebRoute, { kind: 'stow' }>, user: ReviewUser): boolean {
    const patientId = value(item, TAG.PatientID);
    if (patientId === undefined || !this.blinding.patientAssigned(user, patientId)) return false;
    const level = route.kind === 'metadata' ? 'instances' : route.kind === 'qido' ? route.level : 'instances';
    if (level === 'studies') return true;
    if (level === 'series') {
      const series = value(item, TAG.SeriesInstanceUID);
      return series !== undefined && this.blinding.seriesVisible(user, patientId, series, value(item, TAG.Modality) ?? '');
    }
    const facts = factsOf(item);
    if (!facts) return false;
    this.pacs.remember(facts);
    return this.blinding.instanceVisible(user, facts);
  }

  private async fetchJson(req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<DicomJson[] | undefined> {
    const response = await fetch(`${this.pacs.root}${pathAndQuery}`, { headers: { Accept: 'application/dicom+json' } });
    if (response.status === 204) return [];
    if (!response.ok) {
      sendText(res, response.status === 404 ? 404 : 502, response.status === 404 ? 'not found\n' : `PACS answered HTTP ${response.status}\n`);
      return undefined;
    }
    const body = (await response.json()) as unknown;
    return Array.isArray(body) ? (body as DicomJson[]) : [];
  }

  /** Streams the PACS answer as it is: only for routes already checked. */
  private async pass(req: IncomingMessage, res: ServerResponse, pathAndQuery: string, base = this.pacs.root): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of ['accept', 'range']) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    const response = await fetch(`${base}${pathAndQuery}`, { method: req.method, headers });
    res.statusCode = response.status;
    for (const name of ['content-type', 'content-range', 'accept-ranges']) {
      const v = response.headers.get(name);
      if (v) res.setHeader(name, v);
    }
    if (!response.body || req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolve) => {
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).on('error', () => res.destroy()).pipe(res).on('finish', resolve).on('close', resolve);
    });
  }
}

function stripCounts(item: DicomJson, route: Exclude<DicomWebRoute, { kind: 'stow' }>): DicomJson {
  if (route.kind !== 'qido' || route.level === 'instances') return item;
  const out: DicomJson = { ...item };
  for (const tag of COUNT_TAGS) delete out[tag];
  const modalities = out[TAG.ModalitiesInStudy];
  if (modalities?.Value) out[TAG.ModalitiesInStudy] = { ...modalities, Value: modalities.Value.filter((m) => m !== 'SR' && m !== 'KO') };
  return out;
}

export function notFound(res: ServerResponse): void {
  sendText(res, 404, 'not found\n');
}
