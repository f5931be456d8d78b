/**
 * A bounded pre-scan of DICOM bytes before dcmjs decodes them. dcmjs reads nested sequences recursively and
 * trusts declared lengths, so a file could control its stack depth and running time; here one loop with an
 * explicit stack walks every element header once (linear in the file size) and refuses, in one line, a file
 * that is too large, nests sequences too deeply, holds too many items or elements, or declares a length that
 * runs past its container. It also finds the layout (PS3.10 file, or a raw dataset as PS3.5 encodes it
 * without the File Meta Information) so that preamble-less files and raw datasets can be read.
 *
 * Encodings: PS3.5 section 7.1 (data elements, explicit and implicit VR), 7.5 (sequences and items, defined and
 * undefined length), A.4 (encapsulated pixel data fragments); PS3.10 section 7.1 (preamble, "DICM", group 0002
 * always explicit VR little endian).
 */
import dcmjs from 'dcmjs';
import { DicomInputError } from '../errors';

export const DICOM_LIMITS = {
  /** An RT Dose of a whole liver at 1 mm is ~40 MB; four times that is still a file we expect. */
  maxBytes: 256 * 1024 * 1024,
  /** Sequence nesting: TID 1500 reports reach about 10 (content items, coded concepts, image references). */
  maxDepth: 32,
  /** Sequence items in the whole file (a large RT Structure Set has tens of thousands of contours). */
  maxItems: 500_000,
  /** Data elements in the whole file. */
  maxElements: 4_000_000,
} as const;

export type TransferSyntax = { explicitVr: boolean; littleEndian: boolean; uid: string };

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const UNDEFINED = 0xffffffff;

/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const SHORT_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FL', 'FD', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US',
]);

let sequenceTags: Set<number> | undefined;

/** Tags the data dictionary types SQ: in implicit VR a sequence of defined length is known only from these. */
function isSequenceTag(tag: number): boolean {
  if (!sequenceTags) {
    sequenceTags = new Set();
    for (const entry of Object.values(dcmjs.data.DicomMetaDictionary.nameMap) as { tag: string; vr: string }[]) {
      const m = /^\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\)$/.exec(entry.tag);
      if (m && entry.vr === 'SQ') sequenceTags.add(parseInt(m[1] + m[2], 16));
    }
  }
  return sequenceTags.has(tag);
}

