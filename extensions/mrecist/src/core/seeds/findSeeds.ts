/**
 * Finds implanted I-125 seeds on a CT volume (brachytherapy-dosimetry.md section 8):
 * 1. threshold strictly above `thresholdHu` (default 2500 HU: above lipiodol after TACE, which reaches about
 *    1000–2500 HU here, below seeds, which bloom to the 3071 HU ceiling of a 12-bit scale);
 * 2. 3D connected components with 26-connectivity;
 * 3. single-seed volume = the median component volume (most components are lone seeds) unless given;
 *    each component holds round(volume ÷ single-seed volume) seeds; components smaller than
 *    `minVolumeFraction` of a seed are fragments, components with more than `maxSeedsPerComponent` seeds or
 *    longer than that many seeds end to end are not seeds (lipiodol, bone, streaks) and are reported as rejected;
 * 4. a component of n > 1 seeds is split by weighted k-means (splitCloud);
 * 5. each seed: intensity-weighted centroid (weight HU − threshold) and principal axis by PCA;
 * 6. the count is compared with the plan's when `expectedCount` is given.
 * Pure and synchronous on plain data, so a worker can run it unchanged.
 */
import type { Vec3 } from '../geometry/vec3';
import { cross } from '../geometry/vec3';
import type { CtVolume } from './CtVolume';
import { brightComponents } from './seedComponents';
import { cloudShape, rodLengthMm, splitCloud, type VoxelCloud } from './seedCloud';

export interface SeedFindingOptions {
  thresholdHu?: number;
  /** Expected above-threshold volume of one seed, mm³; default: median component volume. */
  singleSeedVolumeMm3?: number;
  maxSeedsPerComponent?: number;
  minVolumeFraction?: number;
  /** Longest plausible single seed image (4.5 mm seed plus blooming), mm. */
  maxSeedLengthMm?: number;
  /** Number of seeds implanted (from the RT Plan), to compare with. */
  expectedCount?: number;
}

export const SEED_FINDING_DEFAULTS = {
  thresholdHu: 2500,
  maxSeedsPerComponent: 6,
  minVolumeFraction: 0.3,
  maxSeedLengthMm: 10,
} as const;

export interface FoundSeed {
  positionMm: Vec3;
  axis: Vec3;
  /** Voxels assigned to this seed and their volume. */
  voxelCount: number;
  volumeMm3: number;
  peakHu: number;
  /** Seeds in the component this one came from (1 = alone, 2+ = split from touching seeds). */
  seedsInComponent: number;
}

export interface RejectedComponent {
  centroidMm: Vec3;
  volumeMm3: number;
  peakHu: number;
  reason: 'fragment' | 'too large' | 'too elongated';
}

export interface SeedFindingResult {
  seeds: FoundSeed[];
  rejected: RejectedComponent[];
  thresholdHu: number;
  singleSeedVolumeMm3: number;
  expectedCount?: number;
  /** found − expected, when expectedCount was given. */
  countDifference?: number;
}


