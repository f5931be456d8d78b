/**
 * The WebAssembly SIMD row kernels (core/dose/wasm) against the JavaScript kernels they replace: the same sums
 * from the same tables, so the grids agree to 32-bit rounding, on rows that cross every region of both formalisms
 * (near table, F between radii, held F, the axis cone) and at voxels lying exactly on a seed. The accuracy of
 * both against the exact TG-43 evaluation is tested in computeDoseGrid.test.ts.
 */
import fc from 'fast-check';
import { computeDoseGrid } from '../../../extensions/mrecist/src/core/dose/computeDoseGrid';
import type { DoseGridGeometry, DoseSeed } from '../../../extensions/mrecist/src/core/dose/messages';
import { doseKernelModule } from '../../../extensions/mrecist/src/core/dose/wasm/doseKernelsWasm';
import { uleb, sleb } from '../../../extensions/mrecist/src/core/dose/wasm/wasmModule';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';

/** Long oblique rows (1.5 mm steps over 135 mm) through the implant: every region on every row. */
const c = Math.cos(0.4);
const s = Math.sin(0.4);
const LONG_ROWS: DoseGridGeometry = {
  originMm: [-70, -8, -6],
  rowDirection: [c, s, 0],
  columnDirection: [-s * 0.8, c * 0.8, 0.6],
  columns: 91,
  rows: 9,
  rowSpacingMm: 2,
  columnSpacingMm: 1.5,
  frameOffsetsMm: [0, 3.5, 7],
  frameOfReferenceUid: '1.2.3',
};

const coord = fc.double({ min: -12, max: 12, noNaN: true });
const unitAxis = fc
  .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }))
  .filter(([x, y, z]) => Math.hypot(x, y, z) > 0.1)
  .map(([x, y, z]) => [x / Math.hypot(x, y, z), y / Math.hypot(x, y, z), z / Math.hypot(x, y, z)] as Vec3);
const seedArb: fc.Arbitrary<DoseSeed> = fc.record({
  positionMm: fc.tuple(coord, coord, coord),
  axis: fc.option(unitAxis, { nil: undefined }),
  strengthAtImplantU: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
  halfLifeDays: fc.constant(59.4),
  sourceModelId: fc.constant('6711'),
});

function largestRelativeDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] / b[i] - 1));
  return max;
}

describe('WebAssembly dose kernels', () => {
  jest.setTimeout(60_000);

  it('are available under Node (the engine would silently fall back to the JavaScript kernels otherwise)', () => {
    expect(doseKernelModule()).not.toBeNull();
  });

  it.each(['line2d', 'point1d'] as const)('give the JavaScript kernels’ grid within 32-bit rounding (%s)', (model) => {
    fc.assert(
      fc.property(fc.array(seedArb, { minLength: 1, maxLength: 8 }), (seeds) => {
        const request = { seeds, geometry: LONG_ROWS, model, basis: { kind: 'fullDecay' as const } };
        const wasm = computeDoseGrid(request, undefined, 'auto').dose;
        const js = computeDoseGrid(request, undefined, 'js').dose;
        expect(largestRelativeDifference(wasm, js)).toBeLessThan(2e-5);
      }),
      { numRuns: Number(process.env.DOSE_RUNS ?? 15) },
    );
  });

  it('agree at voxels on a seed and along its axis (the axis cone is handed to the JavaScript kernel)', () => {
    // Seeds on voxel centres with their axes along the rows: whole rows lie in the 4° cone.
    const geometry: DoseGridGeometry = { ...LONG_ROWS, originMm: [-60, -4, -4], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], columnSpacingMm: 1, rowSpacingMm: 1, columns: 121, rows: 9, frameOffsetsMm: [0, 4, 8] };
    const seeds: DoseSeed[] = [
      { positionMm: [0, 0, 0], axis: [1, 0, 0], strengthAtImplantU: 0.762, halfLifeDays: 59.4, sourceModelId: '6711' },
      { positionMm: [25, 0, 4], axis: [0, 0, 1], strengthAtImplantU: 0.762, halfLifeDays: 59.4, sourceModelId: '6711' },
      { positionMm: [-30, 2, 4], strengthAtImplantU: 0.5, halfLifeDays: 59.4, sourceModelId: '6711' },
    ];
    for (const model of ['line2d', 'point1d'] as const) {
      const request = { seeds, geometry, model, basis: { kind: 'fullDecay' as const } };
      const wasm = computeDoseGrid(request, undefined, 'auto').dose;
      expect(wasm.every(Number.isFinite)).toBe(true);
      expect(largestRelativeDifference(wasm, computeDoseGrid(request, undefined, 'js').dose)).toBeLessThan(2e-5);
    }
  });

  it('encode integers as the binary format says (LEB128)', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
  });
});
