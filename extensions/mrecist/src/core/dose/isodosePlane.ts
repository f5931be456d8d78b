/**
 * A dose image on an arbitrary plane (axial or oblique), the input to isodose contouring
 * (brachytherapy-dosimetry.md section 9): its own sample grid at about 1 mm, filled by trilinear lookup in a
 * DoseGrid or by calling a dose function (e.g. TG-43 summed directly). Samples outside the dose grid are NaN,
 * never zero (section 3: outside is reported as outside).
 */
import { cross, dot, normalize, sub, type Vec3 } from '../geometry/vec3';
import type { DoseGrid } from './DoseGrid';

/** Sample (i, j) lies at originMm + i·spacingMm·uDirection + j·spacingMm·vDirection (centre of first sample). */
export interface DosePlane {
  originMm: Vec3;
  uDirection: Vec3;
  vDirection: Vec3;
  columns: number;
  rows: number;
  spacingMm: number;
}

/** Dose in Gy at a patient point; NaN (or null) when the point is outside what the source covers. */
export type DoseFunction = (pointMm: Vec3) => number | null;
export type DoseSource = DoseGrid | DoseFunction;

/** Index-space tolerance: a point this close outside the grid's edge still samples the edge voxel. */
const EDGE_TOLERANCE_VOXELS = 1e-6;

/**
 * A fast trilinear sampler over a DoseGrid: (x, y, z) mm → Gy, NaN outside. Frame offsets may be uneven,
 * increasing or decreasing (a binary search maps the normal coordinate to a fractional frame index).
 */
export function doseGridSampler(grid: DoseGrid): (x: number, y: number, z: number) => number {
  const { columns, rows, dose } = grid;
  const frames = grid.frameOffsetsMm.length;
  const X = grid.rowDirection, Y = grid.columnDirection, N = cross(X, Y);
  const [ox, oy, oz] = grid.originMm;
  const dc = grid.columnSpacingMm, dr = grid.rowSpacingMm;
  const offsets = grid.frameOffsetsMm;
  const descending = frames > 1 && offsets[frames - 1] < offsets[0];
  const sorted = descending ? [...offsets].reverse() : offsets;
  for (let k = 1; k < frames; k++) {
    if (!(sorted[k] > sorted[k - 1])) throw new Error('DoseGrid frame offsets must be strictly monotonic');
  }
  const plane = rows * columns;
  // Evenly spaced frames (the usual case) map by division; uneven ones by binary search.
  const step = frames > 1 ? (sorted[frames - 1] - sorted[0]) / (frames - 1) : 0;
  const even = frames > 1 && sorted.every((o, k) => Math.abs(o - (sorted[0] + k * step)) < 1e-6);
  const frameIndex = (s: number): number => {
    if (frames === 1) return Math.abs(s) <= 1e-6 ? 0 : NaN;
    if (s < sorted[0] - 1e-6 || s > sorted[frames - 1] + 1e-6) return NaN;
    if (even) {
      const k = Math.min(frames - 1, Math.max(0, (s - sorted[0]) / step));
      return descending ? frames - 1 - k : k;
    }
    let lo = 0, hi = frames - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= s) lo = mid;
      else hi = mid;
    }
    const f = Math.min(1, Math.max(0, (s - sorted[lo]) / (sorted[hi] - sorted[lo])));
    const k = lo + f;
    return descending ? frames - 1 - k : k;
  };
  const axis = (f: number, n: number): number =>
    n === 1 ? (Math.abs(f) <= EDGE_TOLERANCE_VOXELS ? 0 : NaN) : f < -EDGE_TOLERANCE_VOXELS || f > n - 1 + EDGE_TOLERANCE_VOXELS ? NaN : Math.min(n - 1, Math.max(0, f));
  return (x, y, z) => {
    const rx = x - ox, ry = y - oy, rz = z - oz;
    const fi = axis((rx * X[0] + ry * X[1] + rz * X[2]) / dc, columns);
    const fj = axis((rx * Y[0] + ry * Y[1] + rz * Y[2]) / dr, rows);
    const fk = frameIndex(rx * N[0] + ry * N[1] + rz * N[2]);
    if (Number.isNaN(fi) || Number.isNaN(fj) || Number.isNaN(fk)) return NaN;
    const i0 = Math.min(Math.floor(fi), Math.max(0, columns - 2)), j0 = Math.min(Math.floor(fj), Math.max(0, rows - 2));
    const k0 = Math.min(Math.floor(fk), Math.max(0, frames - 2));
    const ti = fi - i0, tj = fj - j0, tk = fk - k0;
    const i1 = columns > 1 ? i0 + 1 : i0, j1 = rows > 1 ? j0 + 1 : j0, k1 = frames > 1 ? k0 + 1 : k0;
    const a = k0 * plane, b = k1 * plane;
    const r0 = j0 * columns, r1 = j1 * columns;
    const c00 = dose[a + r0 + i0] * (1 - ti) + dose[a + r0 + i1] * ti;
    const c10 = dose[a + r1 + i0] * (1 - ti) + dose[a + r1 + i1] * ti;
    const c01 = dose[b + r0 + i0] * (1 - ti) + dose[b + r0 + i1] * ti;
    const c11 = dose[b + r1 + i0] * (1 - ti) + dose[b + r1 + i1] * ti;
    const c0 = c00 * (1 - tj) + c10 * tj;
    const c1 = c01 * (1 - tj) + c11 * tj;
    return c0 * (1 - tk) + c1 * tk;
  };
}

