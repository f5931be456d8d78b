/**
 * TG-43U1 single-seed dose rates for model 6711 against independent references: formulas evaluated here from the
 * published tables (Rivard et al. 2004; brachytherapy-dosimetry.md section 6), and hand-computed consensus values.
 */
import fc from 'fast-check';
import { MODEL_6711 } from '../../../extensions/mrecist/src/core/dose/sources/model6711';
import {
  anisotropyFunction,
  lineGeometryFunction,
  lineSourceDoseRatePerU,
  pointSourceDoseRatePerU,
  radialDoseFunction,
} from '../../../extensions/mrecist/src/core/dose/tg43Lookup';

const LAMBDA = 0.965;
const L = 0.3;
// Transverse-axis geometry function written out independently: β = 2·atan(L / 2r), G = β / (L·r).
const gTransverse = (r: number) => (2 * Math.atan(L / (2 * r))) / (L * r);
const G0 = gTransverse(1);

describe('line source (2D) on the transverse axis', () => {
  // Published g_L at the nodes and hand-computed Λ·g_L·G_L(r,90°)/G_L(1,90°) (cGy·h⁻¹·U⁻¹), 5 significant digits.
  it.each([
    [0.5, 1.071, 4.0463],
    [1, 1.0, 0.965],
    [2, 0.814, 0.19747],
    [3, 0.632, 0.068213],
    [5, 0.364, 0.014150],
  ])('r = %s cm: Λ·g_L·G ratio and the consensus value', (r, gL, consensus) => {
    const expected = (LAMBDA * gL * gTransverse(r)) / G0;
    const got = lineSourceDoseRatePerU(MODEL_6711, r, 90);
    expect(got).toBeCloseTo(expected, 10);
    expect(Math.abs(got / consensus - 1)).toBeLessThan(0.01);
  });

  it('is exactly Λ = 0.965 cGy/h/U at the reference point', () => {
    expect(lineSourceDoseRatePerU(MODEL_6711, 1, 90)).toBeCloseTo(0.965, 12);
  });

  it('G_L(r0, θ0) = 0.99260 cm⁻² for L = 0.3 cm', () => {
    expect(lineGeometryFunction(0.3, 1, 90)).toBeCloseTo(0.9926, 4);
  });
});

describe('line source (2D) along the seed axis', () => {
  // θ = 0: G_L = 1 / (r² − L²/4); F(r, 0°) from the table.
  it.each([
    [0.5, 1.071, 0.333, 1.5241],
    [1, 1.0, 0.37, 0.36799],
    [2, 0.814, 0.442, 0.087940],
    [3, 0.632, 0.488, 0.033400],
    [5, 0.364, 0.55, 0.0077900],
  ])('r = %s cm', (r, gL, F0, consensus) => {
    const expected = (LAMBDA * gL * (1 / (r * r - (L * L) / 4)) * F0) / G0;
    const got = lineSourceDoseRatePerU(MODEL_6711, r, 0);
    expect(got).toBeCloseTo(expected, 10);
    expect(Math.abs(got / consensus - 1)).toBeLessThan(0.01);
    expect(lineSourceDoseRatePerU(MODEL_6711, r, 180)).toBeCloseTo(got, 12);
  });

  it('off-axis G_L equals the two-end-angle form β = θ2 − θ1', () => {
    const [r, theta] = [0.7, 35];
    const rho = r * Math.sin((theta * Math.PI) / 180);
    const z = r * Math.cos((theta * Math.PI) / 180);
    const beta = Math.atan((z + L / 2) / rho) - Math.atan((z - L / 2) / rho);
    expect(lineGeometryFunction(L, r, theta)).toBeCloseTo(beta / (L * rho), 12);
  });
});

describe('point source (1D)', () => {
  // Λ·(r0/r)²·g_P(r)·φ_an(r) at the nodes where both tables have values.
  it.each([
    [0.5, 1.048, 0.973],
    [1, 1.0, 0.944],
    [2, 0.819, 0.941],
    [3, 0.636, 0.942],
    [5, 0.367, 0.944],
  ])('r = %s cm', (r, gP, phi) => {
    expect(pointSourceDoseRatePerU(MODEL_6711, r)).toBeCloseTo((LAMBDA * gP * phi) / (r * r), 10);
  });

  it('holds φ_an below 0.5 cm and clamps r at 0.1 cm', () => {
    expect(pointSourceDoseRatePerU(MODEL_6711, 0.25)).toBeCloseTo((LAMBDA * 0.982 * 0.973) / 0.0625, 10);
    expect(pointSourceDoseRatePerU(MODEL_6711, 0)).toBeCloseTo((LAMBDA * 0.696 * 0.973) / 0.01, 10);
  });
});

describe('table lookup rules', () => {
  it.each(MODEL_6711.anisotropy2D.thetaDeg.flatMap((t, ti) => MODEL_6711.anisotropy2D.rCm.map((r, ri) => [r, t, MODEL_6711.anisotropy2D.values[ti][ri]])))(
    'F(%s cm, %s°) returns its table value',
    (r, theta, value) => {
      expect(anisotropyFunction(MODEL_6711, r, theta)).toBeCloseTo(value, 12);
    },
  );

  it('interpolates g linearly between nodes and holds it below 0.1 cm', () => {
    expect(radialDoseFunction(MODEL_6711, 'line2d', 1.25)).toBeCloseTo((1.0 + 0.908) / 2, 12);
    expect(radialDoseFunction(MODEL_6711, 'line2d', 0.05)).toBe(1.055);
    expect(radialDoseFunction(MODEL_6711, 'point1d', 0.05)).toBe(0.696);
  });

  it('extrapolates g log-linearly beyond 10 cm (stays positive)', () => {
    const expected = 0.0803 * Math.pow(0.0803 / 0.109, 2);
    expect(radialDoseFunction(MODEL_6711, 'line2d', 12)).toBeCloseTo(expected, 10);
    expect(radialDoseFunction(MODEL_6711, 'line2d', 30)).toBeGreaterThan(0);
  });

  it('F is bilinear in (r, θ) and held outside 0.5–5 cm', () => {
    const v = MODEL_6711.anisotropy2D.values;
    expect(anisotropyFunction(MODEL_6711, 1.5, 15)).toBeCloseTo((v[2][1] + v[2][2] + v[3][1] + v[3][2]) / 4, 12);
    expect(anisotropyFunction(MODEL_6711, 8, 0)).toBe(0.55);
    expect(anisotropyFunction(MODEL_6711, 0.2, 0)).toBe(0.333);
  });

  it('F(r, θ) = F(r, 180° − θ) and the 2D dose rate is symmetric too', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 12, noNaN: true }), fc.double({ min: 0, max: 180, noNaN: true }), (r, theta) => {
        expect(anisotropyFunction(MODEL_6711, r, theta)).toBeCloseTo(anisotropyFunction(MODEL_6711, r, 180 - theta), 12);
        const a = lineSourceDoseRatePerU(MODEL_6711, r, theta);
        const b = lineSourceDoseRatePerU(MODEL_6711, r, 180 - theta);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(a, b));
      }),
    );
  });
});
