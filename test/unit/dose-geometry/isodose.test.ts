import fc from 'fast-check';
import type { DoseGrid } from '../../../extensions/mrecist/src/core/dose/DoseGrid';
import {
  isodoseLevels,
  isodoseLines,
  isodoseLinesFromSamples,
} from '../../../extensions/mrecist/src/core/dose/isodoseLines';
import { contourRings, MarchingSquaresWorkspace } from '../../../extensions/mrecist/src/core/dose/isodoseMarchingSquares';
import {
  axialPlaneOverGrid,
  doseGridSampler,
  planePointMm,
  planeThroughPoint,
  sampleDosePlane,
  type DosePlane,
} from '../../../extensions/mrecist/src/core/dose/isodosePlane';
import { isodoseRoiName, isodoseRois } from '../../../extensions/mrecist/src/core/dose/isodoseRois';
import { sampleDose } from '../../../extensions/mrecist/src/core/dose/sampleDose';
import { cross, dot, sub, type Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';

const SOURCE: Vec3 = [12.3, -4.7, 30.2];
/** Point source with 1/r² fall-off: D(r) = K / r², so the level L contour is the sphere r = √(K/L). */
const K = 145 * 20 * 20; // 145 Gy at 20 mm
const inverseSquare = (p: Vec3) => K / Math.max(1e-6, dot(sub(p, SOURCE), sub(p, SOURCE)));

function ringArea(ring: Vec3[], u: Vec3, v: Vec3): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += dot(ring[j], u) * dot(ring[i], v) - dot(ring[i], u) * dot(ring[j], v);
  }
  return Math.abs(a / 2);
}

describe('isodose levels', () => {
  it('defaults to 50/80/90/100/150/200 % of the prescription (145 Gy example of section 9)', () => {
    expect(isodoseLevels(145).map((l) => l.doseGy)).toEqual([72.5, 116, 130.5, 145, 217.5, 290]);
    expect(isodoseRoiName(130.5)).toBe('Isodose 130.5 Gy');
    expect(() => isodoseLevels(0)).toThrow('prescription must be positive, got 0');
  });
});

describe('isodose lines of an analytic 1/r² field', () => {
  it.each([
    ['axial plane through the source', [0, 0, 1] as Vec3, 0],
    ['axial plane 8 mm from the source', [0, 0, 1] as Vec3, 8],
    ['oblique plane 5 mm from the source', [1, 2, 2] as Vec3, 5],
  ])('%s: every level is a circle of radius √(K/L − h²)', (_, normalRaw, h) => {
    const n = normalRaw.map((x) => x / Math.hypot(...normalRaw)) as Vec3;
    const foot = SOURCE.map((c, d) => c + h * n[d]) as Vec3;
    const plane = planeThroughPoint(foot, n, 100, 1);
    const levels = isodoseLevels(145);
    const lines = isodoseLines(inverseSquare, plane, levels);
    for (const line of lines) {
      const expectedR = Math.sqrt(K / line.level.doseGy - h * h);
      expect(line.rings).toHaveLength(1);
      for (const p of line.rings[0]) {
        expect(Math.abs(dot(sub(p, foot), n))).toBeLessThan(1e-9); // on the plane
        expect(Math.abs(Math.hypot(...sub(p, foot)) - expectedR)).toBeLessThan(0.05 * Math.max(1, 20 / expectedR));
      }
      const area = ringArea(line.rings[0], plane.uDirection, plane.vDirection);
      expect(area / (Math.PI * expectedR * expectedR)).toBeCloseTo(1, 2);
    }
  });

  it('from a DoseGrid (trilinear lookup on a plane not aligned with the grid)', () => {
    const grid: DoseGrid = {
      originMm: [SOURCE[0] - 40.5, SOURCE[1] - 40.25, SOURCE[2] - 30],
      rowDirection: [1, 0, 0],
      columnDirection: [0, 1, 0],
      columns: 82,
      rows: 82,
      rowSpacingMm: 1,
      columnSpacingMm: 1,
      frameOffsetsMm: Array.from({ length: 61 }, (_, k) => k),
      dose: new Float32Array(82 * 82 * 61),
      units: 'GY',
      frameOfReferenceUid: '1.2.3',
    };
    for (let k = 0; k < 61; k++) for (let j = 0; j < 82; j++) for (let i = 0; i < 82; i++) {
      grid.dose[k * 82 * 82 + j * 82 + i] = inverseSquare([grid.originMm[0] + i, grid.originMm[1] + j, grid.originMm[2] + k]);
    }
    const plane = axialPlaneOverGrid(grid, SOURCE[2] + 3.5, 0.5);
    const [line] = isodoseLines(grid, plane, [{ percent: 100, doseGy: 145 }]);
    const r = Math.sqrt(K / 145 - 3.5 * 3.5);
    expect(line.rings).toHaveLength(1);
    // Trilinear interpolation of 1/r² over 1 mm voxels overestimates the dose slightly: 0.1 mm at r ≈ 20 mm.
    for (const p of line.rings[0]) expect(Math.abs(Math.hypot(p[0] - SOURCE[0], p[1] - SOURCE[1]) - r)).toBeLessThan(0.1);
  });
});

