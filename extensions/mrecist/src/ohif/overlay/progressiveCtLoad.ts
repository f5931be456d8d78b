/**
 * A follow-up CT loaded for seed finding slice by slice, outward from the slice a viewport shows
 * (core/seeds/seedSlab), through the host's image loader and cache: the host's own stack prefetch loads the
 * same images in the same order, so the two share every request. `slab()` resolves as soon as the loaded
 * slices around the centre enclose the seeds with a margin (a provisional placement); `whole()` when every
 * slice is in (the search that stands).
 */
import type { CtVolume } from '../../core/seeds/CtVolume';
import { brightVoxelCount, SlabLoadOrder, seedSlab, slabVolume } from '../../core/seeds/seedSlab';
import { centreIndex, loadSliceHu, seriesOffsetsMm, sortedSeries, volumeOf, type SortedSeries } from './ctVolumeFromImages';

/**
 * Requests in flight: more than a plain volume load (6), so that beside the host's own stack prefetch of both
 * viewports this series gets a fair share of the browser's connections.
 */
const PROGRESSIVE_LOADS = 10;

/** A follow-up CT being loaded for seed finding: a provisional slab as soon as there is one, then every slice. */
export interface CtLoad {
  onProgress(report: (loaded: number, total: number) => void): void;
  /** The slices enclosing the seeds around the centre, as a volume of their own; undefined when only the whole series will do. */
  slab(): Promise<CtVolume | undefined>;
  /** Every slice, once loaded. */
  whole(): Promise<CtVolume>;
  /** What loads the slices: the host's image loader, or the CT load worker. */
  readonly loadedBy: 'host loader' | 'worker';
}

export class ProgressiveCtLoad implements CtLoad {
  readonly loadedBy = 'host loader';
  private readonly series: SortedSeries;
  private readonly voxels: Float32Array;
  private readonly bright: Array<number | undefined>;
  private readonly centre: number;
  private readonly offsetsMm: number[];
  private readonly done: Promise<void>;
  private loaded = 0;
  private slabWaiters: Array<() => void> = [];
  private progress?: (loaded: number, total: number) => void;

  /** `centreImageId`: the slice the viewport shows; the middle of the series when unknown. */
  constructor(imageIds: readonly string[], centreImageId?: string) {
    this.series = sortedSeries(imageIds);
    const { slices, rows, columns } = this.series;
    this.voxels = new Float32Array(rows * columns * slices.length);
    this.bright = new Array(slices.length).fill(undefined);
    this.centre = centreIndex(this.series, centreImageId);
    this.offsetsMm = seriesOffsetsMm(this.series);
    this.done = this.loadAll();
    this.done.catch(() => undefined); // reported by slab() and whole()
  }

  onProgress(report: (loaded: number, total: number) => void): void {
    this.progress = report;
  }

  /**
   * Loads every slice, the next one chosen as each arrives (core/seeds/seedSlab nextSlabSlice): outward from the
   * centre, then towards whichever side still lacks its margin beyond the seeds, then the rest.
   */
  private async loadAll(): Promise<void> {
    const { rows, columns, slices } = this.series;
    const plane = rows * columns;
    const order = new SlabLoadOrder(this.offsetsMm, this.centre);
    const next = () => order.next(this.bright);
    const lane = async () => {
      for (let k = next(); k !== undefined; k = next()) {
        await loadSliceHu(slices[k].id, rows, columns, this.voxels, k * plane);
        this.bright[k] = brightVoxelCount(this.voxels.subarray(k * plane, (k + 1) * plane));
        this.loaded++;
        this.progress?.(this.loaded, slices.length);
        this.slabWaiters.splice(0).forEach((wake) => wake());
      }
    };
    try {
      await Promise.all(Array.from({ length: PROGRESSIVE_LOADS }, lane));
    } finally {
      this.slabWaiters.splice(0).forEach((wake) => wake());
    }
  }

  /**
   * The slab of loaded slices that encloses the seeds (a volume of its own), as soon as there is one; undefined
   * when only the whole series will do (no seeds near the centre, or everything loaded first).
   */
  async slab(): Promise<CtVolume | undefined> {
    for (;;) {
      if (this.loaded === this.series.slices.length) return undefined;
      const range = seedSlab(this.offsetsMm, this.bright, this.centre);
      if (range) return slabVolume(this.volumeSoFar(), range);
      const settled = await Promise.race([this.done.then(() => 'done', () => 'failed'), new Promise<string>((resolve) => this.slabWaiters.push(() => resolve('slice')))]);
      if (settled === 'failed') await this.done; // throws the load's error
      if (settled === 'done') return undefined;
    }
  }

  /** Every slice, once loaded. The volume owns this load's voxel buffer (it may be transferred to a worker). */
  async whole(): Promise<CtVolume> {
    await this.done;
    return this.volumeSoFar();
  }

  private volumeSoFar(): CtVolume {
    return volumeOf(this.series, this.series.slices, this.voxels);
  }
}
