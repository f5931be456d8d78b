/**
 * Finds implanted I-125 seeds on a CT volume (brachytherapy-dosimetry.md section 8):
 * 1. threshold strictly above `thresholdHu` (default 2500 HU: above lipiodol after TACE, which reaches about
 *    1000–2500 HU here, below seeds, which bloom to the 3071 HU ceiling of a 12-bit scale);
 * 2. 3D connected components with 26-connectivity;
 * 3. single-seed volume = the median component volume (most components are lone seeds) unless given;
 *    each component holds round(volume ÷ single-seed volume) seeds; components smaller than
 *    `minVolumeFraction` of a seed are fragments, components with more than `maxSeedsPerComponent` seeds or
 *    longer than that many seeds end to end are not seeds (lipiodol, bone, streaks) and are reported as rejected;
 * 4. a component of n > 1 seeds is split by weighted k-means (splitCloud), and the split is undone one seed at a
 *    time while two parts' positions are closer than two physical seeds can be (physicallySeparable);
 * 5. each seed: intensity-weighted centroid and principal axis by PCA. The centroid uses the seed's voxels plus
 *    the one-voxel shell around them, weighted by HU − centroidBaselineHu (≥ 0), unless lipiodol or bone touches
 *    the seed (see shellWeightedCentroid): on 2 mm slices an oblique seed may pass the threshold in one slice only,
 *    and its partial-volume voxels in the neighbouring slices carry the rest of its position (without them the
 *    error reached 1.2 mm on the demo CTs; with them it stays below 1 mm);
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
  /** Soft-tissue level subtracted from HU for centroid weights (default 200 HU, above enhancing liver). */
  centroidBaselineHu?: number;
}

