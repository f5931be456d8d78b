/**
 * Seed finding on a slab of a follow-up CT, so the plan can be placed on the displayed follow-up before its whole
 * series has arrived. Slices load outward from the one the viewport shows (usually the treated tumour, where the
 * seeds are); as soon as the loaded run of slices around it holds seed-bright voxels with a clear margin of
 * slices free of them on both sides, that run is searched. The result is provisional: it is accepted only when
 * it pairs most of the plan's seeds (`slabPlacementAcceptable`), and the whole CT is searched afterwards anyway,
 * because a seed that migrated far away (lung, another segment) lies outside any slab.
 */
import { cross } from '../geometry/vec3';
import type { CtVolume } from './CtVolume';
import { SEED_FINDING_DEFAULTS } from './findSeeds';

/**
 * Slices free of seed-bright voxels on each side of the bright ones. Wider than the image of one seed along the
 * normal (4.5 mm seed, about 0.6 mm blooming at each end: 5.7 mm), and than the gaps between seeds loaded 5–10 mm
 * apart along a needle (at most 5.5 mm), so a closed slab cuts neither a seed nor a needle's row of seeds. A seed
 * that migrated further away is left to the whole-CT search.
 */
export const SEED_SLAB_MARGIN_MM = 6;
/** A slab search stands in for the whole CT only when it pairs at least this share of the plan's seeds. */
export const SEED_SLAB_MIN_PAIRED_FRACTION = 0.8;

/** Inclusive slice indices, ordered along the normal as the CtVolume orders them. */
export interface SliceRange {
  from: number;
  to: number;
}

/**
 * The contiguous run of loaded slices around `centre`, when it can stand in for the whole CT: it holds
 * seed-bright voxels, and `marginMm` of slices beyond the first and last bright slice (or the end of the series)
 * are loaded and free of them. Undefined while more slices are needed, or when the run is the whole series (the
 * caller then searches the whole CT).
 * `offsetsMm`: slice positions along the normal, ascending; `brightVoxels`: per slice, voxels above the seed
 * threshold (undefined while the slice is not loaded).
 */
export function seedSlab(offsetsMm: readonly number[], brightVoxels: ReadonlyArray<number | undefined>, centre: number, marginMm = SEED_SLAB_MARGIN_MM): SliceRange | undefined {
  const n = offsetsMm.length;
  if (brightVoxels.length !== n) throw new Error(`seedSlab: ${brightVoxels.length} bright counts for ${n} slices`);
  if (!(centre >= 0 && centre < n) || brightVoxels[centre] === undefined) return undefined;
  let from = centre, to = centre;
  while (from > 0 && brightVoxels[from - 1] !== undefined) from--;
  while (to < n - 1 && brightVoxels[to + 1] !== undefined) to++;
  if (from === 0 && to === n - 1) return undefined;
  let lo = -1, hi = -1;
  for (let k = from; k <= to; k++) {
    if ((brightVoxels[k] ?? 0) > 0) {
      if (lo < 0) lo = k;
      hi = k;
    }
  }
  if (lo < 0) return undefined;
  const clearBelow = from === 0 || offsetsMm[lo] - offsetsMm[from] >= marginMm;
  const clearAbove = to === n - 1 || offsetsMm[to] - offsetsMm[hi] >= marginMm;
  return clearBelow && clearAbove ? { from, to } : undefined;
}

/**
 * The next slice to load for a slab: the run of requested slices `[from, to]` around the centre grows on the
 * side whose margin beyond the seed-bright slices seen so far is not yet loaded, on both sides alternately while
 * neither or both are; undefined once the run is the whole series. `preferBelow` breaks the alternation.
 */
