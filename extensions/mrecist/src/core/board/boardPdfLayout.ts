/**
 * The board summary PDF of one patient, laid out on a PdfCanvas: patient, reader and sign-off, timeline, the
 * response table of each criterion, the charts (spider, sum, response strip, dose, DVH), key images, dose
 * summary and the short decision trail. Charts arrive rendered (SVG) in the order of `BOARD_CHART_ORDER`, so
 * the layout itself is synchronous and identical in Node and in the browser.
 */
import { timepointTableHeader, timepointTableRow } from '../criteria/assessmentText';
import { CRITERIA_RULES, formatSum } from '../criteria/criteriaRules';
import { criterionLabel } from './courseCharts';
import type { BoardContent } from './boardContent';
import { PDF_FONT, PDF_FONT_BOLD, pdfText, type PdfCanvas, type PdfHost } from './pdfCanvas';
import { drawChart, drawHeading, drawParagraph, drawTable } from './pdfTable';
import { RESPONSE_COLOURS } from './responseColours';
import type { ResponseCategory } from '../criteria/types';

export const BOARD_CHART_ORDER = ['spider', 'sum', 'strip', 'dose', 'dvh'] as const;
export type BoardChartName = (typeof BOARD_CHART_ORDER)[number];

export interface KeyImage {
  lesionId: string;
  timepointId: string;
  date: string;
  /** The measured value as the reader drew it, e.g. "viable 25.6 mm". */
  caption: string;
  png: Uint8Array;
  /** The PNG's size in pixels. */
  columns: number;
  rows: number;
  /** The reader's line in the image's pixel coordinates, drawn over it as a vector. */
  line: [number, number][];
}

/** A4 portrait in points (ISO 216: 210 × 297 mm). */
export const A4_POINTS: [number, number] = [595.28, 841.89];
export const PAGE_MARGIN_PT = 40;
const KEY_IMAGES_PER_ROW = 4;

/** A light tint of a response colour, so black text stays readable on it in print. */
function tint(response: string): string | null {
  const hex = RESPONSE_COLOURS[response as ResponseCategory];
  if (hex === undefined) return null;
  const mix = (i: number) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.35 + 255 * 0.65).toString(16).padStart(2, '0');
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

