/**
 * Writes a naturalized dataset (keywords as keys, as dcmjs naturalizes) as a PS3.10 file in explicit VR little
 * endian, byte for byte as dcmjs 0.52 `datasetToDict(dataset).write()` does, in one pass into one growing buffer.
 * dcmjs builds a tag dictionary, then a stream per element and per item and concatenates them; for a
 * 400 KiB structured report that costs about five times this.
 *
 * Layout (PS3.10 7.1, PS3.5 7.1.2 and 7.5): 128-byte preamble, "DICM", the File Meta Information group with its
 * group length, then the dataset; elements in ascending tag order; sequences and items of undefined length
 * closed by delimitation items; an odd-length value padded (VR_RULES). A short-length value of 64 KiB or more is
 * written as UN with a 4-byte length, and values longer than a VR allows are cut, both as dcmjs does.
 *
 * Anything outside the value representations in VR_RULES, or a value shape dcmjs would reject or warn about,
 * throws NotHandledByCodec so that the caller writes that dataset with dcmjs instead.
 */
import { entryForKeyword, type DictionaryEntry } from './dataElementDictionary';
import { NotHandledByCodec, vrRule, type VrRule } from './valueRepresentations';

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/**
 * File Meta Information dcmjs writes (datasetToDict): its implementation class UID and version name are kept so
 * that both codecs give identical files.
 */
const IMPLEMENTATION_CLASS_UID = '2.25.80302813137786398554742050926734630921603366648225212145404';
const IMPLEMENTATION_VERSION_NAME = 'dcmjs-0.0';

const UNDEFINED_LENGTH = 0xffffffff;
const utf8 = new TextEncoder();

/** A little-endian byte buffer that doubles when full. */
class ByteSink {
  bytes = new Uint8Array(64 * 1024);
  view = new DataView(this.bytes.buffer);
  length = 0;

  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(v: number): void {
    this.reserve(1);
    this.bytes[this.length++] = v;
  }

  u16(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }

  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  /** One byte per UTF-16 code unit, its low 8 bits (dcmjs writeAsciiString). */
  latin1(s: string): void {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.bytes[this.length++] = s.charCodeAt(i) & 0xff;
  }

  utf8(s: string): void {
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) return this.latin1(s);
    const encoded = utf8.encode(s);
    this.reserve(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  setU16At(at: number, v: number): void {
    this.view.setUint16(at, v, true);
  }

  setU32At(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }
}

interface Element {
  entry: DictionaryEntry;
  value: unknown;
}

/** The dataset's elements that dcmjs would write, in its order (tag strings sorted). */
function elementsOf(dataset: Record<string, unknown>): Element[] {
  if (dataset === null || typeof dataset !== 'object' || Array.isArray(dataset)) throw new NotHandledByCodec('a sequence item that is not an object');
  const out: Element[] = [];
  for (const keyword of Object.keys(dataset)) {
    if (keyword === '_meta') continue;
    if (keyword === '_vrMap') {
      const map = dataset._vrMap;
      if (map && typeof map === 'object' && Object.keys(map).length > 0) throw new NotHandledByCodec('a _vrMap with entries');
      continue;
    }
    const value = dataset[keyword];
    if (value === undefined) continue;
    const entry = entryForKeyword(keyword);
    // dcmjs logs and skips unknown names; leave that (and its warning) to it.
    if (!entry) throw new NotHandledByCodec(`keyword ${keyword}`);
    out.push({ entry, value });
  }
  return out.sort((a, b) => (a.entry.tagHex < b.entry.tagHex ? -1 : a.entry.tagHex > b.entry.tagHex ? 1 : 0));
}

/** dcmjs reads `constructor.name` of every value: an object without a prototype makes it throw, so leave it to it. */
function isPlainObject(v: object): boolean {
  return Object.getPrototypeOf(v) === Object.prototype;
}

/** dcmjs denaturalizeValue: a single value becomes a list; numbers become their String(). */
function valueList(value: unknown, keyword: string): unknown[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return v;
    if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer) && isPlainObject(v)) return v;
    throw new NotHandledByCodec(`a ${v === null ? 'null' : typeof v} value in ${keyword}`);
  });
}

