import fc from 'fast-check';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import {
  cumulativeDvh,
  doseVolumeMetrics,
} from '../../../extensions/mrecist/src/core/dose/dvhMetrics';
import { roiDoseVolumeMetrics, sampleRoi } from '../../../extensions/mrecist/src/core/dose/dvhSampling';
import { ellipsoidAxialContours } from '../../../extensions/mrecist/src/core/dose/rtStructEllipsoid';
import { planarRoiFromContours, planarRoiVolumeCc } from '../../../extensions/mrecist/src/core/dose/rtStructPlanarRoi';
import type { StructureRoi } from '../../../extensions/mrecist/src/core/dose/rtStruct';

/** A cube [0, 20]³ mm as 2 mm-thick axial squares (slab edges at z = 0 and 20). */
function cubeRoi(): StructureRoi {
  const contours = Array.from({ length: 10 }, (_, k) => {
    const z = 1 + 2 * k;
    return {
      geometricType: 'CLOSED_PLANAR' as const,
      points: [[0, 0, z], [20, 0, z], [20, 20, z], [0, 20, z]] as Vec3[],
    };
  });
  return { roiNumber: 1, name: 'Cube', frameOfReferenceUid: '1', contours };
}

describe('DVH metrics by definition (hand-computed)', () => {
  it('ten equal samples: D90 interpolates between sample centres, inclusive V, D100 = minimum', () => {
    // Doses 10..100 Gy, 1 mm³ each. Descending centres m_i = (i − ½)/10: 100 Gy at 0.05 … 10 Gy at 0.95.
    // Fraction 0.90 lies between 20 Gy (0.85) and 10 Gy (0.95): D90 = 15 Gy.
    const dose = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const m = doseVolumeMetrics(dose, 1, 50);
    expect(m.D90Gy).toBeCloseTo(15, 12);
    expect(m.D100Gy).toBe(10);
    expect(m.V100Pct).toBe(60); // 50, 60, …, 100: 50 counts (inclusive)
    expect(m.V150Pct).toBe(30); // ≥ 75
    expect(m.V200Pct).toBe(10); // ≥ 100
    expect(m.sampledVolumeCc).toBeCloseTo(0.01, 12);
    expect(m.D2ccGy).toBeNull();
  });

  it('unequal volumes weight the cumulative fraction', () => {
    // 100 Gy × 8 mm³, 50 Gy × 2 mm³: centres at 4/10 and 9/10 → D90 = 50 Gy exactly; V100 at 100 Gy = 80 %.
    const m = doseVolumeMetrics([50, 100], [2, 8], 100);
    expect(m.D90Gy).toBe(50);
    expect(m.V100Pct).toBe(80);
  });

  it('property: display caps do not change the metrics, and D90 ≥ D100', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 1, maxLength: 200 }), (dose) => {
        const m = doseVolumeMetrics(dose, 1, 145);
        const dvh = cumulativeDvh(dose, 1, 10, 1450);
        expect(dvh.volumePct[0]).toBeCloseTo(100, 9);
        expect(doseVolumeMetrics(dose, 1, 145)).toEqual(m);
        expect(m.D90Gy).toBeGreaterThanOrEqual(m.D100Gy);
        expect(m.maxGy).toBe(Math.max(...dose));
      }),
    );
  });
});

describe('DVH of analytic cases', () => {
  const cube = planarRoiFromContours(cubeRoi(), 'rs.dcm');

  it('cube volume and voxelisation: 8 cc', () => {
    expect(planarRoiVolumeCc(cube)).toBeCloseTo(8, 12);
    const s = sampleRoi(cube, 1);
    expect(s.count).toBe(8000);
  });

  it('uniform dose: every metric equals the dose; V100 inclusive at exactly the prescription', () => {
    const m = roiDoseVolumeMetrics(cube, () => 145, 145, 'dose.dcm');
    expect([m.D90Gy, m.D100Gy, m.V100Pct, m.V150Pct]).toEqual([145, 145, 100, 0]);
  });

  it.each([1, 0.5])('linear gradient 100 + 5·x Gy across the cube (resolution %d mm): D90 = 110 Gy, V150 = 50 %%', (res) => {
    // Fraction with dose ≥ d is (200 − d)/100, so D90 = 110 Gy, V100 (145) = 55 %, V150 (217.5) = 0, D100 → 100.
    const m = roiDoseVolumeMetrics(cube, (p) => 100 + 5 * p[0], 145, 'dose.dcm', res);
    expect(m.D90Gy).toBeCloseTo(110, 9);
    expect(m.V100Pct).toBeCloseTo(55, 9);
    expect(m.meanGy).toBeCloseTo(150, 9);
    expect(m.D100Gy).toBeCloseTo(100 + 2.5 * res, 9);
    const m2 = roiDoseVolumeMetrics(cube, (p) => 100 + 5 * p[0], 100, 'dose.dcm', res);
    expect(m2.V150Pct).toBeCloseTo(50, 9);
    expect(m2.V200Pct).toBeCloseTo(0, 9);
  });

  it('sphere R = 15 mm around a 1/r² point source: D90 = K / (R² · 0.9^(2/3)), V100 = (r_p / R)³', () => {
    const R = 15;
    const centre: Vec3 = [3.2, -7.1, 4.4];
    const zs = Array.from({ length: 61 }, (_, k) => centre[2] - 15 + 0.5 * k + 0.25);
    const sphere = planarRoiFromContours(
      {
        roiNumber: 1,
        name: 'Sphere',
        frameOfReferenceUid: '1',
        contours: ellipsoidAxialContours({ centerMm: centre, semiAxesMm: [R, R, R], slicePositionsMm: zs, pointsPerContour: 256 }),
      },
      'rs.dcm',
    );
    const K = 145 * 12 * 12; // 145 Gy at 12 mm
    const dose = (p: Vec3) => K / Math.max(1e-6, (p[0] - centre[0]) ** 2 + (p[1] - centre[1]) ** 2 + (p[2] - centre[2]) ** 2);
    const m = roiDoseVolumeMetrics(sphere, dose, 145, 'dose.dcm', 0.5);
    const D90 = K / (R * R * 0.9 ** (2 / 3));
    expect(Math.abs(m.D90Gy / D90 - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.V100Pct - 100 * (12 / 15) ** 3)).toBeLessThan(0.5);
    expect(Math.abs(m.V200Pct - 100 * (12 / Math.SQRT2 / 15) ** 3)).toBeLessThan(0.5);
    expect(Math.abs(m.sampledVolumeCc / ((4 / 3) * Math.PI * R ** 3 / 1000) - 1)).toBeLessThan(0.01);
  });

  it('rejects a structure reaching outside the dose grid, naming the dose file', () => {
    expect(() => roiDoseVolumeMetrics(cube, (p) => (p[0] > 19 ? null : 1), 145, 'dose.dcm')).toThrow(
      'dose.dcm: dose grid: does not cover ROI "Cube" (5.0 % of its volume outside)',
    );
  });
});
