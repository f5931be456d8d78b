/**
 * Geometry shared by the viewport layers: the plane a viewport shows (from the image's plane metadata for a
 * stack, from the camera otherwise), rigid maps between the plan's frame and a study's, and the 2D affine
 * that takes in-plane millimetres to canvas pixels (one per frame, so cached isodose polylines are not
 * re-projected vertex by vertex).
 */
import { cross, dot, normalize, sub, type Vec3 } from '../../core/geometry/vec3';
import type { ImagePlane } from '../../core/overlay/overlayMessages';
import { applyMatrix4, applyMatrix4ToDirection } from '../../core/geometry/matrix4';

export interface DisplayedPlane extends ImagePlane {
  readonly normal: Vec3;
  /** Half the slab a seed must lie in to be drawn on this image (half the slice spacing). */
  readonly halfThicknessMm: number;
  /** Changes when the displayed plane changes (image id, or rounded camera plane). */
  readonly key: string;
}

export interface CameraLike {
  focalPoint?: number[];
  viewPlaneNormal?: number[];
  viewUp?: number[];
}

export interface ImagePlaneMetadata {
  imagePositionPatient?: number[];
  rowCosines?: number[];
  columnCosines?: number[];
}

const v3 = (a: ArrayLike<number>): Vec3 => [a[0], a[1], a[2]];

export function planeFromImage(imageId: string, meta: ImagePlaneMetadata, halfThicknessMm: number): DisplayedPlane | null {
  if (!meta.imagePositionPatient || !meta.rowCosines || !meta.columnCosines) return null;
  const rowDirection = normalize(v3(meta.rowCosines)), columnDirection = normalize(v3(meta.columnCosines));
  return { originMm: v3(meta.imagePositionPatient), rowDirection, columnDirection, normal: cross(rowDirection, columnDirection), halfThicknessMm, key: imageId };
}

export function planeFromCamera(camera: CameraLike, halfThicknessMm: number): DisplayedPlane | null {
  if (!camera.focalPoint || !camera.viewPlaneNormal || !camera.viewUp) return null;
  const normal = normalize(v3(camera.viewPlaneNormal));
  const columnDirection = normalize(v3(camera.viewUp).map((x) => -x) as Vec3);
  const rowDirection = cross(columnDirection, normal);
  const origin = v3(camera.focalPoint);
  const key = `${normal.map((x) => x.toFixed(3)).join(',')}@${dot(origin, normal).toFixed(2)}`;
  return { originMm: origin, rowDirection, columnDirection, normal, halfThicknessMm, key };
}

export function mapPoint(matrix: readonly number[] | undefined, p: Vec3): Vec3 {
  return matrix ? applyMatrix4(matrix, p) : p;
}

export function mapDirection(matrix: readonly number[] | undefined, d: Vec3): Vec3 {
  return matrix ? applyMatrix4ToDirection(matrix, d) : d;
}

export function mapPlane(matrix: readonly number[] | undefined, plane: ImagePlane): ImagePlane {
  return { originMm: mapPoint(matrix, plane.originMm), rowDirection: mapDirection(matrix, plane.rowDirection), columnDirection: mapDirection(matrix, plane.columnDirection) };
}

/** Signed distance of p from the plane along its normal, mm. */
export function heightAbovePlane(plane: DisplayedPlane, p: Vec3): number {
  return dot(sub(p, plane.originMm), plane.normal);
}

/** In-plane (u, v) mm of a point, relative to the plane's origin. */
export function inPlaneMm(plane: ImagePlane, p: Vec3): [number, number] {
  const d = sub(p, plane.originMm);
  return [dot(d, plane.rowDirection), dot(d, plane.columnDirection)];
}

/** SVG matrix(a b c d e f) taking in-plane mm (u, v) to canvas pixels, from three projected points. */
export function planeToCanvasMatrix(plane: ImagePlane, worldToCanvas: (p: Vec3) => ArrayLike<number>): string {
  const o = worldToCanvas(plane.originMm);
  const u = worldToCanvas(plane.originMm.map((x, i) => x + plane.rowDirection[i]) as Vec3);
  const v = worldToCanvas(plane.originMm.map((x, i) => x + plane.columnDirection[i]) as Vec3);
  return `matrix(${u[0] - o[0]} ${u[1] - o[1]} ${v[0] - o[0]} ${v[1] - o[1]} ${o[0]} ${o[1]})`;
}
