/**
 * A rigid transform between two patient (LPS, mm) frames: p' = R·p + t. Each follow-up study of the demo patient
 * has its own Frame of Reference; the transform from the pre-implant frame to a follow-up frame describes how the
 * patient lay differently on the table. The 4×4 row-major form is the one DICOM Spatial Registration uses for
 * Frame of Reference Transformation Matrix (3006,00C6).
 */
import type { Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';

export interface RigidTransform {
  /** 3×3 rotation, row-major. */
  readonly rotation: readonly number[];
  readonly translationMm: Vec3;
}

/** Rotation about the patient axes: first about z (yaw in the axial plane), then y, then x; angles in degrees. */
export function rigidTransformFromAngles(
  angles: { aboutXDeg: number; aboutYDeg: number; aboutZDeg: number },
  translationMm: Vec3,
): RigidTransform {
  const [a, b, c] = [angles.aboutXDeg, angles.aboutYDeg, angles.aboutZDeg].map((d) => (d * Math.PI) / 180);
  const rx = [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)];
  const ry = [Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)];
  const rz = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1];
  return { rotation: multiply3(rx, multiply3(ry, rz)), translationMm: [...translationMm] as Vec3 };
}

export const IDENTITY_TRANSFORM: RigidTransform = { rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translationMm: [0, 0, 0] };

function multiply3(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) out[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
  return out;
}

export function applyTransform(t: RigidTransform, p: Vec3): Vec3 {
  const r = t.rotation;
  return [
    r[0] * p[0] + r[1] * p[1] + r[2] * p[2] + t.translationMm[0],
    r[3] * p[0] + r[4] * p[1] + r[5] * p[2] + t.translationMm[1],
    r[6] * p[0] + r[7] * p[1] + r[8] * p[2] + t.translationMm[2],
  ];
}

/** Rotation only: for directions such as a seed's axis. */
export function rotateDirection(t: RigidTransform, v: Vec3): Vec3 {
  const r = t.rotation;
  return [
    r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
    r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
    r[6] * v[0] + r[7] * v[1] + r[8] * v[2],
  ];
}

/** The inverse of a rigid transform: p = Rᵀ·(p' − t). */
export function invertTransform(t: RigidTransform): RigidTransform {
  const r = t.rotation;
  const rt = [r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]];
  const inv = { rotation: rt, translationMm: [0, 0, 0] as Vec3 };
  const minusT = applyTransform(inv, t.translationMm);
  return { rotation: rt, translationMm: [-minusT[0], -minusT[1], -minusT[2]] };
}

/** Row-major 4×4 homogeneous matrix, as DICOM writes it. */
export function transformToMatrix4(t: RigidTransform): number[] {
  const r = t.rotation;
  const d = t.translationMm;
  return [r[0], r[1], r[2], d[0], r[3], r[4], r[5], d[1], r[6], r[7], r[8], d[2], 0, 0, 0, 1];
}
