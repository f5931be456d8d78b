/**
 * Axial contours of an axis-aligned ellipsoid: the demo's GTV and liver, and analytic test structures.
 * Each slice z (on the given slice grid) inside the ellipsoid gets one polygon sampling the exact ellipse
 * (x−cx)²/a'² + (y−cy)²/b'² = 1 with a' = a·√(1 − ((z−cz)/c)²). Vertices are on the ellipse, so the polygon is
 * slightly inside it (area deficit ≈ (2π²/3)/n² relative, 0.06 % at 64 points).
 */
import type { Vec3 } from '../geometry/vec3';
import type { RoiContour } from './rtStruct';

export interface EllipsoidContourOptions {
  centerMm: Vec3;
  /** Semi-axes along x, y, z in mm. */
  semiAxesMm: Vec3;
  /** Slice positions in z (mm), e.g. the CT slice positions; slices outside the ellipsoid are skipped. */
  slicePositionsMm: readonly number[];
  /** Vertices per polygon (default 64). */
  pointsPerContour?: number;
  /** Slices where the section's smaller semi-axis is below this are skipped (default 0.5 mm). */
  minimumSemiAxisMm?: number;
}

export function ellipsoidAxialContours(options: EllipsoidContourOptions): RoiContour[] {
  const [cx, cy, cz] = options.centerMm;
  const [a, b, c] = options.semiAxesMm;
  if (!(a > 0 && b > 0 && c > 0)) throw new Error('ellipsoid semi-axes must be positive');
  const n = options.pointsPerContour ?? 64;
  const minSemi = options.minimumSemiAxisMm ?? 0.5;
  const contours: RoiContour[] = [];
  for (const z of options.slicePositionsMm) {
    const t = (z - cz) / c;
    if (Math.abs(t) >= 1) continue;
    const k = Math.sqrt(1 - t * t);
    if (Math.min(a, b) * k < minSemi) continue;
    const points: Vec3[] = [];
    for (let i = 0; i < n; i++) {
      const phi = (2 * Math.PI * i) / n;
      points.push([cx + a * k * Math.cos(phi), cy + b * k * Math.sin(phi), z]);
    }
    contours.push({ geometricType: 'CLOSED_PLANAR', points });
  }
  return contours;
}
