/**
 * A viable (enhancing) diameter belongs on the arterial phase: mRECIST measures the arterially enhancing part
 * of the tumour (Lencioni & Llovet, Semin Liver Dis 2010;30:52-60), and EASL the enhancing area on the same
 * phase. A viable value recorded on a non-contrast, portal venous, delayed, hepatobiliary or unknown-phase series
 * (measurement `phase`, core/phase) is therefore flagged in the decision trail, unless the reader kept it with a
 * recorded reason (`phaseConfirmedReason`, e.g. "arterial series degraded by motion"). Values without a
 * recorded phase (older case files) are not flagged: nothing says where they were measured.
 */
import { PHASE_LABEL } from '../phase/ContrastPhase';
import type { TargetLesion } from './types';
import { isNotEvaluable } from './types';

export function viablePhaseWarnings(targets: readonly TargetLesion[], timepointId: string): string[] {
  const lines: string[] = [];
  for (const lesion of targets) {
    const m = lesion.measurements[timepointId];
    if (m === undefined || isNotEvaluable(m)) continue;
    if (m.viableLongAxisMm === undefined && m.viablePerpendicularMm === undefined) continue;
    if (m.phase === undefined || m.phase === 'arterial') continue;
    const where = m.phase === 'unknown' ? 'a series of unknown phase' : `the ${PHASE_LABEL[m.phase]} phase`;
    lines.push(
      m.phaseConfirmedReason
        ? `${lesion.id} at ${timepointId}: viable diameter measured on ${where}, kept by the reader: ${m.phaseConfirmedReason}`
        : `warning: ${lesion.id} at ${timepointId}: viable diameter measured on ${where}, not the arterial phase; measure it on the arterial phase or confirm it with a reason`,
    );
  }
  return lines;
}
