/**
 * WebAssembly SIMD versions of the grid engine's two hottest loops (doseGridKernels.ts): the point-source row and
 * the line-source row beyond the held-F radius (the "remote" region, about 85% of the seed·voxel terms of a
 * 15 cm grid around a 5 cm implant). Four voxels per instruction in 32-bit floats, summed into the 64-bit row
 * accumulator; table lookups are the same linear interpolations on the same tables (doseRateTable.ts), stored as
 * (value, next − value) pairs so one 64-bit load per lane fetches both.
 *
 * Geometry per row: a voxel i of the row is at d(i) = d0 + i·s from the seed; with h = |s|, t0 = d0·s/h and
 * e = |d0|² − t0² (the squared distance from the seed to the row's line, computed in 64 bits by the caller),
 * d²(i) = e + (t0 + i·h)² and the distance along the seed axis a is al0 + i·(s·a). Written this way no 32-bit
 * cancellation happens near the seed: the relative error of d² stays at a few 1e-7.
 */
import { buildModule, code, op, type Code, type FunctionDef, type ValType } from './wasmModule';

/** Local-variable bookkeeping: parameters first, then named locals. */
class Locals {
  readonly types: ValType[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly paramCount: number, params: [string, ValType][]) {
    params.forEach(([n], i) => this.index.set(n, i));
  }
  add(name: string, type: ValType): number {
    const i = this.paramCount + this.types.length;
    this.types.push(type);
    this.index.set(name, i);
    return i;
  }
  has(name: string): boolean {
    return this.index.has(name);
  }
  get(name: string): Code {
    return op.get(this.at(name));
  }
  set(name: string): Code {
    return op.set(this.at(name));
  }
  at(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`no local ${name}`);
    return i;
  }
}

/**
 * Every f32 and i32 parameter also gets a splatted copy (local "<name>4") made once on entry: V8 does not hoist
 * splats out of wasm loops, and they were a third of the point kernel's instructions.
 */
function makeFunction(
  fnName: string,
  params: [string, ValType][],
  results: ValType[],
  locals: [string, ValType][],
  body: (l: Locals) => Code,
): FunctionDef {
  const l = new Locals(params.length, params);
  for (const [n, t] of locals) l.add(n, t);
  const prologue: Code[] = [];
  for (const [n, t] of params) {
    l.add(`${n}4`, 'v128');
    prologue.push(code(l.get(n), t === 'f32' ? op.f32x4Splat() : op.i32x4Splat(), l.set(`${n}4`)));
  }
  return { name: fnName, params: params.map(([, t]) => t), results, locals: l.types, body: code(...prologue, body(l)) };
}

/** A parameter splatted to four lanes (f32 or i32, as declared). */
const splatF = (l: Locals, n: string): Code => l.get(`${n}4`);
const IOTA_I32: number[] = [0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0];
/** Byte lanes picking f32 lanes 0, 2 of the first vector and 0, 2 of the second (the values), or 1, 3 (the deltas). */
const EVEN_F32 = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const ODD_F32 = EVEN_F32.map((b) => b + 4);
const HIGH_F32_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

/** 2²³ as f32: adding it to a whole number below 2²³ leaves that number in the low mantissa bits. */
const TWO_POW_23 = 8388608;
const TWO_POW_23_BITS = 0x4b000000;

/**
 * value + frac·delta from a pair table at `base` for the 4 cell positions `f` (in [0, 2²³), no NaN: callers clamp
 * with the bound first, pmax(lo, x) and pmin(hi, x), which turn NaN into the bound). The cell index is found with
 * floor and the 2²³ trick rather than i32x4.trunc_sat, whose saturation costs several instructions on x64. Leaves
 * the interpolated f32x4 on the stack. Uses locals iu (floor of f), addr, pa, pb.
 */
