/**
 * Amersham/Oncura/GE model 6711 I-125 seed, AAPM consensus data.
 * Citation: Rivard MJ et al. Update of AAPM Task Group No. 43 report (TG-43U1). Med Phys 2004;31(3):633–674.
 * Values as tabulated in docs/brachytherapy-dosimetry.md section 6 (g_L, F and φ_an agree with two independent public
 * implementations; g_P is derived from g_L with the geometry-function conversion, flagged there as not checked
 * against the printed report).
 * Units: r in cm, θ in degrees, Λ in cGy·h⁻¹·U⁻¹, L in cm.
 * Interpolation (see ../tg43Lookup.ts): g linear in r, held below 0.1 cm, linearly extrapolated from the last two
 * nodes beyond 10 cm; F bilinear in (r, θ), held at the nearest tabulated radius outside 0.5–5 cm, θ folded by
 * symmetry θ → min(θ, 180° − θ); φ_an linear in r, held outside 0.5–5 cm.
 */
import { deepFreeze } from '../../deepFreeze';
import type { SourceModel } from './SourceModel';

export const MODEL_6711: Readonly<SourceModel> = deepFreeze({
  sourceModelId: '6711',
  description: 'I-125 model 6711 (TG-43U1 consensus data)',
  citation: 'Rivard MJ et al. TG-43U1, Med Phys 2004;31:633-674',
  isotope: 'I-125',
  doseRateConstant: 0.965,
  activeLengthCm: 0.3,
  radialDose: {
    rCm: [0.1, 0.15, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
    gL: [1.055, 1.078, 1.082, 1.071, 1.042, 1.0, 0.908, 0.814, 0.632, 0.496, 0.364, 0.27, 0.199, 0.148, 0.109, 0.0803],
    gP: [0.696, 0.853, 0.982, 1.048, 1.036, 1.0, 0.912, 0.819, 0.636, 0.499, 0.367, 0.272, 0.2, 0.149, 0.11, 0.081],
  },
  anisotropy2D: {
    rCm: [0.5, 1, 2, 3, 4, 5],
    thetaDeg: [0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90],
    values: [
      [0.333, 0.37, 0.442, 0.488, 0.52, 0.55],
      [0.4, 0.429, 0.497, 0.535, 0.561, 0.587],
      [0.519, 0.537, 0.58, 0.609, 0.63, 0.645],
      [0.716, 0.705, 0.727, 0.743, 0.752, 0.76],
      [0.846, 0.834, 0.842, 0.846, 0.848, 0.852],
      [0.926, 0.925, 0.926, 0.926, 0.928, 0.928],
      [0.972, 0.972, 0.97, 0.969, 0.969, 0.969],
      [0.991, 0.991, 0.987, 0.987, 0.987, 0.987],
      [0.996, 0.996, 0.996, 0.995, 0.995, 0.995],
      [1.0, 1.0, 1.0, 0.999, 0.999, 0.999],
      [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    ],
  },
  anisotropy1D: { rCm: [0.5, 1, 2, 3, 4, 5], phiAn: [0.973, 0.944, 0.941, 0.942, 0.943, 0.944] },
});
