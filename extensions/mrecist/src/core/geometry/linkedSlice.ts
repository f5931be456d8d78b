/**
 * Linked scrolling between a baseline and a follow-up stack: the slice to show in one viewport when the other
 * shows a given anatomical point. Slice INDICES do not correspond between studies (different coverage, table
 * position, patient position); anatomy does, through the registration between the two frames of reference
 * (DICOM PS3.3 C.7.4.1, Frame of Reference; a rigid transform from the implant plan's seed registration or a
 * Spatial Registration object, PS3.3 C.20.2). Series sharing a Frame of Reference UID compare directly in
 * patient coordinates; other frames need a mapping, and without one there is no link (said, never guessed).
 */
import { applyMatrix4, invertAffine4 } from './matrix4';
import { nearestSlice, type SlicePlane } from './nearestSlice';
import { cross, dot, norm, sub, type Vec3 } from './vec3';

/** Maps a patient point from one frame of reference to another, or null when nothing registers them. */
export type FrameMapping = (fromFrameUid: string, toFrameUid: string, point: Vec3) => Vec3 | null;

/**
 * A point of frame A in frame B when both are placed in a common frame (the plan's): commonToA and commonToB map
 * common coordinates into each frame, so B's point is commonToB · commonToA⁻¹ · p.
 */
export function mapThroughCommonFrame(commonToFrom: readonly number[], commonToTo: readonly number[], point: Vec3): Vec3 {
  return applyMatrix4(commonToTo, applyMatrix4(invertAffine4(commonToFrom), point));
}

/**
 * The point of a slice the link follows: the view centre dropped onto the slice plane along its normal, so a
 * camera whose focal point sits off the slice (the host keeps it between slices while loading) still gives the
 * slice's own position. Null for a degenerate plane.
 */
export function pointOnSlice(plane: SlicePlane, viewCentre: Vec3): Vec3 | null {
  const n = cross(plane.rowCosines, plane.columnCosines);
  const length = norm(n);
  if (!Number.isFinite(length) || length < 1e-6) return null;
  const unit: Vec3 = [n[0] / length, n[1] / length, n[2] / length];
  const height = dot(unit, sub(viewCentre, plane.imagePositionPatient));
  return [viewCentre[0] - height * unit[0], viewCentre[1] - height * unit[1], viewCentre[2] - height * unit[2]];
}

export type LinkedSlice =
  | { readonly index: number; readonly distanceMm: number; readonly mappedPoint: Vec3; readonly basis: 'sameFrame' | 'registration' }
  | { readonly problem: string };

/**
 * The target slice nearest to the source point mapped into the target's frame: the same frame compares as is,
 * another frame goes through `map`; no frame UID, no mapping or no slice geometry is a problem to show.
 */
export function linkedSlice(
  source: { readonly point: Vec3; readonly frameUid: string },
  target: { readonly frameUid: string; readonly planes: ReadonlyArray<SlicePlane | null | undefined> },
  map: FrameMapping,
): LinkedSlice {
  if (!source.frameUid || !target.frameUid) return { problem: 'a series has no Frame of Reference UID: scrolling is not linked' };
  const sameFrame = source.frameUid === target.frameUid;
  const mappedPoint = sameFrame ? source.point : map(source.frameUid, target.frameUid, source.point);
  if (!mappedPoint) return { problem: 'the studies are in different frames of reference and no registration links them (none found, or still being computed): scrolling is not linked' };
  const nearest = nearestSlice(target.planes, mappedPoint);
  if (!nearest) return { problem: 'the other series has no slice geometry: scrolling is not linked' };
  return { index: nearest.index, distanceMm: nearest.distanceMm, mappedPoint, basis: sameFrame ? 'sameFrame' : 'registration' };
}
