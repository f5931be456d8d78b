/**
 * A viable (enhancing) diameter belongs on the arterial phase: mRECIST measures the arterially enhancing part
 * of the tumour (Lencioni & Llovet, Semin Liver Dis 2010;30:52-60), and EASL the enhancing area on the same
 * phase. A viable value recorded on a non-contrast, portal venous, delayed, hepatobiliary or unknown-phase series
 * (measurement `phase`, core/phase) is therefore flagged in the decision trail, unless the reader kept it with a
 * recorded reason (`phaseConfirmedReason`, e.g. "arterial series degraded by motion"). Values without a
 * recorded phase (older case files) are not flagged: nothing says where they were measured.
 */
import { PHASE_LABEL, type ContrastPhase } from '../phase/ContrastPhase';
import type { TargetLesion } from './types';
import { isNotEvaluable } from './types';

/** A viable value recorded off the arterial phase, as the panel and the sign-off list it. */
export interface OffArterialViableValue {
  readonly lesionId: string;
  readonly timepointId: string;
  readonly phase: Exclude<ContrastPhase, 'arterial'>;
  readonly viableLongAxisMm?: number;
  readonly seriesInstanceUid?: string;
  /** The reader's reason for keeping it, when given. */
  readonly confirmedReason?: string;
}

/** The lesion's viable value at the timepoint when it was measured on a non-arterial or unknown-phase series. */
export function offArterialViableValue(lesion: TargetLesion, timepointId: string): OffArterialViableValue | null {
  const m = lesion.measurements[timepointId];
  if (m === undefined || isNotEvaluable(m)) return null;
  if (m.viableLongAxisMm === undefined && m.viablePerpendicularMm === undefined) return null;
  if (m.phase === undefined || m.phase === 'arterial') return null;
  return {
    lesionId: lesion.id,
    timepointId,
    phase: m.phase,
    ...(m.viableLongAxisMm !== undefined ? { viableLongAxisMm: m.viableLongAxisMm } : {}),
    ...(m.seriesInstanceUid ? { seriesInstanceUid: m.seriesInstanceUid } : {}),
    ...(m.phaseConfirmedReason ? { confirmedReason: m.phaseConfirmedReason } : {}),
  };
}

/** Where the value was measured, in words ("the portal venous phase", "a series of unknown phase"). */
export function offArterialWhere(phase: OffArterialViableValue['phase']): string {
  return phase === 'unknown' ? 'a series of unknown phase' : `the ${PHASE_LABEL[phase]} phase`;
}

export function viablePhaseWarnings(targets: readonly TargetLesion[], timepointId: string): string[] {
  const lines: string[] = [];
  for (const lesion of targets) {
    const v = offArterialViableValue(lesion, timepointId);
    if (!v) continue;
    const where = offArterialWhere(v.phase);
    lines.push(
      v.confirmedReason
        ? `${lesion.id} at ${timepointId}: viable diameter measured on ${where}, kept by the reader: ${v.confirmedReason}`
        : `warning: ${lesion.id} at ${timepointId}: viable diameter measured on ${where}, not the arterial phase; measure it on the arterial phase or confirm it with a reason`,
    );
  }
  return lines;
}
