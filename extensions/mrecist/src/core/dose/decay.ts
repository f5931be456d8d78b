/**
 * Radioactive decay for permanent implants (brachytherapy-dosimetry.md section 1):
 *   S_K(t) = S_K(t_ref)·e^(−λ(t − t_ref)), λ = ln 2 / T½;
 *   D(t) = Ḋ0·τ·(1 − e^(−t/τ)), τ = T½ / ln 2 (mean life), D∞ = Ḋ0·τ.
 */
import type { DoseBasis } from './DoseGrid';

export const HOURS_PER_DAY = 24;
export const MS_PER_DAY = 86_400_000;

export function meanLifeDays(halfLifeDays: number): number {
  return halfLifeDays / Math.LN2;
}

/** Air-kerma strength at `atMs` from the strength at the reference instant (both epoch ms; may precede it). */
export function decayedStrengthU(strengthAtReferenceU: number, halfLifeDays: number, referenceMs: number, atMs: number): number {
  const elapsedDays = (atMs - referenceMs) / MS_PER_DAY;
  return strengthAtReferenceU * Math.exp((-Math.LN2 * elapsedDays) / halfLifeDays);
}

/**
 * Hours of "initial dose rate" that make up the cumulative dose: D = Ḋ0 × this. Full decay → τ in hours;
 * delivered to t days → τ·(1 − e^(−t/τ)).
 */
export function effectiveTreatmentHours(halfLifeDays: number, basis: DoseBasis): number {
  const tauDays = meanLifeDays(halfLifeDays);
  const fraction = basis.kind === 'fullDecay' ? 1 : -Math.expm1(-basis.days / tauDays);
  return tauDays * HOURS_PER_DAY * fraction;
}
