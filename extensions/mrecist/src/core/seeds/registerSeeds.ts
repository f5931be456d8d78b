/**
 * Rigid registration of planned seed positions to seeds found on a follow-up CT (brachytherapy-dosimetry.md
 * section 5), robust to missing, extra and migrated seeds:
 * 1. Global start (no initial matrix): RANSAC over triplets. A triplet of plan seeds is matched to found triplets
 *    with the same three pairwise distances (± `tripletToleranceMm`); each candidate's Horn fit is scored by the
 *    number of plan seeds landing within `matchToleranceMm` of a found seed. Triplets are drawn by a fixed-seed
 *    generator, so the answer is reproducible. Rotation size does not matter (no small-angle assumption).
 * 2. Iterative closest point: mutual nearest neighbours closer than `matchToleranceMm` are paired, Horn's method
 *    refits on the pairs, until the pairing stops changing. Pairs beyond the tolerance are outliers.
 * 3. Report: the 4×4 matrix mapping plan coordinates into the CT frame (found ≈ M·plan, the Spatial Registration
 *    layout), per-pair residuals, RMS, plan seeds without a partner (migrated: paired greedily with the nearest
 *    unexplained found seed; or not found) and found seeds without a plan seed.
 */
import { DicomInputError } from '../errors';
import { distance, type Vec3 } from '../geometry/vec3';
import { applyMatrix4, type Matrix4 } from '../geometry/matrix4';
import { fitRigidTransform } from './rigidFit';

export interface SeedRegistrationOptions {
  /** A found seed within this distance of a transformed plan seed is its partner. Default 4 mm. */
  matchToleranceMm?: number;
  tripletToleranceMm?: number;
  /** Start ICP from this matrix (e.g. a DICOM Spatial Registration) instead of the triplet search. */
  initialMatrix?: Matrix4;
  ransacIterations?: number;
  /**
   * Largest rotation the triplet search accepts (default 30°). Follow-up CTs are taken supine, head first, so the
   * frames differ by a translation and a few degrees; bounding the angle also resolves the symmetry of regular
   * implants (a 5 × 5 lattice maps onto itself by 180°), which positions alone cannot.
   */
  maxRotationDeg?: number;
  /** Names the inputs in error messages (e.g. "plan.dcm → CT/"). */
  source?: string;
}

export interface SeedPair {
  planIndex: number;
  foundIndex: number;
  /** |M·plan − found|, mm. */
  residualMm: number;
}

export interface MigratedSeed {
  planIndex: number;
  /** Planned position mapped into the CT frame. */
  expectedMm: Vec3;
  /** Where the nearest unexplained found seed is; null when none is left (seed lost or outside the scan). */
  foundIndex: number | null;
  foundMm: Vec3 | null;
  displacementMm: number | null;
}

export interface SeedRegistration {
  matrix: Matrix4;
  pairs: SeedPair[];
  rmsMm: number;
  maxResidualMm: number;
  migrated: MigratedSeed[];
  /** Found seeds with no plan seed (after migrated seeds took theirs). */
  unmatchedFound: number[];
}

export const REGISTRATION_DEFAULTS = { matchToleranceMm: 4, tripletToleranceMm: 2, ransacIterations: 300, maxRotationDeg: 30 } as const;
/** The triplet search stops after this many draws without a better score (once it has a plausible one). */
const PATIENCE = 40;