function lerpPairs(l: Locals, f: string, base: string | Code): Code {
  const lanes: Code[] = [0, 1, 2, 3].map((lane) =>
    code(l.get('addr'), op.i32x4ExtractLane(lane), l.get(lane < 2 ? 'pa' : 'pb'), op.v128Load64Lane(lane & 1), l.set(lane < 2 ? 'pa' : 'pb')),
  );
  return code(
    l.get(f), op.f32x4Floor(), op.tee(l.at('iu')), wholeF32ToI32(),
    op.i32(3), op.i32x4Shl(), typeof base === 'string' ? l.get(`${base}4`) : base, op.i32x4Add(), l.set('addr'),
    ...lanes,
    l.get('pa'), l.get('pb'), op.shuffle(EVEN_F32),
    l.get('pa'), l.get('pb'), op.shuffle(ODD_F32),
    l.get(f), l.get('iu'), op.f32x4Sub(),
    op.f32x4Mul(), op.f32x4Add(),
  );
}

/** Whole numbers in [0, 2²³) as f32x4 on the stack → the same numbers as i32x4. */
function wholeF32ToI32(): Code {
  return code(op.f32x4Const([TWO_POW_23, TWO_POW_23, TWO_POW_23, TWO_POW_23]), op.f32x4Add(), op.v128Const(i32x4Bytes(TWO_POW_23_BITS)), op.i32x4Sub());
}

function i32x4Bytes(v: number): number[] {
  const b = new Uint8Array(16);
  const view = new DataView(b.buffer);
  for (let i = 0; i < 4; i++) view.setInt32(4 * i, v, true);
  return Array.from(b);
}

/** acc[i .. i+3] += term (f32x4 on the stack), in 64 bits. Uses local `term`. */
function accumulate(l: Locals): Code {
  return code(
    l.set('term'),
    l.get('p'), l.get('p'), op.v128Load(0), l.get('term'), op.f64x2PromoteLowF32x4(), op.f64x2Add(), op.v128Store(0),
    l.get('p'), l.get('p'), op.v128Load(16),
    l.get('term'), l.get('term'), op.shuffle(HIGH_F32_TO_LOW), op.f64x2PromoteLowF32x4(), op.f64x2Add(), op.v128Store(16),
  );
}

const GATHER_LOCALS: [string, ValType][] = [['iu', 'v128'], ['addr', 'v128'], ['pa', 'v128'], ['pb', 'v128'], ['term', 'v128'], ['p', 'i32']];

/**
 * pointRow(acc, count, t0, h, e, weight, table, uMin, nearLimit, invNear, invFar, lastIndex):
 * acc[i] += weight·P(d²(i)) for i < count (acc: byte address of the row's first 64-bit value). P is the point
 * table as pointTableDoseRatePerU reads it, its near cells (nearLimit·invNear of them) and far cells joined into
 * one: cell index min(u, nearLimit)·invNear + max(u − nearLimit, 0)·invFar, at most lastIndex, with no branch
 * and no select. Whole groups of four run unmasked; the last, partial group masks the lanes past the row.
 */
function pointRow(): FunctionDef {
  const params: [string, ValType][] = [
    ['acc', 'i32'], ['count', 'i32'], ['t0', 'f32'], ['h', 'f32'], ['e', 'f32'], ['weight', 'f32'], ['table', 'i32'],
    ['uMin', 'f32'], ['nearLimit', 'f32'], ['invNear', 'f32'], ['invFar', 'f32'], ['lastIndex', 'f32'],
  ];
  const locals: [string, ValType][] = [['i', 'i32'], ['t', 'v128'], ['step', 'v128'], ['u', 'v128'], ['f', 'v128'], ...GATHER_LOCALS];
  const group = (l: Locals, masked: boolean): Code =>
    code(
      // u = max(uMin, e + t²)
      splatF(l, 'uMin'), l.get('t'), l.get('t'), op.f32x4Mul(), splatF(l, 'e'), op.f32x4Add(), op.f32x4Pmax(), l.set('u'),
      splatF(l, 'lastIndex'),
      splatF(l, 'nearLimit'), l.get('u'), op.f32x4Pmin(), splatF(l, 'invNear'), op.f32x4Mul(),
      op.f32x4Const([0, 0, 0, 0]), l.get('u'), splatF(l, 'nearLimit'), op.f32x4Sub(), op.f32x4Pmax(), splatF(l, 'invFar'), op.f32x4Mul(),
      op.f32x4Add(), op.f32x4Pmin(), l.set('f'),
      lerpPairs(l, 'f', 'table'), splatF(l, 'weight'), op.f32x4Mul(),
      masked
        ? code(
            op.f32x4Const([0, 0, 0, 0]),
            l.get('i'), op.i32x4Splat(), op.v128Const(IOTA_I32), op.i32x4Add(), l.get('count4'), op.i32x4LtS(),
            op.v128Bitselect(),
          )
        : [],
      accumulate(l),
    );
  return makeFunction('pointRow', params, [], locals, (l) =>
    code(
      // t = t0 + (i + lane)·h, stepped by 4h
      op.v128Const(IOTA_I32), op.f32x4ConvertI32x4S(), splatF(l, 'h'), op.f32x4Mul(), splatF(l, 't0'), op.f32x4Add(), l.set('t'),
      splatF(l, 'h'), op.f32x4Const([4, 4, 4, 4]), op.f32x4Mul(), l.set('step'),
      l.get('acc'), l.set('p'),
      op.block(), op.loop(),
      l.get('i'), op.i32(4), op.i32Add(), l.get('count'), op.i32GtS(), op.brIf(1),
      group(l, false),
      l.get('t'), l.get('step'), op.f32x4Add(), l.set('t'),
      l.get('p'), op.i32(32), op.i32Add(), l.set('p'),
      l.get('i'), op.i32(4), op.i32Add(), l.set('i'),
      op.br(0), op.end(), op.end(),
      l.get('i'), l.get('count'), op.i32LtS(), op.if(), group(l, true), op.end(),
    ),
  );
}

