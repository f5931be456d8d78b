/**
 * Approximate signed distances (mm; negative inside) for the shapes the synthetic anatomy is built from. The
 * renderer turns a distance into a partial-volume fraction over about a millimetre, so organ edges look like a
 * reconstructed CT edge rather than a staircase; the approximations only need to be close near the surface.
 * Scalar arguments (no tuples) because these run for every voxel of every study.
 */

// Bound once per module: Jest's vm context makes every global `Math` lookup slow in per-voxel loops,
// and re-exported bindings from another module are getter calls under tsx.
const { abs, PI, cos, max, min, sin, sqrt } = Math;

const NOT_NEAR = 1e9;
/**
 * Beyond this distance outside a composite shape, its exact distance does not matter (the renderer blends over
 * ±0.6 mm), so intersect and subtract stop early and return a lower bound. Any positive `offset` of a composite
 * must stay below EARLY_OUT_MM − 1 so a lower bound can never turn into "inside".
 */
const EARLY_OUT_MM = 6;

/** A shape in the pre-implant (body) frame: its bounding box for quick rejection and its signed distance. */
export interface Shape {
  readonly min: readonly [number, number, number];
  readonly max: readonly [number, number, number];
  sd(x: number, y: number, z: number): number;
}

/**
 * Axis-aligned ellipsoid, optionally turned about the z axis by `turnDeg` (organs such as spleen and kidney lie
 * obliquely in the axial plane). Inigo Quilez's bound k0·(k0 − 1)/k1 is exact on the surface and good near it.
 */
export function ellipsoid(c: readonly number[], r: readonly number[], turnDeg = 0): Shape {
  const cosT = cos((turnDeg * PI) / 180);
  const sinT = sin((turnDeg * PI) / 180);
  const reach = max(r[0], r[1]);
  return {
    min: [c[0] - reach, c[1] - reach, c[2] - r[2]],
    max: [c[0] + reach, c[1] + reach, c[2] + r[2]],
    sd(x, y, z) {
      const dx = x - c[0];
      const dy = y - c[1];
      const u = (cosT * dx + sinT * dy) / r[0];
      const v = (-sinT * dx + cosT * dy) / r[1];
      const w = (z - c[2]) / r[2];
      const k0 = sqrt(u * u + v * v + w * w);
      const k1 = sqrt((u * u) / (r[0] * r[0]) + (v * v) / (r[1] * r[1]) + (w * w) / (r[2] * r[2]));
      return k1 === 0 ? -min(r[0], r[1], r[2]) : (k0 * (k0 - 1)) / k1;
    },
  };
}

export function sphere(c: readonly number[], radius: number): Shape {
  return {
    min: [c[0] - radius, c[1] - radius, c[2] - radius],
    max: [c[0] + radius, c[1] + radius, c[2] + radius],
    sd(x, y, z) {
      const dx = x - c[0];
      const dy = y - c[1];
      const dz = z - c[2];
      return sqrt(dx * dx + dy * dy + dz * dz) - radius;
    },
  };
}

/**
 * Elliptic cross-section extruded along z between zMin and zMax, with different anterior (y < cy) and posterior
 * half-axes: a supine patient is flatter at the back, where they lie on the table.
 */
export function ellipticColumn(
  cx: number,
  cy: number,
  rx: number,
  ryAnterior: number,
  ryPosterior: number,
  zMin = -1e4,
  zMax = 1e4,
): Shape {
  return {
    min: [cx - rx, cy - ryAnterior, zMin],
    max: [cx + rx, cy + ryPosterior, zMax],
    sd(x, y, z) {
      const ry = y < cy ? ryAnterior : ryPosterior;
      const u = (x - cx) / rx;
      const v = (y - cy) / ry;
      const k0 = sqrt(u * u + v * v);
      const k1 = sqrt((u * u) / (rx * rx) + (v * v) / (ry * ry));
      const inPlane = k1 === 0 ? -min(rx, ry) : (k0 * (k0 - 1)) / k1;
      return max(inPlane, zMin - z, z - zMax);
    },
  };
}

/**
 * Like ellipticColumn but with a superelliptic cross-section |u|^2.5 + |v|^2.5 = 1: the squarer flanks of a
 * real trunk rather than a perfect ellipse. The distance is the first-order estimate (f − 1)/|∇f| of the level
 * function f = |u|^2.5 + |v|^2.5, exact on the surface and within a fraction of a millimetre over the few
 * millimetres the renderer and the wall layers use. The exponent is fixed so no pow() runs per voxel
 * (|u|^1.5 = |u|·√|u|): these layers are evaluated for every voxel.
 */
export function trunkColumn(cx: number, cy: number, rx: number, ryAnterior: number, ryPosterior: number): Shape {
  return {
    min: [cx - rx, cy - ryAnterior, -1e4],
    max: [cx + rx, cy + ryPosterior, 1e4],
    sd(x, y) {
      const ry = y < cy ? ryAnterior : ryPosterior;
      const u = abs(x - cx) / rx;
      const v = abs(y - cy) / ry;
      const su = u * sqrt(u);
      const sv = v * sqrt(v);
      const gradient = 2.5 * sqrt((su / rx) ** 2 + (sv / ry) ** 2);
      if (gradient === 0) return -min(rx, ry);
      return (su * u + sv * v - 1) / gradient;
    },
  };
}

