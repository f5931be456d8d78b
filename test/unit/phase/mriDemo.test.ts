/**
 * The MRI demo patient: every series classified as the kind it was written as (metadata, as `mrecist phase`
 * reads it), and the signal patterns a reader relies on around the tumour (arterial hyperenhancement, washout,
 * hepatobiliary hypointensity, seeds as voids).
 */
import { classifyStudyPhases } from '../../../extensions/mrecist/src/core/phase/classifySeriesPhase';
import { seriesPhaseInput } from '../../../extensions/mrecist/src/core/phase/SeriesPhaseInput';
import { MR_SERIES, mriPatient } from '../../../scripts/demo/mriPatient';
import { mriVolumes } from '../../../scripts/demo/mriVolume';
import { LESION_CENTRE_MM } from '../../../scripts/demo/tumourCourse';
import { croppedGrid, voxelCentreMm } from '../../../scripts/demo/VolumeGrid';
import { mrSliceDataset } from '../../../scripts/demo/writeMrSeries';

const patient = mriPatient(12);
const EXPECTED: Record<string, [string, string | undefined]> = {
  t2: ['unknown', undefined],
  pre: ['nonContrast', undefined],
  arterial: ['arterial', 'late'],
  portalVenous: ['portalVenous', undefined],
  transitional: ['delayed', 'transitional'],
  hepatobiliary: ['hepatobiliary', undefined],
};

describe('MRI demo patient', () => {
  const study = patient.studies[1];
  const grid = croppedGrid(study.grid, LESION_CENTRE_MM, [45, 45, 6]);
  const volumes = mriVolumes(patient, study, MR_SERIES.map((s) => s.kind), grid);

  it('has a baseline and two follow-ups with seeds only after the implant', () => {
    expect(patient.studies.map((s) => s.studyDate)).toEqual(['20200302', '20200506', '20200708']);
    expect(patient.studies[0].seeds).toHaveLength(0);
    expect(patient.studies[1].seeds.length).toBeGreaterThan(10);
  });

  it.each(patient.studies.map((s) => [s.label, s] as const))('%s: each series classified as written', (_label, s) => {
    const inputs = MR_SERIES.map((spec, q) => seriesPhaseInput([0, 1].map((k) => {
      const { PixelData: _p, ...meta } = mrSliceDataset(patient, s, spec, volumes[q], k);
      return meta;
    })));
    const results = classifyStudyPhases(inputs);
    MR_SERIES.forEach((spec, q) => {
      expect([spec.kind, results[q].phase, results[q].subphase]).toEqual([spec.kind, ...EXPECTED[spec.kind]]);
      if (results[q].phase !== 'unknown') expect(results[q].confidence).toBeGreaterThan(0.8);
    });
  });

  /** Median signal of a kind's volume inside a predicate over voxel centres. */
  function median(kind: string, inside: (p: number[]) => boolean): number {
    const v = volumes[MR_SERIES.findIndex((s) => s.kind === kind)];
    const values: number[] = [];
    for (let k = 0; k < grid.slices; k++)
      for (let j = 0; j < grid.rows; j++)
        for (let i = 0; i < grid.columns; i++) if (inside(voxelCentreMm(grid, i, j, k))) values.push(v.signal[(k * grid.rows + j) * grid.columns + i]);
    values.sort((a, b) => a - b);
    return values[values.length >> 1];
  }

  it('viable tumour: arterial hyperenhancement, washout, hypointense in the hepatobiliary phase', () => {
    const t = study.tumour;
    const window = t.viableWindow!;
    const dist = (p: number[], c: readonly number[]) => Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]);
    const nearSeed = (p: number[]) => study.seeds.some((s) => dist(p, s.positionMm) < 5);
    const viable = (p: number[]) => dist(p, window.centreMm) < window.radiusMm - 2 && dist(p, t.lesion.centreMm) < t.lesion.radiusMm - 2 && dist(p, t.necroticCore.centreMm) > t.necroticCore.radiusMm + 2 && !nearSeed(p);
    const liver = (p: number[]) => dist(p, t.lesion.centreMm) > t.lesion.radiusMm + 8 && dist(p, t.lesion.centreMm) < t.lesion.radiusMm + 14;
    expect(median('arterial', viable)).toBeGreaterThan(median('arterial', liver) + 150);
    expect(median('portalVenous', viable)).toBeLessThan(median('portalVenous', liver) - 50);
    expect(median('hepatobiliary', viable)).toBeLessThan(median('hepatobiliary', liver) - 200);
  });

  it('seeds are signal voids', () => {
    // The voxel centre closest to any seed axis centre, against a ring around that seed.
    let best = { d: Infinity, seed: study.seeds[0].positionMm as readonly number[] };
    for (let k = 0; k < grid.slices; k++)
      for (let j = 0; j < grid.rows; j++)
        for (let i = 0; i < grid.columns; i++) {
          const p = voxelCentreMm(grid, i, j, k);
          for (const s of study.seeds) {
            const d = Math.hypot(p[0] - s.positionMm[0], p[1] - s.positionMm[1], p[2] - s.positionMm[2]);
            if (d < best.d) best = { d, seed: s.positionMm };
          }
        }
    expect(best.d).toBeLessThan(1.5);
    const seed = best.seed;
    const near = (p: number[]) => Math.hypot(p[0] - seed[0], p[1] - seed[1], p[2] - seed[2]) <= best.d + 1e-6;
    const ring = (p: number[]) => { const d = Math.hypot(p[0] - seed[0], p[1] - seed[1], p[2] - seed[2]); return d > 5 && d < 8; };
    expect(median('hepatobiliary', near)).toBeLessThan(0.5 * median('hepatobiliary', ring));
  });
});
