/**
 * SR image coordinates (SCOORD column/row) to patient (LPS) millimetres and back, on one image plane.
 *
 * Convention (DICOM PS3.3 C.18.6.1.1, Graphic Data): the top-left corner of the top-left pixel is (0, 0) and its
 * centre is (0.5, 0.5); points are (column, row). Image Position (Patient) is the CENTRE of the first pixel
 * (PS3.3 C.7.6.2.1.1). So the column/row pair (c, r) lies at
 *   IPP + (c − 0.5)·Δcol·rowDirection + (r − 0.5)·Δrow·columnDirection
 * where Pixel Spacing = [Δrow (between rows), Δcol (between columns)] and Image Orientation (Patient) = the
 * row direction (along a row: increasing column) then the column direction (increasing row).
 * Cornerstone's own image coordinates put the first pixel's centre at (0, 0): never mix the two.
 */
import { dot, sub, type Vec3 } from './vec3';

export interface ImagePlaneGeometry {
  /** Image Position (Patient), mm: centre of the first transmitted pixel. */
  readonly imagePositionPatient: Vec3;
  /** First triplet of Image Orientation (Patient): direction of increasing column. */
  readonly rowDirection: Vec3;
  /** Second triplet: direction of increasing row. */
  readonly columnDirection: Vec3;
  /** Pixel Spacing (0028,0030): [between rows, between columns], mm. */
  readonly pixelSpacingMm: readonly [number, number];
}

/** A plane from naturalized attributes; throws naming the attribute when one is missing or malformed. */
export function imagePlaneFromAttributes(a: { readonly [attribute: string]: unknown }, where: string): ImagePlaneGeometry {
  const numbers = (value: unknown, n: number, name: string): number[] => {
    const list = Array.isArray(value) ? value.map(Number) : [];
    if (list.length !== n || list.some((x) => !Number.isFinite(x))) throw new Error(`${where}: ${name} missing or not ${n} numbers`);
    return list;
  };
  const ipp = numbers(a.ImagePositionPatient, 3, 'ImagePositionPatient (0020,0032)');
  const iop = numbers(a.ImageOrientationPatient, 6, 'ImageOrientationPatient (0020,0037)');
  const spacing = numbers(a.PixelSpacing, 2, 'PixelSpacing (0028,0030)');
  return {
    imagePositionPatient: [ipp[0], ipp[1], ipp[2]],
    rowDirection: [iop[0], iop[1], iop[2]],
    columnDirection: [iop[3], iop[4], iop[5]],
    pixelSpacingMm: [spacing[0], spacing[1]],
  };
}

export function scoordToPatient(plane: ImagePlaneGeometry, [column, row]: readonly [number, number]): Vec3 {
  const u = (column - 0.5) * plane.pixelSpacingMm[1];
  const v = (row - 0.5) * plane.pixelSpacingMm[0];
  const o = plane.imagePositionPatient, r = plane.rowDirection, c = plane.columnDirection;
  return [o[0] + u * r[0] + v * c[0], o[1] + u * r[1] + v * c[1], o[2] + u * r[2] + v * c[2]];
}

/** The inverse for a point on (or projected onto) the plane; assumes orthonormal directions, as DICOM requires. */
export function patientToScoord(plane: ImagePlaneGeometry, point: Vec3): [number, number] {
  const d = sub(point, plane.imagePositionPatient);
  return [dot(d, plane.rowDirection) / plane.pixelSpacingMm[1] + 0.5, dot(d, plane.columnDirection) / plane.pixelSpacingMm[0] + 0.5];
}
