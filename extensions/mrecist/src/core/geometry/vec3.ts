/**
 * Three-vectors in patient (LPS) millimetres. Tuples for values that cross boundaries (JSON, worker messages);
 * functions that return new tuples keep call sites readable, `*Into` variants write into `out` for hot loops.
 */
export type Vec3 = [number, number, number];

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const distance = (a: Vec3, b: Vec3): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

export function normalize(a: Vec3): Vec3 {
  const n = norm(a);
  if (n === 0) throw new Error('cannot normalise a zero vector');
  return [a[0] / n, a[1] / n, a[2] / n];
}

/** out = a + s·b, allocation-free. */
export function scaleAndAddInto(out: Vec3, a: Vec3, b: Vec3, s: number): Vec3 {
  out[0] = a[0] + s * b[0];
  out[1] = a[1] + s * b[1];
  out[2] = a[2] + s * b[2];
  return out;
}

/** Angle between two vectors in radians; the cosine is clamped so rounding cannot push acos out of range. */
export function angleBetween(a: Vec3, b: Vec3): number {
  const c = dot(a, b) / (norm(a) * norm(b));
  return Math.acos(Math.min(1, Math.max(-1, c)));
}
