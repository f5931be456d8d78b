/**
 * Synthesises one study's CT volume in HU: the anatomy and the lesions (modelled in the pre-implant frame) are
 * sampled through the inverse of the study's rigid transform, the seeds are drawn in the study frame, then
 * correlated Gaussian noise is added and values are clamped to the 12-bit CT range [−1024, 3071].
 */
import type { Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import { abdomenTissues, HU } from './abdomenAnatomy';
import type { DemoPatient, DemoStudy } from './demoPatient';
import { applyTransform, invertTransform, rotateDirection } from './RigidTransform';
import { derivedRandom } from './seededRandom';
import { renderSeeds } from './seedRendering';
import type { Tissue } from './Tissue';
import { type CtPhase, PHASE_ATTENUATION } from './ctPhases';
import { tumourTissues } from './tumourTissues';
import type { VolumeGrid } from './VolumeGrid';

// Bound once per module: Jest's vm context makes every global `Math` lookup slow in per-voxel loops,
// and re-exported bindings from another module are getter calls under tsx.
const { max, min, round } = Math;

export const CT_MIN_HU = -1024;
export const CT_MAX_HU = 3071;
/** Image noise of a routine abdominal CT at this slice thickness (standard deviation in soft tissue). */
export const NOISE_SD_HU = 12;
/** Half-width of the partial-volume transition at an organ edge: about one reconstructed pixel overall. */
const EDGE_MM = 0.6;

export interface CtVolume {
  readonly grid: VolumeGrid;
  /** HU, column fastest, then row, then slice (slice 0 = first instance). */
  readonly hu: Int16Array;
}

export interface CtVolumeOptions {
  /** A different grid in the study frame (e.g. croppedGrid for fast tests); default the study's own. */
  readonly grid?: VolumeGrid;
  /** Default true; false gives the noise-free model (for checking values). */
  readonly noise?: boolean;
}

/** The study's arterial-phase volume (the series readers measure on). */
export function ctVolume(patient: DemoPatient, study: DemoStudy, options: CtVolumeOptions = {}): CtVolume {
  return ctPhaseVolumes(patient, study, ['arterial'], options)[0];
}

function phaseTissues(study: DemoStudy, phase: CtPhase): Tissue[] {
  const a = PHASE_ATTENUATION[phase];
  return [...abdomenTissues(a.anatomy, a.splenicBandHu), ...study.lesions.flatMap((l) => tumourTissues(l.tumour, a.viableTumourHu, a.necrosisHu))];
}

/**
 * One volume per phase, painted in one pass: the shapes (the costly part) are evaluated once per voxel and each
 * phase's attenuation is blended into its own volume. Each phase has its own noise stream; the arterial one keeps
 * the stream the demo has always used, so its series stays the same image for image.
 */
export function ctPhaseVolumes(patient: DemoPatient, study: DemoStudy, phases: readonly CtPhase[], options: CtVolumeOptions = {}): CtVolume[] {
  const grid = options.grid ?? study.grid;
  const values = phases.map(() => new Float32Array(grid.columns * grid.rows * grid.slices));
  paintTissues(values, grid, phases.map((p) => phaseTissues(study, p)), study);
  return phases.map((phase, q) => {
    const v = values[q];
    renderSeeds(v, grid, study.seeds);
    const hu = new Int16Array(v.length);
    const stream = phase === 'arterial' ? `noise/${study.label}` : `noise/${study.label}/${phase}`;
    if (options.noise ?? true) addNoise(v, grid, derivedRandom(patient.seedValue, stream));
    for (let n = 0; n < v.length; n++) hu[n] = round(min(CT_MAX_HU, max(CT_MIN_HU, v[n])));
    return { grid, hu };
  });
}

/** `layers[p]` are the tissues of phase p: the same shapes in the same order, only their attenuation differs. */
export function paintTissues(
  outs: Float32Array[],
  grid: VolumeGrid,
  layers: Tissue[][],
  study: Pick<DemoStudy, 'preImplantToStudy'>,
  /** Value outside every tissue, per layer (air: −1000 HU on CT, no signal on MRI). */
  background: number = HU.air,
): void {
  const tissues = layers[0];
  const phaseCount = layers.length;
  const blended = new Float64Array(phaseCount);
  const toBody = invertTransform(study.preImplantToStudy);
  // Steps in the body frame for one column, one row, one slice of the study grid.
  const stepI = rotateDirection(toBody, grid.rowDirection.map((v) => v * grid.pixelSpacingMm[1]) as Vec3);
  const stepJ = rotateDirection(toBody, grid.columnDirection.map((v) => v * grid.pixelSpacingMm[0]) as Vec3);
  const stepK = rotateDirection(toBody, grid.sliceDirection.map((v) => v * grid.sliceSpacingMm) as Vec3);
  const origin = applyTransform(toBody, grid.originMm);
  const m = EDGE_MM;
  const overlaps = (t: Tissue, axis: number, lo: number, hi: number) => t.shape.max[axis] + m >= lo && t.shape.min[axis] - m <= hi;
  for (let k = 0; k < grid.slices; k++) {
    const sliceOrigin = [0, 1, 2].map((d) => origin[d] + k * stepK[d]);
    const corner = (i: number, j: number) => [0, 1, 2].map((d) => sliceOrigin[d] + i * stepI[d] + j * stepJ[d]);
    const corners = [corner(0, 0), corner(grid.columns - 1, 0), corner(0, grid.rows - 1), corner(grid.columns - 1, grid.rows - 1)];
    const zLo = min(...corners.map((c) => c[2]));
    const zHi = max(...corners.map((c) => c[2]));
    const sliceTissues = tissues.map((t, index) => ({ t, index })).filter(({ t }) => overlaps(t, 2, zLo, zHi));
    for (let j = 0; j < grid.rows; j++) {
      const rowStart = [0, 1, 2].map((d) => sliceOrigin[d] + j * stepJ[d]);
      const rowEnd = rowStart.map((v, d) => v + (grid.columns - 1) * stepI[d]);
      const rowTissues = sliceTissues.filter(
        ({ t }) =>
          overlaps(t, 1, min(rowStart[1], rowEnd[1]), max(rowStart[1], rowEnd[1])) &&
          overlaps(t, 2, min(rowStart[2], rowEnd[2]), max(rowStart[2], rowEnd[2])),
      );
      let n = (k * grid.rows + j) * grid.columns;
      for (let i = 0; i < grid.columns; i++, n++) {
        const x = rowStart[0] + i * stepI[0];
        const y = rowStart[1] + i * stepI[1];
        const z = rowStart[2] + i * stepI[2];
        blended.fill(background);
        for (const { t, index } of rowTissues) {
          const s = t.shape;
          if (x < s.min[0] - m || x > s.max[0] + m || y < s.min[1] - m || y > s.max[1] + m) continue;
          if (z < s.min[2] - m || z > s.max[2] + m) continue;
          const d = s.sd(x, y, z);
          if (d >= m) continue;
          const alpha = d <= -m ? 1 : (m - d) / (2 * m);
          for (let q = 0; q < phaseCount; q++) blended[q] += alpha * (layers[q][index].hu(x, y, z, d) - blended[q]);
        }
        for (let q = 0; q < phaseCount; q++) outs[q][n] = blended[q];
      }
    }
  }
}

/**
 * CT noise is not white: the reconstruction kernel correlates neighbouring pixels, which gives the familiar fine
 * grain. White Gaussian noise smoothed by a separable [1 2 1]/4 kernel in-plane has 0.375² = 0.1406 of the white
 * variance, so the white deviation is scaled up by 1/0.375 to end at NOISE_SD_HU.
 */
function addNoise(values: Float32Array, grid: VolumeGrid, random: ReturnType<typeof derivedRandom>): void {
  const { columns: nx, rows: ny } = grid;
  const white = new Float32Array(nx * ny);
  const rowPass = new Float32Array(nx * ny);
  const sd = NOISE_SD_HU / 0.375;
  for (let k = 0; k < grid.slices; k++) {
    for (let n = 0; n < white.length; n++) white[n] = sd * random.gaussian();
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const n = j * nx + i;
        const l = i > 0 ? white[n - 1] : white[n];
        const r = i < nx - 1 ? white[n + 1] : white[n];
        rowPass[n] = 0.25 * l + 0.5 * white[n] + 0.25 * r;
      }
    const base = k * nx * ny;
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const n = j * nx + i;
        const u = j > 0 ? rowPass[n - nx] : rowPass[n];
        const d = j < ny - 1 ? rowPass[n + nx] : rowPass[n];
        values[base + n] += 0.25 * u + 0.5 * rowPass[n] + 0.25 * d;
      }
  }
}