/** Seeded linear congruential generator (Numerical Recipes constants): reproducible triplet choice. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Uniform grid hash for "nearest found seed within r" (numeric cell keys: no string building in the hot loop). */
class PointIndex {
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly points: readonly Vec3[], private readonly cellMm: number) {
    points.forEach((p, i) => {
      const key = this.key(Math.floor(p[0] / cellMm), Math.floor(p[1] / cellMm), Math.floor(p[2] / cellMm));
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    });
  }
  private key(x: number, y: number, z: number): number {
    return ((x + 1_000_000) * 2_000_003 + (y + 1_000_000)) * 2_000_003 + (z + 1_000_000);
  }
  /** Index of the nearest point within cellMm, or −1. */
  nearestWithin(p: Vec3): number {
    const cx = Math.floor(p[0] / this.cellMm), cy = Math.floor(p[1] / this.cellMm), cz = Math.floor(p[2] / this.cellMm);
    let best = -1, bestD = this.cellMm;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) for (let dz = -1; dz <= 1; dz++) {
      const list = this.cells.get(this.key(cx + dx, cy + dy, cz + dz));
      if (!list) continue;
      for (const i of list) {
        const d = distance(p, this.points[i]);
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
    }
    return best;
  }
}

/** Rotation angle of a rigid 4×4 (degrees), from its trace. */
export function rotationAngleDeg(m: readonly number[]): number {
  const c = (m[0] + m[5] + m[10] - 1) / 2;
  return (Math.acos(Math.min(1, Math.max(-1, c))) * 180) / Math.PI;
}

