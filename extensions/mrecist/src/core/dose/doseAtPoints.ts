/**
 * Cumulative TG-43U1 dose at arbitrary points from a seed set, evaluated exactly from the consensus tables
 * (tg43Lookup.ts, no precomputed grid tables): the reference the grid engine is checked against, and what
 * `mrecist dose-at` reports. Sum over seeds of S_K(implant) × effective hours × Ḋ/S_K(r, θ).
 */
import { dot, type Vec3 } from '../geometry/vec3';
import type { DoseBasis } from './DoseGrid';
import { effectiveTreatmentHours } from './decay';
import type { DoseModelUsage, DoseSeed } from './messages';
import { SOURCE_MODELS } from './sources/sourceModels';
import { lineSourceDoseRatePerU, pointSourceDoseRatePerU, type DoseModelKind } from './tg43Lookup';

const MM_PER_CM = 10;
const CGY_PER_GY = 100;
/** Closer than this to a seed centre the direction is meaningless; the transverse direction (θ = 90°) is used. */
const DIRECTIONLESS_RADIUS_MM = 1e-9;

/** Dose rate (cGy/h) at a point from one seed of strength strengthU, in the requested formalism. */
export function seedDoseRateCGyPerH(seed: DoseSeed, strengthU: number, pointMm: Vec3, model: DoseModelKind): number {
  const source = SOURCE_MODELS[seed.sourceModelId];
  if (!source) throw new Error(`no source model data for "${seed.sourceModelId}"`);
  const d: Vec3 = [pointMm[0] - seed.positionMm[0], pointMm[1] - seed.positionMm[1], pointMm[2] - seed.positionMm[2]];
  const rMm = Math.hypot(d[0], d[1], d[2]);
  if (model === 'line2d' && seed.axis) {
    const cos = rMm > DIRECTIONLESS_RADIUS_MM ? Math.min(1, Math.max(-1, dot(d, seed.axis) / rMm)) : 0;
    const thetaDeg = (Math.acos(cos) * 180) / Math.PI;
    return strengthU * lineSourceDoseRatePerU(source, rMm / MM_PER_CM, thetaDeg);
  }
  return strengthU * pointSourceDoseRatePerU(source, rMm / MM_PER_CM);
}

export interface PointDoses {
  doseGy: number[];
  usage: DoseModelUsage;
}

export function doseAtPoints(seeds: readonly DoseSeed[], pointsMm: readonly Vec3[], model: DoseModelKind, basis: DoseBasis): PointDoses {
  const hours = seeds.map((s) => effectiveTreatmentHours(s.halfLifeDays, basis));
  const doseGy = pointsMm.map((p) =>
    seeds.reduce((sum, s, i) => sum + (seedDoseRateCGyPerH(s, s.strengthAtImplantU, p, model) * hours[i]) / CGY_PER_GY, 0),
  );
  const line = model === 'line2d' ? seeds.filter((s) => s.axis).length : 0;
  return { doseGy, usage: { requested: model, line2dSeeds: line, point1dSeeds: seeds.length - line } };
}