export function layoutBoardPdf(
  doc: PdfCanvas,
  content: BoardContent,
  charts: Partial<Record<BoardChartName, string>>,
  keyImages: readonly KeyImage[],
  host: PdfHost,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.y = doc.page.margins.top;
  doc.fillColor('#000000').font(PDF_FONT_BOLD).fontSize(16).text(pdfText(`Tumour board summary: patient ${content.patientId}`), left, doc.y, { width });
  const signOff = content.signOff ? `signed off by ${content.signOff.by} at ${content.signOff.at}` : 'not signed off (read in progress)';
  doc.font(PDF_FONT).fontSize(10).text(
    pdfText(`Reader: ${content.reader ?? 'not recorded'}; ${signOff}. Primary criterion: ${criterionLabel(content.primaryCriteria)}.`),
    left,
    doc.y + 2,
    { width },
  );
  doc.y += 6;

  drawHeading(doc, 'Timeline');
  drawTable(doc, {
    header: ['Timepoint', 'Date', content.dayTitle, 'Study', ...(content.dose ? ['Dose delivered'] : [])],
    widths: [1, 1.2, 1.2, 3.4, ...(content.dose ? [1.6] : [])],
    rows: content.timeline.map((t) => {
      const dose = content.dose?.find((d) => d.timepointId === t.timepointId);
      return [
        `${t.timepointId}${t.baseline ? ' (baseline)' : ''}`,
        t.date,
        String(t.day),
        t.studyInstanceUid ?? '-',
        ...(content.dose ? [dose ? `${dose.deliveredGy.toFixed(1)} Gy (${dose.percentOfFinal.toFixed(0)} %)` : '-'] : []),
      ];
    }),
  });

  for (const result of content.results) {
    const primary = result.criteria === content.primaryCriteria ? ' (primary)' : '';
    drawHeading(doc, `Response: ${criterionLabel(result.criteria)}${primary}`);
    if (!('assessment' in result)) {
      drawParagraph(doc, `Not assessable from this read: ${result.problem}`);
      doc.y += 4;
      continue;
    }
    const a = result.assessment;
    const rules = CRITERIA_RULES[result.criteria];
    const baseline = content.timeline.find((t) => t.baseline);
    const rows = [
      [baseline?.timepointId ?? 'BL', baseline?.date ?? '', a.baselineTargetSum.toFixed(rules.unit === 'hundredthsMm2' ? 2 : 1), '', '', '', '', '', 'baseline'],
      ...a.timepoints.map((t) => timepointTableRow(t, result.criteria)),
    ];
    drawTable(doc, {
      header: timepointTableHeader(result.criteria),
      widths: [1, 1.2, 1, 1, 1, 0.8, 1, 0.6, 0.9],
      rows,
      cellColour: (row, column) => (column === 8 || column === 5 ? tint(rows[row][column]) : null),
    });
    drawParagraph(
      doc,
      `Best overall response: ${a.bestOverallResponse}. Progression: ${a.progressionDate ?? 'none'}. ` +
        `Baseline ${rules.sumLabel} ${formatSum(rules, Math.round(a.baselineTargetSum * (rules.unit === 'hundredthsMm2' ? 100 : 10)))}.`,
    );
    doc.y += 4;
  }

  drawHeading(doc, 'Course', 200);
  for (const name of BOARD_CHART_ORDER) {
    const svg = charts[name];
    if (svg !== undefined) drawChart(doc, svg, host.drawSvg, width * 0.92);
  }

  if (keyImages.length > 0) {
    drawHeading(doc, 'Key images (measured slice, the line as drawn)', 160);
    const gap = 8;
    const cell = (width - gap * (KEY_IMAGES_PER_ROW - 1)) / KEY_IMAGES_PER_ROW;
    let column = 0;
    let rowHeight = 0;
    let rowTop = doc.y;
    for (const image of keyImages) {
      const h = (cell * image.rows) / image.columns;
      if (column === 0 && rowTop + h + 24 > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        rowTop = doc.page.margins.top;
      }
      const x = left + column * (cell + gap);
      host.drawPng(image.png, x, rowTop, cell);
      const scale = cell / image.columns;
      doc.strokeColor('#FFD700').lineWidth(1.2);
      image.line.forEach(([px, py], i) => (i === 0 ? doc.moveTo(x + px * scale, rowTop + py * scale) : doc.lineTo(x + px * scale, rowTop + py * scale)));
      doc.stroke();
      doc.font(PDF_FONT_BOLD).fontSize(8).fillColor('#FFD700').text(pdfText(image.caption), x + 3, rowTop + 3, { width: cell - 6 });
      doc.font(PDF_FONT).fontSize(8).fillColor('#000000').text(pdfText(`${image.lesionId} ${image.timepointId} ${image.date}: ${image.caption}`), x, rowTop + h + 2, { width: cell });
      rowHeight = Math.max(rowHeight, h + 24);
      column++;
      if (column === KEY_IMAGES_PER_ROW) {
        rowTop += rowHeight;
        column = 0;
        rowHeight = 0;
      }
    }
    doc.y = rowTop + (column > 0 ? rowHeight : 0);
  }

  drawHeading(doc, 'Dose summary');
  if (content.implant === null && content.dvh === null) {
    drawParagraph(doc, 'No implant dose given (board --implant-date with --final-dose-gy; --struct, --dose and --prescription for the DVH).');
  }
  if (content.implant !== null) {
    const i = content.implant;
    drawParagraph(doc, `Implant ${i.implantDate}; final dose ${i.finalDoseGy} Gy (${i.label}); half-life ${i.halfLifeDays} d.`);
  }
  if (content.dvh !== null) {
    drawTable(doc, {
      header: ['DVH', 'D90 (Gy)', 'V100 (%)', 'V150 (%)'],
      rows: content.dvh.markers.map((m) => [m.label, m.D90Gy.toFixed(1), m.V100Pct.toFixed(1), m.V150Pct.toFixed(1)]),
    });
  }

  drawHeading(doc, `Decision trail (${criterionLabel(content.primaryCriteria)}, short form)`);
  for (const line of content.trail) drawParagraph(doc, line, 8);
}
