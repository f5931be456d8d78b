/**
 * The demo patient's second HCC, T2 in segment S6, treated by TACE only: where it sits (inside the liver, away
 * from T1, the seeds and the kidney), what truth.json says about it per study, and what the rendered CT shows.
 */
import { abdomenTissues, LIVER_SHAPE } from '../../../scripts/demo/abdomenAnatomy';
import { ctVolume } from '../../../scripts/demo/ctVolume';
import { demoPatient, type DemoStudy } from '../../../scripts/demo/demoPatient';
import { demoTruth } from '../../../scripts/demo/demoTruth';
import { croppedGrid, type VolumeGrid } from '../../../scripts/demo/VolumeGrid';

type V = [number, number, number];
const patient = demoPatient(12);
const truth = demoTruth(patient);
const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
/** p' = M·p with M a row-major 4×4 (truth.json's preImplantToStudy), written out here. */
const apply = (m: number[], p: readonly number[]): V => [0, 1, 2].map((r) => m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2] + m[4 * r + 3]) as V;
const t2Of = (s: DemoStudy) => s.lesions.find((l) => l.id === 'T2')!;
/** Seed-finding threshold of core/seeds/findSeeds (SEED_FINDING_DEFAULTS.thresholdHu). */
const SEED_THRESHOLD_HU = 2500;

/** 266 directions spread over the sphere (latitude rings), for sampling a ball's surface. */
const DIRECTIONS: V[] = [];
for (let b = -6; b <= 6; b++)
  for (let a = 0; a < 24; a++) {
    const lat = (b / 6) * (Math.PI / 2);
    const lon = (a / 24) * 2 * Math.PI;
    DIRECTIONS.push([Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)]);
  }

function centreOf(g: VolumeGrid, i: number, j: number, k: number): V {
  return [0, 1, 2].map(
    (d) => g.originMm[d] + i * g.pixelSpacingMm[1] * g.rowDirection[d] + j * g.pixelSpacingMm[0] * g.columnDirection[d] + k * g.sliceSpacingMm * g.sliceDirection[d],
  ) as V;
}

