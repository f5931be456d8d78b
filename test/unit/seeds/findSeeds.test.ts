import { findSeeds } from '../../../extensions/mrecist/src/core/seeds/findSeeds';
import { distance, type Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { addLipiodol, addSeed, emptyCt, type SyntheticSeed } from './syntheticCt';

/** Nearest found seed to each true seed, and whether the pairing is one-to-one. */
function matchTruth(truth: Vec3[], found: Vec3[]): number[] {
  return truth.map((t) => Math.min(...found.map((f) => distance(t, f))));
}

describe('findSeeds on a synthetic CT', () => {
  // 0.7 × 0.7 × 1.0 mm voxels, 100 × 100 × 60: a 70 × 70 × 60 mm block.
  const ct = emptyCt(100, 100, 60, [0.7, 0.7, 1], [-35.2, -20.1, 100.3]);
  const lone: SyntheticSeed[] = [
    { centreMm: [-20.13, -5.42, 115.71], axis: [1, 0.3, 0.2] },
    { centreMm: [-5.5, 8.81, 120.12], axis: [0, 0, 1] },
    { centreMm: [10.07, 30.33, 130.5], axis: [0.2, 1, -0.4] },
    { centreMm: [22.9, 0.27, 112.44], axis: [1, -1, 0.5] },
    { centreMm: [-25.6, 35.9, 145.2], axis: [0.82, 0.42, 0.38] },
    { centreMm: [0.31, -10.8, 140.9], axis: [0, 1, 0] },
  ];
  // Two pairs of touching seeds: end to end in one needle (5 mm apart), and side by side (1.6 mm apart, blooms overlapping).
  const ax: Vec3 = [0.82, 0.42, 0.38];
  const n = Math.hypot(...ax);
  const endToEnd: SyntheticSeed[] = [
    { centreMm: [15.0, 15.0, 125.0], axis: ax },
    { centreMm: [15.0 + (5 * ax[0]) / n, 15.0 + (5 * ax[1]) / n, 125.0 + (5 * ax[2]) / n], axis: ax },
  ];
  const sideBySide: SyntheticSeed[] = [
    { centreMm: [-15.2, 20.3, 150.1], axis: [0, 0, 1] },
    { centreMm: [-13.6, 20.3, 150.1], axis: [0, 0, 1] },
  ];
  const all = [...lone, ...endToEnd, ...sideBySide];
  for (const s of all) addSeed(ct, s);
  // Lipiodol: a deposit reaching 2450 HU (below the threshold) and a dense one reaching 2900 HU over ~1 cc.
  addLipiodol(ct, [-15, -10, 125], [8, 6, 5], 2450);
  addLipiodol(ct, [20, -10, 145], [9, 7, 6], 2900);

  const result = findSeeds(ct, { expectedCount: all.length });

  it('finds every seed within 1 mm, touching seeds split', () => {
    const found = result.seeds.map((s) => s.positionMm);
    expect(found).toHaveLength(all.length);
    const errors = matchTruth(all.map((s) => s.centreMm), found);
    for (const e of errors) expect(e).toBeLessThan(1);
    expect(result.countDifference).toBe(0);
    expect(result.seeds.filter((s) => s.seedsInComponent === 2)).toHaveLength(4);
  });

  it('reports the seed axis along the cylinder', () => {
    const truth = lone[0];
    const a = truth.axis.map((x) => x / Math.hypot(...truth.axis));
    const seed = result.seeds.find((s) => distance(s.positionMm, truth.centreMm) < 1)!;
    expect(Math.abs(seed.axis[0] * a[0] + seed.axis[1] * a[1] + seed.axis[2] * a[2])).toBeGreaterThan(0.97);
  });

  it('ignores lipiodol: the faint deposit never passes the threshold, the dense one is rejected as too large', () => {
    expect(result.rejected.map((r) => r.reason)).toEqual(['too large']);
    expect(distance(result.rejected[0].centroidMm, [20, -10, 145])).toBeLessThan(1);
  });

  it('a threshold below the faint deposit would select it (the default matters)', () => {
    const low = findSeeds(ct, { thresholdHu: 2000 });
    expect(low.rejected.some((r) => distance(r.centroidMm, [-15, -10, 125]) < 1)).toBe(true);
  });
});
