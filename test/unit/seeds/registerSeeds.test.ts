import fc from 'fast-check';
import { registerSeeds } from '../../../extensions/mrecist/src/core/seeds/registerSeeds';
import { applyMatrix4 } from '../../../extensions/mrecist/src/core/geometry/matrix4';
import { fitRigidTransform } from '../../../extensions/mrecist/src/core/seeds/rigidFit';
import { distance, type Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';

/** Rotation about a unit axis by an angle (Rodrigues), as a row-major 4×4 with translation t. */
function rigid(axis: Vec3, angleRad: number, t: Vec3): number[] {
  const n = Math.hypot(...axis);
  const [x, y, z] = axis.map((a) => a / n);
  const c = Math.cos(angleRad), s = Math.sin(angleRad), C = 1 - c;
  return [
    c + x * x * C, x * y * C - z * s, x * z * C + y * s, t[0],
    y * x * C + z * s, c + y * y * C, y * z * C - x * s, t[1],
    z * x * C - y * s, z * y * C + x * s, c + z * z * C, t[2],
    0, 0, 0, 1,
  ];
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
}

/** n points in a 60 mm cube at least 6 mm apart (an implant's seeds). */
function implant(n: number, seed: number): Vec3[] {
  const r = lcg(seed);
  const pts: Vec3[] = [];
  while (pts.length < n) {
    const p: Vec3 = [r() * 60 - 30, r() * 60 - 30, r() * 60 - 30];
    if (pts.every((q) => distance(p, q) >= 6)) pts.push(p);
  }
  return pts;
}

describe('rigid fit (Horn)', () => {
  it('recovers an exact transform from three or more pairs, never a reflection', () => {
    const m = rigid([1, 2, 3], 2.5, [10, -20, 30]);
    const src = implant(5, 7);
    const fit = fitRigidTransform(src, src.map((p) => applyMatrix4(m, p)));
    fit.forEach((v, i) => expect(v).toBeCloseTo(m[i], 9));
  });
});

describe('registerSeeds', () => {
  it('property: random rigid transform (≤ 30°) + 0.3 mm noise + missing, extra and one migrated seed → transform recovered, migrated seed flagged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true })),
        fc.double({ min: (-29 * Math.PI) / 180, max: (29 * Math.PI) / 180, noNaN: true }),
        fc.tuple(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -200, max: 200, noNaN: true })),
        (seed, axis, angle, t) => {
          const plan = implant(40, seed);
          const truth = rigid(axis as Vec3, angle, t as Vec3);
          const noise = lcg(seed + 1);
          const found: Vec3[] = plan.map((p) => applyMatrix4(truth, p).map((x) => x + (noise() - 0.5) * 0.6) as Vec3);
          // Seed 5 migrated 80 mm away (to the lung); seeds 10 and 11 not seen; two bright extras (calcifications).
          found[5] = applyMatrix4(truth, [plan[5][0] + 80, plan[5][1], plan[5][2]]);
          const seen = found.filter((_, i) => i !== 10 && i !== 11);
          seen.push(applyMatrix4(truth, [100, 100, 100]), applyMatrix4(truth, [-90, 95, 0]));
          const reg = registerSeeds(plan, seen);
          // Recovered transform moves every plan seed to within 0.5 mm of its true image.
          for (const p of plan) expect(distance(applyMatrix4(reg.matrix, p), applyMatrix4(truth, p))).toBeLessThan(0.5);
          expect(reg.pairs).toHaveLength(37);
          expect(reg.rmsMm).toBeLessThan(0.6);
          const migrated = reg.migrated.map((m) => m.planIndex).sort((a, b) => a - b);
          expect(migrated).toEqual([5, 10, 11]);
          const five = reg.migrated.find((m) => m.planIndex === 5)!;
          expect(five.displacementMm!).toBeGreaterThan(70);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('registers a regular lattice (the demo implant pattern) without locking onto a shifted copy', () => {
    const plan: Vec3[] = [];
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) for (let k = 0; k < 2; k++) plan.push([10 * i, 10 * j, 10 * k]);
    const truth = rigid([0, 0, 1], 0.3, [5, -7, 12]);
    const found = plan.map((p) => applyMatrix4(truth, p));
    const reg = registerSeeds(plan, found);
    for (const p of plan) expect(distance(applyMatrix4(reg.matrix, p), applyMatrix4(truth, p))).toBeLessThan(1e-6);
    expect(reg.migrated).toEqual([]);
  });

  it('finds no transform beyond the rotation bound (a 90° turn is not a follow-up pose)', () => {
    const plan = implant(20, 3);
    const truth = rigid([0, 0, 1], Math.PI / 2, [0, 0, 0]);
    const reg = registerSeeds(plan, plan.map((p) => applyMatrix4(truth, p)));
    expect(reg.pairs.length).toBeLessThan(10);
  });

  it('rejects too few seeds with one line', () => {
    expect(() => registerSeeds([[0, 0, 0]], [[0, 0, 0]], { source: 'plan.dcm → ct/' })).toThrow(
      'plan.dcm → ct/: seed positions: rigid registration needs at least 3 plan and 3 found seeds, got 1 and 1',
    );
  });
});