const LINE_PARAMS: [string, ValType][] = [
  ['acc', 'i32'], ['iStart', 'i32'], ['iEnd', 'i32'], ['t0', 'f32'], ['h', 'f32'], ['e', 'f32'], ['al0', 'f32'], ['sa', 'f32'],
  ['weight', 'f32'], ['radial', 'i32'], ['lastRemote', 'f32'], ['cos2Cells', 'f32'], ['maxCos2', 'f32'], ['k2', 'f32'],
  ['nearLimit2', 'f32'], ['invRemoteStep', 'f32'],
];
const LINE_LOCALS: [string, ValType][] = [
  ['i', 'i32'], ['lane', 'v128'], ['x', 'v128'], ['t', 'v128'], ['d2', 'v128'], ['along', 'v128'], ['inv', 'v128'], ['c2', 'v128'],
  ['valid', 'v128'], ['f', 'v128'], ['radialValue', 'v128'], ...GATHER_LOCALS,
];

/**
 * A line-source row function over voxels [iStart, iEnd): per group of four, d², the distance along the axis,
 * 1/d², cos²θ and the radial factor A(d²) on the stack's locals; `anisotropy` leaves F on the stack. A group with a
 * valid voxel in the axis cone (cos²θ > maxCos2, where F is read by pseudo-angle) is left undone and its first
 * index returned, for the caller to compute; iEnd is returned when the range is done.
 */
