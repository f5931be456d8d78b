/**
 * The MRI demo study's volumes, one per series kind, painted in one pass over the shared anatomy (ctVolume's
 * paintTissues), then seed susceptibility voids and noise. Lipiodol is left out: on T1/T2 MRI it does not stand
 * out as on CT.
 */
import { abdomenTissues } from './abdomenAnatomy';
import { paintTissues } from './ctVolume';
import type { MriPatient, MriStudy } from './mriPatient';
import { MR_SIGNAL, type MrSeriesKind } from './mriSignal';
import { derivedRandom } from './seededRandom';
import { SEED_HALF_LENGTH_MM } from './seedRendering';
import type { Tissue } from './Tissue';
import { tumourTissues } from './tumourTissues';
import { slicePositionMm, type VolumeGrid } from './VolumeGrid';

const { max, min, round, sqrt, abs } = Math;

/** Susceptibility blooming makes a titanium seed's void wider than the 0.8 mm seed. */
export const SEED_VOID_RADIUS_MM = 2.5;
/** Signal left at the centre of a void (fraction). */
const VOID_FLOOR = 0.08;
export const MR_NOISE_SD = 10;
export const MR_MAX_SIGNAL = 4095;

export interface MrVolume {
  readonly grid: VolumeGrid;
  readonly signal: Uint16Array;
}

function kindTissues(study: MriStudy, kind: MrSeriesKind): Tissue[] {
  const s = MR_SIGNAL[kind];
  return [
    ...abdomenTissues(s.anatomy, s.splenicBand),
    ...tumourTissues(study.tumour, s.viableTumour, s.necrosis).filter((t) => !t.name.startsWith('lipiodol')),
  ];
}

/** Darkens voxels near each seed's axis segment, smoothly to VOID_FLOOR at the axis. */
function seedVoids(values: Float32Array, grid: VolumeGrid, study: MriStudy): void {
  const r = SEED_VOID_RADIUS_MM;
  const reach = r + SEED_HALF_LENGTH_MM;
  const [pr, pc] = grid.pixelSpacingMm;
  for (const seed of study.seeds) {
    const p = seed.positionMm, a = seed.axis;
    for (let k = 0; k < grid.slices; k++) {
      const z = slicePositionMm(grid, k)[2];
      if (abs(z - p[2]) > reach) continue;
      const i0 = max(0, Math.floor((p[0] - reach - grid.originMm[0]) / pc)), i1 = min(grid.columns - 1, Math.ceil((p[0] + reach - grid.originMm[0]) / pc));
      const j0 = max(0, Math.floor((p[1] - reach - grid.originMm[1]) / pr)), j1 = min(grid.rows - 1, Math.ceil((p[1] + reach - grid.originMm[1]) / pr));
      for (let j = j0; j <= j1; j++)
        for (let i = i0; i <= i1; i++) {
          const dx = grid.originMm[0] + i * pc - p[0], dy = grid.originMm[1] + j * pr - p[1], dz = z - p[2];
          const along = max(-SEED_HALF_LENGTH_MM, min(SEED_HALF_LENGTH_MM, dx * a[0] + dy * a[1] + dz * a[2]));
          const ex = dx - along * a[0], ey = dy - along * a[1], ez = dz - along * a[2];
          const d = sqrt(ex * ex + ey * ey + ez * ez);
          if (d >= r) continue;
          const n = (k * grid.rows + j) * grid.columns + i;
          values[n] *= VOID_FLOOR + (1 - VOID_FLOOR) * (d / r) ** 2;
        }
    }
  }
}

/** Magnitude images: Gaussian noise in the complex channels, taken as the absolute value (Rician floor). */
export function mriVolumes(patient: MriPatient, study: MriStudy, kinds: readonly MrSeriesKind[], grid: VolumeGrid = study.grid): MrVolume[] {
  const values = kinds.map(() => new Float32Array(grid.columns * grid.rows * grid.slices));
  paintTissues(values, grid, kinds.map((k) => kindTissues(study, k)), study, 0);
  return kinds.map((kind, q) => {
    const v = values[q];
    seedVoids(v, grid, study);
    const random = derivedRandom(patient.seedValue, `mri-noise/${study.label}/${kind}`);
    const signal = new Uint16Array(v.length);
    for (let n = 0; n < v.length; n++) {
      const re = v[n] + MR_NOISE_SD * random.gaussian();
      const im = MR_NOISE_SD * random.gaussian();
      signal[n] = round(min(MR_MAX_SIGNAL, sqrt(re * re + im * im)));
    }
    return { grid, signal };
  });
}
