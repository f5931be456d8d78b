/**
 * What the viewer and the seed finder need of one CT or MR image (PS3.3 C.7.6.2 Image Plane, C.7.6.3 Image
 * Pixel): orientation, position, spacing, size, and native pixel data that holds every pixel. Checked before
 * anything allocates by Rows x Columns, so a hostile size is refused rather than followed.
 */
import { NATIVE_TRANSFER_SYNTAXES } from './ctSlicePixels';
import type { DicomDataset } from './DicomDataset';

/** A slice larger than 8192 x 8192 is not a CT or MR image this software reads. */
export const MAX_IMAGE_SIDE = 8192;

export interface ImageGeometry {
  rows: number;
  columns: number;
  frames: number;
  pixelSpacingMm: [number, number];
  orientation: number[];
  positionMm: number[];
}

function whole(ds: DicomDataset, keyword: string, min: number, max: number): number {
  const n = ds.number(keyword);
  if (!Number.isInteger(n) || n < min || n > max) ds.fail(keyword, `must be a whole number from ${min} to ${max}, got ${n}`);
  return n;
}

export function readImageGeometry(ds: DicomDataset): ImageGeometry {
  const rows = whole(ds, 'Rows', 1, MAX_IMAGE_SIDE);
  const columns = whole(ds, 'Columns', 1, MAX_IMAGE_SIDE);
  const frames = ds.has('NumberOfFrames') ? whole(ds, 'NumberOfFrames', 1, 10_000) : 1;
  const bits = ds.number('BitsAllocated');
  if (bits !== 8 && bits !== 16 && bits !== 32) ds.fail('BitsAllocated', `expected 8, 16 or 32, got ${bits}`);
  const samples = ds.has('SamplesPerPixel') ? whole(ds, 'SamplesPerPixel', 1, 3) : 1;
  const orientation = ds.numbers('ImageOrientationPatient', 6);
  const norm = (a: number[]) => Math.hypot(a[0], a[1], a[2]);
  if (Math.abs(norm(orientation.slice(0, 3)) - 1) > 1e-3 || Math.abs(norm(orientation.slice(3)) - 1) > 1e-3)
    ds.fail('ImageOrientationPatient', 'row and column directions must be unit vectors');
  const positionMm = ds.numbers('ImagePositionPatient', 3);
  const spacing = ds.numbers('PixelSpacing', 2);
  if (spacing.some((s) => !(s > 0))) ds.fail('PixelSpacing', `must be positive, got ${spacing.join('\\')}`);
  const ts = ds.raw._meta?.TransferSyntaxUID?.Value?.[0];
  if (ts === undefined || NATIVE_TRANSFER_SYNTAXES.has(ts)) {
    const data = ds.raw.PixelData;
    const buffer: unknown = Array.isArray(data) ? data[0] : data;
    const length = buffer instanceof ArrayBuffer ? buffer.byteLength : ArrayBuffer.isView(buffer) ? buffer.byteLength : -1;
    const expected = rows * columns * frames * samples * (bits / 8);
    if (length < 0) ds.fail('PixelData', 'missing');
    if (length < expected) ds.fail('PixelData', `holds ${length} bytes, expected ${expected}`);
  } else if (!ds.has('PixelData')) ds.fail('PixelData', 'missing');
  return { rows, columns, frames, pixelSpacingMm: [spacing[0], spacing[1]], orientation, positionMm };
}
