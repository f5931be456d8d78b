/**
 * A follow-up CT loaded for seed finding by a CT load Web Worker (core/seeds/ctLoadJob.ts): the worker fetches
 * and decodes each slice's instance itself, so the load does not queue behind the UI thread, which is busiest
 * exactly while the viewer opens. Slice geometry comes from the host's metadata (the series as the viewport
 * sorts it); the worker sends back HU only. When the worker cannot use a slice (compressed transfer syntax,
 * HTTP error, unexpected size), the series is loaded through the host's image loader instead
 * (ProgressiveCtLoad), which decodes whatever the host can display.
 */
import type { CtLoadReply, CtLoadRequest } from '../../core/seeds/ctLoadJob';
import type { CtVolume } from '../../core/seeds/CtVolume';
import { centreIndex, seriesOffsetsMm, sortedSeries, volumeOf, type SortedSeries } from './ctVolumeFromImages';
import { DICOM_MULTIPART_ACCEPT, instanceUrlOfImageId } from './fetchInstanceBytes';
import type { CtLoadWorkers } from './ctLoadWorkers';
import { ProgressiveCtLoad, type CtLoad } from './progressiveCtLoad';

export interface WorkerCtLoadOptions {
  imageIds: readonly string[];
  /** The slice a viewport shows (loaded first); the middle of the series when unknown. */
  centreImageId?: string;
  /** Whether a provisional slab is wanted (a displayed follow-up). */
  slab: boolean;
  workers: Pick<CtLoadWorkers, 'acquire' | 'release' | 'discard'>;
  /** The host's Authorization header, as its own requests carry it. */
  headers: Record<string, string>;
  /** Relative image URLs resolve against this (the viewer's address). */
  baseUrl: string;
}

export class WorkerCtLoad implements CtLoad {
  private readonly series: SortedSeries;
  private worker: Worker | null;
  private fallback: ProgressiveCtLoad | null = null;
  private progress?: (loaded: number, total: number) => void;
  private readonly slabResult: Promise<CtVolume | undefined>;
  private readonly wholeResult: Promise<CtVolume>;
  /** Why the host's loader took over, when it did. */
  fellBackBecause?: string;

  get loadedBy(): 'host loader' | 'worker' {
    return this.fallback ? 'host loader' : 'worker';
  }

  /** The load, or undefined when some image cannot be fetched as a single-frame instance (the host's loader then reads the series). */
  static start(options: WorkerCtLoadOptions): WorkerCtLoad | undefined {
    const series = sortedSeries(options.imageIds);
    const urls: string[] = [];
    let wado = false;
    for (const slice of series.slices) {
      const instance = instanceUrlOfImageId(slice.id);
      if (!instance) return undefined;
      wado ||= instance.wado;
      urls.push(new URL(instance.url, options.baseUrl).href);
    }
    return new WorkerCtLoad(options, series, urls, wado);
  }

  private constructor(
    private readonly options: WorkerCtLoadOptions,
    series: SortedSeries,
    urls: string[],
    wado: boolean,
  ) {
    this.series = series;
    const { slices, rows, columns } = series;
    const request: CtLoadRequest = {
      type: 'loadCt',
      urls,
      headers: { ...options.headers, ...(wado ? { Accept: DICOM_MULTIPART_ACCEPT } : {}) },
      rows,
      columns,
      offsetsMm: seriesOffsetsMm(series),
      centre: centreIndex(series, options.centreImageId),
      slab: options.slab,
    };
    this.worker = options.workers.acquire();
    let settleSlab!: (volume: CtVolume | undefined | Promise<CtVolume | undefined>) => void;
    let settleWhole!: (volume: CtVolume) => void;
    let failWhole!: (error: unknown) => void;
    this.slabResult = new Promise((resolve) => (settleSlab = resolve));
    this.wholeResult = new Promise((resolve, reject) => {
      settleWhole = resolve;
      failWhole = reject;
    });
    this.wholeResult.catch(() => undefined); // reported by whole()
    const takeOver = (why: string) => {
      if (this.fallback) return;
      this.stop(false);
      this.fellBackBecause = why;
      try {
        this.fallback = new ProgressiveCtLoad(options.imageIds, options.centreImageId);
        if (this.progress) this.fallback.onProgress(this.progress);
        settleSlab(options.slab ? this.fallback.slab() : undefined);
        this.fallback.whole().then(settleWhole, failWhole);
      } catch (error) {
        settleSlab(undefined);
        failWhole(error);
      }
    };
    this.worker.onmessage = (event: MessageEvent<CtLoadReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') this.progress?.(reply.loaded, reply.total);
      else if (reply.type === 'slab') settleSlab(volumeOf(this.series, this.series.slices.slice(reply.from, reply.to + 1), reply.voxelsHu));
      else if (reply.type === 'whole') {
        this.stop(true);
        settleSlab(undefined); // no-op when a slab came first
        settleWhole(volumeOf(this.series, this.series.slices, reply.voxelsHu));
      } else takeOver(reply.message);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      takeOver(`CT load worker: ${event.message || 'failed to start'}`);
    };
    this.worker.postMessage(request);
  }

  onProgress(report: (loaded: number, total: number) => void): void {
    this.progress = report;
    this.fallback?.onProgress(report);
  }

  slab(): Promise<CtVolume | undefined> {
    return this.slabResult;
  }

  whole(): Promise<CtVolume> {
    return this.wholeResult;
  }

  /** Hands the worker back (`finished`: its load ended normally), else stops it. */
  private stop(finished: boolean): void {
    if (!this.worker) return;
    if (finished) this.options.workers.release(this.worker);
    else this.options.workers.discard(this.worker);
    this.worker = null;
  }
}
