/**
 * The Course tab of one patient (tumour board view): each target's change from baseline (spider), the target
 * sum, the responses per criterion, dose delivered by scan date and the GTV's DVH, drawn from the same chart
 * specs as the board PDF (core/board/boardContent), plus the key images when the host has them, and a button
 * for the board summary. Props in, callbacks out; not yet wired into the panel.
 */
import { criterionLabel } from '../core/board/courseCharts';
import type { BoardContent } from '../core/board/boardContent';
import { VegaChart } from './charts/VegaChart';
import { readStyles } from './readStyles';

export interface CourseKeyImage {
  lesionId: string;
  timepointId: string;
  caption: string;
  /** An object URL or data URL of the cropped slice with the line drawn. */
  src: string;
}

export interface CourseTabProps {
  readonly content: BoardContent;
  readonly keyImages?: readonly CourseKeyImage[];
  /** Produces and offers the board summary PDF; absent while it cannot be made. */
  readonly onBoardSummary?: () => void;
}

export function CourseTab({ content, keyImages = [], onBoardSummary }: CourseTabProps) {
  const charts: [string, BoardContent['charts'][keyof BoardContent['charts']]][] = [
    ['Change from baseline per target', content.charts.spider],
    ['Target sum', content.charts.sum],
    ['Responses per criterion', content.charts.strip],
    ['Dose delivered by scan date', content.charts.dose],
    ['GTV dose-volume histogram', content.charts.dvh],
  ];
  return (
    <div style={readStyles.panel}>
      <div style={readStyles.row}>
        <span>
          Patient {content.patientId}, reader {content.reader ?? 'not recorded'}, {criterionLabel(content.primaryCriteria)}
          {content.signOff ? `, signed off by ${content.signOff.by}` : ', not signed off'}
        </span>
        <button type="button" style={readStyles.primaryButton} disabled={onBoardSummary === undefined} onClick={onBoardSummary}>
          Board summary (PDF)
        </button>
      </div>
      {charts.map(([label, spec]) => (spec === null ? null : <VegaChart key={label} label={label} spec={spec} />))}
      {content.results
        .filter((r) => 'problem' in r)
        .map((r) => (
          <div key={r.criteria} style={readStyles.muted}>
            {criterionLabel(r.criteria)}: {'problem' in r ? r.problem : ''}
          </div>
        ))}
      {keyImages.length > 0 && (
        <section style={readStyles.section}>
          <h4 style={readStyles.heading}>Key images</h4>
          <div style={readStyles.row}>
            {keyImages.map((k) => (
              <figure key={`${k.lesionId} ${k.timepointId}`} style={{ margin: 0, width: 120 }}>
                <img src={k.src} alt={`${k.lesionId} at ${k.timepointId}`} style={{ width: 120 }} />
                <figcaption>
                  {k.lesionId} {k.timepointId}: {k.caption}
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
