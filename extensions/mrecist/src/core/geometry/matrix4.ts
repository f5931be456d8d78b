/**
 * Row-major 4×4 homogeneous matrices in the layout of the DICOM Frame of Reference Transformation Matrix
 * (3006,00C6; PS3.3 C.20.2.1.1): P' = M·P with P = (x, y, z, 1)ᵀ in patient (LPS) millimetres. The one matrix
 * module of the project: Spatial Registration, seed registration and the viewer overlay all use it, so the layout
 * and the affine inverse cannot drift between them.
 */
import type { Vec3 } from './vec3';

/** Sixteen numbers, row-major; the last row is 0 0 0 1 for the affine matrices DICOM registrations carry. */
export type Matrix4 = number[];

export function identity4(): Matrix4 {
  return [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
}

/** a·b: applying the result maps a point by b first, then by a. */
export function multiply4(a: readonly number[], b: readonly number[]): Matrix4 {
  const out = new Array<number>(16).fill(0);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) for (let k = 0; k < 4; k++) out[4 * i + j] += a[4 * i + k] * b[4 * k + j];
  return out;
}

/** Determinant of the upper-left 3×3 (the linear part): 0 means singular, negative means a reflection. */
export function determinant3(m: readonly number[]): number {
  return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
}

/** Inverse of an affine 4×4 (last row 0 0 0 1): [A t]⁻¹ = [A⁻¹ −A⁻¹t]. Throws on a singular linear part. */
export function invertAffine4(m: readonly number[]): Matrix4 {
  const det = determinant3(m);
  if (det === 0) throw new Error('singular matrix');
  const a = [m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]];
  const inv = [
    a[4] * a[8] - a[5] * a[7], a[2] * a[7] - a[1] * a[8], a[1] * a[5] - a[2] * a[4],
    a[5] * a[6] - a[3] * a[8], a[0] * a[8] - a[2] * a[6], a[2] * a[3] - a[0] * a[5],
    a[3] * a[7] - a[4] * a[6], a[1] * a[6] - a[0] * a[7], a[0] * a[4] - a[1] * a[3],
  ].map((x) => x / det);
  const t = [m[3], m[7], m[11]];
  const it = [0, 1, 2].map((r) => -(inv[3 * r] * t[0] + inv[3 * r + 1] * t[1] + inv[3 * r + 2] * t[2]));
  return [inv[0], inv[1], inv[2], it[0], inv[3], inv[4], inv[5], it[1], inv[6], inv[7], inv[8], it[2], 0, 0, 0, 1];
}

/** M·(p, 1): maps a point (the translation applies). */
export function applyMatrix4(m: readonly number[], p: Vec3): Vec3 {
  return [
    m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3],
    m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
    m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11],
  ];
}

/** M·(d, 0): maps a direction (the translation does not apply). */
export function applyMatrix4ToDirection(m: readonly number[], d: Vec3): Vec3 {
  return [
    m[0] * d[0] + m[1] * d[1] + m[2] * d[2],
    m[4] * d[0] + m[5] * d[1] + m[6] * d[2],
    m[8] * d[0] + m[9] * d[1] + m[10] * d[2],
  ];
}
