import { ctVolume, type CtVolume } from '../../../scripts/demo/ctVolume';
import { demoPatient, type DemoStudy } from '../../../scripts/demo/demoPatient';
import { croppedGrid, type VolumeGrid } from '../../../scripts/demo/VolumeGrid';

type V = [number, number, number];
const SEED_THRESHOLD_HU = 3000;
const patient = demoPatient(12);

/** Voxel centre, written out independently of the generator's VolumeGrid helpers. */
function centreOf(g: VolumeGrid, i: number, j: number, k: number): V {
  return [0, 1, 2].map(
    (d) => g.originMm[d] + i * g.pixelSpacingMm[1] * g.rowDirection[d] + j * g.pixelSpacingMm[0] * g.columnDirection[d] + k * g.sliceSpacingMm * g.sliceDirection[d],
  ) as V;
}

/** Connected components (26-neighbourhood) of voxels at or above a threshold, by breadth-first flood fill. */
function brightComponents(v: CtVolume, threshold: number): { voxels: number; centroidMm: V; peakHu: number }[] {
  const { columns: nx, rows: ny, slices: nz } = v.grid;
  const seen = new Uint8Array(v.hu.length);
  const out: { voxels: number; centroidMm: V; peakHu: number }[] = [];
  for (let start = 0; start < v.hu.length; start++) {
    if (seen[start] || v.hu[start] < threshold) continue;
    const queue = [start];
    seen[start] = 1;
    const sum: V = [0, 0, 0];
    let count = 0;
    let peak = -Infinity;
    while (queue.length) {
      const n = queue.pop()!;
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      const p = centreOf(v.grid, i, j, k);
      sum[0] += p[0];
      sum[1] += p[1];
      sum[2] += p[2];
      count++;
      peak = Math.max(peak, v.hu[n]);
      for (let dk = -1; dk <= 1; dk++)
        for (let dj = -1; dj <= 1; dj++)
          for (let di = -1; di <= 1; di++) {
            const [a, b, c] = [i + di, j + dj, k + dk];
            if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
            const m = (c * ny + b) * nx + a;
            if (!seen[m] && v.hu[m] >= threshold) {
              seen[m] = 1;
              queue.push(m);
            }
          }
    }
    out.push({ voxels: count, centroidMm: sum.map((s) => s / count) as V, peakHu: peak });
  }
  return out;
}

const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** A box, in the study frame, around the tumour's seeds and the migration site: full resolution, fewer voxels. */
function seedBox(s: DemoStudy): VolumeGrid {
  const points = patient.studies[1].seeds.map((x) => x.positionMm).concat(s.seeds.map((x) => x.positionMm));
  const lo = [0, 1, 2].map((d) => Math.min(...points.map((p) => p[d])) - 8);
  const hi = [0, 1, 2].map((d) => Math.max(...points.map((p) => p[d])) + 8);
  return croppedGrid(s.grid, lo.map((l, d) => (l + hi[d]) / 2) as V, lo.map((l, d) => (hi[d] - l) / 2) as V);
}

describe('synthetic CT volume', () => {
  const volumes = patient.studies.map((s) => ctVolume(patient, s, { grid: seedBox(s) }));

  it('shows no seed-bright voxels before the implant (lipiodol and bone stay below the seed threshold)', () => {
    expect(brightComponents(volumes[0], SEED_THRESHOLD_HU)).toHaveLength(0);
  });

  it.each([1, 2, 3, 4])('shows exactly 50 saturated seeds at follow-up %i, each where the truth puts it', (f) => {
    const study = patient.studies[f];
    const found = brightComponents(volumes[f], SEED_THRESHOLD_HU);
    expect(found).toHaveLength(50);
    for (const c of found) expect(c.peakHu).toBe(3071);
    // One-to-one: every true seed has exactly one component centroid within 1.5 mm.
    for (const seed of study.seeds) {
      const near = found.filter((c) => dist(c.centroidMm, seed.positionMm) < 1.5);
      expect(near).toHaveLength(1);
    }
  });

  it('shows exactly 50 seeds in a full-size follow-up volume as generated (with the noise of the written series)', () => {
    const full = ctVolume(patient, patient.studies[4]);
    expect(full.grid.columns * full.grid.rows * full.grid.slices).toBe(256 * 256 * 70);
    expect(brightComponents(full, SEED_THRESHOLD_HU)).toHaveLength(50);
  });

  it('adds seeded noise of 10–15 HU standard deviation, correlated between neighbouring pixels', () => {
    const s = patient.studies[0];
    const grid = croppedGrid(s.grid, [-60, -30, 20], [40, 40, 4]);
    const noisy = ctVolume(patient, s, { grid });
    const clean = ctVolume(patient, s, { grid, noise: false });
    const d: number[] = [];
    for (let n = 0; n < noisy.hu.length; n++) if (clean.hu[n] > -900 && clean.hu[n] < 2000) d.push(noisy.hu[n] - clean.hu[n]);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
    expect(Math.abs(mean)).toBeLessThan(1);
    expect(sd).toBeGreaterThan(10);
    expect(sd).toBeLessThan(15);
    // Neighbours along a row are positively correlated (reconstruction-kernel grain), not white noise.
    let num = 0;
    for (let n = 0; n + 1 < noisy.hu.length; n++) num += (noisy.hu[n] - clean.hu[n]) * (noisy.hu[n + 1] - clean.hu[n + 1]);
    expect(num / (noisy.hu.length - 1) / (sd * sd)).toBeGreaterThan(0.3);
  });

  it('puts the migrated seed at its truth position, far from the implant', () => {
    for (const study of patient.studies.slice(1)) {
      const migrated = study.seeds.find((s) => s.migrated)!;
      expect(migrated.index).toBe(patient.migratedSeedIndex);
      const found = brightComponents(volumes[study.index], SEED_THRESHOLD_HU);
      const nearest = found.reduce((a, b) => (dist(a.centroidMm, migrated.positionMm) < dist(b.centroidMm, migrated.positionMm) ? a : b));
      expect(dist(nearest.centroidMm, migrated.positionMm)).toBeLessThan(1);
      const others = study.seeds.filter((s) => !s.migrated);
      expect(Math.min(...others.map((s) => dist(s.positionMm, migrated.positionMm)))).toBeGreaterThan(40);
    }
  });

  it('keeps the lipiodol deposit dense (> 1000 HU) but below 3000 HU', () => {
    const v = volumes[0];
    const centre = patient.studies[0].truth.lipiodolCentreMm;
    let peak = -Infinity;
    const { columns: nx, rows: ny, slices: nz } = v.grid;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++)
          if (dist(centreOf(v.grid, i, j, k), centre) < 10) peak = Math.max(peak, v.hu[(k * ny + j) * nx + i]);
    expect(peak).toBeGreaterThan(1000);
    expect(peak).toBeLessThan(3000);
  });

  it('renders a seed with a smooth partial-volume edge: intermediate values between tissue and saturation', () => {
    const v = volumes[1];
    const seed = patient.studies[1].seeds.find((s) => !s.migrated)!;
    const values: number[] = [];
    const { columns: nx, rows: ny, slices: nz } = v.grid;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) if (dist(centreOf(v.grid, i, j, k), seed.positionMm) < 4) values.push(v.hu[(k * ny + j) * nx + i]);
    expect(values.some((x) => x === 3071)).toBe(true);
    expect(values.some((x) => x > 400 && x < 2500)).toBe(true);
  });
});
