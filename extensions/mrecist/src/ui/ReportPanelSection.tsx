/**
 * The "Report" section of the reading panel: save to the PACS, download the SR, what happened last (one line),
 * saves waiting for the PACS, and the reader's earlier reports (date/time, reader, role), each viewable
 * read-only or restorable as the read to continue. Mount it with the patient ID and the session's controllers:
 * <ReportPanelSection patientId="P12" controllers={session.reports} />.
 */
import { useSyncExternalStore, type CSSProperties } from 'react';
import { assess } from '../core/criteria/assess';
import { isNotEvaluable, type CaseFile } from '../core/criteria/types';
import type { ReportController, ReportState } from '../ohif/report/ReportController';
import { formatContentDateTime, type ReportVersion } from '../ohif/report/ReportVersion';
import type { ReportControllers } from '../ohif/report/reportService';
import { theme } from './theme';

const muted = theme.mutedForeground;
const TONE_COLOUR: Record<ReportState['tone'], string> = { info: muted, ok: theme.success, warn: theme.warning, error: theme.destructiveForeground };
const s = {
  section: { padding: '8px 10px', color: theme.foreground, fontSize: 13, lineHeight: 1.35, borderTopWidth: 1, borderTopStyle: 'solid', borderTopColor: theme.border },
  heading: { margin: '0 0 6px', fontSize: 14, fontWeight: 600 },
  buttons: { display: 'flex', gap: 6, flexWrap: 'wrap', marginBottom: 6 },
  button: { background: theme.primary, color: theme.primaryForeground, borderWidth: 0, borderRadius: theme.radius, padding: '3px 10px', cursor: 'pointer', fontSize: 13 },
  disabled: { background: theme.muted, color: muted, cursor: 'not-allowed' },
  small: { background: 'transparent', color: theme.highlight, borderWidth: 1, borderStyle: 'solid', borderColor: theme.border, borderRadius: theme.radius, padding: '0 6px', cursor: 'pointer', fontSize: 12 },
  list: { listStyle: 'none', margin: '4px 0 0', padding: 0 },
  row: { display: 'flex', gap: 6, alignItems: 'baseline', padding: '2px 0', flexWrap: 'wrap' },
  muted: { color: muted },
  table: { borderCollapse: 'collapse', fontSize: 12, width: '100%', marginTop: 4 },
  cell: { padding: '1px 4px', borderBottomWidth: 1, borderBottomStyle: 'solid', borderBottomColor: theme.secondary, textAlign: 'left' },
} satisfies Record<string, CSSProperties>;

function useController(controllers: ReportControllers, patientId: string): ReportController | undefined {
  const read = () => controllers.get(patientId);
  return useSyncExternalStore(controllers.subscribe, read, read);
}

export function ReportPanelSection({ patientId, controllers }: { patientId: string; controllers: ReportControllers }) {
  const controller = useController(controllers, patientId);
  if (!controller) return null;
  return <ReportSectionView controller={controller} />;
}

function Button({ label, onClick, disabled, title, testId }: { label: string; onClick: () => void; disabled?: boolean; title?: string; testId: string }) {
  return (
    <button type="button" data-testid={testId} style={disabled ? { ...s.button, ...s.disabled } : s.button} disabled={disabled} title={title} onClick={onClick}>
      {label}
    </button>
  );
}

export function ReportSectionView({ controller }: { controller: ReportController }) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const noPacs = state.pacs.kind === 'none' ? state.pacs.reason : undefined;
  const pending = state.pending;
  return (
    <section style={s.section} data-testid="mrecist-report-section">
      <h3 style={s.heading}>Report</h3>
      <div style={s.buttons}>
        <Button
          testId="mrecist-report-save"
          label={state.busy === 'saving' ? 'Saving…' : 'Save to PACS'}
          onClick={() => void controller.save()}
          disabled={!!noPacs || state.busy === 'saving'}
          title={noPacs ?? 'Store the read as a DICOM SR in the PACS (a new version; earlier ones are kept)'}
        />
        <Button testId="mrecist-report-download" label="Download SR" onClick={() => void controller.download()} title="Save the read as a DICOM SR file" />
        {pending.length > 0 && !noPacs ? (
          <Button testId="mrecist-report-retry" label="Retry now" onClick={() => void controller.processPending({ now: true })} />
        ) : null}
      </div>
      {state.line ? (
        <div data-testid="mrecist-report-status" data-tone={state.tone} role="status" style={{ color: TONE_COLOUR[state.tone] }}>
          {state.line}
        </div>
      ) : null}
      {pending.length > 0 ? (
        <div data-testid="mrecist-report-pending" style={{ color: TONE_COLOUR.warn }}>
          {pending.length} save{pending.length > 1 ? 's' : ''} waiting for the PACS (kept in this browser)
        </div>
      ) : null}
      {state.others && (state.others.waiting > 0 || state.others.sent > 0) ? (
        <div data-testid="mrecist-report-others" style={s.muted}>
          {state.others.sent > 0 ? `Sent ${state.others.sent} waiting report${state.others.sent > 1 ? 's' : ''} of other patients or readers. ` : ''}
          {state.others.waiting > 0 ? `${state.others.waiting} report${state.others.waiting > 1 ? 's' : ''} of other patients or readers still waiting for the PACS (kept in this browser).` : ''}
        </div>
      ) : null}
      {state.offer ? (
        <div style={s.row}>
          <span style={s.muted}>Saved report of {formatContentDateTime(state.offer)} on the PACS.</span>
          <button type="button" style={s.small} data-testid="mrecist-report-load-offer" onClick={() => void controller.restore(state.offer!)}>
            Load it instead
          </button>
        </div>
      ) : null}
      {state.drawProblems.length > 0 ? <div style={s.muted}>Not drawn yet: {state.drawProblems.join('; ')}</div> : null}
      <VersionList state={state} controller={controller} />
      {state.viewing ? <ReadOnlyRead version={state.viewing} onClose={() => controller.view(undefined)} /> : null}
    </section>
  );
}

