/**
 * The HCC at one timepoint as painted layers: the whole lesion as non-enhancing necrosis, the viable part over
 * it with arterial hyperenhancement, then the lipiodol droplets from the earlier TACE.
 */
import type { Shape } from './signedDistance';
import { constantHu, type Tissue } from './Tissue';
import { lesionSd, type TumourState, viableSd } from './tumourCourse';

// Bound once per module: Jest's vm context makes every global `Math` lookup slow in per-voxel loops,
// and re-exported bindings from another module are getter calls under tsx.
const { sin, sqrt } = Math;

/** Coagulative necrosis does not enhance: near water and blood-free soft tissue. */
export const NECROSIS_HU = 26;
/** Arterial-phase hyperenhancement of viable HCC, clearly above the 70 HU liver (mRECIST's "enhancing"). */
export const VIABLE_HU = 140;

function box(t: TumourState, margin: number): Pick<Shape, 'min' | 'max'> {
  const c = t.lesion.centreMm;
  const r = t.lesion.radiusMm + margin;
  return { min: [c[0] - r, c[1] - r, c[2] - r], max: [c[0] + r, c[1] + r, c[2] + r] };
}

/** Layers of one lesion; attenuations default to the arterial phase (ctPhases.ts has the others). */
export function tumourTissues(t: TumourState, viableHu: number = VIABLE_HU, necrosisHu: number = NECROSIS_HU): Tissue[] {
  const tissues: Tissue[] = [
    {
      name: 'necrotic tumour',
      shape: { ...box(t, 0), sd: (x, y, z) => lesionSd(t, x, y, z) },
      hu: (x, y, z) => necrosisHu + 4 * sin(0.5 * x + 0.3 * z) * sin(0.45 * y),
    },
  ];
  if (t.viableWindow !== null)
    tissues.push({
      name: 'viable tumour',
      shape: { ...box(t, 0), sd: (x, y, z) => viableSd(t, x, y, z) },
      // Mosaic enhancement of HCC: ±12 HU patches a few millimetres across.
      hu: (x, y, z) => viableHu + 12 * sin(0.7 * x + 1.1) * sin(0.6 * y + 0.3 * z),
    });
  t.lipiodol.forEach((drop, i) =>
    tissues.push({
      name: `lipiodol ${i + 1}`,
      shape: {
        min: [drop.centreMm[0] - drop.radiusMm, drop.centreMm[1] - drop.radiusMm, drop.centreMm[2] - drop.radiusMm],
        max: [drop.centreMm[0] + drop.radiusMm, drop.centreMm[1] + drop.radiusMm, drop.centreMm[2] + drop.radiusMm],
        sd(x, y, z) {
          const dx = x - drop.centreMm[0];
          const dy = y - drop.centreMm[1];
          const dz = z - drop.centreMm[2];
          return sqrt(dx * dx + dy * dy + dz * dz) - drop.radiusMm;
        },
      },
      hu: constantHu(drop.hu),
    }),
  );
  return tissues;
}