/** A vessel or bowel loop: a segment from a to b whose radius tapers linearly from ra to rb. */
export function tube(a: readonly number[], b: readonly number[], ra: number, rb = ra): Shape {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const abz = b[2] - a[2];
  const len2 = abx * abx + aby * aby + abz * abz;
  const reach = max(ra, rb);
  return {
    min: [min(a[0], b[0]) - reach, min(a[1], b[1]) - reach, min(a[2], b[2]) - reach],
    max: [max(a[0], b[0]) + reach, max(a[1], b[1]) + reach, max(a[2], b[2]) + reach],
    sd(x, y, z) {
      const px = x - a[0];
      const py = y - a[1];
      const pz = z - a[2];
      const t = min(1, max(0, (px * abx + py * aby + pz * abz) / len2));
      const dx = px - t * abx;
      const dy = py - t * aby;
      const dz = pz - t * abz;
      // sqrt rather than hypot: this runs for millions of voxels and hypot is several times slower.
      return sqrt(dx * dx + dy * dy + dz * dz) - (ra + t * (rb - ra));
    },
  };
}

/** Several tubes joined end to end (a tortuous artery, a colon loop). */
export function tubePath(points: readonly (readonly number[])[], radius: number, endRadius = radius): Shape {
  const n = points.length - 1;
  const parts = points.slice(1).map((p, i) => {
    const r0 = radius + ((endRadius - radius) * i) / n;
    const r1 = radius + ((endRadius - radius) * (i + 1)) / n;
    return tube(points[i], p, r0, r1);
  });
  return union(...parts);
}

export function union(...shapes: Shape[]): Shape {
  return {
    min: [0, 1, 2].map((i) => min(...shapes.map((s) => s.min[i]))) as [number, number, number],
    max: [0, 1, 2].map((i) => max(...shapes.map((s) => s.max[i]))) as [number, number, number],
    sd(x, y, z) {
      let d = NOT_NEAR;
      for (const s of shapes) {
        if (x < s.min[0] - 8 || x > s.max[0] + 8 || y < s.min[1] - 8 || y > s.max[1] + 8) continue;
        if (z < s.min[2] - 8 || z > s.max[2] + 8) continue;
        const ds = s.sd(x, y, z);
        if (ds < d) d = ds;
      }
      return d === NOT_NEAR ? 8 : d;
    },
  };
}

/** Union with a rounded seam (polynomial smooth minimum, Quilez) instead of a notch where two lobes meet. */
export function smoothUnion(a: Shape, b: Shape, blendMm: number): Shape {
  const hard = union(a, b);
  return {
    min: hard.min,
    max: hard.max,
    sd(x, y, z) {
      const da = a.sd(x, y, z);
      const db = b.sd(x, y, z);
      const h = max(0, min(1, 0.5 + (db - da) / (2 * blendMm)));
      return db + h * (da - db) - blendMm * h * (1 - h);
    },
  };
}

/** Points inside `a` and inside every `clip` (bounding box of `a`). */
export function intersect(a: Shape, ...clips: Shape[]): Shape {
  return {
    min: a.min,
    max: a.max,
    sd(x, y, z) {
      let d = a.sd(x, y, z);
      if (d > EARLY_OUT_MM) return d;
      for (const c of clips) d = max(d, c.sd(x, y, z));
      return d;
    },
  };
}

/** Points inside `a` but at least `gapMm` away from every shape in `holes` (a fat plane between organs). */
export function subtract(a: Shape, holes: Shape[], gapMm = 0): Shape {
  return {
    min: a.min,
    max: a.max,
    sd(x, y, z) {
      let d = a.sd(x, y, z);
      if (d > EARLY_OUT_MM) return d;
      for (const h of holes) {
        if (x < h.min[0] - gapMm - 2 || x > h.max[0] + gapMm + 2) continue;
        if (y < h.min[1] - gapMm - 2 || y > h.max[1] + gapMm + 2) continue;
        if (z < h.min[2] - gapMm - 2 || z > h.max[2] + gapMm + 2) continue;
        d = max(d, gapMm - h.sd(x, y, z));
      }
      return d;
    },
  };
}

/** Grows (positive) or shrinks (negative) a shape by `mm`. */
export function offset(a: Shape, mm: number): Shape {
  if (mm > EARLY_OUT_MM - 1) throw new Error(`offset ${mm} mm is beyond what early-out distances allow`);
  const g = max(0, mm);
  return {
    min: [a.min[0] - g, a.min[1] - g, a.min[2] - g],
    max: [a.max[0] + g, a.max[1] + g, a.max[2] + g],
    sd: (x, y, z) => a.sd(x, y, z) - mm,
  };
}
