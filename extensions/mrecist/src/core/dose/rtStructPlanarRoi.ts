/**
 * A closed-planar ROI as a stack of slices, each a set of polygons combined by the even-odd rule
 * (brachytherapy-dosimetry.md section 4: a polygon inside another is a hole; a polygon inside a hole is an island).
 *
 * Geometry: all polygons of an ROI lie in parallel planes with normal `normal`; in-plane coordinates are
 * (u, v) along `uDirection`, `vDirection`; a slice at position s (= P·normal) stands for the slab
 * [s − t/2, s + t/2) with t = sliceThicknessMm, the median spacing between contoured slices. This is the usual
 * reading of a contour stack (each contour represents its CT slice) and what volume and DVH use.
 */
import { DicomInputError } from '../errors';
import { cross, dot, normalize, type Vec3 } from '../geometry/vec3';
import type { StructureRoi } from './rtStruct';

/** Polygons closer than this along the normal belong to the same slice. */
const SAME_SLICE_TOLERANCE_MM = 0.01;
/** Contour planes must be parallel to this cosine (about 2.6°); oblique stacks of mixed orientation are rejected. */
const PARALLEL_COSINE = 0.999;

export interface PlanarRoiSlice {
  positionMm: number;
  /** Each polygon as flattened (u, v) pairs in mm. */
  polygons: Float64Array[];
}

export interface PlanarRoi {
  name: string;
  uDirection: Vec3;
  vDirection: Vec3;
  normal: Vec3;
  /** Ascending by positionMm. */
  slices: PlanarRoiSlice[];
  sliceThicknessMm: number;
}

/**
 * Builds the slice stack from an ROI's CLOSED_PLANAR contours. `fallbackThicknessMm` is used when the ROI has a
 * single contoured slice (the spacing cannot be inferred); without it such an ROI is rejected.
 */
export function planarRoiFromContours(roi: StructureRoi, source: string, fallbackThicknessMm?: number): PlanarRoi {
  const closed = roi.contours.filter((c) => c.geometricType === 'CLOSED_PLANAR');
  const where = `${source} › ROI "${roi.name}"`;
  if (closed.length === 0) throw new DicomInputError(where, 'ContourSequence (3006,0040)', 'no CLOSED_PLANAR contours');
  let normal: Vec3 | undefined;
  for (const c of closed) {
    const n = newellNormal(c.points);
    if (n) {
      normal = canonical(n);
      break;
    }
  }
  if (!normal) throw new DicomInputError(where, 'ContourData (3006,0050)', 'all contours are degenerate (zero area)');
  const { u, v } = inPlaneAxes(normal);

  const byPosition: { positionMm: number; polygons: Float64Array[] }[] = [];
  for (const c of closed) {
    const n = newellNormal(c.points);
    if (n && Math.abs(dot(normalize(n), normal)) < PARALLEL_COSINE)
      throw new DicomInputError(where, 'ContourData (3006,0050)', 'contours do not lie in parallel planes');
    const s = c.points.reduce((acc, p) => acc + dot(p, normal!), 0) / c.points.length;
    const flat = new Float64Array(c.points.length * 2);
    c.points.forEach((p, i) => {
      flat[2 * i] = dot(p, u);
      flat[2 * i + 1] = dot(p, v);
    });
    let slice = byPosition.find((x) => Math.abs(x.positionMm - s) < SAME_SLICE_TOLERANCE_MM);
    if (!slice) byPosition.push((slice = { positionMm: s, polygons: [] }));
    slice.polygons.push(flat);
  }
  byPosition.sort((a, b) => a.positionMm - b.positionMm);
  const gaps = byPosition.slice(1).map((s, i) => s.positionMm - byPosition[i].positionMm);
  let thickness: number;
  if (gaps.length > 0) thickness = median(gaps);
  else if (fallbackThicknessMm !== undefined && fallbackThicknessMm > 0) thickness = fallbackThicknessMm;
  else throw new DicomInputError(where, 'ContourSequence (3006,0040)', 'one contoured slice only: slice thickness unknown');
  return { name: roi.name, uDirection: u, vDirection: v, normal, slices: byPosition, sliceThicknessMm: thickness };
}