function strings(list: unknown[], keyword: string): string[] {
  for (const v of list) if (typeof v !== 'string') throw new NotHandledByCodec(`a non-text value in ${keyword}`);
  return list as string[];
}

/** dcmjs pnObjectToString: components joined by "=", trailing "=" dropped, values joined by "\". */
const PN_COMPONENT_MAX = 64;

function personNameText(list: unknown[], keyword: string): string {
  const text = list
    .filter(Boolean)
    .map((v) => {
      if (typeof v === 'string') return v;
      const pn = v as Record<string, unknown>;
      for (const k of Object.keys(pn)) if (k !== 'Alphabetic' && k !== 'Ideographic' && k !== 'Phonetic') throw new NotHandledByCodec(`a ${k} component in ${keyword}`);
      const part = (c: unknown) => {
        if (c === undefined || c === null) return '';
        if (typeof c !== 'string') throw new NotHandledByCodec(`a non-text component in ${keyword}`);
        return c;
      };
      return [part(pn.Alphabetic), part(pn.Ideographic), part(pn.Phonetic)].join('=').replace(/=*$/, '');
    })
    .join('\\');
  // PS3.5 Table 6.2-1: at most 64 characters per component group; dcmjs refuses longer ones.
  for (const v of text.split('\\')) for (const c of v.split('=')) if (c.length > PN_COMPONENT_MAX) throw new NotHandledByCodec(`a name component over ${PN_COMPONENT_MAX} characters in ${keyword}`);
  return text;
}

/** Binary VRs (PS3.5 Table 6.2-1): bytes per value, the DataView setter, integers parsed as dcmjs toInt does. */
const BINARY_WRITERS: Readonly<Record<string, { size: number; integer: boolean; set: (v: DataView, at: number, n: number) => void }>> = {
  US: { size: 2, integer: true, set: (v, at, n) => v.setUint16(at, n, true) },
  SS: { size: 2, integer: true, set: (v, at, n) => v.setInt16(at, n, true) },
  UL: { size: 4, integer: true, set: (v, at, n) => v.setUint32(at, n, true) },
  SL: { size: 4, integer: true, set: (v, at, n) => v.setInt32(at, n, true) },
  FL: { size: 4, integer: false, set: (v, at, n) => v.setFloat32(at, n, true) },
  FD: { size: 8, integer: false, set: (v, at, n) => v.setFloat64(at, n, true) },
};

function writeBinary(sink: ByteSink, vr: string, text: string, keyword: string): void {
  // dcmjs toInt throws on a value that is not a number (leave that error to it), else parseInt without a radix.
  if (Number.isNaN(Number(text))) throw new NotHandledByCodec(`a value that is not a number in ${keyword}`);
  const writer = BINARY_WRITERS[vr];
  if (!writer) throw new NotHandledByCodec(`binary value representation ${vr}`);
  sink.reserve(writer.size);
  writer.set(sink.view, sink.length, writer.integer ? parseInt(text) : parseFloat(text));
  sink.length += writer.size;
}

function writeHeader(sink: ByteSink, tag: number, vr: string, rule: VrRule): number {
  sink.u16(tag >>> 16);
  sink.u16(tag & 0xffff);
  sink.latin1(vr);
  if (rule.longLength) {
    sink.u16(0);
    sink.u32(0);
    return sink.length - 4;
  }
  sink.u16(0);
  return sink.length - 2;
}

