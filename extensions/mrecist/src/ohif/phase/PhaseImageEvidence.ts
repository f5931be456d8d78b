/**
 * Image evidence of the contrast phase in the viewer: aorta and portal vein attenuation (core/phase/
 * vesselAttenuation.ts, the method `mrecist phase` uses) measured on a CT series whose metadata does not decide
 * its phase (core needsImageEvidence). Only the few slices the method samples are loaded, through the host's
 * image loader and cache (slices the viewport already shows are not fetched again); the measurement runs in the
 * phase Web Worker. One series at a time, so the images the reader scrolls through keep the network first.
 * Nothing is loaded before the host's `startAfter` (the viewports' first images come first). Results are kept
 * per series for the visit; listeners hear of each one.
 */
import { errorText } from '../../core/errorText';
import type { PhaseWorkerReply, PhaseWorkerRequest } from '../../core/phase/phaseWorkerMessages';
import { vesselSampleSlices, type VesselMeasurement } from '../../core/phase/vesselAttenuation';
import { ctVolumeFromImages } from '../overlay/ctVolumeFromImages';
import type { HostDisplaySet } from '../hostServices';
import { Listeners } from '../Listeners';

export type ImageEvidence = { readonly state: 'pending' } | { readonly state: 'done'; readonly measurement: VesselMeasurement };

/** How the evidence reaches a display set's images and the worker (the host in the viewer, fakes in tests). */
export interface ImageEvidenceHost {
  imageIdsOf(displaySet: HostDisplaySet): readonly string[];
  createWorker(): Worker;
  /** Loads the picked slices as a volume of their own (ctVolumeFromImages by default). */
  loadSlices?: typeof ctVolumeFromImages;
  /**
   * Nothing is loaded before this settles (the viewer's first images shown: ohif/firstImagesShown). Requests
   * made earlier are queued, and their evidence reads 'pending' until then.
   */
  readonly startAfter?: Promise<unknown>;
}

export class PhaseImageEvidence {
  private readonly results = new Map<string, ImageEvidence>();
  private readonly queue: HostDisplaySet[] = [];
  private readonly listeners = new Listeners();
  private worker: Worker | null = null;
  private running = false;
  private stopped = false;
  private nextJobId = 1;
  private readonly pending = new Map<number, (reply: PhaseWorkerReply) => void>();
  /** Bumped on every result: part of the phase book's cache key. */
  version = 0;

  constructor(private readonly host: ImageEvidenceHost) {}

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);

  /** The evidence of a series: undefined when never asked for. */
  of(seriesInstanceUid: string): ImageEvidence | undefined {
    return this.results.get(seriesInstanceUid);
  }

  /** Asks for the series' evidence once per visit (later asks are ignored). */
  request(displaySet: HostDisplaySet): void {
    if (this.stopped || this.results.has(displaySet.SeriesInstanceUID)) return;
    this.results.set(displaySet.SeriesInstanceUID, { state: 'pending' });
    this.queue.push(displaySet);
    void this.drain();
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.worker?.terminate();
    this.worker = null;
    for (const resolve of this.pending.values()) resolve({ jobId: -1, type: 'failed', message: 'phase worker stopped' });
    this.pending.clear();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.host.startAfter?.catch(() => undefined);
      for (let ds = this.queue.shift(); ds && !this.stopped; ds = this.queue.shift()) {
        const measurement = await this.measure(ds);
        if (this.stopped) return;
        this.results.set(ds.SeriesInstanceUID, { state: 'done', measurement });
        this.version++;
        this.listeners.notify();
      }
    } finally {
      this.running = false;
    }
  }

  private async measure(ds: HostDisplaySet): Promise<VesselMeasurement> {
    try {
      const imageIds = this.host.imageIdsOf(ds);
      const volume = await (this.host.loadSlices ?? ctVolumeFromImages)(imageIds, undefined, vesselSampleSlices);
      const reply = await this.post({ type: 'measureVessels', volume }, [volume.voxelsHu.buffer as ArrayBuffer]);
      if (reply.type === 'failed') return { ok: false, reason: `not measured (${reply.message})` };
      return reply.measurement;
    } catch (error) {
      return { ok: false, reason: `not measured (${errorText(error)})` };
    }
  }

  private post(body: Omit<PhaseWorkerRequest, 'jobId'>, transfer: Transferable[]): Promise<PhaseWorkerReply> {
    if (!this.worker) {
      this.worker = this.host.createWorker();
      this.worker.onmessage = (event: MessageEvent<PhaseWorkerReply>) => {
        const resolve = this.pending.get(event.data.jobId);
        this.pending.delete(event.data.jobId);
        resolve?.(event.data);
      };
      this.worker.onerror = (event) => {
        for (const [jobId, resolve] of this.pending) resolve({ jobId, type: 'failed', message: `phase worker crashed: ${event.message}` });
        this.pending.clear();
      };
    }
    const jobId = this.nextJobId++;
    return new Promise((resolve) => {
      this.pending.set(jobId, resolve);
      this.worker!.postMessage({ ...body, jobId }, transfer);
    });
  }
}
