/**
 * Loading a follow-up CT for seed finding off the UI thread: the CT load Web Worker fetches each slice's DICOM
 * instance itself, decodes it (core/dicom) and keeps the HU, in the slab order of core/seeds/seedSlab (the
 * displayed slice first, then outward towards whichever side still lacks its margin beyond the seeds). While
 * the viewer opens, the UI thread is busy drawing and creating viewports; images fetched through the host's
 * loader there arrive at a fraction of the rate the network allows, and the plan's placement waits for them.
 *
 * The worker reads slices with core/dicom/ctSliceReader, not the general decoder, so it starts in milliseconds.
 * One job per series. Replies: `progress` after every slice, `slab` once (when the loaded slices around the
 * centre enclose the seeds with their margin, and the job asked for one), `whole` at the end, or `failed` at
 * the first slice that cannot be used (the caller then loads the series through the host's loader, which also
 * decodes compressed transfer syntaxes).
 */
import { readCtSliceHu } from '../dicom/ctSliceReader';
import { MAX_IMAGE_SIDE } from '../dicom/imageGeometry';
import { multipartFirstPart } from '../dicom/multipartFirstPart';
import { brightVoxelCount, seedSlab, SlabLoadOrder } from './seedSlab';

/** Requests in flight: about the browser's connections per host on HTTP/1.1 (6), a little more for HTTP/2. */
export const CT_LOAD_CONCURRENCY = 8;

export interface CtLoadRequest {
  type: 'loadCt';
  /** Absolute URL of each slice's DICOM instance, in slice order (ascending along the normal). */
  urls: string[];
  /** Request headers: the Accept of a WADO-RS instance retrieval, the host's Authorization. */
  headers: Record<string, string>;
  rows: number;
  columns: number;
  /** Slice positions along the normal, ascending, as the URLs. */
  offsetsMm: number[];
  /** The slice loaded first (the one a viewport shows). */
  centre: number;
  /** Post a `slab` as soon as one encloses the seeds (a displayed follow-up's provisional placement). */
  slab: boolean;
  concurrency?: number;
}

export type CtLoadReply =
  | { type: 'progress'; loaded: number; total: number }
  /** Slices `from`–`to` (inclusive) of the series, HU, a buffer of their own. */
  | { type: 'slab'; from: number; to: number; voxelsHu: Float32Array }
  | { type: 'whole'; voxelsHu: Float32Array }
  | { type: 'failed'; message: string };

export type CtLoadPost = (reply: CtLoadReply, transfer?: ArrayBuffer[]) => void;
export type CtLoadFetch = (url: string, init: { headers: Record<string, string> }) => Promise<Pick<Response, 'ok' | 'status' | 'headers' | 'arrayBuffer'>>;

/** Why a request cannot be run, or undefined when it can: checked before anything is allocated or fetched. */
export function ctLoadRequestProblem(request: CtLoadRequest): string | undefined {
  const { urls, offsetsMm, rows, columns, centre } = request;
  if (!Array.isArray(urls) || urls.length < 2 || urls.some((u) => typeof u !== 'string' || !u)) return 'a CT load needs the URLs of at least 2 slices';
  if (!Array.isArray(offsetsMm) || offsetsMm.length !== urls.length) return `${offsetsMm?.length ?? 0} slice positions for ${urls.length} slices`;
  if (offsetsMm.some((s, k) => !Number.isFinite(s) || (k > 0 && !(s > offsetsMm[k - 1])))) return 'slice positions must be finite and strictly ascending';
  for (const [name, side] of [['rows', rows], ['columns', columns]] as const)
    if (!Number.isInteger(side) || side < 1 || side > MAX_IMAGE_SIDE) return `${name} must be a whole number from 1 to ${MAX_IMAGE_SIDE}, got ${side}`;
  if (!Number.isInteger(centre) || centre < 0 || centre >= urls.length) return `centre slice ${centre} outside 0–${urls.length - 1}`;
  return undefined;
}

/** Runs one job to its end: every reply goes to `post`; never throws. */
export async function runCtLoad(request: CtLoadRequest, post: CtLoadPost, fetchSlice: CtLoadFetch): Promise<void> {
  const problem = ctLoadRequestProblem(request);
  if (problem) return post({ type: 'failed', message: `CT load: ${problem}` });
  const { urls, headers, rows, columns, offsetsMm, centre } = request;
  const plane = rows * columns;
  const total = urls.length;
  const voxels = new Float32Array(plane * total);
  const bright: Array<number | undefined> = new Array(total).fill(undefined);
  const order = new SlabLoadOrder(offsetsMm, centre);
  let loaded = 0;
  let slabPosted = !request.slab;
  let failure: string | undefined;

  const loadSlice = async (k: number) => {
    const url = urls[k];
    const response = await fetchSlice(url, { headers });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const body = new Uint8Array(await response.arrayBuffer());
    const hu = readCtSliceHu(multipartFirstPart(body, response.headers.get('content-type') ?? ''), url, rows, columns);
    voxels.set(hu, k * plane);
    bright[k] = brightVoxelCount(hu);
  };
  const lane = async () => {
    for (let k = order.next(bright); k !== undefined && failure === undefined; k = order.next(bright)) {
      try {
        await loadSlice(k);
      } catch (error) {
        failure ??= error instanceof Error ? error.message : String(error);
        return;
      }
      loaded++;
      post({ type: 'progress', loaded, total });
      if (!slabPosted && loaded < total) {
        const range = seedSlab(offsetsMm, bright, centre);
        if (range) {
          slabPosted = true;
          const slab = voxels.slice(range.from * plane, (range.to + 1) * plane);
          post({ type: 'slab', from: range.from, to: range.to, voxelsHu: slab }, [slab.buffer]);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, request.concurrency ?? CT_LOAD_CONCURRENCY) }, lane));
  if (failure !== undefined) return post({ type: 'failed', message: failure });
  post({ type: 'whole', voxelsHu: voxels }, [voxels.buffer]);
}