describe('trilinear dose grid sampler', () => {
  it('reproduces a linear field exactly on an oblique grid with descending uneven frame offsets; NaN outside', () => {
    const X: Vec3 = [Math.SQRT1_2, Math.SQRT1_2, 0];
    const Y: Vec3 = [0, 0, -1];
    const N = cross(X, Y);
    const offsets = [0, -2, -5, -9];
    const grid: DoseGrid = {
      originMm: [5, -3, 7], rowDirection: X, columnDirection: Y, columns: 4, rows: 3,
      rowSpacingMm: 2.5, columnSpacingMm: 2, frameOffsetsMm: offsets,
      dose: new Float32Array(4 * 3 * 4), units: 'GY', frameOfReferenceUid: '1',
    };
    const field = (p: Vec3) => 3 + 0.5 * p[0] - 0.25 * p[1] + 0.125 * p[2];
    const at = (i: number, j: number, k: number): Vec3 =>
      [0, 1, 2].map((d) => grid.originMm[d] + i * 2 * X[d] + j * 2.5 * Y[d] + offsets[k] * N[d]) as Vec3;
    for (let k = 0; k < 4; k++) for (let j = 0; j < 3; j++) for (let i = 0; i < 4; i++) grid.dose[k * 12 + j * 4 + i] = field(at(i, j, k));
    const sample = doseGridSampler(grid);
    const inside: Vec3 = [0, 1, 2].map((d) => grid.originMm[d] + 3.3 * X[d] + 4.1 * Y[d] - 6.5 * N[d]) as Vec3;
    expect(sample(...inside)).toBeCloseTo(field(inside), 4);
    const outside: Vec3 = [0, 1, 2].map((d) => grid.originMm[d] + 3.3 * X[d] + 4.1 * Y[d] + 0.5 * N[d]) as Vec3;
    expect(sample(...outside)).toBeNaN();
    const corner = at(3, 2, 3);
    expect(sample(...corner)).toBeCloseTo(field(corner), 4);
  });
});

describe('marching squares', () => {
  const square = (values: number[], columns: number, level: number) => {
    const ws = new MarchingSquaresWorkspace(columns, values.length / columns);
    ws.load(Float32Array.from(values));
    return contourRings(ws, level);
  };

  it.each([
    // Saddle [[1,0],[0,1]] inside a zero border: centre mean 0.5.
    [0.5, 1], // centre ≥ level → the two above corners join: one ring
    [0.6, 2], // centre < level → two separate rings
  ])('resolves a saddle by the cell-centre mean (level %d → %d rings)', (level, count) => {
    const v = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    expect(square(v, 4, level)).toHaveLength(count);
  });

  it('treats NaN as below and closes rings at the image edge on the boundary sample', () => {
    const rings = square([NaN, 2, 2, 2, 2, 2, 2, 2, 2], 3, 1);
    expect(rings).toHaveLength(1);
    const xs = [...rings[0]].filter((_, i) => i % 2 === 0), ys = [...rings[0]].filter((_, i) => i % 2 === 1);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(2);
    expect(Math.max(...ys)).toBe(2);
  });

  it('property: vertices interpolate the level on their edge, no repeated or degenerate rings, ring count unchanged by flipping', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 2, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 81, maxLength: 81 }),
        (w, h, raw) => {
          const values = raw.slice(0, w * h);
          const level = 2; // integer values: saddle centres can tie the level; the rule is still order-free
          const rings = square(values, w, level);
          for (const ring of rings) {
            expect(ring.length).toBeGreaterThanOrEqual(6);
            for (let k = 0; k < ring.length; k += 2) {
              const m = (k + 2) % ring.length;
              expect(ring[k] === ring[m] && ring[k + 1] === ring[m + 1]).toBe(false);
              const x = ring[k], y = ring[k + 1];
              const onV = Number.isInteger(x), onH = Number.isInteger(y);
              expect(onV || onH).toBe(true);
              if (onV && onH) continue; // a vertex on a sample next to the padding
              const get = (i: number, j: number) => (i < 0 || j < 0 || i >= w || j >= h ? -Infinity : values[j * w + i]);
              const [a, b, t] = onH ? [get(Math.floor(x), y), get(Math.floor(x) + 1, y), x - Math.floor(x)] : [get(x, Math.floor(y)), get(x, Math.floor(y) + 1), y - Math.floor(y)];
              expect(a + t * (b - a)).toBeCloseTo(level, 9);
            }
          }
          const flipped: number[] = [];
          for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) flipped.push(values[j * w + (w - 1 - i)]);
          const flippedV: number[] = [];
          for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) flippedV.push(values[(h - 1 - j) * w + i]);
          expect(square(flipped, w, level)).toHaveLength(rings.length);
          expect(square(flippedV, w, level)).toHaveLength(rings.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isodose ROIs', () => {
  it('merges planes into one ROI per level with DOSE_REGION type', () => {
    const plane: DosePlane = { originMm: [0, 0, 0], uDirection: [1, 0, 0], vDirection: [0, 1, 0], columns: 3, rows: 3, spacingMm: 1 };
    const values = Float32Array.from([0, 0, 0, 0, 200, 0, 0, 0, 0]);
    const a = isodoseLinesFromSamples(plane, values, isodoseLevels(145, [100]));
    const b = isodoseLinesFromSamples({ ...plane, originMm: [0, 0, 2] }, values, isodoseLevels(145, [100]));
    const rois = isodoseRois([...a, ...b]);
    expect(rois.map((r) => [r.name, r.interpretedType, r.contours.length])).toEqual([['Isodose 145 Gy', 'DOSE_REGION', 2]]);
    expect(rois[0].displayColor).toEqual([255, 255, 0]);
  });
});

