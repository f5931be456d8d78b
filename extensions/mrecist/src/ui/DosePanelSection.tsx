/**
 * The dose section of the reading panel: prescription (editable), isodose levels with their colours and a
 * toggle each, the dose basis, where the dose comes from, how the plan is placed on each follow-up (registration
 * residual, migrated seeds), and the target's DVH with D90, V100, V150, V200. Props in, callbacks out.
 */
import { dicomDateToIso } from '../core/dicom/dicomDateTime';
import { useEffect, useState } from 'react';
import type { OverlayState, DoseDisplayBasis } from '../ohif/overlay/OverlayStore';
import { DEFAULT_VISIBLE_PERCENTS, formatGy, ISODOSE_LEVEL_STYLES } from '../ohif/overlay/isodoseStyle';
import { DvhPlot } from './DvhPlot';
import { theme } from './theme';

export interface DosePanelActions {
  setPrescription(prescriptionGy: number): void;
  toggleLevel(percent: number): void;
  /** Shows exactly these levels (every level, or the default few). */
  setLevels(percents: readonly number[]): void;
  setBasis(basis: DoseDisplayBasis): void;
  toggleEnabled(): void;
}

export interface DosePanelSectionProps {
  readonly state: OverlayState;
  readonly actions: DosePanelActions;
}

const row = { display: 'flex', alignItems: 'center', gap: 6, margin: '2px 0' } as const;
const muted = { color: theme.mutedForeground } as const;
const smallButton = { background: theme.background, color: theme.foreground, borderWidth: 1, borderStyle: 'solid', borderColor: theme.border, borderRadius: 3, padding: '0 6px', cursor: 'pointer' } as const;

/** "20191106" → "2019-11-06"; anything else as given. */
function dicomDateText(da: string | undefined): string | undefined {
  return dicomDateToIso(da) ?? da;
}

function isoDate(ms: number | undefined): string {
  return ms === undefined ? 'unknown' : new Date(ms).toISOString().slice(0, 10);
}

function PrescriptionInput({ value, onChange }: { value: number; onChange(v: number): void }) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const v = Number(text.replace(',', '.'));
    if (!(v > 0) || !Number.isFinite(v)) return setError('enter a dose above 0 Gy');
    setError(null);
    if (v !== value) onChange(v);
  };
  return (
    <div style={row}>
      <label htmlFor="mrecist-prescription">Prescription</label>
      <input
        id="mrecist-prescription"
        data-testid="mrecist-prescription"
        value={text}
        size={6}
        inputMode="decimal"
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        style={{ background: theme.background, color: theme.foreground, borderWidth: 1, borderStyle: 'solid', borderColor: theme.border, padding: '1px 4px' }}
      />
      <span>Gy</span>
      {error && <span style={{ color: theme.destructiveForeground }}>{error}</span>}
    </div>
  );
}