function text(bytes: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < at + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

interface Frame {
  kind: 'dataset' | 'sequence' | 'fragments';
  /** Byte offset where a defined-length frame ends; UNDEFINED_END for delimited ones. */
  end: number;
  explicitVr: boolean;
}
const UNDEFINED_END = Number.POSITIVE_INFINITY;

class Walker {
  private readonly view: DataView;
  private items = 0;
  private elements = 0;
  private depth = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly source: string,
    private readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private fail(at: number, problem: string): never {
    throw new DicomInputError(this.source, 'file', `not a readable DICOM Part 10 file (${problem}, at byte ${at})`);
  }

  private u16(at: number): number {
    return this.view.getUint16(at, this.littleEndian);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, this.littleEndian);
  }

  /** Walks elements from `start` to `end`; returns the offset after the last one (for the meta group: where it stops). */
  walk(start: number, end: number, explicitVr: boolean, stopAtGroup?: number): number {
    const stack: Frame[] = [{ kind: 'dataset', end, explicitVr }];
    let pos = start;
    for (;;) {
      // Close every defined-length frame that ends here.
      while (stack.length > 1 && stack[stack.length - 1].end === pos) this.pop(stack);
      if (pos === end && stack.length === 1) return pos;
      const top = stack[stack.length - 1];
      if (pos + 8 > Math.min(top.end, end)) {
        if (stack.length === 1 && pos === end) return pos;
        this.fail(pos, 'truncated: an element header runs past the end of its container');
      }
      const group = this.u16(pos);
      const element = this.u16(pos + 2);
      if (stopAtGroup !== undefined && stack.length === 1 && group !== stopAtGroup) return pos;
      if (group === 0xfffe) {
        pos = this.delimiter(stack, top, element, pos);
        continue;
      }
      if (top.kind !== 'dataset') this.fail(pos, `(${hex(group)},${hex(element)}) where a sequence item was expected`);
      if (++this.elements > DICOM_LIMITS.maxElements) this.fail(pos, `more than ${DICOM_LIMITS.maxElements} data elements`);
      const tag = group * 0x10000 + element;
      let vr: string | undefined;
      let length: number;
      let header: number;
      if (top.explicitVr) {
        vr = text(this.bytes, pos + 4, 2);
        if (LONG_VRS.has(vr)) {
          if (pos + 12 > Math.min(top.end, end)) this.fail(pos, 'truncated: an element header runs past the end of its container');
          length = this.u32(pos + 8);
          header = 12;
        } else if (SHORT_VRS.has(vr)) {
          length = this.u16(pos + 6);
          header = 8;
        } else this.fail(pos, `(${hex(group)},${hex(element)}) has no valid value representation ("${printable(vr)}")`);
      } else {
        length = this.u32(pos + 4);
        header = 8;
      }
      const valueStart = pos + header;
      const isSequence = vr === 'SQ' || (!top.explicitVr && (length === UNDEFINED || isSequenceTag(tag))) || (vr === 'UN' && length === UNDEFINED);
      if (isSequence) {
        // An undefined-length UN holds an implicit VR little endian sequence (PS3.5 6.2.2).
        const childExplicit = vr === 'UN' ? false : top.explicitVr;
        this.push(stack, { kind: 'sequence', end: length === UNDEFINED ? UNDEFINED_END : this.bounded(valueStart, length, top, end), explicitVr: childExplicit }, pos);
        pos = valueStart;
      } else if (length === UNDEFINED) {
        if (vr !== 'OB' && vr !== 'OW' && !(tag === 0x7fe00010 && !top.explicitVr))
          this.fail(pos, `(${hex(group)},${hex(element)}) has an undefined length`);
        this.push(stack, { kind: 'fragments', end: UNDEFINED_END, explicitVr: top.explicitVr }, pos);
        pos = valueStart;
      } else {
        pos = this.bounded(valueStart, length, top, end);
      }
    }
  }

  /** End offset of a value of `length` bytes at `start`, refused when it runs past its container or the file. */
  private bounded(start: number, length: number, top: Frame, end: number): number {
    const valueEnd = start + length;
    if (valueEnd > Math.min(top.end, end)) this.fail(start, `a length of ${length} runs past the end of its container`);
    return valueEnd;
  }

  private push(stack: Frame[], frame: Frame, at: number): void {
    if (frame.kind !== 'dataset' && ++this.depth > DICOM_LIMITS.maxDepth) this.fail(at, `sequences nested deeper than ${DICOM_LIMITS.maxDepth} levels`);
    stack.push(frame);
  }

  private pop(stack: Frame[]): void {
    const frame = stack.pop()!;
    if (frame.kind !== 'dataset') this.depth--;
  }

  private delimiter(stack: Frame[], top: Frame, element: number, pos: number): number {
    const length = this.u32(pos + 4);
    if (element === 0xe000) {
      if (top.kind === 'dataset') this.fail(pos, 'a sequence item outside a sequence');
      if (++this.items > DICOM_LIMITS.maxItems) this.fail(pos, `more than ${DICOM_LIMITS.maxItems} sequence items`);
      if (top.kind === 'fragments') {
        if (length === UNDEFINED) this.fail(pos, 'a pixel data fragment has an undefined length');
        return this.bounded(pos + 8, length, top, Number.POSITIVE_INFINITY);
      }
      const itemEnd = length === UNDEFINED ? UNDEFINED_END : this.bounded(pos + 8, length, top, Number.POSITIVE_INFINITY);
      stack.push({ kind: 'dataset', end: itemEnd, explicitVr: top.explicitVr });
      return pos + 8;
    }
    if (element === 0xe00d) {
      if (top.kind !== 'dataset' || top.end !== UNDEFINED_END || stack.length === 1) this.fail(pos, 'an item delimiter outside an undefined-length item');
      this.pop(stack);
      return pos + 8;
    }
    if (element === 0xe0dd) {
      if (top.kind === 'dataset' || top.end !== UNDEFINED_END) this.fail(pos, 'a sequence delimiter outside an undefined-length sequence');
      this.pop(stack);
      return pos + 8;
    }
    return this.fail(pos, `unknown delimiter (FFFE,${hex(element)})`);
  }
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}

/** The Transfer Syntax UID in a File Meta Information group (explicit VR little endian) from `start` to `end`. */
function transferSyntaxOf(bytes: Uint8Array, start: number, end: number): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;
  while (pos + 8 <= end) {
    const group = view.getUint16(pos, true);
    const element = view.getUint16(pos + 2, true);
    const vr = text(bytes, pos + 4, 2);
    const long = LONG_VRS.has(vr);
    const length = long ? view.getUint32(pos + 8, true) : view.getUint16(pos + 6, true);
    const valueStart = pos + (long ? 12 : 8);
    if (group === 0x0002 && element === 0x0010) return text(bytes, valueStart, length).replace(/[\0 ]+$/, '');
    pos = valueStart + length;
  }
  return undefined;
}

