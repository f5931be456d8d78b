/**
 * The lesion registry: targets, non-targets and new lesions with their values at every timepoint, and the
 * editor of the selected lesion at the active timepoint (not evaluable with a reason in one click, non-target
 * status, new-lesion assessment). Baseline warnings of the criteria engine are shown beside the lesion.
 */
import type { BaselineWarning, CaseFile, Lesion, NewLesionAssessment, NonTargetStatus } from '../core/criteria/types';
import { isNotEvaluable, NON_TARGET_STATUSES } from '../core/criteria/types';
import type { LesionRole } from '../core/read/lesionIds';
import type { MeasuredAxis } from '../core/read/measurementEdits';
import { readStyles as s } from './readStyles';
import { ViablePhaseMark, ViablePhaseNotice } from './ViablePhaseNotice';

export const NOT_EVALUABLE_REASONS: readonly string[] = ['no arterial phase', 'lipiodol obscures enhancement', 'seed streak artefact', 'other'];
export const LIVER_SITES: readonly string[] = ['liver', 'liver S1', 'liver S2', 'liver S3', 'liver S4', 'liver S5', 'liver S6', 'liver S7', 'liver S8'];

const ROLE_LABEL: Record<LesionRole, string> = { target: 'Target', nonTarget: 'Non-target', new: 'New' };
const STATUS_LABEL: Record<NonTargetStatus, string> = {
  present: 'present',
  absent: 'absent',
  unequivocalProgression: 'unequivocal progression',
  notEvaluated: 'not evaluated',
};

export interface LesionActions {
  readonly select: (lesionId: string | undefined, timepointId?: string) => void;
  readonly add: (role: LesionRole) => void;
  readonly remove: (lesionId: string) => void;
  readonly updateFields: (lesionId: string, fields: { name?: string; site?: string; arteriallyEnhancing?: boolean }) => void;
  readonly markNotEvaluable: (lesionId: string, timepointId: string, reason: string) => void;
  readonly clear: (lesionId: string, timepointId: string) => void;
  /** mRECIST/EASL: no viable (enhancing) tumour left, recorded as a viable diameter of 0 mm. */
  readonly recordNoViableTumour: (lesionId: string, timepointId: string) => void;
  readonly setNonTargetStatus: (lesionId: string, timepointId: string, status: NonTargetStatus) => void;
  readonly setNewAssessment: (lesionId: string, timepointId: string, assessment: NewLesionAssessment) => void;
  /** Keeps a viable value measured off the arterial phase with the reader's reason ('' withdraws it). */
  readonly confirmViablePhase?: (lesionId: string, timepointId: string, reason: string) => void;
}

export interface LesionRegistryProps {
  readonly read: CaseFile;
  /** What new lines on targets measure: viable tumour (mRECIST, EASL) or the whole lesion (RECIST 1.1). */
  readonly measuredAxis: MeasuredAxis;
  readonly onMeasuredAxis: (axis: MeasuredAxis) => void;
  readonly selectedLesionId?: string;
  readonly activeTimepointId?: string;
  readonly warnings: ReadonlyMap<string, readonly BaselineWarning[]>;
  readonly actions: LesionActions;
  /** The read is signed off: lines drawn now are not recorded. */
  readonly signedOff?: boolean;
}

/** What a cell shows for a lesion at a timepoint. */
export function cellText(lesion: Lesion, timepointId: string): string {
  switch (lesion.role) {
    case 'target': {
      const m = lesion.measurements[timepointId];
      if (!m) return '';
      if (isNotEvaluable(m)) return 'NE';
      const viable = m.viableLongAxisMm === undefined ? '' : m.viablePerpendicularMm && m.viableLongAxisMm ? `${m.viableLongAxisMm.toFixed(1)}×${m.viablePerpendicularMm.toFixed(1)}` : m.viableLongAxisMm.toFixed(1);
      const whole = m.longAxisMm === undefined ? '' : `whole ${m.longAxisMm.toFixed(1)}`;
      return [viable, whole].filter(Boolean).join(' · ') || '?';
    }
    case 'nonTarget': {
      const status = lesion.status[timepointId];
      return status ? STATUS_LABEL[status] : '';
    }
    case 'new': {
      const a = lesion.assessments[timepointId];
      if (!a) return lesion.appearsAt === timepointId ? 'appears' : '';
      return `${a.longAxisMm.toFixed(1)}${a.typicalHCC ? ' HCC' : ''}${a.unequivocal ? ' unequiv.' : ''}`;
    }
  }
}

function SiteField({ lesion, onChange }: { lesion: Lesion; onChange: (site: string) => void }) {
  const site = lesion.site ?? '';
  const isLiver = LIVER_SITES.includes(site);
  return (
    <span style={s.row}>
      <select style={s.input} data-testid="mrecist-lesion-site" value={isLiver ? site : 'other'} onChange={(e) => onChange(e.target.value === 'other' ? '' : e.target.value)}>
        {LIVER_SITES.map((x) => (
          <option key={x} value={x}>
            {x}
          </option>
        ))}
        <option value="other">other site…</option>
      </select>
      {!isLiver ? (
        <input style={s.input} data-testid="mrecist-lesion-site-other" placeholder="site, e.g. spleen" defaultValue={site} onBlur={(e) => onChange(e.target.value.trim())} />
      ) : null}
    </span>
  );
}

