/**
 * Signing off the read: a two-step button (the reader sees what they sign: who, and the primary criterion's
 * best overall response), then a line saying who signed off and when, with Amend to reopen the read.
 * Presentational: ohif/read/ReadPanelContainer owns the store calls.
 */
import { useState } from 'react';
import type { SignOff } from '../core/read/signOff';
import { offArterialWhere, type OffArterialViableValue } from '../core/criteria/viablePhaseWarnings';
import { readStyles as s } from './readStyles';

export interface SignOffBarProps {
  readonly signedOff?: SignOff;
  readonly readerName: string;
  /** What the reader signs, in one line ("mRECIST best overall response PR"). */
  readonly summary: string;
  readonly onSignOff: () => void;
  readonly onAmend: () => void;
  /** Viable values measured off the arterial phase (core/read/measurementPhase): listed before the reader signs. */
  readonly offArterial?: readonly OffArterialViableValue[];
}

/** The viable values off the arterial phase, one line each, as the reader sees them before signing. */
function OffArterialList({ values }: { values: readonly OffArterialViableValue[] }) {
  if (!values.length) return null;
  return (
    <div style={{ width: '100%' }} data-testid="mrecist-sign-off-phase-list">
      <div style={s.warning}>
        {values.length === 1 ? 'One viable value was' : `${values.length} viable values were`} not measured on the arterial phase; signing keeps{' '}
        {values.length === 1 ? 'it' : 'them'} as listed:
      </div>
      <ul style={{ ...s.list, marginLeft: 8 }}>
        {values.map((v) => (
          <li key={`${v.lesionId}-${v.timepointId}`} data-testid="mrecist-sign-off-phase-item" data-lesion-id={v.lesionId} data-timepoint-id={v.timepointId} data-confirmed={!!v.confirmedReason}>
            {v.lesionId} at {v.timepointId}
            {v.viableLongAxisMm !== undefined ? ` (${v.viableLongAxisMm.toFixed(1)} mm)` : ''} on {offArterialWhere(v.phase)}:{' '}
            {v.confirmedReason ? <span style={s.muted}>kept: {v.confirmedReason}</span> : <span style={s.warning}>no reason given</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SignOffBar(p: SignOffBarProps) {
  const [confirming, setConfirming] = useState(false);
  if (p.signedOff) {
    return (
      <div style={{ ...s.row, marginTop: 4 }} data-testid="mrecist-signed-off" data-signed-by={p.signedOff.by} data-signed-at={p.signedOff.at}>
        <span style={{ ...s.badge, ...s.currentBadge }}>Signed off</span>
        <span>
          by {p.signedOff.by} on {p.signedOff.at.slice(0, 16).replace('T', ' ')} UTC · closed to edits
        </span>
        <button type="button" style={s.button} data-testid="mrecist-amend" onClick={p.onAmend}>
          Amend
        </button>
      </div>
    );
  }
  if (confirming) {
    return (
      <div style={{ ...s.row, marginTop: 4 }} data-testid="mrecist-sign-off-confirm">
        <OffArterialList values={p.offArterial ?? []} />
        <span>
          Sign off as {p.readerName}: {p.summary}?
        </span>
        <button
          type="button"
          style={s.primaryButton}
          data-testid="mrecist-sign-off-confirm-button"
          onClick={() => {
            setConfirming(false);
            p.onSignOff();
          }}
        >
          Sign off
        </button>
        <button type="button" style={s.button} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div style={{ ...s.row, marginTop: 4 }}>
      <button type="button" style={s.button} data-testid="mrecist-sign-off" onClick={() => setConfirming(true)}>
        Sign off read…
      </button>
      <span style={s.muted}>closes the read to edits; its report is then COMPLETE and VERIFIED</span>
    </div>
  );
}
