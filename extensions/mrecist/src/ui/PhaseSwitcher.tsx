/**
 * The phase switcher: the series of one timepoint's study grouped by contrast phase (from the classifier);
 * choosing one shows it in the viewport of that timepoint at the same position and window. Each series' evidence
 * is its tooltip. Presentational: ohif/phase/PhaseSwitcherContainer classifies and switches. DICOM text (series
 * descriptions, evidence) is rendered as React text, never as HTML.
 */
import { readStyles as s } from './readStyles';

export interface PhaseSwitcherSeries {
  readonly displaySetInstanceUID: string;
  readonly seriesInstanceUid: string;
  /** "#3 "Abd 2.0 B30f" · late arterial (97 %)" */
  readonly line: string;
  /** The classifier's evidence, one line each. */
  readonly evidence: string;
  /** Shown in the timepoint's viewport now. */
  readonly shown: boolean;
}

export interface PhaseSwitcherGroup {
  readonly phase: string;
  readonly label: string;
  readonly series: readonly PhaseSwitcherSeries[];
}

export interface PhaseSwitcherProps {
  /** "M2 (2024-03-12)", or null when no timepoint is active and none is shown. */
  readonly timepointLabel: string | null;
  readonly timepointId?: string;
  /** Where a chosen series goes ("right viewport"). */
  readonly viewportLabel: string;
  readonly groups: readonly PhaseSwitcherGroup[];
  readonly busy: boolean;
  readonly status: string | null;
  readonly onChoose: (displaySetInstanceUID: string) => void;
}

export function PhaseSwitcher(p: PhaseSwitcherProps) {
  return (
    <section style={s.section} data-testid="mrecist-phase-switcher" data-timepoint-id={p.timepointId ?? ''}>
      <h3 style={s.heading}>Contrast phase{p.timepointLabel ? ` · ${p.timepointLabel}` : ''}</h3>
      {!p.timepointLabel ? (
        <div style={s.muted}>Open a timepoint (or click a lesion cell) to list its series by phase.</div>
      ) : p.groups.length === 0 ? (
        <div style={s.muted}>No CT or MR series of this study is loaded yet.</div>
      ) : (
        <>
          <div style={s.muted}>A series you choose opens in the {p.viewportLabel} at the same position, with the same window. Hover for the evidence.</div>
          {p.groups.map((g) => (
            <div key={g.phase} style={{ ...s.row, marginTop: 3 }} data-testid="mrecist-phase-group" data-phase={g.phase}>
              <span style={{ minWidth: 86, ...(g.phase === 'arterial' ? {} : s.muted) }}>{g.label}</span>
              {g.series.map((x) => (
                <button
                  key={x.displaySetInstanceUID}
                  type="button"
                  disabled={p.busy}
                  style={x.shown ? { ...s.primaryButton, padding: '1px 6px' } : s.button}
                  title={x.evidence}
                  data-testid="mrecist-phase-series"
                  data-display-set-uid={x.displaySetInstanceUID}
                  data-series-instance-uid={x.seriesInstanceUid}
                  data-shown={x.shown}
                  onClick={() => p.onChoose(x.displaySetInstanceUID)}
                >
                  {x.line}
                </button>
              ))}
            </div>
          ))}
        </>
      )}
      {p.status ? (
        <div style={s.muted} role="status" data-testid="mrecist-phase-status">
          {p.status}
        </div>
      ) : null}
    </section>
  );
}
