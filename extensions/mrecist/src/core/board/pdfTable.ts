/**
 * A plain table on a PdfCanvas: a bold header row, thin rules, fixed column widths, a new page (with the header
 * repeated) when the next row would cross the bottom margin. Cells are text only.
 */
import { PDF_FONT, PDF_FONT_BOLD, pdfText, type PdfCanvas } from './pdfCanvas';

export interface PdfTable {
  header: string[];
  rows: string[][];
  /** Relative widths; the table fills the text width. */
  widths?: number[];
  /** Optional fill colour per row (e.g. the response colour of a category cell). */
  cellColour?: (row: number, column: number) => string | null;
  /** Points; TABLE_FONT_SIZE unless a wide table needs less. */
  fontSize?: number;
}

export const TABLE_FONT_SIZE = 9;
const PADDING = 3;

export function drawTable(doc: PdfCanvas, table: PdfTable): void {
  const left = doc.page.margins.left;
  const totalWidth = doc.page.width - left - doc.page.margins.right;
  const weights = table.widths ?? table.header.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / sum) * totalWidth);
  const size = table.fontSize ?? TABLE_FONT_SIZE;
  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? PDF_FONT_BOLD : PDF_FONT).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(pdfText(c), { width: widths[i] - 2 * PADDING }))) + 2 * PADDING;
  };
  const drawRow = (cells: string[], bold: boolean, rowIndex: number | null) => {
    const h = rowHeight(cells, bold);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      if (!bold) drawRow(table.header, true, null);
    }
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const colour = rowIndex === null ? null : (table.cellColour?.(rowIndex, i) ?? null);
      if (colour !== null) doc.rect(x, top, widths[i], h).fill(colour);
      doc.fillColor('#000000').font(bold ? PDF_FONT_BOLD : PDF_FONT).fontSize(size);
      doc.text(pdfText(cell), x + PADDING, top + PADDING, { width: widths[i] - 2 * PADDING });
      x += widths[i];
    });
    doc.strokeColor(bold ? '#000000' : '#bbbbbb').lineWidth(bold ? 0.8 : 0.4);
    doc.moveTo(left, top + h).lineTo(left + totalWidth, top + h).stroke();
    doc.y = top + h;
  };
  drawRow(table.header, true, null);
  table.rows.forEach((r, i) => drawRow(r, false, i));
  doc.y += 6;
}

/** A heading with space before it; starts a new page when less than `keepWithNext` points remain. */
export function drawHeading(doc: PdfCanvas, text: string, keepWithNext = 60, size = 12): void {
  if (doc.y + keepWithNext > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  doc.y += 4;
  doc.fillColor('#000000').font(PDF_FONT_BOLD).fontSize(size).text(pdfText(text), doc.page.margins.left, doc.y);
  doc.y += 2;
}

export function drawParagraph(doc: PdfCanvas, text: string, size = 9): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(PDF_FONT).fontSize(size);
  if (doc.y + doc.heightOfString(pdfText(text), { width }) > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  doc.fillColor('#000000').text(pdfText(text), doc.page.margins.left, doc.y, { width });
}

/** Width and height of an SVG in pixels from its root element's attributes (as Vega writes them). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0) || !(height > 0)) throw new Error('chart SVG has no width and height on its root element');
  return { width, height };
}

export function svgAspect(svg: string): number {
  const { width, height } = svgSize(svg);
  return width / height;
}

/** CSS pixels to points (CSS 2.1: 96 px = 72 pt), so every chart's text prints at the size it was specified. */
export const POINTS_PER_PX = 0.75;

/** Places a chart at the left margin at print size (at most the text width and `maxWidth`), on a new page when it does not fit. */
export function drawChart(doc: PdfCanvas, svg: string, drawSvg: (svg: string, x: number, y: number, width: number) => number, maxWidth = Infinity): void {
  const width = Math.min(maxWidth, svgSize(svg).width * POINTS_PER_PX, doc.page.width - doc.page.margins.left - doc.page.margins.right);
  const height = width / svgAspect(svg);
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  drawSvg(svg, doc.page.margins.left, doc.y, width);
  doc.y += height + 6;
}
