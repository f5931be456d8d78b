/**
 * A key image: the measured slice cropped around the reader's line, windowed to 8 bits, with the line moved into
 * the crop's pixel coordinates so the PDF draws it as a vector over the picture. Pure (pixels in, pixels out).
 */

export interface SlicePixels {
  columns: number;
  rows: number;
  /** Modality values (HU for CT), row by row. */
  values: ArrayLike<number>;
}

export interface CroppedKeyImage {
  columns: number;
  rows: number;
  grey: Uint8Array;
  /** The drawn line in the crop's pixel coordinates (column, row); the first pixel spans 0 to 1, as SCOORD (PS3.3 C.18.6.1.1). */
  line: [number, number][];
}

/**
 * Abdominal soft-tissue window (centre 50 HU, width 400 HU), the usual liver setting on CT; MR values have no
 * fixed scale, so an MR slice is windowed over its own 1st to 99th percentile instead.
 */
export const LIVER_CT_WINDOW = Object.freeze({ centre: 50, width: 400 });
/** The crop spans the line and this much of its length again on each side, at least MIN_CROP_PX wide. */
const CROP_MARGIN_FACTOR = 0.75;
const MIN_CROP_PX = 64;

export function percentileWindow(values: ArrayLike<number>): { centre: number; width: number } {
  const sorted = Float64Array.from(values).sort();
  const lo = sorted[Math.floor(0.01 * (sorted.length - 1))];
  const hi = sorted[Math.floor(0.99 * (sorted.length - 1))];
  const width = Math.max(1, hi - lo);
  return { centre: lo + width / 2, width };
}

export function cropAroundLine(slice: SlicePixels, line: readonly [number, number][], window: { centre: number; width: number }): CroppedKeyImage {
  if (line.length < 2) throw new Error('cropAroundLine: a line needs two points');
  const xs = line.map((p) => p[0]);
  const ys = line.map((p) => p[1]);
  const length = Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const side = Math.min(Math.max(slice.columns, slice.rows), Math.max(MIN_CROP_PX, Math.round(length * (1 + 2 * CROP_MARGIN_FACTOR))));
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const width = Math.min(side, slice.columns);
  const height = Math.min(side, slice.rows);
  const x0 = Math.max(0, Math.min(slice.columns - width, Math.round(cx - width / 2)));
  const y0 = Math.max(0, Math.min(slice.rows - height, Math.round(cy - height / 2)));
  const grey = new Uint8Array(width * height);
  const lo = window.centre - window.width / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = slice.values[(y0 + y) * slice.columns + x0 + x];
      grey[y * width + x] = Math.max(0, Math.min(255, Math.round(((v - lo) / window.width) * 255)));
    }
  }
  return { columns: width, rows: height, grey, line: line.map(([x, y]) => [x - x0, y - y0]) };
}
