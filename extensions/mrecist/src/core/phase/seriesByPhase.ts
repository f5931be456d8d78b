/**
 * A study's series grouped by their contrast phase (classifySeriesPhase), for the phase switcher: groups in
 * the order a multiphase study is acquired (unenhanced, arterial, portal venous, delayed/transitional,
 * hepatobiliary; ACR LI-RADS v2018 CT/MRI technique), series of unknown phase last, so the reader reads the
 * study as it was scanned. Within a group: early before late arterial, then by series number.
 */
import { CONTRAST_PHASES, PHASE_LABEL, phaseLabel, type ContrastPhase, type PhaseResult } from './ContrastPhase';

export interface ClassifiedSeries {
  readonly seriesInstanceUid: string;
  readonly seriesNumber?: number;
  readonly seriesDescription?: string;
  readonly result: PhaseResult;
}

export interface PhaseGroup<S extends ClassifiedSeries> {
  readonly phase: ContrastPhase;
  /** "arterial", "portal venous", ... */
  readonly label: string;
  readonly series: readonly S[];
}

const SUBPHASE_ORDER: Readonly<Record<string, number>> = { early: 0, late: 1, transitional: 2 };

function compareInGroup(a: ClassifiedSeries, b: ClassifiedSeries): number {
  const sa = a.result.subphase ? SUBPHASE_ORDER[a.result.subphase] : 3;
  const sb = b.result.subphase ? SUBPHASE_ORDER[b.result.subphase] : 3;
  if (sa !== sb) return sa - sb;
  const na = a.seriesNumber ?? Number.MAX_SAFE_INTEGER;
  const nb = b.seriesNumber ?? Number.MAX_SAFE_INTEGER;
  if (na !== nb) return na - nb;
  return (a.seriesDescription ?? '').localeCompare(b.seriesDescription ?? '') || a.seriesInstanceUid.localeCompare(b.seriesInstanceUid);
}

/** Non-empty groups only, in acquisition order (CONTRAST_PHASES, `unknown` last). */
export function groupSeriesByPhase<S extends ClassifiedSeries>(series: readonly S[]): PhaseGroup<S>[] {
  return CONTRAST_PHASES.map((phase) => ({ phase, label: PHASE_LABEL[phase], series: series.filter((s) => s.result.phase === phase).sort(compareInGroup) })).filter(
    (g) => g.series.length > 0,
  );
}

/** One line for a series in the switcher: its phase (with subphase), confidence, number and description. */
export function seriesPhaseLine(s: ClassifiedSeries): string {
  const phase = s.result.phase === 'unknown' ? 'unknown phase' : phaseLabel(s.result.phase, s.result.subphase);
  const number = s.seriesNumber !== undefined ? `#${s.seriesNumber} ` : '';
  const description = s.seriesDescription ? `"${s.seriesDescription}"` : '(no description)';
  return `${number}${description} · ${phase}${s.result.phase === 'unknown' ? '' : ` (${Math.round(s.result.confidence * 100)} %)`}`;
}
