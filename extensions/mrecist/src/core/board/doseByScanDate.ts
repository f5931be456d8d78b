/**
 * Dose delivered by each scan date of a permanent implant: D(t) = D∞·(1 − e^(−t/τ)), τ = T½ / ln 2
 * (brachytherapy-dosimetry, decay section; TG-43U1 for I-125's 59.40 d). The fraction is taken from the dose
 * engine's own decay (effectiveTreatmentHours), delivered-to-t over full decay. D∞ is the final (full-decay)
 * dose the board reports, normally the prescription (matched peripheral dose) or the GTV's D90.
 */
import { daysBetween } from '../criteria/calendarDate';
import type { IsoDate, Timepoint } from '../criteria/types';
import { effectiveTreatmentHours } from '../dose/decay';

export interface DoseDeliveredPoint {
  timepointId: string;
  date: IsoDate;
  daysSinceImplant: number;
  deliveredGy: number;
  /** Percent of the final (full-decay) dose. */
  percentOfFinal: number;
}

export interface ImplantDose {
  implantDate: IsoDate;
  finalDoseGy: number;
  halfLifeDays: number;
  /** What the final dose is, for the legend: "prescription", "GTV D90". */
  label: string;
}

export function doseDeliveredFraction(daysSinceImplant: number, halfLifeDays: number): number {
  if (daysSinceImplant <= 0) return 0;
  return (
    effectiveTreatmentHours(halfLifeDays, { kind: 'deliveredTo', days: daysSinceImplant }) /
    effectiveTreatmentHours(halfLifeDays, { kind: 'fullDecay' })
  );
}

/** One point per timepoint in date order; scans before the implant get 0 Gy. */
export function doseByScanDate(timepoints: readonly Timepoint[], implant: ImplantDose): DoseDeliveredPoint[] {
  return [...timepoints]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((tp) => {
      const days = daysBetween(implant.implantDate, tp.date);
      const fraction = doseDeliveredFraction(days, implant.halfLifeDays);
      return {
        timepointId: tp.id,
        date: tp.date,
        daysSinceImplant: days,
        deliveredGy: implant.finalDoseGy * fraction,
        percentOfFinal: 100 * fraction,
      };
    });
}