export function nextSlabSlice(
  offsetsMm: readonly number[],
  brightVoxels: ReadonlyArray<number | undefined>,
  requested: SliceRange,
  preferBelow: boolean,
  marginMm = SEED_SLAB_MARGIN_MM,
): number | undefined {
  const n = offsetsMm.length;
  const canBelow = requested.from > 0, canAbove = requested.to < n - 1;
  if (!canBelow && !canAbove) return undefined;
  if (!canBelow) return requested.to + 1;
  if (!canAbove) return requested.from - 1;
  let lo = -1, hi = -1;
  for (let k = requested.from; k <= requested.to; k++) {
    if ((brightVoxels[k] ?? 0) > 0) {
      if (lo < 0) lo = k;
      hi = k;
    }
  }
  const belowClosed = lo >= 0 && offsetsMm[lo] - offsetsMm[requested.from] >= marginMm;
  const aboveClosed = hi >= 0 && offsetsMm[requested.to] - offsetsMm[hi] >= marginMm;
  if (belowClosed !== aboveClosed) return belowClosed ? requested.to + 1 : requested.from - 1;
  return preferBelow ? requested.from - 1 : requested.to + 1;
}

/**
 * The order a follow-up CT's slices load in for a slab: the centre first, then one slice at a time as
 * `nextSlabSlice` chooses, each call seeing the bright-voxel counts of the slices that have arrived so far.
 * Shared by the host-loader path and the CT load worker, so both load the same slices first.
 */
export class SlabLoadOrder {
  private readonly requested: SliceRange;
  private started = false;
  private below = true;

  constructor(
    private readonly offsetsMm: readonly number[],
    private readonly centre: number,
  ) {
    if (!(Number.isInteger(centre) && centre >= 0 && centre < offsetsMm.length)) throw new Error(`SlabLoadOrder: centre ${centre} outside 0–${offsetsMm.length - 1}`);
    this.requested = { from: centre, to: centre };
  }

  /** The next slice to request, or undefined once every slice has been. */
  next(brightVoxels: ReadonlyArray<number | undefined>): number | undefined {
    if (!this.started) {
      this.started = true;
      return this.centre;
    }
    const k = nextSlabSlice(this.offsetsMm, brightVoxels, this.requested, this.below);
    if (k === undefined) return undefined;
    this.below = !this.below;
    if (k < this.requested.from) this.requested.from = k;
    else this.requested.to = k;
    return k;
  }
}

/** Whether a seed registration on a slab pairs enough of the plan's seeds to place the plan until the whole CT is searched. */
export function slabPlacementAcceptable(pairedCount: number, planSeedCount: number): boolean {
  return planSeedCount > 0 && pairedCount >= Math.max(3, Math.ceil(SEED_SLAB_MIN_PAIRED_FRACTION * planSeedCount));
}

/** Voxels of one slice (HU) above the seed-finding threshold. */
export function brightVoxelCount(sliceHu: ArrayLike<number>, thresholdHu: number = SEED_FINDING_DEFAULTS.thresholdHu): number {
  let count = 0;
  for (let i = 0; i < sliceHu.length; i++) if (sliceHu[i] > thresholdHu) count++;
  return count;
}

/** The slices `range` of a volume as a volume of their own (voxels copied: it crosses to a worker on its own). */
export function slabVolume(volume: CtVolume, range: SliceRange): CtVolume {
  const { from, to } = range;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to < volume.slices))
    throw new Error(`slabVolume: slices ${from}–${to} outside 0–${volume.slices - 1}`);
  const plane = volume.rows * volume.columns;
  const normal = cross(volume.rowDirection, volume.columnDirection);
  const shift = volume.sliceOffsetsMm[from];
  return {
    ...volume,
    slices: to - from + 1,
    voxelsHu: volume.voxelsHu.slice(from * plane, (to + 1) * plane),
    originMm: [volume.originMm[0] + shift * normal[0], volume.originMm[1] + shift * normal[1], volume.originMm[2] + shift * normal[2]],
    sliceOffsetsMm: volume.sliceOffsetsMm.slice(from, to + 1).map((s) => s - shift),
  };
}
