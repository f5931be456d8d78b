/**
 * Seeded mutations of reader inputs: byte flips, truncation, corrupted lengths, corrupted value
 * representations, deep nesting, huge image/grid dimensions, NaN/Infinity in decimal strings, and for case
 * files the same ideas on JSON (huge and non-finite numbers, wrong types, deep nesting, truncation).
 */
import { decodeDicom, encodeDicom, type NaturalDataset } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { seededRandom } from '../../../scripts/demo/seededRandom';

export type Random = () => number;

/** The demo's seeded generator (mulberry32), so every run mutates the same way. */
export function seeded(seed: number): Random {
  const random = seededRandom(seed);
  return () => random.next();
}

const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, xs: readonly T[]): T => xs[int(r, xs.length)];

export const DICOM_MUTATIONS = ['byteFlip', 'truncate', 'length', 'vr', 'nesting', 'hugeDimension', 'nonFiniteDs'] as const;
export const JSON_MUTATIONS = ['byteFlip', 'truncate', 'hugeNumber', 'wrongType', 'nesting'] as const;
export type Mutation = (typeof DICOM_MUTATIONS)[number] | (typeof JSON_MUTATIONS)[number];

function byteFlip(bytes: Uint8Array, r: Random): Uint8Array {
  const out = bytes.slice();
  const flips = 1 + int(r, 8);
  for (let i = 0; i < flips; i++) out[int(r, out.length)] ^= 1 << int(r, 8);
  return out;
}

function truncate(bytes: Uint8Array, r: Random): Uint8Array {
  return bytes.slice(0, int(r, bytes.length));
}

/** Offsets just after a plausible explicit-VR tag: two upper-case letters at +4 (where lengths and VRs live). */
function elementOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 132; i + 8 < bytes.length; i += 2) {
    const a = bytes[i + 4], b = bytes[i + 5];
    if (a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a && bytes[i + 1] === 0x00 && bytes[i] % 2 === 0) out.push(i);
  }
  return out;
}

function length(bytes: Uint8Array, r: Random): Uint8Array {
  const out = bytes.slice();
  const offsets = elementOffsets(out);
  const at = offsets.length ? pick(r, offsets) : 132;
  const view = new DataView(out.buffer);
  const value = pick(r, [0, 1, 0xffff, 0xfffe, 0x7fffffff, 0xffffffff, 0xfffffffe, int(r, 1 << 20)]);
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT', 'OF', 'OD', 'UC', 'UR'].includes(String.fromCharCode(out[at + 4], out[at + 5]));
  if (long && at + 12 <= out.length) view.setUint32(at + 8, value >>> 0, true);
  else if (at + 8 <= out.length) view.setUint16(at + 6, value & 0xffff, true);
  return out;
}

function vr(bytes: Uint8Array, r: Random): Uint8Array {
  const out = bytes.slice();
  const offsets = elementOffsets(out);
  if (!offsets.length) return byteFlip(out, r);
  const at = pick(r, offsets);
  const replacement = pick(r, ['SQ', 'OB', 'OW', 'UN', 'ox', 'xs', 'ZZ', 'DS', 'US', 'UT', '\0\0']);
  out[at + 4] = replacement.charCodeAt(0);
  out[at + 5] = replacement.charCodeAt(1);
  return out;
}

/**
 * A private sequence nested `depth` levels deep (undefined lengths, explicit VR little endian), appended to the
 * dataset: (0009,0010) is a private creator slot, so any reader must at least get past it.
 */
export function nestedSequence(depth: number): Uint8Array {
  const open = [0x09, 0x00, 0x10, 0x10, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff];
  const close = [0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];
  const out = new Uint8Array(depth * (open.length + close.length));
  for (let i = 0; i < depth; i++) out.set(open, i * open.length);
  for (let i = 0; i < depth; i++) out.set(close, depth * open.length + i * close.length);
  return out;
}

export function withNesting(bytes: Uint8Array, depth: number): Uint8Array {
  const tail = nestedSequence(depth);
  const out = new Uint8Array(bytes.length + tail.length);
  out.set(bytes);
  out.set(tail, bytes.length);
  return out;
}

