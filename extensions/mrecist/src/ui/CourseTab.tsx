/**
 * The Course tab of one patient (tumour board view): each target's change from baseline (spider), the target
 * sum, the responses per criterion, dose delivered by scan date and the GTV's DVH, drawn from the same chart
 * specs as the board PDF (core/board/boardContent), the key images (the measured slice with the reader's line
 * drawn over it), and the Board summary button with what it did last. Props in, callbacks out.
 */
import { criterionLabel } from '../core/board/courseCharts';
import type { BoardContent } from '../core/board/boardContent';
import { VegaChart } from './charts/VegaChart';
import { readStyles } from './readStyles';
import { theme } from './theme';

export interface CourseKeyImage {
  lesionId: string;
  timepointId: string;
  caption: string;
  /** An object URL or data URL of the cropped slice. */
  src: string;
  /** The picture's size in pixels and the reader's line in its pixel coordinates, drawn over it. */
  columns?: number;
  rows?: number;
  line?: [number, number][];
}

export interface BoardSummaryStatus {
  tone: 'busy' | 'ok' | 'warn' | 'error';
  line: string;
  pages?: number;
  /** Click to PDF in hand (worker build included), and the worker's own build time. */
  pdfMs?: number;
  workerMs?: number;
  bytes?: number;
  /** Click to both documents confirmed by the PACS. */
  totalMs?: number;
  encapsulatedPdfUid?: string;
  keyObjectSelectionUid?: string;
}

export interface CourseTabProps {
  readonly content: BoardContent;
  readonly keyImages?: readonly CourseKeyImage[];
  /** Measured images that could not be shown, with the reason. */
  readonly keyImageProblems?: readonly string[];
  /** Key images still being rendered. */
  readonly keyImagesPending?: number;
  /** Produces and offers the board summary PDF; absent while it cannot be made. */
  readonly onBoardSummary?: () => void;
  readonly boardStatus?: BoardSummaryStatus | null;
}

const TONE_COLOUR: Record<BoardSummaryStatus['tone'], string> = { busy: theme.mutedForeground, ok: theme.success, warn: theme.warning, error: theme.destructiveForeground };
const KEY_IMAGE_WIDTH_PX = 130;

function KeyImageFigure({ image }: { image: CourseKeyImage }) {
  const { columns, rows, line } = image;
  return (
    <figure style={{ margin: 0, width: KEY_IMAGE_WIDTH_PX }} data-testid="mrecist-key-image" data-lesion={image.lesionId} data-timepoint={image.timepointId}>
      <div style={{ position: 'relative', width: KEY_IMAGE_WIDTH_PX }}>
        <img src={image.src} alt={`${image.lesionId} at ${image.timepointId}`} style={{ width: KEY_IMAGE_WIDTH_PX, display: 'block' }} />
        {columns && rows && line ? (
          <svg viewBox={`0 0 ${columns} ${rows}`} style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }} aria-hidden="true">
            <polyline points={line.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" stroke="#FFD700" strokeWidth={Math.max(1, columns / 120)} />
          </svg>
        ) : null}
        <span style={{ position: 'absolute', left: 3, top: 2, color: '#FFD700', fontWeight: 600, fontSize: 11, textShadow: '0 0 2px #000' }}>{image.caption}</span>
      </div>
      <figcaption>
        {image.lesionId} {image.timepointId}: {image.caption}
      </figcaption>
    </figure>
  );
}

export function CourseTab({ content, keyImages = [], keyImageProblems = [], keyImagesPending = 0, onBoardSummary, boardStatus }: CourseTabProps) {
  const charts: [string, BoardContent['charts'][keyof BoardContent['charts']]][] = [
    ['Change from baseline per target', content.charts.spider],
    ['Target sum', content.charts.sum],
    ['Responses per criterion', content.charts.strip],
    ['Dose delivered by scan date', content.charts.dose],
    ['GTV dose-volume histogram', content.charts.dvh],
  ];
  return (
    <div style={readStyles.panel} data-testid="mrecist-course">
      <div style={readStyles.row}>
        <span>
          Patient {content.patientId}, reader {content.reader ?? 'not recorded'}, {criterionLabel(content.primaryCriteria)}
          {content.signOff ? `, signed off by ${content.signOff.by}` : ', not signed off'}
        </span>
        <button type="button" style={readStyles.primaryButton} data-testid="mrecist-board-summary" disabled={onBoardSummary === undefined} onClick={onBoardSummary}>
          Board summary (PDF)
        </button>
      </div>
      {boardStatus ? (
        <div
          role="status"
          data-testid="mrecist-board-status"
          data-tone={boardStatus.tone}
          data-pages={boardStatus.pages}
          data-pdf-ms={boardStatus.pdfMs}
          data-worker-ms={boardStatus.workerMs}
          data-total-ms={boardStatus.totalMs}
          data-encapsulated-pdf-uid={boardStatus.encapsulatedPdfUid}
          data-kos-uid={boardStatus.keyObjectSelectionUid}
          style={{ color: TONE_COLOUR[boardStatus.tone], marginTop: 4 }}
        >
          {boardStatus.line}
        </div>
      ) : null}
      {charts.map(([label, spec]) => (spec === null ? null : <VegaChart key={label} label={label} spec={spec} />))}
      {content.results
        .filter((r) => 'problem' in r)
        .map((r) => (
          <div key={r.criteria} style={readStyles.muted}>
            {criterionLabel(r.criteria)}: {'problem' in r ? r.problem : ''}
          </div>
        ))}
      {keyImages.length > 0 || keyImagesPending > 0 || keyImageProblems.length > 0 ? (
        <section style={readStyles.section} data-testid="mrecist-key-images">
          <h4 style={readStyles.heading}>Key images (measured slice, the line as drawn)</h4>
          <div style={readStyles.row}>
            {keyImages.map((k) => (
              <KeyImageFigure key={`${k.lesionId} ${k.timepointId}`} image={k} />
            ))}
          </div>
          {keyImagesPending > 0 ? <div style={readStyles.muted}>Rendering {keyImagesPending} more…</div> : null}
          {keyImageProblems.map((p) => (
            <div key={p} style={readStyles.warning}>
              Not shown: {p}
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