/** Writes one element; `value` is the naturalized value (never undefined). */
function writeElement(sink: ByteSink, entry: DictionaryEntry, value: unknown): void {
  const { keyword, vr } = entry;
  const rule = vrRule(vr);
  if (rule.kind === 'sequence') {
    writeHeader(sink, entry.tag, vr, rule);
    sink.setU32At(sink.length - 4, UNDEFINED_LENGTH);
    if (value !== null) {
      for (const item of valueList(value, keyword)) {
        if (typeof item === 'string') throw new NotHandledByCodec(`a text item in ${keyword}`);
        sink.u16(0xfffe);
        sink.u16(0xe000);
        sink.u32(UNDEFINED_LENGTH);
        writeDataset(sink, item as Record<string, unknown>);
        sink.u16(0xfffe);
        sink.u16(0xe00d);
        sink.u32(0);
      }
    }
    sink.u16(0xfffe);
    sink.u16(0xe0dd);
    sink.u32(0);
    return;
  }
  // The short VR header is written first; a value of 64 KiB or more turns it into UN with a long length.
  const headerAt = sink.length;
  const lengthAt = writeHeader(sink, entry.tag, vr, rule);
  const valueAt = sink.length;
  if (value !== null) {
    const list = valueList(value, keyword);
    if (rule.kind === 'personName') sink.utf8(personNameText(list, keyword));
    else if (rule.kind === 'binary') for (const v of strings(list, keyword)) writeBinary(sink, vr, v, keyword);
    else {
      const texts = strings(list, keyword);
      for (let i = 0; i < texts.length; i++) {
        if (i > 0) sink.u8(0x5c);
        const t = rule.truncateAt !== undefined && texts[i].length > rule.truncateAt ? texts[i].slice(0, rule.truncateAt) : texts[i];
        if (rule.maxUnlessRange !== undefined && t.length > rule.maxUnlessRange && !t.includes('-'))
          throw new NotHandledByCodec(`a ${vr} value longer than ${rule.maxUnlessRange} characters in ${keyword}`);
        if (rule.kind === 'ascii') sink.latin1(t);
        else sink.utf8(t);
      }
    }
  }
  if ((sink.length - valueAt) & 1) sink.u8(rule.padByte);
  const length = sink.length - valueAt;
  if (rule.longLength) sink.setU32At(lengthAt, length);
  else if (length < 0x10000) sink.setU16At(lengthAt, length);
  else {
    // PS3.5 6.2.2: a value too long for a 16-bit length is written as UN (dcmjs' choice), shifting the value by 4.
    const valueBytes = sink.bytes.slice(valueAt, sink.length);
    sink.length = headerAt + 4;
    sink.latin1('UN');
    sink.u16(0);
    sink.u32(length);
    sink.reserve(valueBytes.length);
    sink.bytes.set(valueBytes, sink.length);
    sink.length += valueBytes.length;
  }
}

function writeDataset(sink: ByteSink, dataset: Record<string, unknown>): void {
  for (const { entry, value } of elementsOf(dataset)) writeElement(sink, entry, value);
}

function writeMeta(sink: ByteSink, dataset: Record<string, unknown>): void {
  const groupLengthAt = sink.length + 8;
  sink.u16(0x0002);
  sink.u16(0x0000);
  sink.latin1('UL');
  sink.u16(4);
  sink.u32(0);
  const start = sink.length;
  // (0002,0001) File Meta Information Version: OB, bytes 00 01.
  sink.u16(0x0002);
  sink.u16(0x0001);
  sink.latin1('OB');
  sink.u16(0);
  sink.u32(2);
  sink.u8(0);
  sink.u8(1);
  const meta: [string, unknown][] = [
    ['MediaStorageSOPClassUID', dataset.SOPClassUID],
    ['MediaStorageSOPInstanceUID', dataset.SOPInstanceUID],
    ['TransferSyntaxUID', EXPLICIT_VR_LITTLE_ENDIAN],
    ['ImplementationClassUID', IMPLEMENTATION_CLASS_UID],
    ['ImplementationVersionName', IMPLEMENTATION_VERSION_NAME],
  ];
  for (const [keyword, value] of meta) if (value !== undefined) writeElement(sink, entryForKeyword(keyword)!, value);
  sink.setU32At(groupLengthAt, sink.length - start);
}

/**
 * PS3.10 file bytes of a naturalized dataset, explicit VR little endian; the same bytes as dcmjs writes.
 * Throws NotHandledByCodec for what only dcmjs handles.
 */
export function encodeNaturalDataset(dataset: Record<string, unknown>): Uint8Array {
  const sink = new ByteSink();
  sink.reserve(132);
  sink.length = 128;
  sink.latin1('DICM');
  writeMeta(sink, dataset);
  writeDataset(sink, dataset);
  return sink.bytes.slice(0, sink.length);
}
