/**
 * Isodose lines on a viewport's image plane, against an analytic dose: a cone D(p) = A − |p − c| sampled on a
 * 1 mm grid. Its isodose surface at level L is the sphere |p − c| = A − L, so on a plane at distance h from c the
 * line is the circle of radius √((A − L)² − h²) around c's projection — for any plane orientation. (Trilinear
 * interpolation of the cone is within ~0.02 mm of it at these radii: curvature 1/r, cell 1 mm.)
 */
import fc from 'fast-check';
import type { DoseGrid } from '../../../extensions/mrecist/src/core/dose/DoseGrid';
import { cross, dot, normalize, sub, type Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { dosePlaneForImage, isodoseOnImagePlane } from '../../../extensions/mrecist/src/core/overlay/isodoseOnImagePlane';

const A = 40;
const CENTRE: Vec3 = [10.3, -20.7, 5.2];
const SIZE = 61;

function coneGrid(): DoseGrid {
  const origin: Vec3 = [CENTRE[0] - 30.3, CENTRE[1] - 29.6, CENTRE[2] - 30.1];
  const dose = new Float32Array(SIZE ** 3);
  for (let k = 0; k < SIZE; k++) for (let j = 0; j < SIZE; j++) for (let i = 0; i < SIZE; i++) {
    const r = Math.hypot(origin[0] + i - CENTRE[0], origin[1] + j - CENTRE[1], origin[2] + k - CENTRE[2]);
    dose[k * SIZE * SIZE + j * SIZE + i] = A - r;
  }
  return {
    originMm: origin, rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], columns: SIZE, rows: SIZE,
    rowSpacingMm: 1, columnSpacingMm: 1, frameOffsetsMm: Array.from({ length: SIZE }, (_, k) => k),
    dose, units: 'GY', frameOfReferenceUid: '1.2.3',
  };
}

const grid = coneGrid();

function rotation(axis: Vec3, angleRad: number, v: Vec3): Vec3 {
  const k = normalize(axis), c = Math.cos(angleRad), s = Math.sin(angleRad);
  const kxv = cross(k, v), kv = dot(k, v);
  return [0, 1, 2].map((i) => v[i] * c + kxv[i] * s + k[i] * kv * (1 - c)) as Vec3;
}

function checkCircles(rowDirection: Vec3, columnDirection: Vec3, origin: Vec3, levels: number[]): void {
  const normal = cross(rowDirection, columnDirection);
  const h = dot(sub(CENTRE, origin), normal);
  const foot = CENTRE.map((x, i) => x - h * normal[i]) as Vec3;
  const lines = isodoseOnImagePlane(grid, { originMm: origin, rowDirection, columnDirection }, levels, 0.5);
  expect(lines.map((l) => l.level.doseGy)).toEqual(levels);
  for (const line of lines) {
    const radius = Math.sqrt((A - line.level.doseGy) ** 2 - h ** 2);
    expect(line.rings).toHaveLength(1);
    expect(line.rings[0].length).toBeGreaterThan(20);
    for (const p of line.rings[0]) {
      expect(Math.abs(dot(sub(p, origin), normal))).toBeLessThan(1e-9);
      expect(Math.abs(Math.hypot(...sub(p, foot)) - radius)).toBeLessThan(0.1);
    }
  }
}

describe('isodoseOnImagePlane', () => {
  it('gives circles of the analytic radius on an axial plane 3 mm from the centre', () => {
    checkCircles([1, 0, 0], [0, 1, 0], [CENTRE[0] - 7, CENTRE[1] + 4, CENTRE[2] + 3], [20, 25, 30]);
  });

  it('gives the analytic circles on oblique planes of any orientation (property)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.2, max: 1, noNaN: true })),
        fc.double({ min: 0, max: Math.PI, noNaN: true }),
        fc.double({ min: -8, max: 8, noNaN: true }),
        (axis, angle, offset) => {
          const row = rotation(axis, angle, [1, 0, 0]), column = rotation(axis, angle, [0, 1, 0]);
          const normal = cross(row, column);
          const origin = CENTRE.map((x, i) => x + offset * normal[i] + 3 * row[i]) as Vec3;
          checkCircles(row, column, origin, [22, 28]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('gives no lines on a plane that misses the dose grid, and none where no dose reaches the level', () => {
    const far: Vec3 = [CENTRE[0], CENTRE[1], CENTRE[2] + 40];
    expect(dosePlaneForImage(grid, { originMm: far, rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] }, 1)).toBeNull();
    expect(isodoseOnImagePlane(grid, { originMm: far, rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] }, [10, 20])).toEqual([
      { level: { doseGy: 10 }, rings: [] },
      { level: { doseGy: 20 }, rings: [] },
    ]);
    const lines = isodoseOnImagePlane(grid, { originMm: CENTRE, rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] }, [A + 1]);
    expect(lines[0].rings).toEqual([]);
  });

  it('samples exactly the grid footprint on an axial plane', () => {
    const plane = dosePlaneForImage(grid, { originMm: [0, 0, CENTRE[2]], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] }, 1)!;
    // Footprint x ∈ [origin, origin + 60]: whole-mm samples from floor(origin) to cover the far edge.
    expect(plane.originMm[0]).toBe(Math.floor(grid.originMm[0]));
    expect(plane.originMm[0] + (plane.columns - 1)).toBeGreaterThanOrEqual(grid.originMm[0] + 60);
    expect(plane.originMm[0] + (plane.columns - 2)).toBeLessThan(grid.originMm[0] + 60);
    expect(plane.originMm[2]).toBe(CENTRE[2]);
  });

  it('rejects a non-positive sample spacing', () => {
    expect(() => dosePlaneForImage(grid, { originMm: CENTRE, rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] }, 0)).toThrow(
      'isodose sample spacing must be positive, got 0',
    );
  });
});
