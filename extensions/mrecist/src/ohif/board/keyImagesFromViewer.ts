/**
 * Key images in the viewer: each measured slice is loaded through the host's Cornerstone image loader (the
 * images the viewer already fetched come from its cache), cropped around the reader's line by the same core
 * function as `mrecist board --images` (core/board/keyImageCrop) and encoded as PNG on an OffscreenCanvas. The
 * line itself is not burnt in: the Course tab and the PDF draw it as a vector over the picture, where it was drawn.
 */
import type { KeyImage } from '../../core/board/boardPdfLayout';
import { cropAroundLine, LIVER_CT_WINDOW, percentileWindow } from '../../core/board/keyImageCrop';
import type { MeasuredImage } from '../../core/board/keyImageReferences';
import { hostCornerstone } from '../hostCornerstone';

/** The part of a Cornerstone image this module reads. */
export interface LoadedSlice {
  rows: number;
  columns: number;
  getPixelData(): ArrayLike<number>;
  slope?: number;
  intercept?: number;
  /** Set by the DICOM image loader when it applied the modality LUT (rescale) already. */
  preScale?: { scaled?: boolean };
}

export interface ViewerKeyImage extends KeyImage {
  /** Object URL of the PNG, for the Course tab; revoked by whoever drops the image. */
  url: string;
}

/** Modality values (HU on CT): stored values through Rescale Slope/Intercept unless the loader applied them. */
export function modalityValues(slice: LoadedSlice): ArrayLike<number> {
  const raw = slice.getPixelData();
  const slope = slice.slope ?? 1;
  const intercept = slice.intercept ?? 0;
  if (slice.preScale?.scaled || (slope === 1 && intercept === 0)) return raw;
  return Float32Array.from(raw as ArrayLike<number>, (v) => v * slope + intercept);
}

async function greyPng(columns: number, rows: number, grey: Uint8Array): Promise<Blob> {
  const canvas = new OffscreenCanvas(columns, rows);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas for the key image');
  const rgba = context.createImageData(columns, rows);
  for (let i = 0; i < grey.length; i++) {
    rgba.data[4 * i] = rgba.data[4 * i + 1] = rgba.data[4 * i + 2] = grey[i];
    rgba.data[4 * i + 3] = 255;
  }
  context.putImageData(rgba, 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** One key image from a loaded slice. */
export async function keyImageFromSlice(m: MeasuredImage, slice: LoadedSlice, modality: string): Promise<ViewerKeyImage> {
  const values = modalityValues(slice);
  const window = modality === 'CT' ? LIVER_CT_WINDOW : percentileWindow(values);
  const crop = cropAroundLine({ columns: slice.columns, rows: slice.rows, values }, m.graphic.points, window);
  const blob = await greyPng(crop.columns, crop.rows, crop.grey);
  return {
    lesionId: m.lesionId,
    timepointId: m.timepointId,
    date: m.date,
    caption: m.caption,
    png: new Uint8Array(await blob.arrayBuffer()),
    columns: crop.columns,
    rows: crop.rows,
    line: crop.line,
    url: URL.createObjectURL(blob),
  };
}

/** Loads the measured slice by its image id (the host's loader and cache) and makes its key image. */
export async function renderKeyImage(m: MeasuredImage, imageId: string, modality: string): Promise<ViewerKeyImage> {
  const slice = (await hostCornerstone().imageLoader.loadAndCacheImage(imageId)) as unknown as LoadedSlice;
  return keyImageFromSlice(m, slice, modality);
}
