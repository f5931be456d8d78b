/**
 * The value representations the byte-level codec handles (PS3.5 section 6.2, Table 6.2-1), as data: how each is
 * laid out in explicit VR little endian and how its naturalized value is written and read. The write and read
 * rules are those of dcmjs 0.52 (DicomMessage, ValueRepresentation), so that a dataset encodes to the same bytes
 * and decodes to the same values through either codec; the unit tests compare the two byte for byte.
 *
 * Everything else (OB, OW, OF, OD, OL, OV, SV, UV, AT, UN, multi-VR dictionary entries such as "ox") is left to
 * dcmjs: the codec throws NotHandledByCodec and the caller falls back.
 */

/** Thrown for input the byte-level codec does not handle; callers fall back to dcmjs, never report it. */
export class NotHandledByCodec extends Error {
  constructor(why: string) {
    super(`not handled by the byte-level DICOM codec: ${why}`);
    this.name = 'NotHandledByCodec';
  }
}

export type VrKind =
  /** One byte per character (String.fromCharCode / charCode & 0xFF), PS3.5 6.1.2 default repertoire. */
  | 'ascii'
  /** Text in the Specific Character Set: written as UTF-8 (as dcmjs writes), read with the dataset's decoder. */
  | 'text'
  /** Person Name: text whose naturalized value is { Alphabetic, Ideographic, Phonetic } (PS3.18 F.2.2). */
  | 'personName'
  | 'binary'
  | 'sequence';

/** How a decoded string becomes values (dcmjs applyFormatting before or after splitting on "\"). */
export type ReadFormat =
  | 'none'
  /** String.prototype.trim of the whole value, then split. */
  | 'trim'
  /** Trailing white space removed from the whole value, then split. */
  | 'rtrim'
  /** Split, then each value trimmed (CS). */
  | 'trimEach'
  /** Split, then each value parsed as a decimal string (null when empty or not finite). */
  | 'decimal'
  /** Split, then each value parsed as a base-10 integer (null when empty or not an integer). */
  | 'integer'
  /** A trailing NUL dropped, split, then every character other than digits and "." removed (UI). */
  | 'uid';

export interface VrRule {
  kind: VrKind;
  /** 4-byte length after two reserved bytes (PS3.5 Table 7.1-1); otherwise a 2-byte length. */
  longLength: boolean;
  /** Pads an odd-length value to even length (PS3.5 6.2: NUL for UI and binary, space for text). */
  padByte: number;
  /** Values longer than this are cut before writing (dcmjs denaturalizeDataset; range-matching maxima). */
  truncateAt?: number;
  /** DA, DT, TM: longer values are refused unless they are ranges (contain "-"), as dcmjs refuses them. */
  maxUnlessRange?: number;
  /** dcmjs' maxLength or maxCharLength: a pad byte is dropped from the last of several values only when set. */
  dropsPadFromLast: boolean;
  /** Multiple values are separated by "\" on read (LT is read as one value). */
  splitsOnRead: boolean;
  readFormat: ReadFormat;
  /** Bytes per binary value. */
  size?: number;
}

const SPACE = 0x20;
const NUL = 0x00;

function ascii(truncateAt: number | undefined, readFormat: ReadFormat, padByte = SPACE, longLength = false): VrRule {
  return { kind: 'ascii', longLength, padByte, truncateAt, dropsPadFromLast: truncateAt !== undefined && padByte !== NUL, splitsOnRead: true, readFormat };
}

function text(readFormat: ReadFormat, opts: { longLength?: boolean; dropsPadFromLast: boolean; splitsOnRead?: boolean }): VrRule {
  return { kind: 'text', longLength: opts.longLength ?? false, padByte: SPACE, dropsPadFromLast: opts.dropsPadFromLast, splitsOnRead: opts.splitsOnRead ?? true, readFormat };
}

function binary(size: number): VrRule {
  return { kind: 'binary', longLength: false, padByte: NUL, dropsPadFromLast: false, splitsOnRead: false, readFormat: 'none', size };
}

export const VR_RULES: Readonly<Record<string, VrRule>> = Object.freeze({
  AE: ascii(16, 'trim'),
  AS: ascii(4, 'none'),
  CS: ascii(16, 'trimEach'),
  DA: { ...ascii(18, 'none'), maxUnlessRange: 8 },
  DS: ascii(16, 'decimal'),
  DT: { ...ascii(54, 'none'), maxUnlessRange: 26 },
  IS: ascii(12, 'integer'),
  TM: { ...ascii(28, 'rtrim'), maxUnlessRange: 16 },
  UI: ascii(64, 'uid', NUL),
  UR: { ...ascii(undefined, 'none', SPACE, true), dropsPadFromLast: false },
  LO: text('trim', { dropsPadFromLast: true }),
  SH: text('trim', { dropsPadFromLast: true }),
  ST: text('rtrim', { dropsPadFromLast: true }),
  LT: text('rtrim', { dropsPadFromLast: true, splitsOnRead: false }),
  UC: text('rtrim', { longLength: true, dropsPadFromLast: false }),
  UT: text('rtrim', { longLength: true, dropsPadFromLast: false }),
  PN: { kind: 'personName', longLength: false, padByte: SPACE, dropsPadFromLast: false, splitsOnRead: false, readFormat: 'none' },
  US: binary(2),
  SS: binary(2),
  UL: binary(4),
  SL: binary(4),
  FL: binary(4),
  FD: binary(8),
  SQ: { kind: 'sequence', longLength: true, padByte: NUL, dropsPadFromLast: false, splitsOnRead: false, readFormat: 'none' },
});

/** The rule for a VR, or NotHandledByCodec. */
export function vrRule(vr: string): VrRule {
  const rule = Object.prototype.hasOwnProperty.call(VR_RULES, vr) ? VR_RULES[vr] : undefined;
  if (!rule) throw new NotHandledByCodec(`value representation "${vr}"`);
  return rule;
}

/** PS3.5 Table 7.1-1: VRs with a 4-byte length in explicit VR, including those the codec leaves to dcmjs. */
export const LONG_LENGTH_VRS: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