/** Fills the plane's samples (row-major, j·columns + i) from a dose grid or a dose function; NaN outside. */
export function sampleDosePlane(source: DoseSource, plane: DosePlane): Float32Array {
  const out = new Float32Array(plane.columns * plane.rows);
  const { originMm: o, uDirection: u, vDirection: v, spacingMm: s } = plane;
  const p: Vec3 = [0, 0, 0];
  if (typeof source === 'function') {
    for (let j = 0; j < plane.rows; j++) {
      for (let i = 0; i < plane.columns; i++) {
        p[0] = o[0] + s * (i * u[0] + j * v[0]);
        p[1] = o[1] + s * (i * u[1] + j * v[1]);
        p[2] = o[2] + s * (i * u[2] + j * v[2]);
        const d = source(p);
        out[j * plane.columns + i] = d === null ? NaN : d;
      }
    }
    return out;
  }
  fillPlaneFromGrid(source, plane, out);
  return out;
}

/**
 * Trilinear fill of a plane from a grid, stepping the continuous voxel index incrementally along the plane's rows
 * (the map from plane pixels to grid indices is affine, apart from uneven frame offsets). Same values as
 * doseGridSampler (tested against it and against sampleDose), several times faster: this runs per displayed slice.
 */
function fillPlaneFromGrid(grid: DoseGrid, plane: DosePlane, out: Float32Array): void {
  const { columns, rows, dose } = grid;
  const frames = grid.frameOffsetsMm.length;
  const X = grid.rowDirection, Y = grid.columnDirection, N = cross(X, Y);
  const dc = grid.columnSpacingMm, dr = grid.rowSpacingMm;
  const rel = sub(plane.originMm, grid.originMm);
  const su: Vec3 = [plane.uDirection[0] * plane.spacingMm, plane.uDirection[1] * plane.spacingMm, plane.uDirection[2] * plane.spacingMm];
  const sv: Vec3 = [plane.vDirection[0] * plane.spacingMm, plane.vDirection[1] * plane.spacingMm, plane.vDirection[2] * plane.spacingMm];
  const fi0 = dot(rel, X) / dc, fiU = dot(su, X) / dc, fiV = dot(sv, X) / dc;
  const fj0 = dot(rel, Y) / dr, fjU = dot(su, Y) / dr, fjV = dot(sv, Y) / dr;
  const s0 = dot(rel, N), sU = dot(su, N), sV = dot(sv, N);
  const offsets = grid.frameOffsetsMm;
  const descending = frames > 1 && offsets[frames - 1] < offsets[0];
  const sorted = descending ? [...offsets].reverse() : offsets;
  const step = frames > 1 ? (sorted[frames - 1] - sorted[0]) / (frames - 1) : 0;
  const even = frames > 1 && sorted.every((o, k) => Math.abs(o - (sorted[0] + k * step)) < 1e-6);
  const slow = frames > 1 && !even ? doseGridSampler(grid) : undefined;
  const tol = EDGE_TOLERANCE_VOXELS;
  const plane2 = rows * columns;
  const iMax = columns - 1, jMax = rows - 1;
  for (let j = 0; j < plane.rows; j++) {
    let fi = fi0 + j * fiV, fj = fj0 + j * fjV, sn = s0 + j * sV;
    for (let i = 0; i < plane.columns; i++, fi += fiU, fj += fjU, sn += sU) {
      const idx = j * plane.columns + i;
      if (slow) {
        const p = planePointMm(plane, i, j);
        out[idx] = slow(p[0], p[1], p[2]);
        continue;
      }
      let fk: number;
      if (frames === 1) fk = Math.abs(sn - offsets[0]) <= 1e-6 ? 0 : NaN;
      else {
        const t = (sn - sorted[0]) / step;
        fk = t < -tol || t > frames - 1 + tol ? NaN : Math.min(frames - 1, Math.max(0, t));
        if (descending) fk = frames - 1 - fk;
      }
      if (fi < -tol || fi > iMax + tol || fj < -tol || fj > jMax + tol || fk !== fk || (columns === 1 && Math.abs(fi) > tol) || (rows === 1 && Math.abs(fj) > tol)) {
        out[idx] = NaN;
        continue;
      }
      const ci = Math.min(iMax, Math.max(0, fi)), cj = Math.min(jMax, Math.max(0, fj));
      const i0 = Math.min(Math.floor(ci), Math.max(0, columns - 2)), j0 = Math.min(Math.floor(cj), Math.max(0, rows - 2));
      const k0 = Math.min(Math.floor(fk), Math.max(0, frames - 2));
      const ti = ci - i0, tj = cj - j0, tk = fk - k0;
      const i1 = columns > 1 ? i0 + 1 : i0, j1 = rows > 1 ? j0 + 1 : j0, k1 = frames > 1 ? k0 + 1 : k0;
      const a = k0 * plane2, b = k1 * plane2, r0 = j0 * columns, r1 = j1 * columns;
      const c00 = dose[a + r0 + i0] + ti * (dose[a + r0 + i1] - dose[a + r0 + i0]);
      const c10 = dose[a + r1 + i0] + ti * (dose[a + r1 + i1] - dose[a + r1 + i0]);
      const c01 = dose[b + r0 + i0] + ti * (dose[b + r0 + i1] - dose[b + r0 + i0]);
      const c11 = dose[b + r1 + i0] + ti * (dose[b + r1 + i1] - dose[b + r1 + i0]);
      const c0 = c00 + tj * (c10 - c00), c1 = c01 + tj * (c11 - c01);
      out[idx] = c0 + tk * (c1 - c0);
    }
  }
}

