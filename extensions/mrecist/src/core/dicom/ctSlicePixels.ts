/**
 * Native (uncompressed) pixel data of a decoded image (PS3.3 C.7.6.3 Image Pixel; PS3.5 A.1–A.3), as the CLI's
 * CT series reader and the image checks use it; compressed transfer syntaxes are refused by name.
 */
import type { DicomDataset } from './DicomDataset';

/** Implicit VR little endian, explicit VR little endian, explicit VR big endian (PS3.5 A.1–A.3). */
export const NATIVE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);

/** Stored pixel values of one slice as signed or unsigned 16-bit, copied so odd byte offsets are safe. */
export function storedPixelValues(ds: DicomDataset, count: number): Int16Array | Uint16Array {
  const data = ds.raw.PixelData;
  const buffer: unknown = Array.isArray(data) ? data[0] : data;
  let bytes: Uint8Array;
  if (buffer instanceof ArrayBuffer) bytes = new Uint8Array(buffer);
  else if (ArrayBuffer.isView(buffer)) bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  else ds.fail('PixelData', 'not readable as native pixel data');
  if (bytes.byteLength < count * 2) ds.fail('PixelData', `holds ${bytes.byteLength} bytes, expected ${count * 2}`);
  const copy = bytes.slice(0, count * 2).buffer;
  return ds.optionalNumber('PixelRepresentation') === 1 ? new Int16Array(copy) : new Uint16Array(copy);
}

/** Refuses a compressed transfer syntax, naming it. */
export function requireNativePixels(ds: DicomDataset): void {
  const ts = ds.raw._meta?.TransferSyntaxUID?.Value?.[0];
  if (ts && !NATIVE_TRANSFER_SYNTAXES.has(ts)) ds.fail('TransferSyntaxUID', `compressed transfer syntax ${ts} is not supported`);
}
