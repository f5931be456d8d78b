/**
 * The reader's panel: who reads, whether the draft is saved, the timeline, the lesion registry, the live
 * responses and the keyboard help. Presentational: state and actions come from ohif/read/ReadPanelContainer.
 */
import type { ReactNode } from 'react';
import type { ReadState } from '../ohif/read/ReadStore';
import { readStyles as s } from './readStyles';
import { ReaderField, type ReaderFieldProps } from './ReaderField';


export interface ReadPanelProps {
  readonly patientLabel: string;
  readonly state: ReadState;
  readonly message: string | null;
  readonly onReaderName: (name: string) => void;
  /** Central review: the reader is the logged-in user (no free-text name). */
  readonly review?: ReaderFieldProps['review'];
  readonly onExport: () => void;
  readonly timeline: ReactNode;
  /** The phase switcher of the active timepoint: ohif/phase/PhaseSwitcherContainer. */
  readonly phase?: ReactNode;
  readonly lesions: ReactNode;
  readonly responses: ReactNode;
  /** The Report section (save to the PACS, download, saved versions): ui/ReportPanelSection. */
  readonly report?: ReactNode;
  /** The read's keys as bound now (OHIF hotkeys, rebindable in the preferences), with what each does. */
  readonly keyboardHelp: ReadonlyArray<readonly [string, string]>;
  /** Sign-off of the read: ui/SignOffBar. */
  readonly signOff?: ReactNode;
  readonly keyboardReason: string;
  readonly reasons: readonly string[];
  readonly onKeyboardReason: (reason: string) => void;
}

export function ReadPanel(p: ReadPanelProps) {
  const { state } = p;
  return (
    <div style={s.panel} data-testid="mrecist-read-panel" data-revision={state.revision} data-source={state.source}>
      <div style={s.row}>
        <strong style={{ fontSize: 14 }}>{p.patientLabel}</strong>
      </div>
      <div style={s.row}>
        <ReaderField readerName={state.readerName} review={p.review} onReaderName={p.onReaderName} />
        <button type="button" style={s.primaryButton} data-testid="mrecist-export-case" onClick={p.onExport}>
          Export case file
        </button>
      </div>
      <div style={s.muted} data-testid="mrecist-save-status">
        {state.storageError ? 'Draft NOT saved' : `Draft saved (revision ${state.revision})`}
        {state.source === 'draft' ? ' · restored from browser storage' : state.source === 'report' ? ' · from a report' : ''}
        {state.lastEditLabel ? ` · last: ${state.lastEditLabel}` : ''}
      </div>
      {p.signOff}
      {state.storageError ? (
        <div style={s.error} role="alert" data-testid="mrecist-storage-error">
          {state.storageError}
        </div>
      ) : null}
      {state.restoreError ? (
        <div style={s.error} role="alert">
          {state.restoreError}
        </div>
      ) : null}
      {state.changedElsewhere ? (
        <div style={s.error} role="alert" data-testid="mrecist-changed-elsewhere">
          {state.changedElsewhere}
        </div>
      ) : null}
      {p.message ? (
        <div style={s.error} role="status" data-testid="mrecist-message">
          {p.message}
        </div>
      ) : null}
      <section style={s.section}>
        <h3 style={s.heading}>Timeline</h3>
        {p.timeline}
      </section>
      {p.phase}
      <section style={s.section}>
        <h3 style={s.heading}>Lesions</h3>
        {p.lesions}
      </section>
      <section style={s.section}>
        <h3 style={s.heading}>Response</h3>
        {p.responses}
      </section>
      {p.report}
      <section style={s.section} data-testid="mrecist-help">
        <details>
          <summary style={s.heading}>Keyboard and help</summary>
          <ul style={s.list}>
            {p.keyboardHelp.map(([key, what]) => (
              <li key={key}>
                <span style={s.kbd}>{key}</span> {what}
              </li>
            ))}
          </ul>
          <label>
            Reason for <span style={s.kbd}>x</span>{' '}
            <select style={s.input} value={p.keyboardReason} onChange={(e) => p.onKeyboardReason(e.target.value)}>
              {p.reasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <p style={s.muted}>
            Measure the viable (arterially enhancing) tumour on the arterial phase with Length (longest diameter) or Bidirectional (EASL). Select a lesion
            first to measure it; with none selected, the line creates a target at the baseline or a new lesion at a follow-up.
          </p>
        </details>
      </section>
    </div>
  );
}
