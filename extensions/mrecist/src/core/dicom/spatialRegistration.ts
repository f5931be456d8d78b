/**
 * DICOM Spatial Registration Storage (PS3.3 A.39, C.20.2; brachytherapy-dosimetry.md section 5): one 4×4 matrix
 * per Frame of Reference mapping that frame's points into the registration object's own frame:
 *   P_ref = M · P   (homogeneous, row-major Frame of Reference Transformation Matrix (3006,00C6)).
 * The matrix type (0070,030C) is RIGID, RIGID_SCALE or AFFINE; a RIGID matrix must have an orthonormal,
 * right-handed rotation part (checked, since a mislabelled matrix would move dose silently). Several matrices in
 * one Matrix Sequence are applied in order (PS3.3 C.20.2.1.1: the product of all of them).
 * Deformable registration (.66.3) is not read: it is rejected by SOP class.
 */
import { DicomInputError } from '../errors';
import { applyMatrix4, determinant3, identity4, invertAffine4, multiply4 } from '../geometry/matrix4';
import type { Vec3 } from '../geometry/vec3';
import type { DicomDataset } from './DicomDataset';

export const SPATIAL_REGISTRATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.1';
export const DEFORMABLE_SPATIAL_REGISTRATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.3';

export type RegistrationMatrixType = 'RIGID' | 'RIGID_SCALE' | 'AFFINE';
const MATRIX_TYPES: readonly RegistrationMatrixType[] = ['RIGID', 'RIGID_SCALE', 'AFFINE'];

/** Tolerance on RᵀR = I and det R = 1 for RIGID matrices (DS values carry about 6 significant digits). */
const RIGID_TOLERANCE = 1e-4;

export interface FrameRegistration {
  frameOfReferenceUid: string;
  /** Row-major 4×4 from this frame into the registration's frame (product of the Matrix Sequence). */
  matrix: number[];
  /** The least constrained type in the sequence (AFFINE > RIGID_SCALE > RIGID). */
  type: RegistrationMatrixType;
}

export interface SpatialRegistration {
  sopInstanceUid: string;
  /** The registration object's own frame (the reference frame the matrices map into). */
  frameOfReferenceUid: string;
  registrations: FrameRegistration[];
}

export function readSpatialRegistration(ds: DicomDataset): SpatialRegistration {
  const sopClass = ds.string('SOPClassUID');
  if (sopClass === DEFORMABLE_SPATIAL_REGISTRATION_STORAGE)
    ds.fail('SOPClassUID', 'deformable spatial registration is not supported');
  if (sopClass !== SPATIAL_REGISTRATION_STORAGE) ds.fail('SOPClassUID', `expected Spatial Registration Storage, got ${sopClass}`);
  const registrations = ds.requiredSequence('RegistrationSequence').map((item) => {
    const frameOfReferenceUid = item.string('FrameOfReferenceUID');
    const mrs = item.requiredSequence('MatrixRegistrationSequence');
    if (mrs.length !== 1) item.fail('MatrixRegistrationSequence', `expected 1 item, got ${mrs.length}`);
    let matrix = identity4();
    let type: RegistrationMatrixType = 'RIGID';
    for (const m of mrs[0].requiredSequence('MatrixSequence')) {
      const values = m.numbers('FrameOfReferenceTransformationMatrix', 16);
      const t = m.string('FrameOfReferenceTransformationMatrixType') as RegistrationMatrixType;
      if (!MATRIX_TYPES.includes(t)) m.fail('FrameOfReferenceTransformationMatrixType', `unknown type "${t}"`);
      if (Math.abs(values[12]) > 1e-9 || Math.abs(values[13]) > 1e-9 || Math.abs(values[14]) > 1e-9 || Math.abs(values[15] - 1) > 1e-9)
        m.fail('FrameOfReferenceTransformationMatrix', 'last row must be 0\\0\\0\\1');
      if (t === 'RIGID' && !isRotation(values))
        m.fail('FrameOfReferenceTransformationMatrix', 'type RIGID but the 3×3 part is not a rotation');
      if (t === 'RIGID_SCALE' && !isScaledRotation(values))
        m.fail('FrameOfReferenceTransformationMatrix', 'type RIGID_SCALE but the 3×3 part is not a scaled rotation');
      if (determinant3(values) === 0) m.fail('FrameOfReferenceTransformationMatrix', 'matrix is singular');
      // Applied in sequence order: P' = M_n · … · M_1 · P.
      matrix = multiply4(values, matrix);
      if (MATRIX_TYPES.indexOf(t) > MATRIX_TYPES.indexOf(type)) type = t;
    }
    return { frameOfReferenceUid, matrix, type };
  });
  return {
    sopInstanceUid: ds.string('SOPInstanceUID'),
    frameOfReferenceUid: ds.string('FrameOfReferenceUID'),
    registrations,
  };
}

/** The 4×4 taking points from frame `fromUid` to frame `toUid` via the registration's reference frame. */
export function matrixBetweenFrames(reg: SpatialRegistration, fromUid: string, toUid: string, source: string): number[] {
  const toRef = (uid: string): number[] => {
    const item = reg.registrations.find((r) => r.frameOfReferenceUid === uid);
    if (item) return item.matrix;
    if (uid === reg.frameOfReferenceUid) return identity4();
    throw new DicomInputError(source, 'RegistrationSequence (0070,0308)', `no registration for Frame of Reference ${uid}`);
  };
  return multiply4(invertAffine4(toRef(toUid)), toRef(fromUid));
}

/** Maps points between two frames registered by the same object. */
export function mapPointsBetweenFrames(reg: SpatialRegistration, fromUid: string, toUid: string, points: readonly Vec3[], source: string): Vec3[] {
  const m = matrixBetweenFrames(reg, fromUid, toUid, source);
  return points.map((p) => applyMatrix4(m, p));
}

function columnDots(m: readonly number[]): number[] {
  const col = (c: number) => [m[c], m[4 + c], m[8 + c]];
  const d = (u: number[], v: number[]) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  const [c0, c1, c2] = [col(0), col(1), col(2)];
  return [d(c0, c0), d(c1, c1), d(c2, c2), d(c0, c1), d(c0, c2), d(c1, c2)];
}

function isRotation(m: readonly number[]): boolean {
  const [n0, n1, n2, d01, d02, d12] = columnDots(m);
  return [n0 - 1, n1 - 1, n2 - 1, d01, d02, d12].every((x) => Math.abs(x) < RIGID_TOLERANCE) && determinant3(m) > 0;
}

function isScaledRotation(m: readonly number[]): boolean {
  const [n0, n1, n2, d01, d02, d12] = columnDots(m);
  const s = Math.max(n0, n1, n2);
  return s > 0 && [d01, d02, d12].every((x) => Math.abs(x) / s < RIGID_TOLERANCE) && determinant3(m) > 0;
}