function nearest(points: readonly Vec3[], p: Vec3, exclude?: Set<number>): [number, number] {
  let best = -1, bestD = Infinity;
  points.forEach((q, i) => {
    if (exclude?.has(i)) return;
    const d = distance(p, q);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return [best, bestD];
}

export function registerSeeds(plan: readonly Vec3[], found: readonly Vec3[], options: SeedRegistrationOptions = {}): SeedRegistration {
  const tol = options.matchToleranceMm ?? REGISTRATION_DEFAULTS.matchToleranceMm;
  const source = options.source ?? 'seeds';
  if (plan.length < 3 || found.length < 3)
    throw new DicomInputError(source, 'seed positions', `rigid registration needs at least 3 plan and 3 found seeds, got ${plan.length} and ${found.length}`);
  const index = new PointIndex(found, tol);
  const score = (m: Matrix4) => {
    let s = 0;
    for (const p of plan) if (index.nearestWithin(applyMatrix4(m, p)) >= 0) s++;
    return s;
  };
  let matrix = options.initialMatrix ?? tripletSearch(plan, found, options, score);
  if (!matrix) throw new DicomInputError(source, 'seed positions', 'no triplet of plan seeds matches the found seeds');

  let pairs: SeedPair[] = [];
  let signature = '';
  for (let iter = 0; iter < 100; iter++) {
    pairs = mutualPairs(plan, found, matrix, tol);
    const sig = pairs.map((p) => `${p.planIndex}:${p.foundIndex}`).join(',');
    if (pairs.length < 3) break;
    matrix = fitRigidTransform(pairs.map((p) => plan[p.planIndex]), pairs.map((p) => found[p.foundIndex]));
    if (sig === signature) break;
    signature = sig;
  }
  pairs = mutualPairs(plan, found, matrix, tol);

  const pairedPlan = new Set(pairs.map((p) => p.planIndex));
  const usedFound = new Set(pairs.map((p) => p.foundIndex));
  const migrated: MigratedSeed[] = [];
  // Greedy: the unexplained plan seeds in order, each taking the nearest unexplained found seed.
  plan.forEach((p, planIndex) => {
    if (pairedPlan.has(planIndex)) return;
    const expected = applyMatrix4(matrix, p);
    const [f, d] = nearest(found, expected, usedFound);
    if (f >= 0) usedFound.add(f);
    migrated.push({
      planIndex,
      expectedMm: expected,
      foundIndex: f >= 0 ? f : null,
      foundMm: f >= 0 ? found[f] : null,
      displacementMm: f >= 0 ? d : null,
    });
  });
  const unmatchedFound = found.map((_, i) => i).filter((i) => !usedFound.has(i));
  const sq = pairs.reduce((s, p) => s + p.residualMm ** 2, 0);
  return {
    matrix,
    pairs,
    rmsMm: pairs.length ? Math.sqrt(sq / pairs.length) : NaN,
    maxResidualMm: pairs.reduce((m, p) => Math.max(m, p.residualMm), 0),
    migrated,
    unmatchedFound,
  };
}

function mutualPairs(plan: readonly Vec3[], found: readonly Vec3[], m: Matrix4, tol: number): SeedPair[] {
  const moved = plan.map((p) => applyMatrix4(m, p));
  const pairs: SeedPair[] = [];
  moved.forEach((p, planIndex) => {
    const [f, d] = nearest(found, p);
    if (f < 0 || d > tol) return;
    const [back] = nearest(moved, found[f]);
    if (back === planIndex) pairs.push({ planIndex, foundIndex: f, residualMm: d });
  });
  return pairs;
}

function tripletSearch(
  plan: readonly Vec3[],
  found: readonly Vec3[],
  options: SeedRegistrationOptions,
  score: (m: Matrix4) => number,
): Matrix4 | undefined {
  const tTol = options.tripletToleranceMm ?? REGISTRATION_DEFAULTS.tripletToleranceMm;
  const iterations = options.ransacIterations ?? REGISTRATION_DEFAULTS.ransacIterations;
  const foundPairs: { d: number; a: number; b: number }[] = [];
  for (let a = 0; a < found.length; a++) for (let b = a + 1; b < found.length; b++) foundPairs.push({ d: distance(found[a], found[b]), a, b });
  foundPairs.sort((x, y) => x.d - y.d);
  const lowerBound = (d: number) => {
    let lo = 0, hi = foundPairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (foundPairs[mid].d < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const maxAngle = options.maxRotationDeg ?? REGISTRATION_DEFAULTS.maxRotationDeg;
  const random = lcg(0x5eed);
  let best: Matrix4 | undefined, bestScore = -1, bestAngle = Infinity, lastImprovement = 0;
  const goal = Math.min(plan.length, found.length);
  for (let iter = 0; iter < iterations && bestScore < goal; iter++) {
    if (bestScore >= Math.max(3, goal / 2) && iter - lastImprovement > PATIENCE) break;
    const i0 = Math.floor(random() * plan.length), i1 = Math.floor(random() * plan.length), i2 = Math.floor(random() * plan.length);
    const d01 = distance(plan[i0], plan[i1]), d02 = distance(plan[i0], plan[i2]), d12 = distance(plan[i1], plan[i2]);
    // Skip near-degenerate triplets: short sides or nearly collinear (area small against the sides).
    const s = (d01 + d02 + d12) / 2;
    const area = Math.sqrt(Math.max(0, s * (s - d01) * (s - d02) * (s - d12)));
    if (Math.min(d01, d02, d12) < 3 * tTol || area < 0.1 * Math.max(d01, d02, d12) ** 2) continue;
    for (let k = lowerBound(d01 - tTol); k < foundPairs.length && foundPairs[k].d <= d01 + tTol; k++) {
      for (const [a, b] of [[foundPairs[k].a, foundPairs[k].b], [foundPairs[k].b, foundPairs[k].a]]) {
        for (let c = 0; c < found.length; c++) {
          if (c === a || c === b) continue;
          if (Math.abs(distance(found[a], found[c]) - d02) > tTol || Math.abs(distance(found[b], found[c]) - d12) > tTol) continue;
          const m = fitRigidTransform([plan[i0], plan[i1], plan[i2]], [found[a], found[b], found[c]]);
          const angle = rotationAngleDeg(m);
          if (angle > maxAngle) continue;
          const sc = score(m);
          // Equal scores (symmetric implants): the smaller rotation wins.
          if (sc > bestScore || (sc === bestScore && angle < bestAngle - 1)) {
            if (sc > bestScore) lastImprovement = iter;
            bestScore = sc;
            best = m;
            bestAngle = angle;
          }
        }
      }
    }
  }
  return best;
}
