/**
 * A windowed axial preview, for looking at the synthetic CT without a viewer (PNG through the CLI's encoder).
 */
import { writeFileSync } from 'node:fs';
import { encodeGreyPng } from '../../extensions/mrecist/src/cli/greyPng';

export { encodeGreyPng };

/** Linear window (DICOM VOI LUT style, centre and width in HU) to 8-bit. */
export function windowToGrey(hu: ArrayLike<number>, centre: number, width: number): Uint8Array {
  const out = new Uint8Array(hu.length);
  const lo = centre - width / 2;
  for (let n = 0; n < hu.length; n++) out[n] = Math.max(0, Math.min(255, Math.round(((hu[n] - lo) / width) * 255)));
  return out;
}

export function writeAxialPng(
  path: string,
  hu: Int16Array,
  columns: number,
  rows: number,
  slice: number,
  window: { centre: number; width: number },
): void {
  const plane = hu.subarray(slice * columns * rows, (slice + 1) * columns * rows);
  writeFileSync(path, encodeGreyPng(columns, rows, windowToGrey(plane, window.centre, window.width)));
}

/**
 * Several windowed slices side by side, each enlarged `zoom` times (nearest neighbour), `perRow` to a row.
 * `planes` are HU arrays of columns × rows.
 */
export function montageGrey(
  planes: readonly ArrayLike<number>[],
  columns: number,
  rows: number,
  window: { centre: number; width: number },
  zoom: number,
  perRow: number,
): { width: number; height: number; pixels: Uint8Array } {
  const width = columns * zoom * Math.min(perRow, planes.length);
  const height = rows * zoom * Math.ceil(planes.length / perRow);
  const pixels = new Uint8Array(width * height);
  planes.forEach((plane, p) => {
    const grey = windowToGrey(plane, window.centre, window.width);
    const ox = (p % perRow) * columns * zoom;
    const oy = Math.floor(p / perRow) * rows * zoom;
    for (let y = 0; y < rows * zoom; y++)
      for (let x = 0; x < columns * zoom; x++)
        pixels[(oy + y) * width + ox + x] = grey[Math.floor(y / zoom) * columns + Math.floor(x / zoom)];
  });
  return { width, height, pixels };
}
