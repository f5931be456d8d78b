/**
 * Acceptance on the demo case (scripts/demo): on every follow-up CT, seed finding finds each true seed within
 * 1 mm and ignores the lipiodol deposit; registering the planned seeds to the found ones recovers the study's pose
 * and reports the migrated seed. Truth comes from demo-data/truth.json, written by the generator, not by us.
 * The demo is generated once into .cache/demo-seeds (the generator's stamp makes reruns a no-op).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCtSeries } from '../../../extensions/mrecist/src/cli/readCtSeries';
import { cross, distance, type Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { voxelToPatient, type CtVolume } from '../../../extensions/mrecist/src/core/seeds/CtVolume';
import { findSeeds } from '../../../extensions/mrecist/src/core/seeds/findSeeds';
import { registerSeeds } from '../../../extensions/mrecist/src/core/seeds/registerSeeds';
import { applyMatrix4 } from '../../../extensions/mrecist/src/core/seeds/rigidFit';

const ROOT = resolve(__dirname, '../../..');
const DEMO = join(ROOT, '.cache', 'demo-seeds');

interface TruthSeed {
  index: number;
  positionMm: Vec3;
  migrated: boolean;
}
interface TruthStudy {
  label: string;
  frameOfReferenceUid: string;
  preImplantToStudy: number[];
  lipiodolCentreMm: Vec3;
  seeds: TruthSeed[];
}
interface Truth {
  migratedSeedIndex: number;
  plan: { seeds: { index: number; positionMm: Vec3 }[] };
  studies: TruthStudy[];
}

jest.setTimeout(600_000);

/** Highest HU within r mm of a point (voxels of the surrounding index box; slices are evenly spaced in the demo). */
function peakHuNear(v: CtVolume, p: Vec3, r: number): number {
  const rel = [0, 1, 2].map((d) => p[d] - v.originMm[d]);
  const along = (u: Vec3) => rel[0] * u[0] + rel[1] * u[1] + rel[2] * u[2];
  const n = cross(v.rowDirection, v.columnDirection);
  const ci = along(v.rowDirection) / v.columnSpacingMm, cj = along(v.columnDirection) / v.rowSpacingMm, ck = along(n) / v.sliceOffsetsMm[1];
  let peak = -Infinity;
  for (let k = Math.max(0, Math.floor(ck - 3)); k <= Math.min(v.slices - 1, Math.ceil(ck + 3)); k++)
    for (let j = Math.max(0, Math.floor(cj - 5)); j <= Math.min(v.rows - 1, Math.ceil(cj + 5)); j++)
      for (let i = Math.max(0, Math.floor(ci - 5)); i <= Math.min(v.columns - 1, Math.ceil(ci + 5)); i++) {
        if (distance(voxelToPatient(v, i, j, k), p) <= r) peak = Math.max(peak, v.voxelsHu[k * v.rows * v.columns + j * v.columns + i]);
      }
  return peak;
}

let truth: Truth;
beforeAll(() => {
  execFileSync('npx', ['tsx', 'scripts/demo/generateDemo.ts', '--out', DEMO], { cwd: ROOT, stdio: 'ignore' });
  truth = JSON.parse(readFileSync(join(DEMO, 'truth.json'), 'utf8'));
});

describe('seed finding and registration on the demo follow-up CTs', () => {
  it('finds every seed within 1 mm, ignores lipiodol, and flags the migrated seed after registration', () => {
    const followUps = truth.studies.filter((s) => s.seeds.length > 0);
    expect(followUps.length).toBeGreaterThanOrEqual(4);
    const plan = truth.plan.seeds.map((s) => s.positionMm);
    for (const study of followUps) {
      const ct = readCtSeries(join(DEMO, 'dicom', study.label, 'ct-arterial-2mm'));
      expect(ct.volume.frameOfReferenceUid).toBe(study.frameOfReferenceUid);
      const result = findSeeds(ct.volume, { expectedCount: plan.length });
      const found = result.seeds.map((s) => s.positionMm);
      expect(result.countDifference).toBe(0);
      for (const seed of study.seeds) {
        const nearest = Math.min(...found.map((f) => distance(f, seed.positionMm)));
        expect([study.label, seed.index, nearest < 1]).toEqual([study.label, seed.index, true]);
      }
      // No false seeds: every found seed is a true seed (so the lipiodol deposit, present and bright, is ignored).
      for (const f of found) expect(Math.min(...study.seeds.map((s) => distance(f, s.positionMm)))).toBeLessThan(1);
      expect(peakHuNear(ct.volume, study.lipiodolCentreMm, 3)).toBeGreaterThan(1000);

      const reg = registerSeeds(plan, found);
      expect(reg.migrated.map((m) => m.planIndex)).toEqual([truth.migratedSeedIndex]);
      const migratedTruth = study.seeds.find((s) => s.migrated)!;
      expect(distance(reg.migrated[0].foundMm!, migratedTruth.positionMm)).toBeLessThan(1);
      // The fitted pose agrees with the demo's pre-implant → study transform near the implant (liver deformation
      // moves seeds by a millimetre or two, so allow 3 mm).
      for (const p of plan) expect(distance(applyMatrix4(reg.matrix, p), applyMatrix4(study.preImplantToStudy, p))).toBeLessThan(3);
    }
  });
});
