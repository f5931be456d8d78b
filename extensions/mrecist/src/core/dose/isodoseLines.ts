/**
 * Isodose lines on a plane (brachytherapy-dosimetry.md section 9): sample the dose on the plane, contour each level
 * with marching squares (isodoseMarchingSquares.ts) and map vertices back to patient coordinates.
 * Default levels are 50, 80, 90, 100, 150 and 200 % of the prescription (100 % = MPD); 100/150/200 % are the
 * lines that V100/V150/V200 count.
 */
import type { Vec3 } from '../geometry/vec3';
import { contourRings, MarchingSquaresWorkspace } from './isodoseMarchingSquares';
import { planePointMm, sampleDosePlane, type DosePlane, type DoseSource } from './isodosePlane';

export const DEFAULT_ISODOSE_PERCENTS: readonly number[] = [50, 80, 90, 100, 150, 200];

export interface IsodoseLevel {
  /** Percent of the prescription; undefined for a level entered in Gy. */
  percent?: number;
  doseGy: number;
}

export interface IsodoseLine {
  level: IsodoseLevel;
  /** Closed rings in patient mm; the first vertex is not repeated at the end. */
  rings: Vec3[][];
}

/** Levels as percentages of the prescription, e.g. 145 Gy → 72.5, 116, 130.5, 145, 217.5, 290 Gy. */
export function isodoseLevels(prescriptionGy: number, percents: readonly number[] = DEFAULT_ISODOSE_PERCENTS): IsodoseLevel[] {
  if (!(prescriptionGy > 0)) throw new Error(`prescription must be positive, got ${prescriptionGy}`);
  return percents.map((percent) => {
    if (!(percent > 0)) throw new Error(`isodose percent must be positive, got ${percent}`);
    // Rounded to 1e-9 Gy so 145 × 90 % prints as 130.5, not 130.49999999999997.
    return { percent, doseGy: Math.round((prescriptionGy * percent) / 100 * 1e9) / 1e9 };
  });
}

/** Contours already-sampled plane values; `workspace` may be reused across planes of the same size. */
export function isodoseLinesFromSamples(
  plane: DosePlane,
  values: Float32Array,
  levels: readonly IsodoseLevel[],
  workspace?: MarchingSquaresWorkspace,
): IsodoseLine[] {
  const ws =
    workspace && workspace.columns === plane.columns && workspace.rows === plane.rows
      ? workspace
      : new MarchingSquaresWorkspace(plane.columns, plane.rows);
  ws.load(values);
  return levels.map((level) => ({
    level,
    rings: contourRings(ws, level.doseGy).map((flat) => {
      const ring: Vec3[] = [];
      for (let k = 0; k < flat.length; k += 2) ring.push(planePointMm(plane, flat[k], flat[k + 1]));
      return ring;
    }),
  }));
}

/** Samples the dose on the plane (trilinear in a DoseGrid, or a dose function) and contours every level. */
export function isodoseLines(source: DoseSource, plane: DosePlane, levels: readonly IsodoseLevel[]): IsodoseLine[] {
  return isodoseLinesFromSamples(plane, sampleDosePlane(source, plane), levels);
}
