/**
 * The warning beside a viable value measured off the arterial phase (core/criteria/viablePhaseWarnings): a
 * mark in the lesion table's cell, and in the lesion editor the warning with "keep with a reason" (recorded as
 * the measurement's phaseConfirmedReason, shown in the decision trail and carried by the case file and SR).
 */
import { useState } from 'react';
import type { Lesion } from '../core/criteria/types';
import { offArterialViableValue, offArterialWhere } from '../core/criteria/viablePhaseWarnings';
import { MAX_PHASE_REASON_CHARS } from '../core/read/measurementPhase';
import { readStyles as s } from './readStyles';

function offArterial(lesion: Lesion, timepointId: string) {
  return lesion.role === 'target' ? offArterialViableValue(lesion, timepointId) : null;
}

/** "⚠" beside the value in the table (muted "✓" once kept with a reason); nothing for arterial values. */
export function ViablePhaseMark({ lesion, timepointId }: { lesion: Lesion; timepointId: string }) {
  const v = offArterial(lesion, timepointId);
  if (!v) return null;
  const where = offArterialWhere(v.phase);
  return v.confirmedReason ? (
    <span style={s.muted} data-testid="mrecist-phase-mark" data-confirmed="true" title={`Viable diameter measured on ${where}, kept by the reader: ${v.confirmedReason}`}>
      {' '}✓{v.phase === 'unknown' ? '?' : ''}
    </span>
  ) : (
    <span style={s.warning} data-testid="mrecist-phase-mark" data-confirmed="false" title={`Viable diameter measured on ${where}, not the arterial phase`}>
      {' '}⚠
    </span>
  );
}

export function ViablePhaseNotice({ lesion, timepointId, onConfirm }: { lesion: Lesion; timepointId: string; onConfirm?: (reason: string) => void }) {
  const v = offArterial(lesion, timepointId);
  const [reason, setReason] = useState('');
  if (!v) return null;
  const where = offArterialWhere(v.phase);
  if (v.confirmedReason)
    return (
      <div style={s.row} data-testid="mrecist-phase-warning" data-confirmed="true">
        <span style={s.muted}>
          Viable diameter measured on {where}, kept: {v.confirmedReason}
        </span>
        {onConfirm ? (
          <button type="button" style={s.button} data-testid="mrecist-phase-withdraw" onClick={() => onConfirm('')}>
            Withdraw
          </button>
        ) : null}
      </div>
    );
  return (
    <div style={{ marginTop: 4 }} data-testid="mrecist-phase-warning" data-confirmed="false" data-phase={v.phase}>
      <div style={s.warning}>
        ⚠ Viable diameter measured on {where}, not the arterial phase: mRECIST and EASL measure arterially enhancing tumour. Draw it on the arterial series
        (Contrast phase above), or keep it with a reason.
      </div>
      {onConfirm ? (
        <div style={s.row}>
          <input
            style={{ ...s.input, flex: 1, minWidth: 120 }}
            data-testid="mrecist-phase-reason"
            placeholder="reason, e.g. arterial series degraded by motion"
            maxLength={MAX_PHASE_REASON_CHARS}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="button" style={s.button} data-testid="mrecist-phase-confirm" disabled={!reason.trim()} onClick={() => onConfirm(reason)}>
            Keep with this reason
          </button>
        </div>
      ) : null}
    </div>
  );
}
