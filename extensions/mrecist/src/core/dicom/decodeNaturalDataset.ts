/**
 * Reads a PS3.10 file in explicit VR little endian into a naturalized dataset (keywords as keys; one value
 * unwrapped, several as a list; sequences as lists of datasets; Person Name as { Alphabetic, … }; `_meta` the
 * File Meta Information as { vr, Value }), with the values dcmjs 0.52 gives (`DicomMessage.readFile`, then
 * `naturalizeDataset`), in one pass over the bytes and without dcmjs' per-element streams and copies.
 *
 * Two deliberate differences: text inside sequence items is decoded with the dataset's Specific Character Set,
 * as PS3.5 6.1.2.5.2 says items inherit it (dcmjs decodes it as Latin-1, which repairNestedUtf8 undoes after a dcmjs read); and a
 * one-item list is a plain array, where dcmjs wraps it in a Proxy that also reads as its item (no caller here
 * relies on that, and reads through the proxy cost about a third of decoding an SR's content tree).
 *
 * Run it only on bytes scanDicom has accepted (lengths within their containers, nesting within DICOM_LIMITS):
 * it recurses once per sequence level and trusts lengths. Anything outside VR_RULES, another transfer syntax,
 * a character set other than the default, ISO_IR 100 or ISO_IR 192, or a layout dcmjs reads in its own way
 * throws NotHandledByCodec, and the caller reads that file with dcmjs.
 */
import { entryForTag } from './dataElementDictionary';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './encodeNaturalDataset';
import { LONG_LENGTH_VRS, NotHandledByCodec, vrRule, type VrRule } from './valueRepresentations';

type Natural = Record<string, unknown>;

const UNDEFINED_LENGTH = 0xffffffff;
/** dcmjs' default decoder; the WHATWG "latin1" label is windows-1252, and both codecs use it. */
const DEFAULT_DECODER = new TextDecoder('latin1');
const UTF8_DECODER = new TextDecoder('utf-8');

/** Specific Character Set (0008,0005) values handled here, after dcmjs' normalisation ("ISO_IR 192" -> "iso-ir-192"). */
const DECODERS: Readonly<Record<string, TextDecoder>> = {
  '': DEFAULT_DECODER,
  'iso-ir-6': DEFAULT_DECODER,
  'iso-ir-100': DEFAULT_DECODER,
  'iso-ir-192': UTF8_DECODER,
};

const SPECIFIC_CHARACTER_SET = 0x00080005;

class Reader {
  readonly view: DataView;
  decoder: TextDecoder = DEFAULT_DECODER;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  latin1(at: number, length: number): string {
    const b = this.bytes;
    let s = '';
    for (let i = at; i < at + length; i++) s += String.fromCharCode(b[i]);
    return s;
  }

  text(at: number, length: number): string {
    // Every decoder here is ASCII-compatible: pure ASCII decodes the same by hand, and faster.
    for (let i = at; i < at + length; i++) if (this.bytes[i] > 0x7f) return this.decoder.decode(this.bytes.subarray(at, at + length));
    return this.latin1(at, length);
  }
}

/** dcmjs dropPadByte: of several values, the last loses one trailing pad character when its length is odd. */
function dropPadFromLast(values: string[], rule: VrRule): string[] {
  if (!rule.dropsPadFromLast || values.length < 2) return values;
  const last = values[values.length - 1];
  if (last.length % 2 !== 0 && last.endsWith(String.fromCharCode(rule.padByte))) values[values.length - 1] = last.slice(0, -1);
  return values;
}