function lineRow(fnName: string, extraParams: [string, ValType][], extraLocals: [string, ValType][], anisotropy: (l: Locals) => Code): FunctionDef {
  const group = (l: Locals, masked: boolean): Code =>
    code(
      l.get('t'), l.get('t'), op.f32x4Mul(), splatF(l, 'e'), op.f32x4Add(), l.set('d2'),
      op.f32x4Const([1, 1, 1, 1]), l.get('d2'), op.f32x4Div(), l.set('inv'),
      l.get('along'), l.get('along'), op.f32x4Mul(), l.get('inv'), op.f32x4Mul(), l.set('c2'),
      masked ? code(l.get('i'), op.i32x4Splat(), op.v128Const(IOTA_I32), op.i32x4Add(), l.get('iEnd4'), op.i32x4LtS(), l.set('valid')) : [],
      // a voxel in the axis cone: hand the group back
      l.get('c2'), splatF(l, 'maxCos2'), op.f32x4Gt(), masked ? code(l.get('valid'), op.v128And()) : [], op.v128AnyTrue(),
      op.if(), l.get('i'), op.return(), op.end(),
      // A(u), u = d², on REMOTE_STEP cells from nearLimit²
      splatF(l, 'lastRemote'), op.f32x4Const([0, 0, 0, 0]),
      l.get('d2'), splatF(l, 'nearLimit2'), op.f32x4Sub(), splatF(l, 'invRemoteStep'), op.f32x4Mul(),
      op.f32x4Pmax(), op.f32x4Pmin(), l.set('f'),
      lerpPairs(l, 'f', 'radial'), l.set('radialValue'),
      // F by cos²θ (clamped: lanes past the range may hold anything)
      splatF(l, 'cos2Cells'), op.f32x4Const([0, 0, 0, 0]), l.get('c2'), splatF(l, 'cos2Cells'), op.f32x4Mul(),
      op.f32x4Pmax(), op.f32x4Pmin(), l.set('f'),
      anisotropy(l),
      l.get('radialValue'), op.f32x4Mul(),
      // r²·G_L expansion: 1 + k2/d²·(4c² − 1)
      splatF(l, 'k2'), l.get('inv'), op.f32x4Mul(),
      op.f32x4Const([4, 4, 4, 4]), l.get('c2'), op.f32x4Mul(), op.f32x4Const([1, 1, 1, 1]), op.f32x4Sub(), op.f32x4Mul(),
      op.f32x4Const([1, 1, 1, 1]), op.f32x4Add(), op.f32x4Mul(),
      splatF(l, 'weight'), op.f32x4Mul(),
      masked ? code(op.f32x4Const([0, 0, 0, 0]), l.get('valid'), op.v128Bitselect()) : [],
      accumulate(l),
    );
  return makeFunction(fnName, [...LINE_PARAMS, ...extraParams], ['i32'], [...LINE_LOCALS, ['tStep', 'v128'], ['alongStep', 'v128'], ...extraLocals], (l) =>
    code(
      l.get('iStart'), l.set('i'),
      // t = t0 + (i + lane)·h and along = al0 + (i + lane)·sa, stepped by 4h and 4sa
      l.get('iStart'), op.i32x4Splat(), op.v128Const(IOTA_I32), op.i32x4Add(), op.f32x4ConvertI32x4S(), l.set('x'),
      l.get('x'), splatF(l, 'h'), op.f32x4Mul(), splatF(l, 't0'), op.f32x4Add(), l.set('t'),
      l.get('x'), splatF(l, 'sa'), op.f32x4Mul(), splatF(l, 'al0'), op.f32x4Add(), l.set('along'),
      op.f32x4Const([4, 4, 4, 4]), splatF(l, 'h'), op.f32x4Mul(), l.set('tStep'),
      op.f32x4Const([4, 4, 4, 4]), splatF(l, 'sa'), op.f32x4Mul(), l.set('alongStep'),
      l.get('acc'), l.get('iStart'), op.i32(8), op.i32Mul(), op.i32Add(), l.set('p'),
      op.block(), op.loop(),
      l.get('i'), op.i32(4), op.i32Add(), l.get('iEnd'), op.i32GtS(), op.brIf(1),
      group(l, false),
      l.get('t'), l.get('tStep'), op.f32x4Add(), l.set('t'),
      l.get('along'), l.get('alongStep'), op.f32x4Add(), l.set('along'),
      l.get('p'), op.i32(32), op.i32Add(), l.set('p'),
      l.get('i'), op.i32(4), op.i32Add(), l.set('i'),
      op.br(0), op.end(), op.end(),
      l.get('i'), l.get('iEnd'), op.i32LtS(), op.if(), group(l, true), op.end(),
      l.get('iEnd'),
    ),
  );
}

/**
 * lineRemoteRow(…, heldF): voxels at or beyond the held-F radius (the caller's guarantee), as addLineSeedRow's
 * remote branch: F from the last radius's cos² row (pair table at heldF).
 */
function lineRemoteRow(): FunctionDef {
  return lineRow('lineRemoteRow', [['heldF', 'i32']], [], (l) => lerpPairs(l, 'f', 'heldF'));
}

/**
 * lineMidRow(…, fRows, rowBytes, segments, segmentCount): voxels between the near-table limit and the held-F radius
 * (a few beyond it read F at the last radius, as the JavaScript kernel does), as addLineSeedRow's middle branch:
 * F linear in r between the two cos² rows of r's segment. Segment records at `segments`, 16 bytes each:
 * (first radius mm, 1 / segment length mm, byte offset of its cos² row from fRows, 0); the first record is the
 * segment holding the near-table limit, each later one takes over from its radius on.
 */
