/**
 * Isodose lines as RT Structure Set ROIs: one CLOSED_PLANAR ROI per level named "Isodose 145 Gy"
 * (brachytherapy-dosimetry.md section 4), interpreted type DOSE_REGION, generated AUTOMATIC.
 */
import type { RoiToWrite } from './rtStructWriter';
import type { IsodoseLine } from './isodoseLines';

/** Default colours per percent of prescription, as commonly shown by planning systems. */
const COLOUR_BY_PERCENT: Record<number, [number, number, number]> = {
  50: [0, 0, 255],
  80: [0, 255, 255],
  90: [0, 255, 0],
  100: [255, 255, 0],
  150: [255, 128, 0],
  200: [255, 0, 0],
};

export function isodoseRoiName(doseGy: number): string {
  return `Isodose ${Number(doseGy.toFixed(2))} Gy`;
}

/** Merges lines from several planes into one ROI per level (levels matched by dose). */
export function isodoseRois(lines: readonly IsodoseLine[]): RoiToWrite[] {
  const byDose = new Map<number, RoiToWrite>();
  for (const line of lines) {
    let roi = byDose.get(line.level.doseGy);
    if (!roi) {
      roi = {
        name: isodoseRoiName(line.level.doseGy),
        interpretedType: 'DOSE_REGION',
        generationAlgorithm: 'AUTOMATIC',
        displayColor: line.level.percent !== undefined ? COLOUR_BY_PERCENT[line.level.percent] : undefined,
        contours: [],
      };
      byDose.set(line.level.doseGy, roi);
    }
    for (const ring of line.rings) {
      if (ring.length >= 3) roi.contours.push({ geometricType: 'CLOSED_PLANAR', points: ring });
    }
  }
  return [...byDose.values()];
}