describe('plane sampler agrees with the RT Dose reader side sampleDose (independent implementations)', () => {
  it('property: same value or both outside at random points on a random grid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: 0, max: 500, noNaN: true }), { minLength: 60, maxLength: 60 }),
        fc.array(fc.tuple(fc.double({ min: -3, max: 9, noNaN: true }), fc.double({ min: -3, max: 12, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true })), { minLength: 20, maxLength: 20 }),
        fc.constantFrom([0, -1.5, -5], [0, -2.5, -5], [0, 2.5, 5], [0, 1, 4]),
        (values, points, frameOffsetsMm) => {
          const grid: DoseGrid = {
            originMm: [0.5, -1, 2], rowDirection: [1, 0, 0], columnDirection: [0, 0.6, 0.8],
            columns: 5, rows: 4, rowSpacingMm: 2.5, columnSpacingMm: 1.5, frameOffsetsMm: [...frameOffsetsMm],
            dose: Float32Array.from(values), units: 'GY', frameOfReferenceUid: '1',
          };
          const mine = doseGridSampler(grid);
          for (const p of points) {
            const theirs = sampleDose(grid, p as Vec3);
            const ours = mine(...(p as Vec3));
            if (theirs === null) expect(ours).toBeNaN();
            else expect(ours).toBeCloseTo(theirs, 3);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('plane fill from a grid (incremental) equals point-by-point sampling', () => {
  it('property: random planes through random grids, inside and outside', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: 0, max: 500, noNaN: true }), { minLength: 60, maxLength: 60 }),
        fc.constantFrom([0, -2.5, -5], [0, 2.5, 5], [0, 1, 4], [0]),
        fc.tuple(fc.double({ min: -4, max: 10, noNaN: true }), fc.double({ min: -4, max: 10, noNaN: true }), fc.double({ min: -6, max: 8, noNaN: true })),
        fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true })),
        (values, offsets, centre, normal) => {
          const frames = offsets.length;
          const grid: DoseGrid = {
            originMm: [0.5, -1, 2], rowDirection: [1, 0, 0], columnDirection: [0, 0.6, 0.8],
            columns: 5, rows: 4, rowSpacingMm: 2.5, columnSpacingMm: 1.5, frameOffsetsMm: [...offsets],
            dose: Float32Array.from(values.slice(0, 20 * frames)), units: 'GY', frameOfReferenceUid: '1',
          };
          const plane = planeThroughPoint(centre as Vec3, normal as Vec3, 12, 0.7);
          const filled = sampleDosePlane(grid, plane);
          const point = doseGridSampler(grid);
          for (let j = 0; j < plane.rows; j++) for (let i = 0; i < plane.columns; i++) {
            const expected = point(...planePointMm(plane, i, j));
            const got = filled[j * plane.columns + i];
            if (Number.isNaN(expected)) expect(got).toBeNaN();
            else expect(got).toBeCloseTo(expected, 2);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
