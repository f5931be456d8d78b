/**
 * A small WebAssembly binary writer: enough of the format (WebAssembly Core Specification 2.0, chapter 5 "Binary
 * Format", with the fixed-width SIMD proposal's opcodes) to build the dose kernels' module from TypeScript at run
 * time, so the project ships no compiled blob and needs no wasm toolchain. Instructions are written as byte
 * arrays by the helpers below; WebAssembly.validate (done by the caller) checks the result.
 */

export type ValType = 'i32' | 'f32' | 'f64' | 'v128';
const VAL_TYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

export type Code = number[];

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  const bytes = Array.from(new TextEncoder().encode(s));
  return [...uleb(bytes.length), ...bytes];
}

export interface FunctionDef {
  name: string;
  params: ValType[];
  results: ValType[];
  /** Locals beyond the parameters, in index order after them. */
  locals: ValType[];
  body: Code;
}

/** A module with one exported memory ("memory", `minPages` of 64 KiB) and the given exported functions. */
export function buildModule(functions: readonly FunctionDef[], minPages: number): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [VAL_TYPE[t]])), ...vector(f.results.map((t) => [VAL_TYPE[t]]))]);
  const typeSection = section(1, vector(types));
  const functionSection = section(3, vector(functions.map((_, i) => uleb(i))));
  const memorySection = section(5, vector([[0x00, ...uleb(minPages)]]));
  const exports = [[...name('memory'), 0x02, 0x00], ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])];
  const exportSection = section(7, vector(exports));
  const bodies = functions.map((f) => {
    const locals = vector(f.locals.map((t) => [...uleb(1), VAL_TYPE[t]]));
    const body = [...locals, ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  const codeSection = section(10, vector(bodies));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...typeSection, ...functionSection, ...memorySection, ...exportSection, ...codeSection]);
}

// --- Instructions. Locals are addressed by index. ---------------------------------------------------------------

const simd = (op: number, ...imm: number[]): Code => [0xfd, ...uleb(op), ...imm];
/** memarg: alignment exponent and offset. */
const memarg = (align: number, offset = 0) => [...uleb(align), ...uleb(offset)];

export const op = {
  get: (i: number): Code => [0x20, ...uleb(i)],
  set: (i: number): Code => [0x21, ...uleb(i)],
  tee: (i: number): Code => [0x22, ...uleb(i)],
  i32: (v: number): Code => [0x41, ...sleb(v)],
  f32: (v: number): Code => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    return [0x43, ...b];
  },
  /** Empty block type (no result). */
  block: (): Code => [0x02, 0x40],
  loop: (): Code => [0x03, 0x40],
  if: (): Code => [0x04, 0x40],
  end: (): Code => [0x0b],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Code => [0x0d, ...uleb(depth)],
  return: (): Code => [0x0f],
  i32Add: (): Code => [0x6a],
  i32Mul: (): Code => [0x6c],
  i32Shl: (): Code => [0x74],
  i32GeS: (): Code => [0x4e],
  f32ConvertI32S: (): Code => [0xb2],
  i32LtS: (): Code => [0x48],
  i32GtS: (): Code => [0x4a],
  f32Load: (offset = 0): Code => [0x2a, ...memarg(2, offset)],

  v128Load: (offset = 0): Code => simd(0x00, ...memarg(4, offset)),
  v128Store: (offset = 0): Code => simd(0x0b, ...memarg(4, offset)),
  v128Const: (bytes: readonly number[]): Code => simd(0x0c, ...bytes),
  f32x4Const: (values: readonly [number, number, number, number]): Code => {
    const b = new Uint8Array(16);
    const view = new DataView(b.buffer);
    values.forEach((v, i) => view.setFloat32(4 * i, v, true));
    return simd(0x0c, ...b);
  },
  shuffle: (lanes: readonly number[]): Code => simd(0x0d, ...lanes),
  i32x4Splat: (): Code => simd(0x11),
  f32x4Splat: (): Code => simd(0x13),
  i32x4ExtractLane: (lane: number): Code => simd(0x1b, lane),
  f32x4Lt: (): Code => simd(0x43),
  f32x4Gt: (): Code => simd(0x44),
  f32x4Ge: (): Code => simd(0x46),
  i32x4LtS: (): Code => simd(0x39),
  v128And: (): Code => simd(0x4e),
  v128Bitselect: (): Code => simd(0x52),
  v128AnyTrue: (): Code => simd(0x53),
  v128Load64Lane: (lane: number): Code => simd(0x57, ...memarg(3), lane),
  f64x2PromoteLowF32x4: (): Code => simd(0x5f),
  i32x4Shl: (): Code => simd(0xab),
  i32x4Add: (): Code => simd(0xae),
  f32x4Sqrt: (): Code => simd(0xe3),
  f32x4Add: (): Code => simd(0xe4),
  f32x4Sub: (): Code => simd(0xe5),
  f32x4Mul: (): Code => simd(0xe6),
  f32x4Div: (): Code => simd(0xe7),
  /** Pseudo-minimum b < a ? b : a (one instruction on x64, unlike f32x4.min's NaN rules). */
  f32x4Pmin: (): Code => simd(0xea),
  /** Pseudo-maximum a < b ? b : a. */
  f32x4Pmax: (): Code => simd(0xeb),
  f32x4Floor: (): Code => simd(0x68),
  i32x4Sub: (): Code => simd(0xb1),
  f64x2Add: (): Code => simd(0xf0),
  f32x4ConvertI32x4S: (): Code => simd(0xfa),
};

/** Concatenates instruction sequences. */
export function code(...parts: Code[]): Code {
  return parts.flat();
}
