/**
 * Dose-volume metrics from dose samples with volumes (brachytherapy-dosimetry.md section 7; TG-137 practice).
 *
 * Definitions, exactly as computed here:
 * - Order the samples by dose, descending: d_1 ≥ d_2 ≥ … ≥ d_N with volumes v_i, total V = Σ v_i.
 *   Sample i covers the cumulative volume fraction interval [C_{i−1}, C_i], C_i = (v_1 + … + v_i) / V, and its
 *   dose stands for the centre of that interval, m_i = (C_{i−1} + C_i) / 2. (The centre, not the end, makes the
 *   estimate unbiased: a linear gradient across a cube gives its exact continuous D90.)
 * - D_x (x a fraction, e.g. D90 at x = 0.90): the dose at cumulative volume fraction x, linearly interpolated
 *   between the two samples whose centres m_i bracket x; below m_1 it is d_1, above m_N it is d_N.
 *   So D90 is the minimum dose received by the hottest 90 % of the volume.
 * - D100: the minimum sample dose, d_N (what D_x gives at x = 1).
 * - D_{x cc} (organs at risk, e.g. D2cc): as D_x with the cumulative volume in cc instead of a fraction.
 * - V_y (y % of prescription, V100/V150/V200): 100 · Σ{v_i : d_i ≥ y/100 · prescription} / V, in percent of the
 *   volume; the comparison is inclusive (a sample exactly at the prescription counts as covered).
 * Display caps on the histogram (cumulativeDvh's maxDoseGy) never touch these numbers: they use the raw doses.
 */

export interface DoseVolumeMetrics {
  /** Σ of sample volumes (the voxelised structure), cc. */
  sampledVolumeCc: number;
  sampleCount: number;
  prescriptionGy: number;
  D90Gy: number;
  D100Gy: number;
  /** Dose to the hottest 2 cc and 0.1 cc (organ-at-risk metrics); null when the structure is smaller. */
  D2ccGy: number | null;
  D0_1ccGy: number | null;
  V100Pct: number;
  V150Pct: number;
  V200Pct: number;
  /** Volume receiving ≥ 100 % of the prescription, cc. */
  V100Cc: number;
  meanGy: number;
  maxGy: number;
}

/** Samples sorted by dose, descending, with the centre of each one's cumulative volume interval (mm³). */
export interface SortedDoseSamples {
  doseGy: Float64Array;
  /** Cumulative volume up to the centre of each sample, mm³ (m_i · V). */
  centreVolumeMm3: Float64Array;
  totalVolumeMm3: number;
}

export function sortDoseSamples(doseGy: ArrayLike<number>, volumeMm3: ArrayLike<number> | number): SortedDoseSamples {
  const n = doseGy.length;
  if (n === 0) throw new Error('no dose samples: the structure is empty');
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(doseGy[i])) throw new Error('dose sample is NaN: sample outside the dose grid');
    order[i] = i;
  }
  order.sort((a, b) => doseGy[b] - doseGy[a]);
  const sorted = new Float64Array(n);
  const centre = new Float64Array(n);
  let cumulative = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const v = typeof volumeMm3 === 'number' ? volumeMm3 : volumeMm3[i];
    sorted[r] = doseGy[i];
    centre[r] = cumulative + v / 2;
    cumulative += v;
  }
  return { doseGy: sorted, centreVolumeMm3: centre, totalVolumeMm3: cumulative };
}

/** Dose at a cumulative volume (mm³) from the hottest end, interpolated between sample centres. */
export function doseAtCumulativeVolume(s: SortedDoseSamples, volumeMm3: number): number {
  const c = s.centreVolumeMm3, d = s.doseGy, n = d.length;
  if (volumeMm3 <= c[0]) return d[0];
  if (volumeMm3 >= c[n - 1]) return d[n - 1];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (c[mid] <= volumeMm3) lo = mid;
    else hi = mid;
  }
  const t = (volumeMm3 - c[lo]) / (c[hi] - c[lo]);
  return d[lo] + t * (d[hi] - d[lo]);
}

