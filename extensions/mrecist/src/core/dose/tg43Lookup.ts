/**
 * TG-43U1 dose rate per unit air-kerma strength for one seed, evaluated exactly from the model's tables
 * (Rivard et al., Med Phys 2004;31:633–674; brachytherapy-dosimetry.md section 6). This is the reference
 * evaluation; the grid engine precomputes tables from these functions (doseRateTable.ts).
 *
 * Interpolation and limits:
 * - g_L, g_P: linear in r between nodes; held at the first node below it (0.1 cm for 6711). Beyond the last node
 *   the doc allows linear extrapolation, but for 6711 a straight line through 9 and 10 cm reaches zero at 12.8 cm
 *   and goes negative inside a 15 cm dose grid, so we extrapolate log-linearly (exponentially) from the last two
 *   nodes [project rule].
 * - F(r, θ): bilinear in (r, θ) on the table, θ folded by symmetry θ → min(θ, 180° − θ), r held at the nearest
 *   tabulated radius outside the table.
 * - φ_an(r): linear in r, held outside the table.
 * - Radius floor: a point on or next to a seed would give an infinite dose. Point source: r is raised to
 *   MIN_RADIUS_POINT_CM (0.1 cm, the first g node). Line source: r is raised to L/2 + 0.05 cm (0.2 cm for 6711),
 *   because on the axis inside the active length the line-source geometry function itself diverges [project rule].
 */
import type { SourceModel } from './sources/SourceModel';

export const MIN_RADIUS_POINT_CM = 0.1;
/** Added to L/2 for the line-source radius floor. */
export const LINE_RADIUS_FLOOR_BEYOND_HALF_LENGTH_CM = 0.05;
export const REFERENCE_RADIUS_CM = 1;

export type DoseModelKind = 'point1d' | 'line2d';

export function lineRadiusFloorCm(model: Readonly<SourceModel>): number {
  return model.activeLengthCm / 2 + LINE_RADIUS_FLOOR_BEYOND_HALF_LENGTH_CM;
}

/** Linear interpolation on ascending nodes; held outside. Index search is linear: tables have ≤ 20 nodes. */
export function interpolateHeld(xs: readonly number[], ys: readonly number[], x: number): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let i = 1;
  while (xs[i] < x) i++;
  const t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return ys[i - 1] + t * (ys[i] - ys[i - 1]);
}

/** Radial dose function g_L (line2d) or g_P (point1d) at r cm. */
export function radialDoseFunction(model: Readonly<SourceModel>, kind: DoseModelKind, rCm: number): number {
  const xs = model.radialDose.rCm;
  const ys = kind === 'line2d' ? model.radialDose.gL : model.radialDose.gP;
  const n = xs.length;
  if (rCm > xs[n - 1]) {
    const decayPerCm = Math.log(ys[n - 1] / ys[n - 2]) / (xs[n - 1] - xs[n - 2]);
    return ys[n - 1] * Math.exp(decayPerCm * (rCm - xs[n - 1]));
  }
  return interpolateHeld(xs, ys, rCm);
}

/** Polar angle folded into [0°, 90°] by the source's symmetry about its transverse plane. */
export function foldPolarAngleDeg(thetaDeg: number): number {
  const t = Math.abs(thetaDeg) % 360;
  const u = t > 180 ? 360 - t : t;
  return Math.min(u, 180 - u);
}

/** F(r, θ), bilinear; θ in degrees, any range (folded). */
export function anisotropyFunction(model: Readonly<SourceModel>, rCm: number, thetaDeg: number): number {
  const { rCm: rs, thetaDeg: ts, values } = model.anisotropy2D;
  const theta = foldPolarAngleDeg(thetaDeg);
  let ti = 1;
  while (ti < ts.length - 1 && ts[ti] < theta) ti++;
  const tt = (theta - ts[ti - 1]) / (ts[ti] - ts[ti - 1]);
  const below = interpolateHeld(rs, values[ti - 1], rCm);
  const above = interpolateHeld(rs, values[ti], rCm);
  return below + tt * (above - below);
}

export function anisotropyFactor1D(model: Readonly<SourceModel>, rCm: number): number {
  return interpolateHeld(model.anisotropy1D.rCm, model.anisotropy1D.phiAn, rCm);
}

/**
 * Line-source geometry function G_L(r, θ) in cm⁻². β, the angle the active length subtends at the point, is
 * written as atan2(L·ρ, r² − L²/4) (ρ = r·sin θ, the distance from the axis): the difference of the two end angles
 * in one stable expression, which tends to the on-axis form 1/(r² − L²/4) as ρ → 0.
 */
export function lineGeometryFunction(activeLengthCm: number, rCm: number, thetaDeg: number): number {
  const L = activeLengthCm;
  const rho = rCm * Math.abs(Math.sin((thetaDeg * Math.PI) / 180));
  const denom = rCm * rCm - (L * L) / 4;
  if (rho < 1e-9 * rCm) return 1 / denom;
  return Math.atan2(L * rho, denom) / (L * rho);
}

/** Ḋ/S_K for the 2D line-source formalism, cGy·h⁻¹·U⁻¹, at (r cm, θ degrees from the seed axis). */
export function lineSourceDoseRatePerU(model: Readonly<SourceModel>, rCm: number, thetaDeg: number): number {
  const r = Math.max(rCm, lineRadiusFloorCm(model));
  const L = model.activeLengthCm;
  const g0 = lineGeometryFunction(L, REFERENCE_RADIUS_CM, 90);
  return (
    model.doseRateConstant *
    (lineGeometryFunction(L, r, thetaDeg) / g0) *
    radialDoseFunction(model, 'line2d', r) *
    anisotropyFunction(model, r, thetaDeg)
  );
}

/** Ḋ/S_K for the 1D point-source formalism (g_P, φ_an), cGy·h⁻¹·U⁻¹, at r cm. */
export function pointSourceDoseRatePerU(model: Readonly<SourceModel>, rCm: number): number {
  const r = Math.max(rCm, MIN_RADIUS_POINT_CM);
  const rel = REFERENCE_RADIUS_CM / r;
  return model.doseRateConstant * rel * rel * radialDoseFunction(model, 'point1d', r) * anisotropyFactor1D(model, r);
}