export const SEED_FINDING_DEFAULTS = {
  thresholdHu: 2500,
  maxSeedsPerComponent: 6,
  minVolumeFraction: 0.3,
  maxSeedLengthMm: 10,
  centroidBaselineHu: 200,
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
  const baselineHu = options.centroidBaselineHu ?? SEED_FINDING_DEFAULTS.centroidBaselineHu;
  /** Shell voxels already given to a seed (neighbouring seeds must not share one). */
  const claimed = new Set<number>();
  components.forEach((component, c) => {
    const cloud = clouds[c];
    const shape = shapes[c];
    const count = counts[c];
    const reject = (reason: RejectedComponent['reason']) =>
      rejected.push({ centroidMm: shape.centroidMm, volumeMm3: volumes[c], peakHu: component.peakHu, reason });
    if (volumes[c] < minFraction * single) return reject('fragment');
    if (count > maxPer) return reject('too large');
    if (rodLengthMm(shape.variancesMm2[0]) > Math.max(1, count) * maxLength) return reject('too elongated');
    const inComponent = new Set(component.voxels);
    // Positions as reported (shell-weighted), computed on a scratch claim set so the check has no side effects.
    const positionsOf = (parts: number[][]) => {
      const scratch = new Set(claimed);
      return parts.map((m) => shellWeightedCentroid(volume, m.map((x) => component.voxels[x]), inComponent, scratch, baselineHu, thresholdHu));
    };
    let clusters = splitCloud(cloud, Math.max(1, count), seedLengthMm);
    // Volume alone over-counts a lone seed imaged across thick slices; two seeds cannot overlap, so a split whose
    // parts' positions are not physically separable is undone one seed at a time.
    for (let k = clusters.length - 1; k >= 1 && !physicallySeparable(positionsOf(clusters), shape.axis); k--) {
      clusters = splitCloud(cloud, k, seedLengthMm);
    }
    for (const members of clusters) {
      const s = cloudShape(cloud, members);
      const centroid = shellWeightedCentroid(volume, members.map((m) => component.voxels[m]), inComponent, claimed, baselineHu, thresholdHu);
      let peak = -Infinity;
      for (const m of members) peak = Math.max(peak, volume.voxelsHu[component.voxels[m]]);
      seeds.push({
        positionMm: centroid,
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

/**
 * Weighted centroid of a seed's voxels and its unclaimed 26-neighbour shell below threshold, weights HU − baseline.
 * When the next shell out is not soft tissue (its upper decile above baseline + CONTAMINATED_MARGIN_HU: lipiodol
 * or bone touches the seed) the shell would pull the centroid towards the deposit, so only the seed's own
 * above-threshold voxels count (weights HU − threshold).
 */
function shellWeightedCentroid(v: CtVolume, voxels: number[], inComponent: Set<number>, claimed: Set<number>, baselineHu: number, thresholdHu: number): Vec3 {
  const plane = v.rows * v.columns;
  const n = cross(v.rowDirection, v.columnDirection);
  const neighbours = (idx: number, out: (nb: number) => void) => {
    const k = Math.floor(idx / plane), rem = idx - k * plane, j = Math.floor(rem / v.columns), i = rem - j * v.columns;
    for (let dk = -1; dk <= 1; dk++) for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
      const ii = i + di, jj = j + dj, kk = k + dk;
      if (ii < 0 || jj < 0 || kk < 0 || ii >= v.columns || jj >= v.rows || kk >= v.slices) continue;
      out(kk * plane + jj * v.columns + ii);
    }
  };
  const shell = new Set<number>();
  for (const idx of voxels) neighbours(idx, (nb) => { if (!inComponent.has(nb) && !claimed.has(nb)) shell.add(nb); });
  const outer: number[] = [];
  const seen = new Set<number>();
  for (const idx of shell) {
    neighbours(idx, (nb) => {
      if (inComponent.has(nb) || shell.has(nb) || seen.has(nb)) return;
      seen.add(nb);
      outer.push(v.voxelsHu[nb]);
    });
  }
  outer.sort((a, b) => a - b);
  const upperDecile = outer.length ? outer[Math.floor(0.9 * (outer.length - 1))] : -Infinity;
  const contaminated = upperDecile > baselineHu + CONTAMINATED_MARGIN_HU;
  const background = contaminated ? thresholdHu : baselineHu;
  const sum: Vec3 = [0, 0, 0];
  let total = 0;
  const add = (idx: number) => {
    const w = v.voxelsHu[idx] - background;
    if (!(w > 0)) return;
    const k = Math.floor(idx / plane), rem = idx - k * plane, j = Math.floor(rem / v.columns), i = rem - j * v.columns;
    const a = i * v.columnSpacingMm, b = j * v.rowSpacingMm, s = v.sliceOffsetsMm[k];
    for (let d = 0; d < 3; d++) sum[d] += w * (v.originMm[d] + a * v.rowDirection[d] + b * v.columnDirection[d] + s * n[d]);
    total += w;
  };
  for (const idx of voxels) add(idx);
  for (const idx of shell) {
    claimed.add(idx);
    if (!contaminated) add(idx);
  }
  if (!(total > 0)) {
    // Every voxel exactly at the background level: fall back to the plain mean of the seed's voxels.
    for (const idx of voxels) {
      const k = Math.floor(idx / plane), rem = idx - k * plane, j = Math.floor(rem / v.columns), i = rem - j * v.columns;
      for (let d = 0; d < 3; d++) sum[d] += v.originMm[d] + i * v.columnSpacingMm * v.rowDirection[d] + j * v.rowSpacingMm * v.columnDirection[d] + v.sliceOffsetsMm[k] * n[d];
      total += 1;
    }
  }
  return [sum[0] / total, sum[1] / total, sum[2] / total];
}

/** Outer-shell HU this far above the baseline means something other than soft tissue touches the seed. */
const CONTAMINATED_MARGIN_HU = 300;

/**
 * Physical seed size (model 6711-type and the study's seeds: 0.8 × 4.5 mm, brachytherapy-dosimetry.md section 1).
 * Two distinct seeds have centres at least about a seed length apart along their axis (end to end) or a diameter
 * apart across it (side by side). The factors leave room for centroid error on thick slices; the price is that
 * parallel seeds less than 1.2 mm apart across their axis are counted as one (the demo CTs need the margin).
 */
const SEED_LENGTH_MM = 4.5;
const SEED_DIAMETER_MM = 0.8;
const MIN_SEPARATION_ALONG_MM = 0.75 * SEED_LENGTH_MM;
const MIN_SEPARATION_ACROSS_MM = 1.5 * SEED_DIAMETER_MM;

function physicallySeparable(centres: Vec3[], axis: Vec3): boolean {
  for (let a = 0; a < centres.length; a++) {
    for (let b = a + 1; b < centres.length; b++) {
      const d = [0, 1, 2].map((i) => centres[b][i] - centres[a][i]);
      const along = Math.abs(d[0] * axis[0] + d[1] * axis[1] + d[2] * axis[2]);
      const across = Math.sqrt(Math.max(0, d[0] ** 2 + d[1] ** 2 + d[2] ** 2 - along * along));
      if (along < MIN_SEPARATION_ALONG_MM && across < MIN_SEPARATION_ACROSS_MM) return false;
    }
  }
  return true;
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
