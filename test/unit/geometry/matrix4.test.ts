import {
  applyMatrix4,
  applyMatrix4ToDirection,
  determinant3,
  identity4,
  invertAffine4,
  multiply4,
} from '../../../extensions/mrecist/src/core/geometry/matrix4';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';

// 90° about z, then translated; and an anisotropic scale with a shear, translated.
const ROT_Z: number[] = [0, -1, 0, 10, 1, 0, 0, -5, 0, 0, 1, 2, 0, 0, 0, 1];
const AFFINE: number[] = [2, 0.5, 0, 1, 0, 3, 0, 2, 0, 0, 0.5, 3, 0, 0, 0, 1];

const close = (a: readonly number[], b: readonly number[]) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], 12));

describe('matrix4 (row-major, DICOM Frame of Reference Transformation Matrix layout)', () => {
  it('maps a point with the translation in the last column', () => {
    expect(applyMatrix4(ROT_Z, [1, 0, 0])).toEqual([10, -4, 2]);
  });

  it('maps a direction without the translation', () => {
    expect(applyMatrix4ToDirection(ROT_Z, [1, 0, 0])).toEqual([0, 1, 0]);
    const p: Vec3 = [3, -7, 11];
    const viaPoints = applyMatrix4(AFFINE, p).map((x, i) => x - applyMatrix4(AFFINE, [0, 0, 0])[i]);
    close(applyMatrix4ToDirection(AFFINE, p), viaPoints);
  });

  it('leaves points unchanged under the identity, and identity4 returns a fresh array each time', () => {
    expect(applyMatrix4(identity4(), [4, 5, 6])).toEqual([4, 5, 6]);
    const a = identity4();
    a[3] = 99;
    expect(identity4()[3]).toBe(0);
  });

  it('composes right to left: (a·b)·p = a·(b·p)', () => {
    const p: Vec3 = [1.5, -2, 7];
    close(applyMatrix4(multiply4(ROT_Z, AFFINE), p), applyMatrix4(ROT_Z, applyMatrix4(AFFINE, p)));
    close(multiply4(identity4(), AFFINE), AFFINE);
    close(multiply4(AFFINE, identity4()), AFFINE);
  });

  it('inverts rigid and general affine matrices', () => {
    for (const m of [ROT_Z, AFFINE]) {
      close(multiply4(invertAffine4(m), m), identity4());
      close(multiply4(m, invertAffine4(m)), identity4());
    }
  });

  it('refuses to invert a singular linear part', () => {
    const flat = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 5, 0, 0, 0, 1];
    expect(determinant3(flat)).toBe(0);
    expect(() => invertAffine4(flat)).toThrow('singular matrix');
  });

  it('gives a negative determinant for a reflection', () => {
    expect(determinant3([-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toBe(-1);
    expect(determinant3(AFFINE)).toBeCloseTo(3, 12);
  });
});
