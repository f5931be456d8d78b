/**
 * An independent, straightforward TG-43U1 implementation for tests: written from the formulas and the published
 * model 6711 tables (brachytherapy-dosimetry.md section 6) without the engine's code. Slow and simple on purpose.
 * Same documented rules: linear g (held below the first node, log-linear beyond the last), bilinear F, φ_an held,
 * radius floors 0.1 cm (1D) and L/2 + 0.05 cm (2D).
 */
type V = [number, number, number];

const R_G = [0.1, 0.15, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const G_L = [1.055, 1.078, 1.082, 1.071, 1.042, 1, 0.908, 0.814, 0.632, 0.496, 0.364, 0.27, 0.199, 0.148, 0.109, 0.0803];
const G_P = [0.696, 0.853, 0.982, 1.048, 1.036, 1, 0.912, 0.819, 0.636, 0.499, 0.367, 0.272, 0.2, 0.149, 0.11, 0.081];
const R_F = [0.5, 1, 2, 3, 4, 5];
const T_F = [0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90];
const F = [
  [0.333, 0.37, 0.442, 0.488, 0.52, 0.55], [0.4, 0.429, 0.497, 0.535, 0.561, 0.587],
  [0.519, 0.537, 0.58, 0.609, 0.63, 0.645], [0.716, 0.705, 0.727, 0.743, 0.752, 0.76],
  [0.846, 0.834, 0.842, 0.846, 0.848, 0.852], [0.926, 0.925, 0.926, 0.926, 0.928, 0.928],
  [0.972, 0.972, 0.97, 0.969, 0.969, 0.969], [0.991, 0.991, 0.987, 0.987, 0.987, 0.987],
  [0.996, 0.996, 0.996, 0.995, 0.995, 0.995], [1, 1, 1, 0.999, 0.999, 0.999], [1, 1, 1, 1, 1, 1],
];
const PHI = [0.973, 0.944, 0.941, 0.942, 0.943, 0.944];
const LAMBDA = 0.965;
const L = 0.3;

function lin(xs: number[], ys: number[], x: number): number {
  if (x <= xs[0]) return ys[0];
  if (x >= xs[xs.length - 1]) return ys[ys.length - 1];
  for (let i = 1; i < xs.length; i++) if (x <= xs[i]) return ys[i - 1] + ((x - xs[i - 1]) * (ys[i] - ys[i - 1])) / (xs[i] - xs[i - 1]);
  throw new Error('unreachable');
}

function g(ys: number[], r: number): number {
  const n = R_G.length;
  if (r > R_G[n - 1]) return ys[n - 1] * Math.pow(ys[n - 1] / ys[n - 2], (r - R_G[n - 1]) / (R_G[n - 1] - R_G[n - 2]));
  return lin(R_G, ys, r);
}

function anisotropy(r: number, thetaDeg: number): number {
  const t = Math.min(thetaDeg, 180 - thetaDeg);
  const column = T_F.map((_, ti) => lin(R_F, F[ti], r));
  return lin(T_F, column, t);
}

/** Geometry function by the two end angles, for a point at distance rho from and z along the axis (cm). */
function geometry(rho: number, z: number): number {
  // β, the angle the source's ends subtend at the point, as atan2 of the cross and dot products of the vectors to
  // the two ends: unlike a difference of two atans it does not cancel near the axis, where it tends to the
  // on-axis limit 1 / (z² − L²/4).
  if (rho === 0) return 1 / (z * z - (L * L) / 4);
  return Math.atan2(rho * L, rho * rho + z * z - (L * L) / 4) / (L * rho);
}

/** cGy/h per U at point p from a seed at s (mm), axis unit vector or undefined for 1D. */
export function referenceDoseRatePerU(s: V, axis: V | undefined, p: V): number {
  const d: V = [(p[0] - s[0]) / 10, (p[1] - s[1]) / 10, (p[2] - s[2]) / 10];
  let r = Math.hypot(...d);
  if (!axis) {
    r = Math.max(r, 0.1);
    return (LAMBDA * g(G_P, r) * lin(R_F, PHI, r)) / (r * r);
  }
  const floor = L / 2 + 0.05;
  let z = d[0] * axis[0] + d[1] * axis[1] + d[2] * axis[2];
  let rho = Math.sqrt(Math.max(0, r * r - z * z));
  if (r < floor) {
    // Same convention as the engine: at the seed centre (r < 1e-9 mm) there is no direction; use θ = 90°.
    const k = r > 1e-10 ? floor / r : 0;
    [z, rho, r] = r > 1e-10 ? [z * k, rho * k, floor] : [0, floor, floor];
  }
  const theta = (Math.atan2(rho, z) * 180) / Math.PI;
  const g0 = (2 * Math.atan(L / 2)) / L;
  return (LAMBDA * (geometry(rho, z) / g0) * g(G_L, r) * anisotropy(r, theta));
}

export function referenceDoseGy(
  seeds: { positionMm: V; axis?: V; strengthAtImplantU: number; halfLifeDays: number }[],
  p: V,
  days?: number,
): number {
  let sum = 0;
  for (const s of seeds) {
    const tauH = (s.halfLifeDays / Math.LN2) * 24;
    const fraction = days === undefined ? 1 : 1 - Math.exp(-(days * 24) / tauH);
    sum += (s.strengthAtImplantU * referenceDoseRatePerU(s.positionMm, s.axis, p) * tauH * fraction) / 100;
  }
  return sum;
}
