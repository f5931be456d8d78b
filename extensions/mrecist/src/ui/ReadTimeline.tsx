/**
 * The patient's studies in date order: baseline marked (and movable), visit label, days since baseline and since
 * the implant, share of the final dose delivered, which viewport shows the study, and buttons to open it against
 * the baseline or the previous timepoint. DICOM text is rendered as React text (escaped), never as HTML.
 */
import type { TimelineEntry } from '../core/read/timeline';
import { readStyles as s } from './readStyles';
import { theme } from './theme';

/** A viewport showing one of a study's series. */
export interface ViewportPlacement {
  readonly viewportId: string;
  /** 1-based position in reading order (left to right, top to bottom). */
  readonly position: number;
  readonly count: number;
}

export interface ReadTimelineProps {
  readonly entries: readonly TimelineEntry[];
  /** Timepoint id in the read for each study in it (studies before the baseline are outside the read). */
  readonly readIdByStudy: ReadonlyMap<string, string>;
  readonly placements: ReadonlyMap<string, readonly ViewportPlacement[]>;
  readonly activeTimepointId?: string;
  readonly onSetBaseline: (studyInstanceUid: string) => void;
  readonly onOpen: (timepointId: string, against: 'baseline' | 'previous') => void;
}

function placementLabel(p: ViewportPlacement): string {
  if (p.count === 2) return p.position === 1 ? 'left' : 'right';
  return `viewport ${p.position}`;
}

export function ReadTimeline({ entries, readIdByStudy, placements, activeTimepointId, onSetBaseline, onOpen }: ReadTimelineProps) {
  const latest = entries[entries.length - 1];
  return (
    <ol style={s.list} data-testid="mrecist-timepoints">
      {entries.map((e) => {
        const readId = readIdByStudy.get(e.studyInstanceUid);
        const shownIn = placements.get(e.studyInstanceUid) ?? [];
        const role = e.baseline ? 'baseline' : readId ? 'follow-up' : 'before-baseline';
        const current = e === latest;
        return (
          <li
            key={e.studyInstanceUid}
            style={current ? { ...s.tlRow, ...s.tlCurrent } : s.tlRow}
            data-testid="mrecist-timepoint"
            data-study-instance-uid={e.studyInstanceUid}
            data-study-date={e.date.replace(/-/g, '')}
            data-timepoint-id={readId ?? ''}
            data-role={role}
            data-current={current ? 'true' : 'false'}
            data-active={readId && readId === activeTimepointId ? 'true' : 'false'}
            data-days-since-baseline={e.daysFromBaseline}
            data-viewport-ids={shownIn.map((p) => p.viewportId).join(' ')}
          >
            <div style={s.row}>
              <strong>{readId ?? e.id}</strong>
              <span style={e.baseline ? { ...s.badge, ...s.baselineBadge } : s.badge}>
                {e.baseline ? 'Baseline' : readId ? 'Follow-up' : 'Before baseline'}
              </span>
              {current && !e.baseline ? <span style={{ ...s.badge, ...s.currentBadge }}>Current</span> : null}
              <span>{e.date}</span>
              <span style={s.muted}>{e.baseline ? 'day 0' : `${e.daysFromBaseline > 0 ? '+' : ''}${e.daysFromBaseline} d`}</span>
              {shownIn.length ? <span style={{ color: theme.highlight }}>· {shownIn.map(placementLabel).join(', ')}</span> : null}
              <span style={{ marginLeft: 'auto', display: 'flex', gap: 4 }}>
                {readId && !e.baseline ? (
                  <>
                    <button type="button" style={s.button} title="Open on the right, the baseline on the left" data-testid="mrecist-open-vs-baseline" onClick={() => onOpen(readId, 'baseline')}>
                      vs BL
                    </button>
                    <button type="button" style={s.button} title="Open on the right, the previous timepoint on the left" data-testid="mrecist-open-vs-previous" onClick={() => onOpen(readId, 'previous')}>
                      vs prev
                    </button>
                  </>
                ) : null}
                {!e.baseline ? (
                  <button type="button" style={s.button} title="Make this study the baseline" data-testid="mrecist-set-baseline" onClick={() => onSetBaseline(e.studyInstanceUid)}>
                    ⚑ BL
                  </button>
                ) : null}
              </span>
            </div>
            <div style={{ ...s.muted, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={e.description ?? ''}>
              {e.daysSinceImplant !== null ? `${e.daysSinceImplant} d since implant` : 'implant date unknown'}
              {e.deliveredDoseFraction !== null ? ` · ${(e.deliveredDoseFraction * 100).toFixed(0)}% of final dose delivered` : ''}
              {e.description ? ` · ${e.description}` : ''}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