/** Even-odd area of one slice in mm²: polygons nested at odd depth are holes. Assumes polygons do not cross. */
export function sliceAreaMm2(slice: PlanarRoiSlice): number {
  let area = 0;
  slice.polygons.forEach((poly, i) => {
    const a = Math.abs(shoelace(poly));
    let depth = 0;
    for (let j = 0; j < slice.polygons.length; j++) {
      if (j !== i && pointInPolygon(slice.polygons[j], poly[0], poly[1])) depth++;
    }
    area += depth % 2 === 0 ? a : -a;
  });
  return area;
}

/** Volume of the contour stack: Σ slice area × slice thickness, in cm³. */
export function planarRoiVolumeCc(roi: PlanarRoi): number {
  return (roi.slices.reduce((acc, s) => acc + sliceAreaMm2(s), 0) * roi.sliceThicknessMm) / 1000;
}

/**
 * Even-odd inside-intervals of the line v = const on one slice: sorted u crossings, taken in pairs
 * [u0, u1), [u2, u3), …. Crossing rule is half-open in v so a vertex on the line is counted once.
 */
export function insideSpans(slice: PlanarRoiSlice, vMm: number): number[] {
  const crossings: number[] = [];
  for (const poly of slice.polygons) {
    const n = poly.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ui = poly[2 * i], vi = poly[2 * i + 1];
      const uj = poly[2 * j], vj = poly[2 * j + 1];
      if (vi <= vMm !== vj <= vMm) crossings.push(ui + ((vMm - vi) / (vj - vi)) * (uj - ui));
    }
  }
  return crossings.sort((a, b) => a - b);
}

/** The slice whose slab holds normal position s, or undefined. */
export function sliceAt(roi: PlanarRoi, sMm: number): PlanarRoiSlice | undefined {
  const half = roi.sliceThicknessMm / 2;
  let best: PlanarRoiSlice | undefined;
  let bestD = Infinity;
  for (const slice of roi.slices) {
    const d = sMm - slice.positionMm;
    if (d >= -half && d < half && Math.abs(d) < bestD) {
      best = slice;
      bestD = Math.abs(d);
    }
  }
  return best;
}

/** Whether a patient point lies inside the ROI (even-odd on the slice whose slab holds it). */
export function planarRoiContains(roi: PlanarRoi, p: Vec3): boolean {
  const slice = sliceAt(roi, dot(p, roi.normal));
  if (!slice) return false;
  const u = dot(p, roi.uDirection), v = dot(p, roi.vDirection);
  let inside = false;
  for (const poly of slice.polygons) if (pointInPolygon(poly, u, v)) inside = !inside;
  return inside;
}

function pointInPolygon(poly: Float64Array, u: number, v: number): boolean {
  let inside = false;
  const n = poly.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ui = poly[2 * i], vi = poly[2 * i + 1];
    const uj = poly[2 * j], vj = poly[2 * j + 1];
    if (vi <= v !== vj <= v && u < ui + ((v - vi) / (vj - vi)) * (uj - ui)) inside = !inside;
  }
  return inside;
}

function shoelace(poly: Float64Array): number {
  let s = 0;
  const n = poly.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) s += poly[2 * j] * poly[2 * i + 1] - poly[2 * i] * poly[2 * j + 1];
  return s / 2;
}

/** Polygon normal by Newell's method (robust for non-convex polygons); undefined for a degenerate polygon. */
function newellNormal(points: Vec3[]): Vec3 | undefined {
  const n: Vec3 = [0, 0, 0];
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[j], b = points[i];
    n[0] += (a[1] - b[1]) * (a[2] + b[2]);
    n[1] += (a[2] - b[2]) * (a[0] + b[0]);
    n[2] += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return Math.hypot(n[0], n[1], n[2]) < 1e-9 ? undefined : normalize(n);
}

/** Orientation-free normal: the largest component positive, so clockwise and counter-clockwise rings agree. */
function canonical(n: Vec3): Vec3 {
  const k = [0, 1, 2].reduce((a, b) => (Math.abs(n[b]) > Math.abs(n[a]) ? b : a));
  return n[k] < 0 ? [-n[0], -n[1], -n[2]] : n;
}

/** In-plane axes; for an axial stack u = +x, v = +y. */
export function inPlaneAxes(normal: Vec3): { u: Vec3; v: Vec3 } {
  const k = [0, 1, 2].reduce((a, b) => (Math.abs(normal[b]) < Math.abs(normal[a]) ? b : a));
  const e: Vec3 = [0, 0, 0];
  e[k] = 1;
  const d = dot(e, normal);
  const u = normalize([e[0] - d * normal[0], e[1] - d * normal[1], e[2] - d * normal[2]]);
  return { u, v: cross(normal, u) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
