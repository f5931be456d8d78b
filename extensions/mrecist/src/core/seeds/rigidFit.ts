/**
 * Least-squares rigid transform between paired point sets by Horn's closed form with unit quaternions
 * (Horn BKP, J Opt Soc Am A 1987;4:629–642): the rotation is the eigenvector of the largest eigenvalue of a 4×4
 * symmetric matrix built from the cross-covariance; never a reflection, unlike a naive SVD (Kabsch) solution.
 */
import type { Matrix4 } from '../geometry/matrix4';
import type { Vec3 } from '../geometry/vec3';
import { symmetricEigen } from './symmetricEigen';

/** The transform M minimising Σ |M·source_i − target_i|². Needs ≥ 3 non-collinear pairs for a unique answer. */
export function fitRigidTransform(source: readonly Vec3[], target: readonly Vec3[]): Matrix4 {
  const n = source.length;
  if (n !== target.length || n === 0) throw new Error('rigid fit needs equally many source and target points');
  const cs: Vec3 = [0, 0, 0], ct: Vec3 = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) {
    cs[d] += source[i][d] / n;
    ct[d] += target[i][d] / n;
  }
  // S[a][b] = Σ (s_a)(t_b) over centred points.
  const S = new Array(9).fill(0);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
      S[3 * a + b] += (source[i][a] - cs[a]) * (target[i][b] - ct[b]);
    }
  }
  const [sxx, sxy, sxz, syx, syy, syz, szx, szy, szz] = S;
  const N = [
    sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
    syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
    szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
    sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz,
  ];
  const [q0, qx, qy, qz] = symmetricEigen(N, 4).vectors[0];
  const r = [
    q0 * q0 + qx * qx - qy * qy - qz * qz, 2 * (qx * qy - q0 * qz), 2 * (qx * qz + q0 * qy),
    2 * (qy * qx + q0 * qz), q0 * q0 - qx * qx + qy * qy - qz * qz, 2 * (qy * qz - q0 * qx),
    2 * (qz * qx - q0 * qy), 2 * (qz * qy + q0 * qx), q0 * q0 - qx * qx - qy * qy + qz * qz,
  ];
  const t = [0, 1, 2].map((k) => ct[k] - (r[3 * k] * cs[0] + r[3 * k + 1] * cs[1] + r[3 * k + 2] * cs[2]));
  return [r[0], r[1], r[2], t[0], r[3], r[4], r[5], t[1], r[6], r[7], r[8], t[2], 0, 0, 0, 1];
}
