/**
 * The part of a PDF drawing surface the board and cohort layouts use: a structural subset of PDFKit's
 * PDFDocument (foliojs/pdfkit), so the layouts stay pure and the same code draws the PDF in Node and in the
 * browser. Charts arrive as SVG text and images as PNG bytes; the host supplies how they are placed.
 */

export interface PdfCanvas {
  page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number } };
  y: number;
  addPage(): this;
  font(name: string): this;
  fontSize(size: number): this;
  fillColor(color: string): this;
  strokeColor(color: string): this;
  lineWidth(width: number): this;
  text(text: string, x?: number, y?: number, options?: PdfTextOptions): this;
  heightOfString(text: string, options?: PdfTextOptions): number;
  widthOfString(text: string): number;
  rect(x: number, y: number, w: number, h: number): this;
  fill(color?: string): this;
  stroke(color?: string): this;
  moveTo(x: number, y: number): this;
  lineTo(x: number, y: number): this;
}

export interface PdfTextOptions {
  width?: number;
  align?: 'left' | 'center' | 'right';
  lineBreak?: boolean;
}

/** What a layout hands to the host for the parts a plain canvas cannot draw. */
export interface PdfHost {
  /** Draws an SVG chart at (x, y), scaled to `width` points; returns the drawn height in points. */
  drawSvg(svg: string, x: number, y: number, width: number): number;
  /** Draws PNG bytes at (x, y) `width` points wide; returns the drawn height. */
  drawPng(png: Uint8Array, x: number, y: number, width: number): number;
}

/** The standard PDF fonts (PDF 32000-1 9.6.2.2): present in every reader, nothing to embed. */
export const PDF_FONT = 'Helvetica';
export const PDF_FONT_BOLD = 'Helvetica-Bold';

/** Characters the board writes that WinAnsi (the standard fonts' encoding) lacks, in plain equivalents. */
const PLAIN: Readonly<Record<string, string>> = Object.freeze({ '−': '-', '≥': '>=', '≤': '<=', '→': '->', '–': '-', '…': '...', '✓': 'v' });

/**
 * Text for a standard-font PDF: WinAnsi characters pass, a few symbols become plain text, anything else
 * (untrusted DICOM text in another script) becomes "?" rather than garbage glyphs.
 */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (PLAIN[ch] !== undefined) out += PLAIN[ch];
    else if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || ch === '\n') out += ch;
    else out += '?';
  }
  return out;
}

/**
 * A chart's SVG for a standard-font PDF: Vega writes negative numbers with U+2212 (minus sign), which WinAnsi
 * lacks; the hyphen-minus keeps "-30" from printing as "30".
 */
export function svgForStandardFonts(svg: string): string {
  return svg.replace(/\u2212/g, '-');
}
