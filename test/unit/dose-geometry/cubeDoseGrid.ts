/** A 31³ RT Dose grid at 1 mm over [−5, 25]³ mm (around the 20 mm test cube), filled by a dose function. */
import type { DoseGrid } from '../../../extensions/mrecist/src/core/dose/DoseGrid';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { structContext } from './structContext';

export function cubeDoseGrid(dose: (p: Vec3) => number): DoseGrid {
  const n = 31;
  const values = new Float32Array(n * n * n);
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[k * n * n + j * n + i] = dose([i - 5, j - 5, k - 5]);
  return {
    originMm: [-5, -5, -5], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], columns: n, rows: n,
    rowSpacingMm: 1, columnSpacingMm: 1, frameOffsetsMm: Array.from({ length: n }, (_, k) => k),
    dose: values, units: 'GY', frameOfReferenceUid: structContext.frameOfReferenceUid,
  };
}