/** Patient position of plane pixel coordinates (x, y) (fractional sample indices). */
export function planePointMm(plane: DosePlane, x: number, y: number): Vec3 {
  const { originMm: o, uDirection: u, vDirection: v, spacingMm: s } = plane;
  return [
    o[0] + s * (x * u[0] + y * v[0]),
    o[1] + s * (x * u[1] + y * v[1]),
    o[2] + s * (x * u[2] + y * v[2]),
  ];
}

/** Corners of the grid's box in patient coordinates. */
function gridCorners(grid: DoseGrid): Vec3[] {
  const X = grid.rowDirection, Y = grid.columnDirection, N = cross(X, Y);
  const wi = (grid.columns - 1) * grid.columnSpacingMm, wj = (grid.rows - 1) * grid.rowSpacingMm;
  const ks = [Math.min(...grid.frameOffsetsMm), Math.max(...grid.frameOffsetsMm)];
  const corners: Vec3[] = [];
  for (const a of [0, wi]) for (const b of [0, wj]) for (const c of ks) {
    corners.push([0, 1, 2].map((d) => grid.originMm[d] + a * X[d] + b * Y[d] + c * N[d]) as Vec3);
  }
  return corners;
}

/** An axial plane (u = +x, v = +y) at z covering the grid's x–y extent, sampled every spacingMm (default 1). */
export function axialPlaneOverGrid(grid: DoseGrid, zMm: number, spacingMm = 1): DosePlane {
  const corners = gridCorners(grid);
  const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
  const x0 = Math.min(...xs), y0 = Math.min(...ys);
  return {
    originMm: [x0, y0, zMm],
    uDirection: [1, 0, 0],
    vDirection: [0, 1, 0],
    columns: Math.floor((Math.max(...xs) - x0) / spacingMm + 1e-9) + 1,
    rows: Math.floor((Math.max(...ys) - y0) / spacingMm + 1e-9) + 1,
    spacingMm,
  };
}

/**
 * A square plane through centreMm with the given normal (oblique MPR), widthMm on a side. The in-plane axes
 * follow `uHint` projected onto the plane (default: patient x, or y when the normal is along x).
 */
export function planeThroughPoint(centreMm: Vec3, normal: Vec3, widthMm: number, spacingMm = 1, uHint?: Vec3): DosePlane {
  const n = normalize(normal);
  const hint: Vec3 = uHint ?? (Math.abs(n[0]) > 0.9 ? [0, 1, 0] : [1, 0, 0]);
  const u = normalize(sub(hint, [n[0] * dot(hint, n), n[1] * dot(hint, n), n[2] * dot(hint, n)]));
  const v = cross(n, u);
  const count = Math.floor(widthMm / spacingMm + 1e-9) + 1;
  const half = ((count - 1) * spacingMm) / 2;
  return {
    originMm: [0, 1, 2].map((d) => centreMm[d] - half * (u[d] + v[d])) as Vec3,
    uDirection: u,
    vDirection: v,
    columns: count,
    rows: count,
    spacingMm,
  };
}