describe('demo lesion T2 (S6, TACE only): model and truth.json', () => {
  it('lists both lesions in every study, T1 (S8, seeds) first and T2 (S6, TACE) second', () => {
    for (const s of truth.studies) {
      expect(s.lesions.map((l) => [l.id, l.segment, l.treatment])).toEqual([
        ['T1', 'S8', 'seeds'],
        ['T2', 'S6', 'tace'],
      ]);
    }
  });

  it('describes T1 in lesions[] exactly as the study-level fields do', () => {
    for (const s of truth.studies) {
      const t1 = s.lesions[0];
      expect(t1.viableDiameterMm).toBe(s.viableLongestDiameterMm);
      expect(t1.viablePlaneZMm).toBe(s.viablePlaneZMm);
      expect(t1.wholeDiameterMm).toBe(s.lesionLongestDiameterMm);
      expect(t1.centreMm).toEqual(s.lesionCentreMm);
      expect(t1.lipiodolCentreMm).toEqual(s.lipiodolCentreMm);
    }
  });

  it('puts T2 centre in each study frame where the study transform takes the baseline centre', () => {
    const base = truth.studies[0].lesions[1].centreMm;
    for (const s of truth.studies) {
      expect(dist(s.lesions[1].centreMm, apply(s.preImplantToStudy, base))).toBeLessThan(0.002);
    }
  });

  it('lies in the right posterior inferior liver (S6): lateral, posterior of the hilum, below T1', () => {
    const t2 = patient.studies[0].lesions[1].tumour.lesion.centreMm;
    const t1 = patient.studies[0].tumour.lesion.centreMm;
    expect(t2[0]).toBeLessThan(-90); // patient right (LPS: −x)
    expect(t2[1]).toBeGreaterThan(10); // posterior (LPS: +y)
    expect(t2[2]).toBeLessThan(t1[2] - 40); // inferior
  });

  it('stays inside the liver with a margin of liver all round, at every timepoint', () => {
    for (const s of patient.studies) {
      const ball = t2Of(s).tumour.lesion;
      for (const d of DIRECTIONS) {
        const p = [0, 1, 2].map((k) => ball.centreMm[k] + (ball.radiusMm + 3) * d[k]);
        expect(LIVER_SHAPE.sd(p[0], p[1], p[2])).toBeLessThan(0);
      }
    }
  });

  it('keeps clear of T1, the right kidney, the portal vein and every seed', () => {
    const kidney = abdomenTissues().find((t) => t.name === 'right kidney')!.shape;
    const portalVein = abdomenTissues().find((t) => t.name === 'portal vein')!.shape;
    for (const s of patient.studies) {
      const t1 = s.tumour.lesion;
      const t2 = t2Of(s).tumour.lesion;
      expect(dist(t1.centreMm, t2.centreMm) - t1.radiusMm - t2.radiusMm).toBeGreaterThan(40);
      for (const d of DIRECTIONS) {
        const p = [0, 1, 2].map((k) => t2.centreMm[k] + t2.radiusMm * d[k]);
        expect(kidney.sd(p[0], p[1], p[2])).toBeGreaterThan(10);
        expect(portalVein.sd(p[0], p[1], p[2])).toBeGreaterThan(2);
      }
    }
    // Seeds are in each study's frame; so is truth's T2 centre.
    for (const s of truth.studies) {
      const t2 = s.lesions[1];
      for (const seed of s.seeds) expect(dist(seed.positionMm, t2.centreMm) - t2.wholeDiameterMm / 2).toBeGreaterThan(40);
    }
  });

  it('lies inside every study’s scanned volume with at least 5 mm to spare', () => {
    for (const s of patient.studies) {
      const c = t2Of(s).truth.centreMm;
      const r = t2Of(s).tumour.lesion.radiusMm;
      const top = s.grid.originMm[2];
      const bottom = top - (s.grid.slices - 1) * s.grid.sliceSpacingMm;
      expect(c[2] - r - 5).toBeGreaterThan(bottom);
      expect(c[2] + r + 5).toBeLessThan(top);
    }
  });

  it('has a whole-lesion diameter of about 24 mm (twice the ball radius)', () => {
    truth.studies.forEach((s, i) => {
      const radius = patient.studies[i].lesions[1].tumour.lesion.radiusMm;
      expect(Math.abs(s.lesions[1].wholeDiameterMm - 2 * radius)).toBeLessThan(0.1);
      expect(s.lesions[1].wholeDiameterMm).toBeGreaterThan(22.5);
      expect(s.lesions[1].wholeDiameterMm).toBeLessThanOrEqual(24.05);
    });
  });

  // Hand reasoning: the enhancing part is lesion ∩ window − core. When the window ball lies inside the lesion ball
  // and its equator circle (perpendicular to the core–window axis) lies outside the core, the equator is enhancing,
  // and the axial plane through the window centre contains a diameter of it: the longest axial diameter is the
  // window diameter (no chord of the window is longer). Planes are sampled 0.5 mm apart, so allow 0.02 mm.
  it.each([
    [0, 20],
    [1, 19],
    [2, 18],
    [3, 18],
    [4, 17],
  ])('measures the enhancing part at timepoint %i as the window diameter, %i mm (TACE partial response)', (i, expectedMm) => {
    const t = patient.studies[i].lesions[1].tumour;
    const w = t.viableWindow!;
    expect(dist(w.centreMm, t.lesion.centreMm) + w.radiusMm).toBeLessThanOrEqual(t.lesion.radiusMm);
    const equatorToCore = Math.hypot(dist(w.centreMm, t.necroticCore.centreMm), w.radiusMm);
    expect(equatorToCore).toBeGreaterThan(t.necroticCore.radiusMm);
    expect(2 * w.radiusMm).toBe(expectedMm);
    expect(Math.abs(truth.studies[i].lesions[1].viableDiameterMm - expectedMm)).toBeLessThan(0.02);
  });

  it('never loses its enhancing tumour (no complete response) and never grows', () => {
    const viable = truth.studies.map((s) => s.lesions[1].viableDiameterMm);
    viable.slice(1).forEach((d, i) => expect(d).toBeLessThanOrEqual(viable[i] + 0.02));
    expect(Math.min(...viable)).toBeGreaterThan(15);
    for (const s of truth.studies) expect(s.lesions[1].viablePlaneZMm).not.toBeNull();
  });
});

