/**
 * The patient's timepoints in date order: baseline marked, days since baseline, which viewport shows each.
 * Props in, nothing out. All DICOM text is rendered as React text children (escaped), never as HTML.
 */
import type { Timepoint } from '../core/read/studyOrder';
import { formatPersonName } from '../ohif/timepoints/studySummaries';
import { timepointStyles as s } from './timepointStyles';

export interface ViewportPlacement {
  readonly viewportId: string;
  /** 1-based position in reading order (left to right, top to bottom). */
  readonly position: number;
  readonly count: number;
}

export interface TimepointListProps {
  readonly patients: ReadonlyArray<{ readonly patientId: string; readonly timepoints: readonly Timepoint[] }>;
  readonly placements: ReadonlyMap<string, readonly ViewportPlacement[]>;
}

function placementLabel(p: ViewportPlacement): string {
  if (p.count === 2) return p.position === 1 ? 'left' : 'right';
  return `viewport ${p.position}`;
}

function roleLabel(t: Timepoint): string {
  if (t.role === 'baseline') return 'Baseline';
  if (t.role === 'undated') return 'No study date';
  return `Follow-up ${t.order}`;
}

function daysLabel(t: Timepoint): string {
  if (t.daysSinceBaseline === null) return '';
  if (t.role === 'baseline') return 'day 0';
  return `+${t.daysSinceBaseline} d`;
}

function TimepointRow({ t, placements }: { t: Timepoint; placements: readonly ViewportPlacement[] }) {
  return (
    <li
      style={t.isCurrent ? { ...s.row, ...s.currentRow } : s.row}
      data-testid="mrecist-timepoint"
      data-study-instance-uid={t.studyInstanceUid}
      data-study-date={t.studyDate ?? ''}
      data-role={t.role}
      data-current={t.isCurrent ? 'true' : 'false'}
      data-days-since-baseline={t.daysSinceBaseline ?? ''}
      data-viewport-ids={placements.map((p) => p.viewportId).join(' ')}
    >
      <div style={s.rowHeader}>
        <span style={t.role === 'baseline' ? { ...s.badge, ...s.baselineBadge } : s.badge}>{roleLabel(t)}</span>
        {t.isCurrent && t.role !== 'baseline' ? <span style={{ ...s.badge, ...s.currentBadge }}>Current</span> : null}
        <span style={s.days}>{daysLabel(t)}</span>
      </div>
      <div style={s.date}>{t.studyDateIso ?? 'StudyDate missing or invalid'}</div>
      <div style={s.description}>
        {[t.modalities.join('/'), t.studyDescription].filter(Boolean).join(' · ')}
        {` · ${t.seriesCount} series`}
      </div>
      {placements.length ? <div style={s.placement}>Shown {placements.map(placementLabel).join(', ')}</div> : null}
    </li>
  );
}

export function TimepointList({ patients, placements }: TimepointListProps) {
  if (!patients.length) return <div style={s.empty}>No studies loaded yet.</div>;
  return (
    <div style={s.panel} data-testid="mrecist-timepoints">
      {patients.map(({ patientId, timepoints }) => (
        <section key={patientId} data-patient-id={patientId}>
          <h3 style={s.patient}>
            {formatPersonName(timepoints.find((t) => t.patientName)?.patientName ?? '') || 'Unnamed patient'}
            <span style={s.patientId}>{patientId ? ` · ID ${patientId}` : ' · no Patient ID'}</span>
          </h3>
          <ol style={s.list}>
            {timepoints.map((t) => (
              <TimepointRow key={t.studyInstanceUid} t={t} placements={placements.get(t.studyInstanceUid) ?? []} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