function lineMidRow(): FunctionDef {
  return lineRow(
    'lineMidRow',
    [['fRows', 'i32'], ['rowBytes', 'i32'], ['segments', 'i32'], ['segmentCount', 'i32']],
    [['r', 'v128'], ['rk', 'v128'], ['invSpan', 'v128'], ['rowAt', 'v128'], ['bound', 'v128'], ['m', 'v128'], ['j', 'i32'], ['q', 'i32'], ['fLow', 'v128']],
    (l) => {
      const pick = (field: number, target: string) =>
        code(l.get('q'), op.f32Load(field), op.f32x4Splat(), l.get(target), l.get('m'), op.v128Bitselect(), l.set(target));
      return code(
        l.get('d2'), op.f32x4Sqrt(), l.set('r'),
        l.get('segments'), op.f32Load(0), op.f32x4Splat(), l.set('rk'),
        l.get('segments'), op.f32Load(4), op.f32x4Splat(), l.set('invSpan'),
        l.get('segments'), op.f32Load(8), op.f32x4Splat(), l.set('rowAt'),
        op.i32(1), l.set('j'),
        l.get('segments'), op.i32(16), op.i32Add(), l.set('q'),
        op.block(), op.loop(),
        l.get('j'), l.get('segmentCount'), op.i32GeS(), op.brIf(1),
        l.get('q'), op.f32Load(0), op.f32x4Splat(), op.tee(l.at('bound')), l.get('rk'),
        l.get('r'), l.get('bound'), op.f32x4Ge(), op.tee(l.at('m')), op.v128Bitselect(), l.set('rk'),
        pick(4, 'invSpan'), pick(8, 'rowAt'),
        l.get('q'), op.i32(16), op.i32Add(), l.set('q'),
        l.get('j'), op.i32(1), op.i32Add(), l.set('j'),
        op.br(0), op.end(), op.end(),
        l.get('rowAt'), wholeF32ToI32(), l.get('fRows4'), op.i32x4Add(), l.set('rowAt'),
        lerpPairs(l, 'f', l.get('rowAt')), l.set('fLow'),
        lerpPairs(l, 'f', code(l.get('rowAt'), l.get('rowBytes4'), op.i32x4Add())),
        l.get('fLow'), op.f32x4Sub(),
        // t = clamp((r − r_k)/(r_k+1 − r_k), 0, 1)
        op.f32x4Const([1, 1, 1, 1]), op.f32x4Const([0, 0, 0, 0]),
        l.get('r'), l.get('rk'), op.f32x4Sub(), l.get('invSpan'), op.f32x4Mul(),
        op.f32x4Pmax(), op.f32x4Pmin(),
        op.f32x4Mul(), l.get('fLow'), op.f32x4Add(),
      );
    },
  );
}

type LineRowArgs = [
  acc: number, iStart: number, iEnd: number, t0: number, h: number, e: number, al0: number, sa: number, weight: number,
  radial: number, lastRemote: number, cos2Cells: number, maxCos2: number, k2: number, nearLimit2: number, invRemoteStep: number,
];

export interface DoseKernelExports {
  memory: WebAssembly.Memory;
  pointRow: (
    acc: number, count: number, t0: number, h: number, e: number, weight: number, table: number,
    uMin: number, nearLimit: number, invNear: number, invFar: number, lastIndex: number,
  ) => void;
  lineRemoteRow: (...args: [...LineRowArgs, heldF: number]) => number;
  lineMidRow: (...args: [...LineRowArgs, fRows: number, rowBytes: number, segments: number, segmentCount: number]) => number;
}

export function doseKernelModuleBytes(): Uint8Array<ArrayBuffer> {
  return buildModule([pointRow(), lineRemoteRow(), lineMidRow()], 1);
}

let cached: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (the JavaScript kernels are used then). */
export function doseKernelModule(): WebAssembly.Module | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (typeof WebAssembly !== 'object') return cached;
  const bytes = doseKernelModuleBytes();
  if (!WebAssembly.validate(bytes)) return cached;
  try {
    cached = new WebAssembly.Module(bytes);
  } catch {
    // Browsers refuse synchronous compilation of modules over 4 KB on the main thread: the JavaScript kernels
    // serve there (the viewer computes grids in workers).
  }
  return cached;
}