describe('demo lesion T2 on the rendered CT', () => {
  /** A 60 × 60 × 40 mm box around T2 in the study frame. */
  const boxAround = (s: DemoStudy) => croppedGrid(s.grid, t2Of(s).truth.centreMm, [30, 30, 20]);

  it.each([0, 4])('shows an enhancing part as wide as the truth on its plane, surrounded by liver (study %i)', (i) => {
    const s = patient.studies[i];
    const grid = boxAround(s);
    const v = ctVolume(patient, s, { grid, noise: false });
    const t2 = t2Of(s);
    const { columns: nx, rows: ny, slices: nz } = grid;
    // The slice nearest the plane where the truth's longest diameter lies.
    let k = 0;
    for (let c = 1; c < nz; c++)
      if (Math.abs(centreOf(grid, 0, 0, c)[2] - t2.truth.viablePlaneZMm!) < Math.abs(centreOf(grid, 0, 0, k)[2] - t2.truth.viablePlaneZMm!)) k = c;
    // Enhancing: closer to viable tumour (140 HU) than to liver (70 HU), within 2 mm of the lesion (the box also
    // holds ribs and vessels), and not the partial-volume edge of a lipiodol droplet.
    const m = truth.studies[i].preImplantToStudy;
    const droplets = t2.tumour.lipiodol.map((d) => ({ centre: apply(m, d.centreMm), radiusMm: d.radiusMm }));
    const nearLipiodol = (p: V) => droplets.some((d) => dist(p, d.centre) < d.radiusMm + 1.5);
    const enhancing: V[] = [];
    for (let j = 0; j < ny; j++)
      for (let n = 0; n < nx; n++) {
        const hu = v.hu[(k * ny + j) * nx + n];
        const p = centreOf(grid, n, j, k);
        if (hu >= 105 && hu < 300 && dist(p, t2.truth.centreMm) < t2.tumour.lesion.radiusMm + 2 && !nearLipiodol(p)) enhancing.push(p);
      }
    let widest = 0;
    for (const a of enhancing) for (const b of enhancing) widest = Math.max(widest, dist(a, b));
    // Pixel centres span the region less one pixel (1.4 mm); a slice up to 1 mm off the plane loses < 0.2 mm.
    expect(Math.abs(widest + 1.4 - t2.truth.viableLongestDiameterMm)).toBeLessThan(2);
    // Liver all round: a shell 3–5 mm outside the lesion is liver parenchyma (70 ± 4 HU texture, no vessels here).
    const ball = t2.truth;
    const r = t2.tumour.lesion.radiusMm;
    for (let c = 0; c < nz; c++)
      for (let j = 0; j < ny; j++)
        for (let n = 0; n < nx; n++) {
          const d = dist(centreOf(grid, n, j, c), ball.centreMm) - r;
          if (d > 3 && d < 5) expect(Math.abs(v.hu[(c * ny + j) * nx + n] - 70)).toBeLessThan(8);
        }
  });

  it.each([0, 1, 2, 3, 4])('keeps its lipiodol dense but below the seed threshold, with noise (study %i)', (i) => {
    const s = patient.studies[i];
    const grid = boxAround(s);
    const v = ctVolume(patient, s, { grid });
    const centre = t2Of(s).truth.lipiodolCentreMm;
    let peakNear = -Infinity;
    let peakAll = -Infinity;
    for (let k = 0; k < grid.slices; k++)
      for (let j = 0; j < grid.rows; j++)
        for (let n = 0; n < grid.columns; n++) {
          const hu = v.hu[(k * grid.rows + j) * grid.columns + n];
          peakAll = Math.max(peakAll, hu);
          if (dist(centreOf(grid, n, j, k), centre) < 6) peakNear = Math.max(peakNear, hu);
        }
    expect(peakNear).toBeGreaterThan(700);
    expect(peakAll).toBeLessThan(SEED_THRESHOLD_HU - 500);
  });
});
