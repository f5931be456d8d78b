/**
 * Phase from the delay between the start of the contrast injection and the acquisition.
 *
 * Windows after injection (seconds), from the phase timing of multiphase liver CT/MRI: early arterial 15-25 s,
 * late arterial 30-40 s (Radiopaedia "Late arterial phase", "Early arterial phase"), portal venous 60-80 s,
 * delayed (extracellular agents) or transitional (gadoxetate) 2-5 min, hepatobiliary about 20 min with
 * gadoxetate (ACR LI-RADS v2018 MRI technique, Santillan et al., Hepatoma Res 2020;6:63; adequate in 93% at
 * 20 min: Bashir et al., Acad Radiol 2014;21(6)). TotalSegmentator's phase predictor uses similar bands
 * (native < 10 s, early arterial 10-30 s, late arterial 30-50 s, portal venous 50-100 s;
 * wasserth/TotalSegmentator resources/contrast_phase_prediction.md).
 *
 * The windows below close those bands up and lower the certainty near each edge. Bolus tracking shifts every
 * delay (a trigger at 50-100 HU; one protocol reached the arterial window in only 41%: Sandstede et al.,
 * Eur Radiol 2001;11:1396), so timing is evidence, not a rule.
 */
import type { ContrastSubphase, KnownPhase } from './ContrastPhase';

export interface TimedPhase {
  readonly phase: KnownPhase;
  readonly subphase?: ContrastSubphase;
  /** 1 inside a window, lower near its edges. */
  readonly certainty: number;
}

interface DelayWindow {
  readonly fromS: number;
  readonly toS: number;
  readonly phase: KnownPhase;
  readonly subphase?: ContrastSubphase;
  readonly certainty: number;
}

/** Bands in seconds after injection start; `gadoxetate` switches the late bands. Ordered, contiguous. */
export const DELAY_WINDOWS: readonly DelayWindow[] = Object.freeze([
  { fromS: -Infinity, toS: 0, phase: 'nonContrast', certainty: 1 },
  { fromS: 0, toS: 10, phase: 'nonContrast', certainty: 0.6 },
  { fromS: 10, toS: 28, phase: 'arterial', subphase: 'early', certainty: 0.9 },
  { fromS: 28, toS: 50, phase: 'arterial', subphase: 'late', certainty: 1 },
  { fromS: 50, toS: 58, phase: 'portalVenous', certainty: 0.5 },
  { fromS: 58, toS: 100, phase: 'portalVenous', certainty: 1 },
  { fromS: 100, toS: 120, phase: 'portalVenous', certainty: 0.5 },
  { fromS: 120, toS: 600, phase: 'delayed', certainty: 1 },
]);
/** Gadoxetate's hepatobiliary phase is read from 10 min on (20 min nominal). */
export const HEPATOBILIARY_FROM_S = 600;
/** Beyond this the "delay" more likely compares times of different injections or days. */
export const IMPLAUSIBLE_DELAY_S = 3 * 3600;

export function phaseFromDelaySeconds(
  seconds: number,
  options: { gadoxetate: boolean; modality?: string },
): TimedPhase | undefined {
  if (!Number.isFinite(seconds) || seconds > IMPLAUSIBLE_DELAY_S || seconds < -IMPLAUSIBLE_DELAY_S) return undefined;
  if (seconds >= HEPATOBILIARY_FROM_S) {
    if (options.gadoxetate) return { phase: 'hepatobiliary', certainty: 1 };
    // Without gadoxetate a 10 min+ series is a late delayed phase (or gadobenate's HBP at 60-120 min).
    return { phase: 'delayed', certainty: 0.7 };
  }
  const w = DELAY_WINDOWS.find((d) => seconds >= d.fromS && seconds < d.toS);
  if (!w) return undefined;
  const subphase = w.phase === 'delayed' && options.gadoxetate ? 'transitional' : w.subphase;
  return { phase: w.phase, ...(subphase ? { subphase } : {}), certainty: w.certainty };
}

/**
 * DICOM TM ("HHMMSS.FFFFFF", parts may be left off; the older "HH:MM:SS" too) as seconds after midnight;
 * undefined when it is not a time.
 */
export function dicomTimeSeconds(tm: string | undefined): number | undefined {
  if (tm === undefined) return undefined;
  const t = tm.trim().replace(/:/g, '');
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]), min = Number(m[2] ?? 0), s = Number(m[3] ?? 0) + Number(m[4] ?? 0);
  if (h > 23 || min > 59 || s >= 61) return undefined;
  return h * 3600 + min * 60 + s;
}

/** b − a in seconds for two times of one day, across midnight when that is the shorter way. */
export function secondsBetween(a: number, b: number): number {
  let d = b - a;
  if (d < -43_200) d += 86_400;
  if (d > 43_200) d -= 86_400;
  return d;
}