function syntaxFor(uid: string | undefined, source: string): TransferSyntax {
  if (uid === undefined) throw new DicomInputError(source, 'TransferSyntaxUID (0002,0010)', 'missing from the File Meta Information');
  if (uid === DEFLATED) throw new DicomInputError(source, 'TransferSyntaxUID (0002,0010)', 'deflated explicit VR little endian is not read');
  if (uid === IMPLICIT_LE) return { explicitVr: false, littleEndian: true, uid };
  if (uid === EXPLICIT_BE) return { explicitVr: true, littleEndian: false, uid };
  return { explicitVr: true, littleEndian: true, uid };
}

/** Explicit VR is recognised by two upper-case letters after the first tag that form a VR. */
function looksExplicit(bytes: Uint8Array, at: number): boolean {
  const vr = text(bytes, at + 4, 2);
  return LONG_VRS.has(vr) || SHORT_VRS.has(vr);
}

/** File Meta Information (PS3.10 7.1) naming a transfer syntax, for a raw dataset handed to a Part 10 reader. */
function metaGroup(transferSyntax: string): Uint8Array {
  const uid = transferSyntax.length % 2 === 1 ? `${transferSyntax}\0` : transferSyntax;
  const version = [0x02, 0x00, 0x01, 0x00, 0x4f, 0x42, 0, 0, 2, 0, 0, 0, 0x00, 0x01];
  const tsHeader = [0x02, 0x00, 0x10, 0x00, 0x55, 0x49, uid.length & 0xff, uid.length >> 8];
  const body = [...version, ...tsHeader, ...Array.from(uid, (c) => c.charCodeAt(0))];
  const groupLength = [0x02, 0x00, 0x00, 0x00, 0x55, 0x4c, 4, 0, body.length & 0xff, (body.length >> 8) & 0xff, 0, 0];
  return Uint8Array.from([...groupLength, ...body]);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const PREAMBLE_AND_PREFIX = concat(new Uint8Array(128), Uint8Array.from([0x44, 0x49, 0x43, 0x4d]));

export interface ScannedDicom {
  /** The bytes as a PS3.10 file (preamble, "DICM", meta group): the input itself when it was one. */
  part10: Uint8Array;
  transferSyntax: TransferSyntax;
  /** How the input was laid out. */
  layout: 'part10' | 'part10 without preamble' | 'raw dataset';
}

/**
 * Checks the bytes within DICOM_LIMITS and returns them as a PS3.10 file for dcmjs. Refusals are
 * DicomInputErrors naming the file; nothing here recurses or allocates in proportion to a declared length.
 */
export function scanDicom(bytes: Uint8Array, source: string): ScannedDicom {
  if (bytes.length > DICOM_LIMITS.maxBytes)
    throw new DicomInputError(source, 'file', `${bytes.length} bytes, over the ${DICOM_LIMITS.maxBytes}-byte limit for one DICOM file`);
  let metaStart: number | undefined;
  let layout: ScannedDicom['layout'] = 'part10';
  if (bytes.length >= 132 && text(bytes, 128, 4) === 'DICM') metaStart = 132;
  else if (bytes.length >= 4 && text(bytes, 0, 4) === 'DICM') [metaStart, layout] = [4, 'part10 without preamble'];
  else if (bytes.length >= 8 && bytes[0] === 0x02 && bytes[1] === 0x00 && looksExplicit(bytes, 0)) [metaStart, layout] = [0, 'part10 without preamble'];

  if (metaStart !== undefined) {
    const meta = new Walker(bytes, source, true);
    const metaEnd = meta.walk(metaStart, bytes.length, true, 0x0002);
    const transferSyntax = syntaxFor(transferSyntaxOf(bytes, metaStart, metaEnd), source);
    new Walker(bytes, source, transferSyntax.littleEndian).walk(metaEnd, bytes.length, transferSyntax.explicitVr);
    const part10 = metaStart === 132 ? bytes : concat(PREAMBLE_AND_PREFIX, bytes.subarray(metaStart));
    return { part10, transferSyntax, layout };
  }
  // A raw dataset (PS3.5 encoding with no File Meta Information): little endian, explicit VR when the first
  // element says so. Its first tag must be a plausible even group, or this is not DICOM at all.
  if (bytes.length < 8 || bytes[1] !== 0x00 || bytes[0] % 2 !== 0 || bytes[0] === 0)
    throw new DicomInputError(source, 'file', 'not a readable DICOM Part 10 file (no "DICM" prefix, and no data element at the start)');
  const transferSyntax = looksExplicit(bytes, 0) ? syntaxFor(EXPLICIT_LE, source) : syntaxFor(IMPLICIT_LE, source);
  new Walker(bytes, source, true).walk(0, bytes.length, transferSyntax.explicitVr);
  return { part10: concat(PREAMBLE_AND_PREFIX, metaGroup(transferSyntax.uid), bytes), transferSyntax, layout: 'raw dataset' };
}
