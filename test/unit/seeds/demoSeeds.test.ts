/**
 * Acceptance on the demo case (scripts/demo): on every follow-up CT, seed finding finds each true seed within
 * 1 mm and ignores the lipiodol deposit; registering the planned seeds to the found ones recovers the study's pose
 * and reports the migrated seed. Truth comes from demo-data/truth.json, written by the generator, not by us.
 * The demo is generated once into .cache/demo-seeds (the generator's stamp makes reruns a no-op).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCtSeries } from '../../../extensions/mrecist/src/cli/readCtSeries';
import { cross, distance, type Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { voxelToPatient, type CtVolume } from '../../../extensions/mrecist/src/core/seeds/CtVolume';
import { decodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { roiDoseVolumeMetrics } from '../../../extensions/mrecist/src/core/dose/dvhSampling';
import { readRtDose } from '../../../extensions/mrecist/src/core/dose/readRtDose';
import { findRoiByName, readRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStruct';
import { planarRoiFromContours } from '../../../extensions/mrecist/src/core/dose/rtStructPlanarRoi';
import { sampleDose } from '../../../extensions/mrecist/src/core/dose/sampleDose';
import { findSeeds } from '../../../extensions/mrecist/src/core/seeds/findSeeds';
import { registerSeeds } from '../../../extensions/mrecist/src/core/seeds/registerSeeds';
import { applyMatrix4 } from '../../../extensions/mrecist/src/core/geometry/matrix4';

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

describe('DVH of the demo GTV against a straightforward implementation', () => {
  it('D90, D100 and V100 agree with brute-force sampling, ray casting and a nearest-rank D90', () => {
    const pre = join(DEMO, 'dicom', 'pre-implant');
    const file = (dir: string) => join(pre, dir, readdirSync(join(pre, dir))[0]);
    const grid = readRtDose(decodeDicom(readFileSync(file('rtdose')), 'dose'));
    const roi = findRoiByName(readRtStruct(decodeDicom(readFileSync(file('rtstruct')), 'struct')), 'GTV', 'struct');
    const ours = roiDoseVolumeMetrics(planarRoiFromContours(roi, 'struct'), grid, 145, 'dose', 0.5);

    // Independent: each contour stands for its slice ± half the spacing; a 0.5 mm lattice of points, ray casting.
    const zs = [...new Set(roi.contours.map((c) => c.points[0][2]))].sort((a, b) => a - b);
    const half = (zs[1] - zs[0]) / 2;
    const polygonsAt = (z: number) => roi.contours.filter((c) => Math.abs(c.points[0][2] - z) < half || c.points[0][2] - z === -half);
    const inside = (x: number, y: number, polygons: typeof roi.contours) => {
      let hit = false;
      for (const c of polygons) {
        const p = c.points;
        for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
          if (p[i][1] > y !== p[j][1] > y && x < ((p[j][0] - p[i][0]) * (y - p[i][1])) / (p[j][1] - p[i][1]) + p[i][0]) hit = !hit;
        }
      }
      return hit;
    };
    const xs = roi.contours.flatMap((c) => c.points.map((p) => p[0])), ys = roi.contours.flatMap((c) => c.points.map((p) => p[1]));
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const doses: number[] = [];
    for (let z = zs[0] - half + 0.25; z < zs[zs.length - 1] + half; z += 0.5) {
      const polygons = polygonsAt(z);
      for (let y = Math.floor(y0) + 0.25; y < y1; y += 0.5)
        for (let x = Math.floor(x0) + 0.25; x < x1; x += 0.5) {
          if (!inside(x, y, polygons)) continue;
          const d = sampleDose(grid, [x, y, z]);
          if (d === null) throw new Error('GTV outside the demo dose grid');
          doses.push(d);
        }
    }
    doses.sort((a, b) => b - a);
    const d90 = doses[Math.ceil(0.9 * doses.length) - 1];
    const v100 = (100 * doses.filter((d) => d >= 145).length) / doses.length;
    expect(Math.abs(ours.D90Gy / d90 - 1)).toBeLessThan(0.01);
    expect(Math.abs(ours.D100Gy / doses[doses.length - 1] - 1)).toBeLessThan(0.03);
    expect(Math.abs(ours.V100Pct - v100)).toBeLessThan(0.5);
    expect(Math.abs(ours.sampledVolumeCc / ((doses.length * 0.125) / 1000) - 1)).toBeLessThan(0.01);
  });
});
