/**
 * A minimal greyscale PNG encoder (zlib from Node) and a windowed axial preview, for looking at the synthetic CT
 * without a viewer. PNG: signature, IHDR (8-bit greyscale), one IDAT of filter-0 scanlines, IEND; each chunk
 * with its CRC-32 (ISO 3309), as the PNG specification (RFC 2083) describes.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

export function encodeGreyPng(width: number, height: number, pixels: Uint8Array): Buffer {
  if (pixels.length !== width * height) throw new Error(`expected ${width * height} pixels, got ${pixels.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

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