function VersionList({ state, controller }: { state: ReportState; controller: ReportController }) {
  if (state.pacs.kind === 'none') return null;
  if (state.busy === 'listing') return <div style={s.muted}>Looking for saved reports…</div>;
  if (state.versions.length === 0) return <div style={s.muted}>No saved reports of this reader on the PACS.</div>;
  return (
    <ul style={s.list} aria-label="Saved reports">
      {state.versions.map((v, i) => (
        <li key={v.instance.sopInstanceUid} style={s.row} data-testid="mrecist-report-version" data-sop-instance-uid={v.instance.sopInstanceUid}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatContentDateTime(v)}</span>
          <span>{v.readerName}</span>
          {v.readerRole ? <span style={s.muted}>{v.readerRole}</span> : null}
          {i === 0 ? <span style={s.muted}>latest</span> : null}
          <button type="button" style={s.small} data-testid="mrecist-report-view" onClick={() => controller.view(v)}>
            View
          </button>
          <button type="button" style={s.small} data-testid="mrecist-report-restore" onClick={() => void controller.restore(v)}>
            Continue from this
          </button>
        </li>
      ))}
    </ul>
  );
}

function measurementText(caseFile: CaseFile, lesionIndex: number, timepointId: string): string {
  const lesion = caseFile.lesions[lesionIndex];
  if (lesion.role === 'target') {
    const m = lesion.measurements[timepointId];
    if (!m) return '';
    if (isNotEvaluable(m)) return 'NE';
    const v = m.viableLongAxisMm ?? m.longAxisMm;
    return v === undefined ? '' : `${v.toFixed(1)} mm`;
  }
  if (lesion.role === 'nonTarget') return lesion.status[timepointId] ?? '';
  const a = lesion.assessments[timepointId];
  return a ? `new ${a.longAxisMm.toFixed(1)} mm` : '';
}

/** A saved version shown without touching the read being edited. */
function ReadOnlyRead({ version, onClose }: { version: ReportVersion; onClose: () => void }) {
  const caseFile = version.caseFile;
  let overall: Record<string, string> = {};
  try {
    overall = Object.fromEntries(assess(caseFile).timepoints.map((t) => [t.id, t.overall]));
  } catch (error) {
    overall = {};
  }
  return (
    <div data-testid="mrecist-report-readonly" style={{ marginTop: 6 }}>
      <div style={s.row}>
        <strong>Report of {formatContentDateTime(version)}</strong>
        <span style={s.muted}>read-only</span>
        <button type="button" style={s.small} onClick={onClose}>
          Close
        </button>
      </div>
      <table style={s.table}>
        <thead>
          <tr>
            <th style={s.cell}>Lesion</th>
            {caseFile.timepoints.map((t) => (
              <th key={t.id} style={s.cell}>
                {t.id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {caseFile.lesions.map((l, i) => (
            <tr key={l.id}>
              <td style={s.cell}>{l.id}</td>
              {caseFile.timepoints.map((t) => (
                <td key={t.id} style={s.cell}>
                  {measurementText(caseFile, i, t.id)}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td style={s.cell}>Overall ({caseFile.criteria})</td>
            {caseFile.timepoints.map((t) => (
              <td key={t.id} style={s.cell} data-testid="mrecist-report-readonly-overall">
                {overall[t.id] ?? ''}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