function decimalValue(s: string): number | null {
  const cleaned = s.trim().replace(/[^0-9.\\\-+e]/gi, '');
  if (cleaned === '') return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

function integerValue(s: string): number | null {
  const trimmed = s.trim();
  if (trimmed === '' || !/^[+-]?\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** dcmjs pnStringToObject: values split on "\", empty ones dropped, components on "=". */
function personNames(s: string): Natural[] {
  return s
    .split('\\')
    .filter(Boolean)
    .map((v) => {
      const [a, i, p] = v.split('=');
      return { ...(a ? { Alphabetic: a } : {}), ...(i ? { Ideographic: i } : {}), ...(p ? { Phonetic: p } : {}) };
    });
}

/** Values of a non-sequence element as dcmjs' reader lists them (before naturalizing). */
function readValues(r: Reader, vr: string, rule: VrRule, at: number, length: number): unknown[] | string {
  switch (rule.kind) {
    case 'binary': {
      const size = rule.size!;
      // An empty fixed-length value reads as 0 (dcmjs' default value).
      if (length === 0) return [0];
      if (length % size !== 0) throw new NotHandledByCodec(`a ${vr} value of ${length} bytes`);
      const out: number[] = [];
      for (let p = at; p < at + length; p += size) {
        switch (vr) {
          case 'US': out.push(r.view.getUint16(p, true)); break;
          case 'SS': out.push(r.view.getInt16(p, true)); break;
          case 'UL': out.push(r.view.getUint32(p, true)); break;
          case 'SL': out.push(r.view.getInt32(p, true)); break;
          case 'FL': out.push(r.view.getFloat32(p, true)); break;
          case 'FD': out.push(r.view.getFloat64(p, true)); break;
        }
      }
      return out;
    }
    case 'personName': {
      let s = r.text(at, length);
      if (s.endsWith(' ')) s = s.slice(0, -1);
      return personNames(s);
    }
    case 'ascii':
    case 'text': {
      let s = rule.kind === 'ascii' ? r.latin1(at, length) : r.text(at, length);
      switch (rule.readFormat) {
        case 'trimEach':
          return dropPadFromLast(s.split('\\'), rule).map((v) => v.trim());
        case 'decimal':
          return dropPadFromLast(s.split('\\'), rule).map(decimalValue);
        case 'integer':
          return dropPadFromLast(s.split('\\'), rule).map(integerValue);
        case 'uid':
          if (s.endsWith('\0')) s = s.slice(0, -1);
          return s.split('\\').map((v) => v.replace(/[^0-9.]/g, ''));
        case 'trim':
          s = s.trim();
          break;
        case 'rtrim':
          s = s.replace(/\s*$/g, '');
          break;
      }
      return rule.splitsOnRead ? dropPadFromLast(s.split('\\'), rule) : s;
    }
  }
  throw new NotHandledByCodec(`value representation ${vr}`);
}

/** dcmjs naturalizeDataset for one element's values: one value unwrapped, unless it is an object (Person Name). */
function naturalValue(values: unknown[] | string): unknown {
  if (values.length !== 1) return values;
  const only = values[0];
  if (only !== null && typeof only === 'object') return values;
  return only;
}

interface Header {
  tag: number;
  vr: string;
  length: number;
  valueAt: number;
}

function readHeader(r: Reader, pos: number): Header {
  const tag = ((r.view.getUint16(pos, true) << 16) | r.view.getUint16(pos + 2, true)) >>> 0;
  const vr = String.fromCharCode(r.bytes[pos + 4], r.bytes[pos + 5]);
  if (LONG_LENGTH_VRS.has(vr)) return { tag, vr, length: r.view.getUint32(pos + 8, true), valueAt: pos + 12 };
  return { tag, vr, length: r.view.getUint16(pos + 6, true), valueAt: pos + 8 };
}

/**
 * Elements from `pos` up to `end` (or, when `end` is undefined, up to an item delimiter); returns the dataset
 * and the offset after it (after the delimiter, if any).
 */
function readDataset(r: Reader, pos: number, end: number | undefined, topLevel: boolean): [Natural, number] {
  const out: Natural = { _vrMap: {} };
  const vrMap = out._vrMap as Record<string, string>;
  for (;;) {
    if (end !== undefined && pos >= end) return [out, pos];
    if (end === undefined && r.view.getUint16(pos, true) === 0xfffe) {
      if (r.view.getUint16(pos + 2, true) !== 0xe00d) throw new NotHandledByCodec('a delimiter inside an item');
      return [out, pos + 8];
    }
    const h = readHeader(r, pos);
    if (h.tag >>> 16 === 0xfffe) throw new NotHandledByCodec('a delimiter inside a dataset');
    const entry = entryForTag(h.tag);
    if (!entry) throw new NotHandledByCodec(`tag ${h.tag.toString(16)} not in the dictionary`);
    const rule = vrRule(h.vr);
    if (h.vr !== entry.vr) vrMap[entry.keyword] = h.vr;
    if (rule.kind === 'sequence') {
      const [items, next] = readSequence(r, h);
      out[entry.keyword] = items;
      pos = next;
      continue;
    }
    if (h.length === UNDEFINED_LENGTH) throw new NotHandledByCodec(`an undefined length for ${h.vr}`);
    let values = readValues(r, h.vr, rule, h.valueAt, h.length);
    if (h.tag === SPECIFIC_CHARACTER_SET) {
      // dcmjs switches decoders for the rest of the top-level dataset and records the value as UTF-8.
      const list = values as string[];
      if (list.length > 1) throw new NotHandledByCodec('several character sets');
      const decoder = DECODERS[(list[0] ?? '').replace(/[_ ]/g, '-').toLowerCase()];
      if (!decoder) throw new NotHandledByCodec(`character set "${list[0]}"`);
      if (topLevel) r.decoder = decoder;
      else if (decoder !== r.decoder) throw new NotHandledByCodec('a character set inside a sequence item');
      values = ['ISO_IR 192'];
    }
    out[entry.keyword] = naturalValue(values);
    pos = h.valueAt + h.length;
  }
}

/** Items of a sequence; dcmjs leaves out items without content. */
function readSequence(r: Reader, h: Header): [Natural[], number] {
  const items: Natural[] = [];
  if (h.length === 0) return [items, h.valueAt];
  const end = h.length === UNDEFINED_LENGTH ? undefined : h.valueAt + h.length;
  let pos = h.valueAt;
  for (;;) {
    if (end !== undefined && pos >= end) return [items, pos];
    const group = r.view.getUint16(pos, true);
    const element = r.view.getUint16(pos + 2, true);
    const length = r.view.getUint32(pos + 4, true);
    if (group !== 0xfffe) throw new NotHandledByCodec('an element where a sequence item was expected');
    if (element === 0xe0dd) return [items, pos + 8];
    if (element !== 0xe000) throw new NotHandledByCodec('an unexpected delimiter in a sequence');
    const itemEnd = length === UNDEFINED_LENGTH ? undefined : pos + 8 + length;
    const [item, next] = readDataset(r, pos + 8, itemEnd, false);
    if (next - (pos + 8) > (itemEnd === undefined ? 8 : 0)) items.push(item);
    pos = next;
  }
}

function readMeta(r: Reader): [Natural, number] {
  const first = readHeader(r, 132);
  if (first.tag !== 0x00020000 || first.vr !== 'UL' || first.length !== 4) throw new NotHandledByCodec('no File Meta Information Group Length');
  const groupLength = r.view.getUint32(first.valueAt, true);
  const end = first.valueAt + 4 + groupLength;
  // dcmjs reads the group length to find the group's end and keeps only the elements after it.
  const meta: Natural = {};
  let pos = first.valueAt + 4;
  while (pos < end) {
    const h = readHeader(r, pos);
    const entry = entryForTag(h.tag);
    if (!entry || h.tag >>> 16 !== 0x0002) throw new NotHandledByCodec('an unknown File Meta Information element');
    if (h.vr === 'OB') {
      // File Meta Information Version: dcmjs keeps the bytes as one ArrayBuffer.
      const copy = r.bytes.slice(h.valueAt, h.valueAt + h.length).buffer;
      meta[entry.keyword] = { vr: 'OB', Value: [copy], _rawValue: undefined };
    } else {
      const rule = vrRule(h.vr);
      if (rule.kind !== 'ascii' && rule.kind !== 'text' && rule.kind !== 'binary') throw new NotHandledByCodec(`File Meta Information in ${h.vr}`);
      const raw = rule.kind === 'binary' ? readValues(r, h.vr, rule, h.valueAt, h.length) : rawStrings(r, rule, h);
      meta[entry.keyword] = { vr: h.vr, Value: readValues(r, h.vr, rule, h.valueAt, h.length), _rawValue: raw };
    }
    pos = h.valueAt + h.length;
  }
  if (pos !== end) throw new NotHandledByCodec('a File Meta Information group length that does not match its elements');
  return [meta, end];
}

/** dcmjs' unformatted values of a text element (kept beside the formatted ones in `_meta`). */
function rawStrings(r: Reader, rule: VrRule, h: Header): string[] {
  let s = rule.kind === 'ascii' ? r.latin1(h.valueAt, h.length) : r.text(h.valueAt, h.length);
  if (rule.readFormat === 'uid' && s.endsWith('\0')) s = s.slice(0, -1);
  return dropPadFromLast(s.split('\\'), rule);
}

/**
 * The naturalized dataset of PS3.10 bytes (preamble, "DICM", meta group) in explicit VR little endian.
 * Throws NotHandledByCodec for what only dcmjs reads.
 */
export function decodeNaturalDataset(bytes: Uint8Array): Natural {
  if (bytes.length < 144 || String.fromCharCode(bytes[128], bytes[129], bytes[130], bytes[131]) !== 'DICM') throw new NotHandledByCodec('no PS3.10 preamble');
  const r = new Reader(bytes);
  const [meta, start] = readMeta(r);
  const ts = (meta.TransferSyntaxUID as { Value?: unknown[] } | undefined)?.Value?.[0];
  if (ts !== EXPLICIT_VR_LITTLE_ENDIAN) throw new NotHandledByCodec(`transfer syntax ${String(ts)}`);
  const [natural] = readDataset(r, start, bytes.length, true);
  natural._meta = meta;
  return natural;
}
