/**
 * One CT slice's Hounsfield units read straight from its PS3.10 bytes, for the browser's CT load worker.
 *
 * Why not the general decoder (DicomDataset, dcmjs): the worker needs eight attributes and the pixel data of
 * each slice, and a worker that bundles a general decoder takes about a second to start on a busy two-core
 * machine, right while the viewer opens and the displayed follow-up waits for its CT. This reader walks the
 * top-level elements once, skips every value it does not need (sequences and private elements included, of
 * defined or undefined length), stops at Pixel Data, and checks every length against the bytes it has.
 *
 * Encodings (PS3.5): 7.1 data elements in explicit and implicit VR little endian, 7.5 sequences and items of
 * defined and undefined length, 6.2.2 UN of undefined length (an implicit VR sequence); PS3.10 7.1 the preamble,
 * "DICM" and the File Meta Information (explicit VR little endian). Modality LUT (PS3.3 C.11.1):
 * HU = stored value × Rescale Slope + Rescale Intercept. Anything else (compressed or big endian transfer
 * syntaxes, multi-frame or colour images, other bit depths) is refused in one line naming the source and the
 * attribute; the viewer then loads the series through the host's image loader.
 */
import { DicomInputError } from '../errors';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const UNDEFINED_LENGTH = 0xffffffff;
const PIXEL_DATA = 0x7fe00010;
const ITEM = 0xfffee000;
const ITEM_DELIMITER = 0xfffee00d;
const SEQUENCE_DELIMITER = 0xfffee0dd;
/** Sequence nesting this reader follows (the general decoder's limit too). */
const MAX_DEPTH = 32;
/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/** The attributes read, by tag: keyword, label for messages, and how the value is encoded. */
const WANTED = new Map<number, { keyword: keyof SliceAttributes; label: string; encoding: 'US' | 'decimal' }>([
  [0x00280002, { keyword: 'samplesPerPixel', label: 'SamplesPerPixel (0028,0002)', encoding: 'US' }],
  [0x00280008, { keyword: 'numberOfFrames', label: 'NumberOfFrames (0028,0008)', encoding: 'decimal' }],
  [0x00280010, { keyword: 'rows', label: 'Rows (0028,0010)', encoding: 'US' }],
  [0x00280011, { keyword: 'columns', label: 'Columns (0028,0011)', encoding: 'US' }],
  [0x00280100, { keyword: 'bitsAllocated', label: 'BitsAllocated (0028,0100)', encoding: 'US' }],
  [0x00280103, { keyword: 'pixelRepresentation', label: 'PixelRepresentation (0028,0103)', encoding: 'US' }],
  [0x00281052, { keyword: 'rescaleIntercept', label: 'RescaleIntercept (0028,1052)', encoding: 'decimal' }],
  [0x00281053, { keyword: 'rescaleSlope', label: 'RescaleSlope (0028,1053)', encoding: 'decimal' }],
]);

interface SliceAttributes {
  samplesPerPixel?: number;
  numberOfFrames?: number;
  rows?: number;
  columns?: number;
  bitsAllocated?: number;
  pixelRepresentation?: number;
  rescaleIntercept?: number;
  rescaleSlope?: number;
}

class SliceReader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly source: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(field: string, problem: string): never {
    throw new DicomInputError(this.source, field, problem);
  }

  private truncated(at: number): never {
    return this.fail('file', `not a readable DICOM Part 10 file (an element runs past the end, at byte ${at})`);
  }

  private tagAt(pos: number): number {
    if (pos + 8 > this.bytes.length) this.truncated(pos);
    return this.view.getUint16(pos, true) * 0x10000 + this.view.getUint16(pos + 2, true);
  }

  /** An element's header at `pos`: its tag, VR (explicit only), value offset and length. */
  header(pos: number, explicitVr: boolean): { tag: number; vr?: string; value: number; length: number } {
    const tag = this.tagAt(pos);
    if (!explicitVr || tag >>> 16 === 0xfffe) return { tag, value: pos + 8, length: this.view.getUint32(pos + 4, true) };
    const vr = String.fromCharCode(this.bytes[pos + 4], this.bytes[pos + 5]);
    if (!/^[A-Z]{2}$/.test(vr)) this.fail('file', `not a readable DICOM Part 10 file (no value representation at byte ${pos})`);
    if (!LONG_VRS.has(vr)) return { tag, vr, value: pos + 8, length: this.view.getUint16(pos + 6, true) };
    if (pos + 12 > this.bytes.length) this.truncated(pos);
    return { tag, vr, value: pos + 12, length: this.view.getUint32(pos + 8, true) };
  }

  /** Past a defined-length value, checked against the bytes. */
  skip(value: number, length: number): number {
    if (value + length > this.bytes.length) this.truncated(value);
    return value + length;
  }

  /** Past a sequence of undefined length starting at `pos` (its first item), to after its delimiter. */
  skipSequence(pos: number, explicitVr: boolean, depth: number): number {
    if (depth > MAX_DEPTH) this.fail('file', `sequences nested deeper than ${MAX_DEPTH}`);
    for (;;) {
      const item = this.header(pos, false);
      if (item.tag === SEQUENCE_DELIMITER) return item.value;
      if (item.tag !== ITEM) this.fail('file', `not a readable DICOM Part 10 file (a sequence item expected at byte ${pos})`);
      pos = item.length === UNDEFINED_LENGTH ? this.skipItem(item.value, explicitVr, depth) : this.skip(item.value, item.length);
    }
  }

  /** Past the elements of an item of undefined length, to after its delimiter. */
  private skipItem(pos: number, explicitVr: boolean, depth: number): number {
    for (;;) {
      const element = this.header(pos, explicitVr);
      if (element.tag === ITEM_DELIMITER) return element.value;
      pos = this.past(element, explicitVr, depth + 1);
    }
  }

  /** Past one element: its value, or the whole undefined-length sequence it opens. */
  past(element: { vr?: string; value: number; length: number }, explicitVr: boolean, depth: number): number {
    if (element.length !== UNDEFINED_LENGTH) return this.skip(element.value, element.length);
    // UN of undefined length holds an implicit VR little endian sequence (PS3.5 6.2.2).
    return this.skipSequence(element.value, explicitVr && element.vr !== 'UN', depth);
  }

  text(value: number, length: number): string {
    let s = '';
    for (let i = value; i < value + length; i++) s += String.fromCharCode(this.bytes[i]);
    return s.replace(/[\0 ]+$/, '').trim();
  }

  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
}

