/**
 * A CtVolume (core/seeds/CtVolume.ts) from a series' image ids, through the host's Cornerstone image loader and
 * cache (images the viewport already loaded are not fetched again). Slices are ordered along the normal; the
 * rescale is applied, so voxels are HU.
 */
import { cross, dot, type Vec3 } from '../../core/geometry/vec3';
import type { CtVolume } from '../../core/seeds/CtVolume';
import { hostCornerstone } from '../hostCornerstone';

export interface ImagePlaneModule {
  imagePositionPatient: Vec3;
  rowCosines: Vec3;
  columnCosines: Vec3;
  rowPixelSpacing: number;
  columnPixelSpacing: number;
  rows: number;
  columns: number;
  frameOfReferenceUID?: string;
}

export const CONCURRENT_LOADS = 6;

/** A series' image ids with their planes, ordered along the normal (ascending `offsetMm` from the first). */
export interface SortedSeries {
  slices: Array<{ id: string; plane: ImagePlaneModule; s: number }>;
  rows: number;
  columns: number;
  first: ImagePlaneModule;
}

export function sortedSeries(imageIds: readonly string[]): SortedSeries {
  const cs = hostCornerstone();
  if (imageIds.length < 2) throw new Error('a CT volume needs a series of at least 2 images');
  const planes = imageIds.map((id) => {
    const plane = cs.metaData.get('imagePlaneModule', id) as ImagePlaneModule | undefined;
    if (!plane?.imagePositionPatient || !plane.rowCosines) throw new Error(`no image plane metadata for ${id}`);
    return plane;
  });
  const first = planes[0];
  const normal = cross(first.rowCosines, first.columnCosines);
  const slices = imageIds.map((id, i) => ({ id, plane: planes[i], s: dot(planes[i].imagePositionPatient, normal) })).sort((a, b) => a.s - b.s);
  return { slices, rows: first.rows, columns: first.columns, first };
}

/** Slice positions along the normal from the first slice (ascending), as a CtVolume's sliceOffsetsMm. */
export function seriesOffsetsMm(series: SortedSeries): number[] {
  return series.slices.map((slice) => slice.s - series.slices[0].s);
}

/** The index of the slice `imageId` in the sorted series; the middle slice when it is unknown or not in the series. */
export function centreIndex(series: SortedSeries, imageId: string | undefined): number {
  const at = imageId ? series.slices.findIndex((slice) => slice.id === imageId) : -1;
  return at >= 0 ? at : series.slices.length >> 1;
}

/** Loads one image through the host's loader and cache and writes its HU into `voxels` at `base`. */
export async function loadSliceHu(id: string, rows: number, columns: number, voxels: Float32Array, base: number): Promise<void> {
  const image = await hostCornerstone().imageLoader.loadAndCacheImage(id);
  if (image.rows !== rows || image.columns !== columns) throw new Error(`image ${id} is ${image.columns}×${image.rows}, series is ${columns}×${rows}`);
  const pixels = image.getPixelData();
  // The host's image loader usually pre-scales pixels to modality values (HU); rescale only raw pixels.
  const preScaled = (image as { preScale?: { scaled?: boolean } }).preScale?.scaled === true;
  const slope = preScaled ? 1 : image.slope ?? 1, intercept = preScaled ? 0 : image.intercept ?? 0;
  for (let i = 0; i < pixels.length; i++) voxels[base + i] = pixels[i] * slope + intercept;
}

/** The CtVolume of the slices `order` (ascending along the normal) holding `voxels`. */
export function volumeOf(series: SortedSeries, order: SortedSeries['slices'], voxels: Float32Array): CtVolume {
  const { first, rows, columns } = series;
  return {
    columns,
    rows,
    slices: order.length,
    voxelsHu: voxels,
    originMm: [...order[0].plane.imagePositionPatient] as Vec3,
    rowDirection: [...first.rowCosines] as Vec3,
    columnDirection: [...first.columnCosines] as Vec3,
    rowSpacingMm: first.rowPixelSpacing,
    columnSpacingMm: first.columnPixelSpacing,
    sliceOffsetsMm: order.map((o) => o.s - order[0].s),
    frameOfReferenceUid: first.frameOfReferenceUID,
  };
}

/**
 * `pickSlices`: given the number of slices, the indices (along the normal, ascending) to load; the volume then
 * holds only those (contrast-phase evidence samples a few slices). All slices by default.
 */
export async function ctVolumeFromImages(
  imageIds: readonly string[],
  onProgress?: (loaded: number, total: number) => void,
  pickSlices?: (sliceCount: number) => readonly number[],
): Promise<CtVolume> {
  const series = sortedSeries(imageIds);
  const sorted = series.slices;
  const order = pickSlices ? pickSlices(sorted.length).flatMap((k) => (sorted[k] ? [sorted[k]] : [])) : sorted;
  if (order.length === 0) throw new Error('no slice picked to load');
  const { rows, columns } = series;
  const voxels = new Float32Array(rows * columns * order.length);
  let loaded = 0;
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const k = next++;
      await loadSliceHu(order[k].id, rows, columns, voxels, k * rows * columns);
      onProgress?.(++loaded, order.length);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_LOADS }, worker));
  return volumeOf(series, order, voxels);
}
