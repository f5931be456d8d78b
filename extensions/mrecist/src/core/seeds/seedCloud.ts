/**
 * A weighted voxel cloud (one bright component, or one seed after splitting): intensity-weighted centroid and
 * principal axis by PCA of the weighted covariance (brachytherapy-dosimetry.md section 8, step 3).
 */
import type { Vec3 } from '../geometry/vec3';
import { symmetricEigen } from './symmetricEigen';

export interface VoxelCloud {
  /** x, y, z per voxel, mm. */
  pointsMm: Float64Array;
  weights: Float64Array;
}

export interface CloudShape {
  centroidMm: Vec3;
  /** Unit principal axis, sign fixed so its largest component is positive (stable output). */
  axis: Vec3;
  /** Weighted variances along the principal axes, descending, mm². */
  variancesMm2: [number, number, number];
}

export function cloudShape(cloud: VoxelCloud, members?: readonly number[]): CloudShape {
  const idx = members ?? Array.from({ length: cloud.weights.length }, (_, i) => i);
  const p = cloud.pointsMm, w = cloud.weights;
  let sw = 0;
  const c: Vec3 = [0, 0, 0];
  for (const i of idx) {
    sw += w[i];
    c[0] += w[i] * p[3 * i];
    c[1] += w[i] * p[3 * i + 1];
    c[2] += w[i] * p[3 * i + 2];
  }
  if (!(sw > 0)) throw new Error('empty voxel cloud');
  c[0] /= sw;
  c[1] /= sw;
  c[2] /= sw;
  const cov = new Array(9).fill(0);
  for (const i of idx) {
    const d = [p[3 * i] - c[0], p[3 * i + 1] - c[1], p[3 * i + 2] - c[2]];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) cov[3 * a + b] += (w[i] * d[a] * d[b]) / sw;
  }
  const eig = symmetricEigen(cov, 3);
  const v = eig.vectors[0];
  const k = [0, 1, 2].reduce((a, b) => (Math.abs(v[b]) > Math.abs(v[a]) ? b : a));
  const s = v[k] < 0 ? -1 : 1;
  return {
    centroidMm: c,
    axis: [s * v[0], s * v[1], s * v[2]],
    variancesMm2: [Math.max(0, eig.values[0]), Math.max(0, eig.values[1]), Math.max(0, eig.values[2])],
  };
}

/**
 * Splits a cloud into k seeds by weighted k-means (Lloyd), started three times at k equal-weight quantiles along
 * each principal axis (touching seeds lie end to end in a needle track, or side by side in neighbouring tracks).
 * With `seedLengthMm` (the image length of a lone seed) the split whose clusters are most seed-like wins (smallest
 * Σ (cluster rod length − seedLengthMm)²): k-means alone prefers cutting two parallel, overlapping seeds across
 * their length. Without it, the smallest weighted within-cluster sum of squares wins. Deterministic. Returns
 * member indices per cluster (Nguyen et al. 2015 use the same count rule).
 */
export function splitCloud(cloud: VoxelCloud, k: number, seedLengthMm?: number, maxIterations = 30): number[][] {
  const n = cloud.weights.length;
  if (k <= 1 || n <= k) return [Array.from({ length: n }, (_, i) => i)];
  const c = cloudShape(cloud).centroidMm;
  const p = cloud.pointsMm;
  const cov = new Array(9).fill(0);
  for (let i = 0; i < n; i++) {
    const d = [p[3 * i] - c[0], p[3 * i + 1] - c[1], p[3 * i + 2] - c[2]];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) cov[3 * a + b] += cloud.weights[i] * d[a] * d[b];
  }
  let best: { clusters: number[][]; cost: number } | undefined;
  for (const axis of symmetricEigen(cov, 3).vectors) {
    const run = kMeansFromAxis(cloud, k, axis as Vec3, c, maxIterations);
    const clusters: number[][] = Array.from({ length: k }, () => []);
    for (let i = 0; i < n; i++) clusters[run.assign[i]].push(i);
    const nonEmpty = clusters.filter((m) => m.length > 0);
    const cost =
      seedLengthMm === undefined
        ? run.sse
        : nonEmpty.reduce((acc, m) => acc + (rodLengthMm(cloudShape(cloud, m).variancesMm2[0]) - seedLengthMm) ** 2, 0);
    if (!best || cost < best.cost - 1e-9) best = { clusters: nonEmpty, cost };
  }
  return best!.clusters;
}

/** Length of a uniform rod with the given variance along its axis: L = √(12·σ²). */
export const rodLengthMm = (varianceMm2: number): number => Math.sqrt(12 * varianceMm2);

function kMeansFromAxis(cloud: VoxelCloud, k: number, axis: Vec3, centroid: Vec3, maxIterations: number): { assign: Int32Array; sse: number } {
  const n = cloud.weights.length;
  const p = cloud.pointsMm, w = cloud.weights;
  const proj = Array.from({ length: n }, (_, i) =>
    (p[3 * i] - centroid[0]) * axis[0] + (p[3 * i + 1] - centroid[1]) * axis[1] + (p[3 * i + 2] - centroid[2]) * axis[2],
  );
  const order = proj.map((_, i) => i).sort((a, b) => proj[a] - proj[b]);
  const total = order.reduce((s, i) => s + w[i], 0);
  const assign = new Int32Array(n);
  let acc = 0;
  for (const i of order) {
    assign[i] = Math.min(k - 1, Math.floor((k * (acc + w[i] / 2)) / total));
    acc += w[i];
  }
  const centres = new Float64Array(3 * k);
  let sse = 0;
  for (let iter = 0; iter <= maxIterations; iter++) {
    const sums = new Float64Array(4 * k);
    for (let i = 0; i < n; i++) {
      const c = assign[i];
      sums[4 * c] += w[i] * p[3 * i];
      sums[4 * c + 1] += w[i] * p[3 * i + 1];
      sums[4 * c + 2] += w[i] * p[3 * i + 2];
      sums[4 * c + 3] += w[i];
    }
    for (let c = 0; c < k; c++) {
      if (sums[4 * c + 3] === 0) continue; // an emptied cluster keeps its old centre
      for (let d = 0; d < 3; d++) centres[3 * c + d] = sums[4 * c + d] / sums[4 * c + 3];
    }
    let changed = false;
    sse = 0;
    for (let i = 0; i < n; i++) {
      let bestC = assign[i], bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dx = p[3 * i] - centres[3 * c], dy = p[3 * i + 1] - centres[3 * c + 1], dz = p[3 * i + 2] - centres[3 * c + 2];
        const d = dx * dx + dy * dy + dz * dz;
        if (d < bestD - 1e-12) {
          bestD = d;
          bestC = c;
        }
      }
      sse += w[i] * bestD;
      if (bestC !== assign[i]) {
        assign[i] = bestC;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { assign, sse };
}