/** D_x for a volume fraction x in [0, 1]. */
export function doseAtVolumeFraction(s: SortedDoseSamples, fraction: number): number {
  return doseAtCumulativeVolume(s, fraction * s.totalVolumeMm3);
}

/** Volume (mm³) with dose ≥ thresholdGy (inclusive). */
export function volumeAtLeastMm3(doseGy: ArrayLike<number>, volumeMm3: ArrayLike<number> | number, thresholdGy: number): number {
  let v = 0;
  for (let i = 0; i < doseGy.length; i++) {
    if (doseGy[i] >= thresholdGy) v += typeof volumeMm3 === 'number' ? volumeMm3 : volumeMm3[i];
  }
  return v;
}

export function doseVolumeMetrics(
  doseGy: ArrayLike<number>,
  volumeMm3: ArrayLike<number> | number,
  prescriptionGy: number,
): DoseVolumeMetrics {
  if (!(prescriptionGy > 0)) throw new Error(`prescription must be positive, got ${prescriptionGy}`);
  const s = sortDoseSamples(doseGy, volumeMm3);
  const total = s.totalVolumeMm3;
  const pct = (y: number) => (100 * volumeAtLeastMm3(doseGy, volumeMm3, (y / 100) * prescriptionGy)) / total;
  let weighted = 0;
  for (let i = 0; i < doseGy.length; i++) weighted += doseGy[i] * (typeof volumeMm3 === 'number' ? volumeMm3 : volumeMm3[i]);
  const ccDose = (cc: number) => (total >= cc * 1000 ? doseAtCumulativeVolume(s, cc * 1000) : null);
  return {
    sampledVolumeCc: total / 1000,
    sampleCount: doseGy.length,
    prescriptionGy,
    D90Gy: doseAtVolumeFraction(s, 0.9),
    D100Gy: s.doseGy[s.doseGy.length - 1],
    D2ccGy: ccDose(2),
    D0_1ccGy: ccDose(0.1),
    V100Pct: pct(100),
    V150Pct: pct(150),
    V200Pct: pct(200),
    V100Cc: volumeAtLeastMm3(doseGy, volumeMm3, prescriptionGy) / 1000,
    meanGy: weighted / total,
    maxGy: s.doseGy[0],
  };
}

export interface CumulativeDvh {
  /** Bin lower edges, Gy: 0, w, 2w, … up to the display cap. */
  doseGy: Float64Array;
  /** Percent of the volume receiving at least doseGy[k]. */
  volumePct: Float64Array;
}

/**
 * Cumulative DVH for display. Doses above maxDoseGy (e.g. 1000 % of prescription: doses next to seeds are
 * enormous) are kept in the last bin's count; metrics never come from this histogram.
 */
export function cumulativeDvh(
  doseGy: ArrayLike<number>,
  volumeMm3: ArrayLike<number> | number,
  binWidthGy: number,
  maxDoseGy: number,
): CumulativeDvh {
  if (!(binWidthGy > 0) || !(maxDoseGy > binWidthGy)) throw new Error('DVH bin width and cap must be positive, cap > bin');
  const bins = Math.ceil(maxDoseGy / binWidthGy) + 1;
  const differential = new Float64Array(bins);
  let total = 0;
  for (let i = 0; i < doseGy.length; i++) {
    const v = typeof volumeMm3 === 'number' ? volumeMm3 : volumeMm3[i];
    const b = Math.min(bins - 1, Math.max(0, Math.floor(doseGy[i] / binWidthGy)));
    differential[b] += v;
    total += v;
  }
  const dose = new Float64Array(bins), volumePct = new Float64Array(bins);
  let above = 0;
  for (let b = bins - 1; b >= 0; b--) {
    above += differential[b];
    dose[b] = b * binWidthGy;
    volumePct[b] = (100 * above) / total;
  }
  return { doseGy: dose, volumePct };
}