/**
 * HU of one `columns` × `rows` single-frame 16-bit CT slice in explicit or implicit VR little endian.
 * `source` names the slice in messages (its URL).
 */
export function readCtSliceHu(bytes: Uint8Array, source: string, rows: number, columns: number): Float32Array {
  const r = new SliceReader(bytes, source);
  if (bytes.length < 132 || String.fromCharCode(bytes[128], bytes[129], bytes[130], bytes[131]) !== 'DICM')
    r.fail('file', 'not a DICOM Part 10 file (no "DICM" after the preamble)');
  let pos = 132;
  let transferSyntax: string | undefined;
  while (pos + 8 <= bytes.length && r.u16(pos) === 0x0002) {
    const element = r.header(pos, true);
    if (element.length === UNDEFINED_LENGTH) r.fail('file', 'not a readable DICOM Part 10 file (undefined length in the File Meta Information)');
    const end = r.skip(element.value, element.length);
    if (element.tag === 0x00020010) transferSyntax = r.text(element.value, element.length);
    pos = end;
  }
  if (transferSyntax !== EXPLICIT_VR_LITTLE_ENDIAN && transferSyntax !== IMPLICIT_VR_LITTLE_ENDIAN)
    r.fail('TransferSyntaxUID (0002,0010)', transferSyntax ? `transfer syntax ${transferSyntax} is not read here (only uncompressed little endian)` : 'missing');
  const explicitVr = transferSyntax === EXPLICIT_VR_LITTLE_ENDIAN;

  const found: SliceAttributes = {};
  let pixels: { value: number; length: number } | undefined;
  while (pos < bytes.length) {
    const element = r.header(pos, explicitVr);
    if (element.tag === PIXEL_DATA) {
      if (element.length === UNDEFINED_LENGTH) r.fail('PixelData (7FE0,0010)', 'encapsulated (compressed) pixel data is not read here');
      pixels = { value: element.value, length: element.length };
      break;
    }
    if (element.tag > PIXEL_DATA) break;
    const wanted = WANTED.get(element.tag);
    if (wanted && element.length !== UNDEFINED_LENGTH) {
      r.skip(element.value, element.length);
      const v = wanted.encoding === 'US' ? (element.length >= 2 ? r.u16(element.value) : NaN) : Number(r.text(element.value, element.length).split('\\')[0]);
      if (!Number.isFinite(v)) r.fail(wanted.label, `not a number`);
      found[wanted.keyword] = v;
    }
    pos = r.past(element, explicitVr, 1);
  }

  const need = (keyword: keyof SliceAttributes): number => {
    const value = found[keyword];
    return value ?? r.fail([...WANTED.values()].find((w) => w.keyword === keyword)!.label, 'missing');
  };
  if (need('rows') !== rows) r.fail('Rows (0028,0010)', `${found.rows} differs from the series' ${rows}`);
  if (need('columns') !== columns) r.fail('Columns (0028,0011)', `${found.columns} differs from the series' ${columns}`);
  if (need('bitsAllocated') !== 16) r.fail('BitsAllocated (0028,0100)', `expected 16, got ${found.bitsAllocated}`);
  if ((found.samplesPerPixel ?? 1) !== 1) r.fail('SamplesPerPixel (0028,0002)', `expected 1, got ${found.samplesPerPixel}`);
  if ((found.numberOfFrames ?? 1) !== 1) r.fail('NumberOfFrames (0028,0008)', `expected a single frame, got ${found.numberOfFrames}`);
  if (!pixels) return r.fail('PixelData (7FE0,0010)', 'missing');
  const count = rows * columns;
  if (pixels.length < count * 2 || pixels.value + count * 2 > bytes.length) r.fail('PixelData (7FE0,0010)', `holds ${Math.min(pixels.length, bytes.length - pixels.value)} bytes, expected ${count * 2}`);
  const slope = found.rescaleSlope ?? 1, intercept = found.rescaleIntercept ?? 0;
  const signed = found.pixelRepresentation === 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset + pixels.value, count * 2);
  const hu = new Float32Array(count);
  for (let i = 0; i < count; i++) hu[i] = (signed ? view.getInt16(2 * i, true) : view.getUint16(2 * i, true)) * slope + intercept;
  return hu;
}
