/**
 * A brachytherapy seed model's TG-43U1 dosimetry parameters, as data. Units: cm, cGy·h⁻¹·U⁻¹, days.
 * Every table carries its citation; the lookup rules (interpolation and limits) live in ../tg43Lookup.ts.
 */
export interface SourceModel {
  /** Source Model ID (300A,021B) this data set answers to, e.g. "6711". */
  sourceModelId: string;
  /** Human-readable name written into reports. */
  description: string;
  citation: string;
  isotope: string;
  /** Dose-rate constant Λ, cGy·h⁻¹·U⁻¹. */
  doseRateConstant: number;
  /** Active length L used in the line-source geometry function, cm. */
  activeLengthCm: number;
  /** Radial dose functions g_L (line source) and g_P (point source) on common radii. */
  radialDose: { rCm: readonly number[]; gL: readonly number[]; gP: readonly number[] };
  /** 2D anisotropy function F(r, θ): values[thetaIndex][rIndex]. */
  anisotropy2D: { rCm: readonly number[]; thetaDeg: readonly number[]; values: readonly (readonly number[])[] };
  /** 1D anisotropy function φ_an(r). */
  anisotropy1D: { rCm: readonly number[]; phiAn: readonly number[] };
}
