/**
 * Read access to one decoded DICOM object, with errors that name the file and the attribute.
 * Wraps dcmjs' naturalized dataset (keywords as keys). Decoding happens in `decodeDicom`; this class only
 * reads, normalises (one-item sequences that arrive as objects, backslash-joined DS strings) and validates.
 */
import dcmjs from 'dcmjs';
import { DicomInputError } from '../errors';
import { decodeNaturalDataset } from './decodeNaturalDataset';
import { repairNestedUtf8 } from './repairNestedUtf8';
import { encodeNaturalDataset, EXPLICIT_VR_LITTLE_ENDIAN } from './encodeNaturalDataset';
import { scanDicom } from './scanDicom';

export type NaturalDataset = Record<string, any>;

/** "Keyword (gggg,eeee)" for messages, e.g. "GridFrameOffsetVector (3004,000C)". */
export function attributeLabel(keyword: string): string {
  const entry = dcmjs.data.DicomMetaDictionary.nameMap[keyword];
  if (!entry) return keyword;
  const tag = entry.tag.replace(/[()]/g, '');
  const [g, e] = tag.includes(',') ? tag.split(',') : [tag.slice(0, 4), tag.slice(4)];
  return `${keyword} (${g.toUpperCase()},${e.toUpperCase()})`;
}

export class DicomDataset {
  constructor(
    readonly raw: NaturalDataset,
    /** File name (or a path inside a sequence, e.g. "plan.dcm › ChannelSequence[3]") for messages. */
    readonly source: string,
  ) {}

  fail(keyword: string, problem: string): never {
    throw new DicomInputError(this.source, attributeLabel(keyword), problem);
  }

  has(keyword: string): boolean {
    const v = this.raw[keyword];
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  }

  optionalString(keyword: string): string | undefined {
    if (!this.has(keyword)) return undefined;
    const v = this.raw[keyword];
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== null && typeof first === 'object') {
      // Person Name arrives as { Alphabetic: "..." }.
      if (typeof first.Alphabetic === 'string') return first.Alphabetic;
      this.fail(keyword, 'expected a text value');
    }
    return String(first).trim();
  }

  string(keyword: string): string {
    const s = this.optionalString(keyword);
    if (s === undefined) this.fail(keyword, 'missing');
    return s;
  }

  /** All values of a multi-valued attribute, as numbers. DS strings joined by backslashes are split. */
  optionalNumbers(keyword: string): number[] | undefined {
    if (!this.has(keyword)) return undefined;
    const v = this.raw[keyword];
    const items: unknown[] = Array.isArray(v) ? v : ArrayBuffer.isView(v) ? Array.from(v as any) : [v];
    const flat = items.flatMap((x) => (typeof x === 'string' ? x.split('\\') : [x]));
    const values = flat.map((x) => (typeof x === 'string' ? (x.trim() === '' ? NaN : Number(x)) : Number(x)));
    const bad = values.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) this.fail(keyword, `value ${bad + 1} is not a number ("${String(flat[bad])}")`);
    return values;
  }

  numbers(keyword: string, count?: number): number[] {
    const values = this.optionalNumbers(keyword);
    if (values === undefined) this.fail(keyword, 'missing');
    if (count !== undefined && values.length !== count)
      this.fail(keyword, `expected ${count} values, got ${values.length}`);
    return values;
  }

  optionalNumber(keyword: string): number | undefined {
    const values = this.optionalNumbers(keyword);
    return values === undefined ? undefined : values[0];
  }

  number(keyword: string): number {
    return this.numbers(keyword)[0];
  }

  /** Sequence items as datasets; a one-item sequence delivered as a plain object is normalised. */
  sequence(keyword: string): DicomDataset[] {
    const v = this.raw[keyword];
    if (v === undefined || v === null) return [];
    const items: NaturalDataset[] = Array.isArray(v) ? v : [v];
    return items.map((item, i) => new DicomDataset(item ?? {}, `${this.source} › ${keyword}[${i + 1}]`));
  }

  requiredSequence(keyword: string): DicomDataset[] {
    const items = this.sequence(keyword);
    if (items.length === 0) this.fail(keyword, 'missing or empty');
    return items;
  }
}

/**
 * Decodes a DICOM file: a PS3.10 file, one without its preamble, or a raw dataset. The bytes are first checked
 * within DICOM_LIMITS by scanDicom (no recursion or allocation a file controls). Explicit VR little endian
 * files made of the value representations in VR_RULES (our reports, registrations, key objects) are read by
 * the byte-level decoder; everything else, and anything it leaves aside, by dcmjs. Every step runs inside this
 * error boundary, so anything that cannot be parsed becomes a one-line DicomInputError.
 */
export function decodeDicom(bytes: ArrayBuffer | Uint8Array, source: string): DicomDataset {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const { part10, transferSyntax } = scanDicom(view, source);
  if (transferSyntax.uid === EXPLICIT_VR_LITTLE_ENDIAN) {
    try {
      return new DicomDataset(decodeNaturalDataset(part10), source);
    } catch {
      // NotHandledByCodec, or bytes only dcmjs can judge: it reads them or says why, in one line.
    }
  }
  return decodeWithDcmjs(part10, source);
}

function decodeWithDcmjs(part10: Uint8Array, source: string): DicomDataset {
  const buffer = part10.buffer.slice(part10.byteOffset, part10.byteOffset + part10.byteLength);
  try {
    const dict = dcmjs.data.DicomMessage.readFile(buffer as ArrayBuffer);
    const natural = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
    natural._meta = dcmjs.data.DicomMetaDictionary.namifyDataset(dict.meta);
    // Both decoders then give the same text: nested items in the dataset's character set.
    return new DicomDataset(repairNestedUtf8(natural), source);
  } catch (e) {
    if (e instanceof DicomInputError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new DicomInputError(source, 'file', `not a readable DICOM Part 10 file (${why.split('\n')[0]})`);
  }
}

/**
 * Encodes a naturalized dataset (with SOPClassUID and SOPInstanceUID) as a Part 10 file, explicit VR little
 * endian: by the byte-level encoder when it handles every element (the same bytes, several times faster),
 * otherwise by dcmjs.
 */
export function encodeDicom(dataset: NaturalDataset): Uint8Array {
  try {
    return encodeNaturalDataset(dataset);
  } catch {
    // NotHandledByCodec: dcmjs writes what the byte-level encoder leaves aside (and refuses what it refuses).
  }
  return encodeWithDcmjs(dataset);
}

function encodeWithDcmjs(dataset: NaturalDataset): Uint8Array {
  const copy: NaturalDataset = { ...dataset, _meta: { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2.1'] } } };
  return new Uint8Array(dcmjs.data.datasetToDict(copy).write());
}
