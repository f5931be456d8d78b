/**
 * The slice of a series nearest to an anatomical position: for switching a viewport to another series of the
 * same study (another contrast phase) at the same place. Series of one study share their Frame of Reference, so
 * patient coordinates (DICOM PS3.3 C.7.6.2, Image Position/Orientation (Patient)) compare directly; the slice
 * INDEX does not (phases may cover different ranges, in another order or spacing).
 *
 * Distance is measured along each slice's own normal (row × column cosines), so the answer does not depend on
 * where in the plane the point lies. Slices whose plane is missing or degenerate are skipped.
 */
import { cross, dot, norm, sub, type Vec3 } from './vec3';

export interface SlicePlane {
  readonly imagePositionPatient: Vec3;
  readonly rowCosines: Vec3;
  readonly columnCosines: Vec3;
}

export interface NearestSlice {
  readonly index: number;
  /** Distance of the point from that slice's plane, mm. */
  readonly distanceMm: number;
}

/** Unit normal of a slice, or null when its cosines are degenerate (parallel or zero). */
function unitNormal(plane: SlicePlane): Vec3 | null {
  const n = cross(plane.rowCosines, plane.columnCosines);
  const length = norm(n);
  if (!Number.isFinite(length) || length < 1e-6) return null;
  return [n[0] / length, n[1] / length, n[2] / length];
}

/** Index of the slice whose plane is nearest to the point (first of equals); null when no slice has a plane. */
export function nearestSlice(planes: ReadonlyArray<SlicePlane | null | undefined>, point: Vec3): NearestSlice | null {
  let best: NearestSlice | null = null;
  planes.forEach((plane, index) => {
    if (!plane) return;
    const normal = unitNormal(plane);
    if (!normal) return;
    const distanceMm = Math.abs(dot(normal, sub(point, plane.imagePositionPatient)));
    if (!Number.isFinite(distanceMm)) return;
    if (!best || distanceMm < best.distanceMm) best = { index, distanceMm };
  });
  return best;
}

/** A plane from loosely typed metadata (Cornerstone's imagePlaneModule), or null when any part is missing. */
export function slicePlaneOf(meta: { imagePositionPatient?: ArrayLike<number>; rowCosines?: ArrayLike<number>; columnCosines?: ArrayLike<number> } | undefined): SlicePlane | null {
  const v = (a: ArrayLike<number> | undefined): Vec3 | null => (a && a.length === 3 && [0, 1, 2].every((k) => Number.isFinite(Number(a[k]))) ? [Number(a[0]), Number(a[1]), Number(a[2])] : null);
  const ipp = v(meta?.imagePositionPatient);
  const row = v(meta?.rowCosines);
  const column = v(meta?.columnCosines);
  return ipp && row && column ? { imagePositionPatient: ipp, rowCosines: row, columnCosines: column } : null;
}
