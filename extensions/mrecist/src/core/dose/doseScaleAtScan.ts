/**
 * The share of the final (full-decay) dose a permanent implant has delivered by a scan date:
 * D(t) / D∞ = 1 − e^(−t/τ), τ = T½ / ln 2 (core/dose/decay.ts). Decay scales every voxel alike, so a dose
 * grid computed for full decay times this scale is the dose delivered by the scan.
 */
import { effectiveTreatmentHours, MS_PER_DAY } from './decay';

export type DoseScaleAtScan =
  | { readonly kind: 'unknownDate'; readonly scale: 1 }
  | { readonly kind: 'beforeImplant'; readonly scale: 0 }
  | { readonly kind: 'delivered'; readonly scale: number; readonly daysSinceImplant: number };

export function doseScaleAtScan(halfLifeDays: number, implantTimeMs: number | undefined, scanMs: number | undefined): DoseScaleAtScan {
  if (scanMs === undefined || implantTimeMs === undefined) return { kind: 'unknownDate', scale: 1 };
  if (scanMs < implantTimeMs) return { kind: 'beforeImplant', scale: 0 };
  const days = (scanMs - implantTimeMs) / MS_PER_DAY;
  const scale = effectiveTreatmentHours(halfLifeDays, { kind: 'deliveredTo', days }) / effectiveTreatmentHours(halfLifeDays, { kind: 'fullDecay' });
  return { kind: 'delivered', scale, daysSinceImplant: days };
}