function reencode(bytes: Uint8Array, change: (ds: NaturalDataset) => void): Uint8Array {
  const ds = { ...decodeDicom(bytes, 'seed').raw };
  delete ds._meta;
  change(ds);
  return encodeDicom(ds);
}

function hugeDimension(bytes: Uint8Array, r: Random): Uint8Array {
  return reencode(bytes, (ds) => {
    const key = pick(r, ['Rows', 'Columns', 'NumberOfFrames', 'BitsAllocated', 'NumberOfContourPoints']);
    const value = pick(r, [0, 65535, 1e6, 2 ** 31, -1]);
    if (key === 'NumberOfFrames') ds[key] = String(value);
    else ds[key] = Math.max(0, Math.min(65535, value));
    if (r() < 0.5) ds.GridFrameOffsetVector = Array.from({ length: 2000 }, (_, i) => String(i));
  });
}

const DS_KEYS = ['PixelSpacing', 'ImagePositionPatient', 'ImageOrientationPatient', 'GridFrameOffsetVector', 'DoseGridScaling', 'SliceThickness', 'RescaleSlope'];

function nonFiniteDs(bytes: Uint8Array, r: Random): Uint8Array {
  const bad = pick(r, ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '']);
  return reencode(bytes, (ds) => {
    const key = pick(r, DS_KEYS);
    const current = ds[key];
    ds[key] = Array.isArray(current) ? current.map((v, i) => (i === 0 || r() < 0.3 ? bad : v)) : [bad];
    // NUM content items: Numeric Value sits deep in the SR tree.
    const visit = (node: unknown, depth: number) => {
      if (depth > 12 || !node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1));
      const item = node as NaturalDataset;
      if ('NumericValue' in item && r() < 0.5) item.NumericValue = bad;
      for (const v of Object.values(item)) if (Array.isArray(v)) visit(v, depth + 1);
    };
    visit(ds.ContentSequence, 0);
  });
}

export function mutateDicom(seed: Uint8Array, mutation: Mutation, r: Random): Uint8Array {
  switch (mutation) {
    case 'byteFlip':
      return byteFlip(seed, r);
    case 'truncate':
      return truncate(seed, r);
    case 'length':
      return length(seed, r);
    case 'vr':
      return vr(seed, r);
    case 'nesting':
      return withNesting(seed, pick(r, [8, 40, 200, 1100, 5000, 12_800]));
    case 'hugeDimension':
      return hugeDimension(seed, r);
    case 'nonFiniteDs':
      return nonFiniteDs(seed, r);
    default:
      throw new Error(`not a DICOM mutation: ${mutation}`);
  }
}

/** Every path to a value in a JSON document, for picking one to change. */
function paths(node: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      const p = [...at, Array.isArray(node) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

export function mutateJson(seed: Uint8Array, mutation: Mutation, r: Random): Uint8Array {
  const text = new TextDecoder().decode(seed);
  const json = JSON.parse(text);
  const target = pick(r, paths(json));
  switch (mutation) {
    case 'byteFlip':
      return byteFlip(seed, r);
    case 'truncate':
      return truncate(seed, r);
    case 'hugeNumber': {
      const raw = pick(r, ['1e15', '1e308', '-1e308', '1e999', '-0', '4.9e-324', '9007199254740993']);
      setAt(json, target, '__RAW__');
      return new TextEncoder().encode(JSON.stringify(json).replace('"__RAW__"', raw));
    }
    case 'wrongType':
      setAt(json, target, pick(r, [null, true, 'NaN', 'Infinity', [], {}, -1, '', 'x'.repeat(100_000)]));
      return new TextEncoder().encode(JSON.stringify(json));
    case 'nesting': {
      const depth = pick(r, [20, 40, 1000, 10_000, 100_000]);
      setAt(json, target, '__DEEP__');
      return new TextEncoder().encode(JSON.stringify(json).replace('"__DEEP__"', `${'['.repeat(depth)}1${']'.repeat(depth)}`));
    }
    default:
      throw new Error(`not a JSON mutation: ${mutation}`);
  }
}