export function findSeeds(volume: CtVolume, options: SeedFindingOptions = {}, source = 'CT'): SeedFindingResult {
  const thresholdHu = options.thresholdHu ?? SEED_FINDING_DEFAULTS.thresholdHu;
  const maxPer = options.maxSeedsPerComponent ?? SEED_FINDING_DEFAULTS.maxSeedsPerComponent;
  const minFraction = options.minVolumeFraction ?? SEED_FINDING_DEFAULTS.minVolumeFraction;
  const maxLength = options.maxSeedLengthMm ?? SEED_FINDING_DEFAULTS.maxSeedLengthMm;

  const components = brightComponents(volume, thresholdHu, source);
  const sliceStep = medianSliceStepMm(volume);
  const voxelVolume = volume.columnSpacingMm * volume.rowSpacingMm * sliceStep;
  const volumes = components.map((c) => c.voxels.length * voxelVolume);
  const single = options.singleSeedVolumeMm3 ?? (volumes.length ? median(volumes) : 0);

  const n = cross(volume.rowDirection, volume.columnDirection);
  const plane = volume.rows * volume.columns;
  const toCloud = (voxels: number[]): VoxelCloud => {
    const pointsMm = new Float64Array(voxels.length * 3);
    const weights = new Float64Array(voxels.length);
    voxels.forEach((idx, m) => {
      const k = Math.floor(idx / plane), rem = idx - k * plane, j = Math.floor(rem / volume.columns), i = rem - j * volume.columns;
      const a = i * volume.columnSpacingMm, b = j * volume.rowSpacingMm, s = volume.sliceOffsetsMm[k];
      for (let d = 0; d < 3; d++) pointsMm[3 * m + d] = volume.originMm[d] + a * volume.rowDirection[d] + b * volume.columnDirection[d] + s * n[d];
      weights[m] = volume.voxelsHu[idx] - thresholdHu;
    });
    return { pointsMm, weights };
  };

  const clouds = components.map((component) => toCloud(component.voxels));
  const shapes = clouds.map((cloud) => cloudShape(cloud));
  const counts = volumes.map((v) => (single > 0 ? Math.round(v / single) : 1));
  // Image length of a lone seed: the median over components holding one seed (guides the split of touching ones).
  const loneLengths = shapes.filter((_, c) => counts[c] === 1).map((s) => rodLengthMm(s.variancesMm2[0]));
  const seedLengthMm = loneLengths.length ? median(loneLengths) : undefined;

  const seeds: FoundSeed[] = [];
  const rejected: RejectedComponent[] = [];
  components.forEach((component, c) => {
    const cloud = clouds[c];
    const shape = shapes[c];
    const count = counts[c];
    const reject = (reason: RejectedComponent['reason']) =>
      rejected.push({ centroidMm: shape.centroidMm, volumeMm3: volumes[c], peakHu: component.peakHu, reason });
    if (volumes[c] < minFraction * single) return reject('fragment');
    if (count > maxPer) return reject('too large');
    if (rodLengthMm(shape.variancesMm2[0]) > Math.max(1, count) * maxLength) return reject('too elongated');
    const clusters = splitCloud(cloud, Math.max(1, count), seedLengthMm);
    for (const members of clusters) {
      const s = cloudShape(cloud, members);
      let peak = -Infinity;
      for (const m of members) peak = Math.max(peak, volume.voxelsHu[component.voxels[m]]);
      seeds.push({
        positionMm: s.centroidMm,
        axis: s.axis,
        voxelCount: members.length,
        volumeMm3: members.length * voxelVolume,
        peakHu: peak,
        seedsInComponent: clusters.length,
      });
    }
  });
  // Stable order: along the slice normal, then rows, then columns (as a reader scrolls).
  const key = (p: Vec3) => [p[0] * n[0] + p[1] * n[1] + p[2] * n[2], p[0] * volume.columnDirection[0] + p[1] * volume.columnDirection[1] + p[2] * volume.columnDirection[2], p[0] * volume.rowDirection[0] + p[1] * volume.rowDirection[1] + p[2] * volume.rowDirection[2]];
  seeds.sort((a, b) => {
    const ka = key(a.positionMm), kb = key(b.positionMm);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
  const result: SeedFindingResult = { seeds, rejected, thresholdHu, singleSeedVolumeMm3: single };
  if (options.expectedCount !== undefined) {
    result.expectedCount = options.expectedCount;
    result.countDifference = seeds.length - options.expectedCount;
  }
  return result;
}

function medianSliceStepMm(v: CtVolume): number {
  if (v.slices < 2) return Math.min(v.rowSpacingMm, v.columnSpacingMm);
  const gaps = v.sliceOffsetsMm.slice(1).map((s, k) => Math.abs(s - v.sliceOffsetsMm[k]));
  return median(gaps);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