function NewAssessmentEditor({ lesion, timepointId, onSave }: { lesion: Extract<Lesion, { role: 'new' }>; timepointId: string; onSave: (a: NewLesionAssessment) => void }) {
  const current = lesion.assessments[timepointId];
  const save = (patch: Partial<NewLesionAssessment>) => {
    const next = { longAxisMm: current?.longAxisMm ?? NaN, typicalHCC: current?.typicalHCC ?? false, ...(current?.unequivocal !== undefined ? { unequivocal: current.unequivocal } : {}), ...(current?.graphics ? { graphics: current.graphics } : {}), ...patch };
    if (!Number.isFinite(next.longAxisMm) || next.longAxisMm < 0) return;
    onSave(next);
  };
  return (
    <div style={s.row} data-testid="mrecist-new-assessment">
      <label>
        long axis mm{' '}
        <input
          key={`${lesion.id}-${timepointId}-${current?.longAxisMm ?? ''}`}
          style={{ ...s.input, width: 56 }}
          type="number"
          step="0.1"
          min="0"
          data-testid="mrecist-new-long-axis"
          defaultValue={current?.longAxisMm ?? ''}
          onBlur={(e) => e.target.value !== '' && save({ longAxisMm: Number(e.target.value) })}
        />
      </label>
      <label>
        <input type="checkbox" data-testid="mrecist-new-typical" checked={current?.typicalHCC ?? false} disabled={!current} onChange={(e) => save({ typicalHCC: e.target.checked })} /> typical HCC pattern
      </label>
      <label>
        <input type="checkbox" data-testid="mrecist-new-unequivocal" checked={current?.unequivocal ?? false} disabled={!current} onChange={(e) => save({ unequivocal: e.target.checked })} /> unequivocal
      </label>
    </div>
  );
}

