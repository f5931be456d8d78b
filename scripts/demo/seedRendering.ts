/**
 * Renders I-125 seeds (metal cylinders 0.8 mm × 4.5 mm) into a CT volume in HU, in the study's own frame.
 *
 * A seed is much smaller than a voxel, so its brightness comes from partial volume: each voxel near a seed is
 * supersampled 4 × 4 × 4 against the cylinder and the covered fraction f mixes the tissue value with an effective
 * metal attenuation far above the display range (silver-cored seeds read > 10,000 HU on extended-scale CT). That
 * makes the seed's core saturate at the 12-bit ceiling of 3071 HU after clamping, and the edge voxels fall off
 * smoothly with f. A faint Gaussian halo stands in for the reconstruction kernel's blur. No streaks are drawn:
 * the demo is for reading response and seed position, not for metal-artefact studies.
 */
import type { Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import type { VolumeGrid } from './VolumeGrid';

// Bound once per module: Jest's vm context makes every global `Math` lookup slow in per-voxel loops,
// and re-exported bindings from another module are getter calls under tsx.
const { abs, ceil, exp, floor, max, min, sqrt } = Math;

export const SEED_RADIUS_MM = 0.4;
export const SEED_HALF_LENGTH_MM = 2.25;
/** Effective attenuation of the seed material for partial-volume mixing; high enough that every seed saturates. */
const METAL_HU = 60000;
const HALO_HU = 900;
const HALO_SIGMA_MM = 0.9;
const SUBSAMPLES = 4;

export interface SeedPose {
  readonly positionMm: Vec3;
  readonly axis: Vec3;
}

/** Distance from a point to the solid cylinder (0 inside). */
function distanceToCylinder(px: number, py: number, pz: number, s: SeedPose): number {
  const dx = px - s.positionMm[0];
  const dy = py - s.positionMm[1];
  const dz = pz - s.positionMm[2];
  const along = dx * s.axis[0] + dy * s.axis[1] + dz * s.axis[2];
  const radial = sqrt(max(0, dx * dx + dy * dy + dz * dz - along * along));
  const outR = max(0, radial - SEED_RADIUS_MM);
  const outL = max(0, abs(along) - SEED_HALF_LENGTH_MM);
  return sqrt(outR * outR + outL * outL);
}

/** Adds the seeds to `hu` (one float per voxel, column fastest, then row, then slice) in place. */
export function renderSeeds(hu: Float32Array, grid: VolumeGrid, seeds: readonly SeedPose[]): void {
  const [dRow, dCol] = grid.pixelSpacingMm;
  const dSlice = grid.sliceSpacingMm;
  const reach = SEED_HALF_LENGTH_MM + SEED_RADIUS_MM + 3 * HALO_SIGMA_MM;
  for (const seed of seeds) {
    // Index-space centre of the seed (the grid is axis-aligned in its own frame).
    const rel = [0, 1, 2].map((d) => seed.positionMm[d] - grid.originMm[d]);
    const dot = (u: Vec3) => rel[0] * u[0] + rel[1] * u[1] + rel[2] * u[2];
    const ci = dot(grid.rowDirection) / dCol;
    const cj = dot(grid.columnDirection) / dRow;
    const ck = dot(grid.sliceDirection) / dSlice;
    const ri = ceil(reach / dCol) + 1;
    const rj = ceil(reach / dRow) + 1;
    const rk = ceil(reach / dSlice) + 1;
    for (let k = max(0, floor(ck - rk)); k <= min(grid.slices - 1, ceil(ck + rk)); k++)
      for (let j = max(0, floor(cj - rj)); j <= min(grid.rows - 1, ceil(cj + rj)); j++)
        for (let i = max(0, floor(ci - ri)); i <= min(grid.columns - 1, ceil(ci + ri)); i++) {
          const p = position(grid, i, j, k);
          const d = distanceToCylinder(p[0], p[1], p[2], seed);
          if (d > reach) continue;
          const halo = HALO_HU * exp(-(d * d) / (2 * HALO_SIGMA_MM * HALO_SIGMA_MM));
          const fraction = d > sqrt(dRow * dRow + dCol * dCol + dSlice * dSlice) / 2 ? 0 : coveredFraction(grid, i, j, k, seed);
          const index = (k * grid.rows + j) * grid.columns + i;
          const v = hu[index];
          hu[index] = v + fraction * (METAL_HU - v) + halo;
        }
  }
}

function position(grid: VolumeGrid, i: number, j: number, k: number): Vec3 {
  const a = i * grid.pixelSpacingMm[1];
  const b = j * grid.pixelSpacingMm[0];
  const c = k * grid.sliceSpacingMm;
  return [0, 1, 2].map(
    (d) => grid.originMm[d] + a * grid.rowDirection[d] + b * grid.columnDirection[d] + c * grid.sliceDirection[d],
  ) as Vec3;
}

/** Fraction of the voxel's sub-samples (regular 4 × 4 × 4 lattice) inside the cylinder. */
function coveredFraction(grid: VolumeGrid, i: number, j: number, k: number, seed: SeedPose): number {
  let hits = 0;
  for (let a = 0; a < SUBSAMPLES; a++)
    for (let b = 0; b < SUBSAMPLES; b++)
      for (let c = 0; c < SUBSAMPLES; c++) {
        const p = position(
          grid,
          i + (a + 0.5) / SUBSAMPLES - 0.5,
          j + (b + 0.5) / SUBSAMPLES - 0.5,
          k + (c + 0.5) / SUBSAMPLES - 0.5,
        );
        if (distanceToCylinder(p[0], p[1], p[2], seed) === 0) hits++;
      }
  return hits / SUBSAMPLES ** 3;
}
