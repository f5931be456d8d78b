import { findSeeds } from '../../../extensions/mrecist/src/core/seeds/findSeeds';
import { registerSeeds } from '../../../extensions/mrecist/src/core/seeds/registerSeeds';
import { brightVoxelCount, nextSlabSlice, seedSlab, SlabLoadOrder, slabPlacementAcceptable, slabVolume } from '../../../extensions/mrecist/src/core/seeds/seedSlab';
import type { CtVolume } from '../../../extensions/mrecist/src/core/seeds/CtVolume';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { addSeed, emptyCt, type SyntheticSeed } from './syntheticCt';

const offsets = (n: number, step = 2) => Array.from({ length: n }, (_, k) => k * step);

describe('nextSlabSlice', () => {
  const none = (n: number) => new Array<number | undefined>(n).fill(undefined);

  it('grows the run alternately while no seed is seen, and stops at the series ends', () => {
    expect(nextSlabSlice(offsets(10), none(10), { from: 5, to: 5 }, true)).toBe(4);
    expect(nextSlabSlice(offsets(10), none(10), { from: 4, to: 5 }, false)).toBe(6);
    expect(nextSlabSlice(offsets(10), none(10), { from: 0, to: 5 }, true)).toBe(6);
    expect(nextSlabSlice(offsets(10), none(10), { from: 3, to: 9 }, false)).toBe(2);
    expect(nextSlabSlice(offsets(10), none(10), { from: 0, to: 9 }, true)).toBeUndefined();
  });

  it('grows only the side whose margin beyond the seeds is missing', () => {
    // Seeds on slices 12–13 of 2 mm slices; run 5–14: 14 mm below them, 2 mm above.
    const bright = Array.from({ length: 30 }, (_, k) => (k >= 5 && k <= 14 ? (k === 12 || k === 13 ? 9 : 0) : undefined));
    expect(nextSlabSlice(offsets(30), bright, { from: 5, to: 14 }, true, 10)).toBe(15);
    expect(nextSlabSlice(offsets(30), bright, { from: 5, to: 14 }, false, 10)).toBe(15);
  });
});

describe('seedSlab', () => {
  // 20 slices, 2 mm apart; seeds bright on slices 9–11.
  const bright = (loaded: (k: number) => boolean) => Array.from({ length: 20 }, (_, k) => (loaded(k) ? (k >= 9 && k <= 11 ? 30 : 0) : undefined));

  it('waits until 10 mm free of seed-bright voxels are loaded on both sides', () => {
    expect(seedSlab(offsets(20), bright((k) => k >= 5 && k <= 15), 10, 10)).toBeUndefined(); // 8 mm below
    expect(seedSlab(offsets(20), bright((k) => k >= 4 && k <= 15), 10, 10)).toBeUndefined(); // 10 below, 8 above
    expect(seedSlab(offsets(20), bright((k) => k >= 4 && k <= 16), 10, 10)).toEqual({ from: 4, to: 16 });
  });

  it('counts only the loaded run around the centre, and the series end as a margin', () => {
    // Slice 2 loaded but slice 3 not: the run is 4–19, and the top of the series closes it.
    expect(seedSlab(offsets(20), bright((k) => k === 2 || k >= 4), 10, 10)).toEqual({ from: 4, to: 19 });
    expect(seedSlab(offsets(20), bright((k) => k >= 8), 12, 10)).toBeUndefined(); // 2 mm below: not clear
  });

  it('has nothing to offer without seed-bright voxels, with the whole series loaded, or before the centre is loaded', () => {
    expect(seedSlab(offsets(20), Array.from({ length: 20 }, (_, k) => (k < 15 ? 0 : undefined)), 5, 10)).toBeUndefined();
    expect(seedSlab(offsets(20), bright(() => true), 10, 10)).toBeUndefined();
    expect(seedSlab(offsets(20), bright((k) => k !== 10), 10, 10)).toBeUndefined();
  });

  it('rejects bright counts that do not match the slices', () => {
    expect(() => seedSlab(offsets(3), [0, 0], 1)).toThrow(/2 bright counts for 3 slices/);
  });
});

describe('slabPlacementAcceptable', () => {
  it('needs 80 % of the plan seeds paired, and at least 3', () => {
    expect(slabPlacementAcceptable(40, 50)).toBe(true);
    expect(slabPlacementAcceptable(39, 50)).toBe(false);
    expect(slabPlacementAcceptable(2, 2)).toBe(false);
    expect(slabPlacementAcceptable(0, 0)).toBe(false);
  });
});

describe('a slab search places the plan as the whole CT does', () => {
  // 80 × 80 × 60 slices of 2 mm: 120 mm along the normal, seeds in 20 mm of it.
  const ct = emptyCt(80, 80, 60, [0.8, 0.8, 2], [-30, -30, -40]);
  const seeds: SyntheticSeed[] = [];
  for (let n = 0; n < 12; n++) {
    const centreMm: Vec3 = [-18 + (n % 4) * 11 + 0.37 * n, -15 + Math.floor(n / 4) * 12 + 0.21 * n, 20 + ((n * 7) % 5) * 4.1];
    seeds.push({ centreMm, axis: [0.2 * (n % 3), 1 - 0.1 * (n % 2), 0.4] });
  }
  for (const s of seeds) addSeed(ct, s);
  const plane = ct.rows * ct.columns;
  const sliceBright = (v: CtVolume, k: number) => brightVoxelCount(v.voxelsHu.subarray(k * plane, (k + 1) * plane));

  it('finds the same seeds on the slab as on the whole CT, from a slab of under half the series', () => {
    const whole = findSeeds(ct, { expectedCount: seeds.length });
    // Loaded from slice 24 (z = 8 mm, 12 mm below the seeds: a viewport not quite on the tumour) until the slab closes.
    const loaded: Array<number | undefined> = new Array(ct.slices).fill(undefined);
    const order = new SlabLoadOrder(ct.sliceOffsetsMm, 24);
    expect(order.next(loaded)).toBe(24);
    loaded[24] = sliceBright(ct, 24);
    let range: ReturnType<typeof seedSlab>;
    while (!range) {
      const k = order.next(loaded)!;
      loaded[k] = sliceBright(ct, k);
      range = seedSlab(ct.sliceOffsetsMm, loaded, 24);
    }
    expect(range!).toBeDefined();
    expect(range!.to - range!.from + 1).toBeLessThan(ct.slices / 2);
    const slab = slabVolume(ct, range!);
    expect(slab.slices).toBe(range!.to - range!.from + 1);
    const partial = findSeeds(slab, { expectedCount: seeds.length });
    expect(partial.seeds.map((s) => s.positionMm.map((x) => +x.toFixed(6)))).toEqual(whole.seeds.map((s) => s.positionMm.map((x) => +x.toFixed(6))));
    const planSeeds = seeds.map((s) => s.centreMm);
    const reg = registerSeeds(planSeeds, partial.seeds.map((s) => s.positionMm));
    expect(slabPlacementAcceptable(reg.pairs.length, planSeeds.length)).toBe(true);
  });

  it('cuts the slab with the right origin and refuses a range outside the volume', () => {
    const slab = slabVolume(ct, { from: 10, to: 12 });
    expect(slab.originMm).toEqual([-30, -30, -20]);
    expect(slab.sliceOffsetsMm).toEqual([0, 2, 4]);
    expect(Array.from(slab.voxelsHu.subarray(0, 5))).toEqual(Array.from(ct.voxelsHu.subarray(10 * plane, 10 * plane + 5)));
    expect(() => slabVolume(ct, { from: 5, to: 60 })).toThrow(/outside 0–59/);
  });
});