export function DosePanelSection({ state, actions }: DosePanelSectionProps) {
  const plan = state.plan;
  return (
    <section data-testid="mrecist-dose-section" style={{ padding: 8, fontSize: 12, color: theme.foreground }}>
      <div style={{ ...row, justifyContent: 'space-between' }}>
        <strong>Seeds and isodose</strong>
        <label style={row}>
          <input type="checkbox" data-testid="mrecist-overlay-enabled" checked={state.enabled} onChange={actions.toggleEnabled} /> show
        </label>
      </div>
      {state.planStatus !== 'ready' && (
        <div data-testid="mrecist-plan-status" style={muted}>
          {state.planStatus === 'none' && 'No RT Plan in this patient’s studies.'}
          {state.planStatus === 'searching' && 'Looking for an implant plan…'}
          {state.planStatus === 'loading' && `Loading the implant plan${state.progress ? `: ${state.progress}` : ''}…`}
          {state.planStatus === 'failed' && <span style={{ color: theme.destructiveForeground }}>Implant plan not usable: {state.planError}</span>}
        </div>
      )}
      {plan && (
        <div data-testid="mrecist-plan-facts" style={muted}>
          {plan.seedsMm.length} {plan.isotopeName} seeds, T½ {plan.halfLifeDays} d, implant {isoDate(plan.implantTimeMs)}. Dose:{' '}
          {plan.doseSource === 'rtDose' ? 'RT Dose file' : 'computed from the plan (TG-43)'}.
        </div>
      )}
      <PrescriptionInput value={state.prescriptionGy} onChange={actions.setPrescription} />
      <div style={row}>
        <span>Basis</span>
        <select
          data-testid="mrecist-dose-basis"
          value={state.basis}
          onChange={(e) => actions.setBasis(e.target.value as DoseDisplayBasis)}
          style={{ background: theme.background, color: theme.foreground, borderWidth: 1, borderStyle: 'solid', borderColor: theme.border }}
        >
          <option value="fullDecay">full decay (final dose)</option>
          <option value="scanDate">delivered to each scan date</option>
        </select>
      </div>
      <div style={row}>
        <span>Isodose lines</span>
        <button type="button" data-testid="mrecist-isodose-all" style={smallButton} onClick={() => actions.setLevels(ISODOSE_LEVEL_STYLES.map((l) => l.percent))}>
          all
        </button>
        <button type="button" data-testid="mrecist-isodose-default" style={smallButton} onClick={() => actions.setLevels(DEFAULT_VISIBLE_PERCENTS)}>
          default
        </button>
      </div>
      <div data-testid="mrecist-isodose-levels">
        {ISODOSE_LEVEL_STYLES.map((level) => (
          <label key={level.percent} style={row} data-percent={level.percent}>
            <input type="checkbox" checked={state.visiblePercents.includes(level.percent)} onChange={() => actions.toggleLevel(level.percent)} />
            <span style={{ display: 'inline-block', width: 18, height: 3, background: level.color, opacity: level.opacity }} />
            <span>
              {level.percent}% = {formatGy((state.prescriptionGy * level.percent) / 100)}
            </span>
          </label>
        ))}
      </div>
      {Object.values(state.placements).filter((p) => p.method !== 'sameFrame').length > 0 && (
        <div data-testid="mrecist-registrations" style={{ marginTop: 6 }}>
          <strong>Plan on follow-ups</strong>
          {Object.values(state.placements)
            .filter((p) => p.method !== 'sameFrame')
            .sort((a, b) => (a.studyDate ?? '').localeCompare(b.studyDate ?? ''))
            .map((p) => (
              <div key={p.studyInstanceUid} data-testid="mrecist-registration" data-study-instance-uid={p.studyInstanceUid} data-method={p.method} data-rms-mm={p.seeds?.rmsMm} data-checking={p.checkingWholeCt ? 'true' : undefined}>
                {dicomDateText(p.studyDate) ?? p.studyInstanceUid}:{' '}
                {p.method === 'seedRegistration' && p.seeds
                  ? `seed registration RMS ${p.seeds.rmsMm.toFixed(2)} mm (max ${p.seeds.maxResidualMm.toFixed(1)} mm), ${p.seeds.pairedCount} paired, ${p.seeds.migrated.length} migrated or missing${p.seeds.migrated.map((m) => ` — seed ${m.planIndex + 1}${m.displacementMm !== null ? ` moved ${m.displacementMm.toFixed(0)} mm` : ' not found'}`).join('')}${p.checkingWholeCt ? ` (slab around the displayed slice; ${p.checkingWholeCt})` : ''}`
                  : p.method === 'spatialRegistration'
                    ? `placed by Spatial Registration ${p.registrationUid ?? ''}`
                  : p.method === 'pending'
                    ? `placing… ${p.progress ?? ''}`
                    : p.method === 'failed'
                      ? <span style={{ color: theme.destructiveForeground }}>not placed: {p.error}</span>
                      : p.method}
              </div>
            ))}
        </div>
      )}
      <div data-testid="mrecist-dvh" style={{ marginTop: 6 }}>
        <strong>Target DVH{state.dvh ? ` (${state.dvh.roiName}, ${state.dvh.volumeCc.toFixed(1)} cc, plan dose, full decay)` : ''}</strong>
        {state.dvh ? (
          <>
            <DvhPlot doseGy={state.dvh.curve.doseGy} volumePct={state.dvh.curve.volumePct} prescriptionGy={state.dvh.prescriptionGy} />
            <table data-testid="mrecist-dvh-metrics" style={{ borderCollapse: 'collapse' }}>
              <tbody>
                <tr data-metric="D90"><td>D90</td><td>{formatGy(state.dvh.D90Gy)} ({((100 * state.dvh.D90Gy) / state.dvh.prescriptionGy).toFixed(0)}% Rx)</td></tr>
                <tr data-metric="V100"><td>V100</td><td>{state.dvh.V100Pct.toFixed(1)}%</td></tr>
                <tr data-metric="V150"><td>V150</td><td>{state.dvh.V150Pct.toFixed(1)}%</td></tr>
                <tr data-metric="V200"><td>V200</td><td>{state.dvh.V200Pct.toFixed(1)}%</td></tr>
              </tbody>
            </table>
          </>
        ) : (
          <div style={muted}>{state.dvhError ?? (plan ? 'computing…' : 'no plan')}</div>
        )}
      </div>
    </section>
  );
}