function SelectedLesionEditor({ read, lesion, timepointId, warnings, actions }: { read: CaseFile; lesion: Lesion; timepointId?: string; warnings: readonly BaselineWarning[]; actions: LesionActions }) {
  const timepoint = read.timepoints.find((t) => t.id === timepointId);
  return (
    <div style={{ ...s.tlRow, marginTop: 6 }} data-testid="mrecist-lesion-editor" data-lesion-id={lesion.id}>
      <div style={s.row}>
        <strong>{lesion.id}</strong>
        <span style={s.badge}>{ROLE_LABEL[lesion.role]}</span>
        <input
          key={`name-${lesion.id}`}
          style={{ ...s.input, flex: 1, minWidth: 80 }}
          placeholder="name"
          data-testid="mrecist-lesion-name"
          defaultValue={lesion.name ?? ''}
          onBlur={(e) => e.target.value.trim() !== (lesion.name ?? '') && actions.updateFields(lesion.id, { name: e.target.value.trim() })}
        />
        <SiteField key={`site-${lesion.id}`} lesion={lesion} onChange={(site) => actions.updateFields(lesion.id, { site })} />
      </div>
      {lesion.role === 'target' ? (
        <label>
          <input type="checkbox" checked={lesion.arteriallyEnhancing ?? false} onChange={(e) => actions.updateFields(lesion.id, { arteriallyEnhancing: e.target.checked })} /> arterially
          enhancing at baseline
        </label>
      ) : null}
      {warnings.map((w) => (
        <div key={w.code} style={s.warning} data-testid="mrecist-lesion-warning">
          ⚠ {w.message}
        </div>
      ))}
      {timepoint ? (
        <div style={{ marginTop: 4 }}>
          <div style={s.muted}>
            At {timepoint.id} ({timepoint.date}): {cellText(lesion, timepoint.id) || 'nothing recorded'}
          </div>
          <ViablePhaseNotice key={`${lesion.id}-${timepoint.id}`} lesion={lesion} timepointId={timepoint.id} onConfirm={actions.confirmViablePhase && ((reason) => actions.confirmViablePhase?.(lesion.id, timepoint.id, reason))} />
          {lesion.role === 'target' ? (
            <button type="button" style={s.button} data-testid="mrecist-no-viable" onClick={() => actions.recordNoViableTumour(lesion.id, timepoint.id)}>
              No viable tumour (0 mm)
            </button>
          ) : null}
          {lesion.role === 'target' ? (
            <div style={s.row}>
              <span>Not evaluable:</span>
              {NOT_EVALUABLE_REASONS.map((reason) => (
                <button key={reason} type="button" style={s.button} data-testid={`mrecist-ne-${reason.split(' ')[0]}`} onClick={() => actions.markNotEvaluable(lesion.id, timepoint.id, reason)}>
                  {reason}
                </button>
              ))}
            </div>
          ) : null}
          {lesion.role === 'nonTarget' ? (
            <label>
              Status{' '}
              <select
                style={s.input}
                data-testid="mrecist-nt-status"
                value={lesion.status[timepoint.id] ?? ''}
                onChange={(e) => e.target.value && actions.setNonTargetStatus(lesion.id, timepoint.id, e.target.value as NonTargetStatus)}
              >
                <option value="">—</option>
                {NON_TARGET_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {STATUS_LABEL[status]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {lesion.role === 'new' ? <NewAssessmentEditor lesion={lesion} timepointId={timepoint.id} onSave={(a) => actions.setNewAssessment(lesion.id, timepoint.id, a)} /> : null}
          <div style={s.row}>
            <button type="button" style={s.button} data-testid="mrecist-clear-value" onClick={() => actions.clear(lesion.id, timepoint.id)}>
              Clear {timepoint.id}
            </button>
            <button type="button" style={s.button} data-testid="mrecist-remove-lesion" onClick={() => actions.remove(lesion.id)}>
              Delete {lesion.id}
            </button>
          </div>
        </div>
      ) : (
        <div style={s.muted}>Pick a timepoint (click a cell) to record values.</div>
      )}
    </div>
  );
}

export function LesionRegistry({ read, measuredAxis, onMeasuredAxis, selectedLesionId, activeTimepointId, warnings, actions, signedOff }: LesionRegistryProps) {
  const selected = read.lesions.find((l) => l.id === selectedLesionId);
  return (
    <div data-testid="mrecist-lesions">
      <div style={s.row}>
        <button type="button" style={s.button} data-testid="mrecist-add-target" onClick={() => actions.add('target')}>
          + Target
        </button>
        <button type="button" style={s.button} data-testid="mrecist-add-nontarget" onClick={() => actions.add('nonTarget')}>
          + Non-target
        </button>
        <button type="button" style={s.button} data-testid="mrecist-add-new" onClick={() => actions.add('new')}>
          + New lesion
        </button>
        <button type="button" style={s.button} data-testid="mrecist-deselect" onClick={() => actions.select(undefined, activeTimepointId)}>
          Next line makes a new lesion
        </button>
      </div>
      <div style={s.row} data-testid="mrecist-measured-axis">
        <span>Lines on targets measure</span>
        <label>
          <input type="radio" name="mrecist-axis" checked={measuredAxis === 'viable'} onChange={() => onMeasuredAxis('viable')} /> viable tumour (mRECIST, EASL)
        </label>
        <label>
          <input type="radio" name="mrecist-axis" data-testid="mrecist-axis-whole" checked={measuredAxis === 'whole'} onChange={() => onMeasuredAxis('whole')} /> whole
          lesion (RECIST 1.1)
        </label>
      </div>
      <div style={s.muted}>
        {signedOff
          ? 'The read is signed off: lines you draw are not recorded (Amend reopens it).'
          : selected
            ? `Lines you draw now measure ${selected.id}.`
            : 'No lesion selected: the next line creates a target at baseline or a new lesion at a follow-up.'}
      </div>
      <table style={s.table}>
        <thead>
          <tr>
            <th style={s.th}>Lesion</th>
            {read.timepoints.map((t) => (
              <th key={t.id} style={t.id === activeTimepointId ? { ...s.th, ...s.activeCell } : s.th}>
                {t.id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {read.lesions.map((lesion) => {
            const lesionWarnings = warnings.get(lesion.id) ?? [];
            return (
              <tr key={lesion.id} style={lesion.id === selectedLesionId ? s.selectedRow : undefined} data-testid="mrecist-lesion-row" data-lesion-id={lesion.id} data-role={lesion.role}>
                <td style={s.td}>
                  <button type="button" style={{ ...s.button, background: 'transparent', borderStyle: 'none' }} data-testid="mrecist-lesion-select" onClick={() => actions.select(lesion.id, activeTimepointId)}>
                    <strong>{lesion.id}</strong> {lesion.name ? lesion.name : ''} <span style={s.muted}>{lesion.site ?? ''}</span>
                  </button>
                  {lesionWarnings.length ? (
                    <span style={s.warning} title={lesionWarnings.map((w) => w.message).join('\n')}>
                      {' '}⚠ {lesionWarnings.length}
                    </span>
                  ) : null}
                </td>
                {read.timepoints.map((t) => (
                  <td
                    key={t.id}
                    style={lesion.id === selectedLesionId && t.id === activeTimepointId ? { ...s.td, ...s.activeCell } : s.td}
                    data-testid="mrecist-lesion-cell"
                    data-timepoint-id={t.id}
                    onClick={() => actions.select(lesion.id, t.id)}
                  >
                    {cellText(lesion, t.id)}
                    <ViablePhaseMark lesion={lesion} timepointId={t.id} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {(warnings.get('') ?? []).map((w) => (
        <div key={w.code} style={s.warning}>
          ⚠ {w.message}
        </div>
      ))}
      {selected ? <SelectedLesionEditor read={read} lesion={selected} timepointId={activeTimepointId} warnings={warnings.get(selected.id) ?? []} actions={actions} /> : null}
    </div>
  );
}
