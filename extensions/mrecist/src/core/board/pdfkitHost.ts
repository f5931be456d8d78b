/**
 * The PDF host over a PDFKit document (foliojs/pdfkit): A4, standard Helvetica (nothing embedded), charts drawn
 * as vectors by svg-to-pdfkit so their text stays text for pdftotext, key images placed as PNG. The PDFKit
 * constructor and svg-to-pdfkit come in as arguments: Node passes PDFKit's Node build (cli/board/pdfDocument.ts),
 * the browser its browser build (workers/board.worker.ts), and both lay out through this one host.
 */
import { A4_POINTS, PAGE_MARGIN_PT } from './boardPdfLayout';
import { svgForStandardFonts, type PdfCanvas, type PdfHost } from './pdfCanvas';
import { svgAspect } from './pdfTable';

/** PDFKit's document as the layouts draw on it, plus what this host calls. */
export interface PdfKitDocument extends PdfCanvas {
  image(src: Uint8Array, x: number, y: number, options?: { width?: number; height?: number }): this;
  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
  on(event: 'end', listener: () => void): this;
  end(): void;
}

export type PdfKitConstructor = new (options: { size: [number, number]; margin: number; info: Record<string, string | Date> }) => unknown;
export type SvgToPdfKit = (doc: unknown, svg: string, x: number, y: number, options: { width: number; height: number; preserveAspectRatio: string }) => void;

export interface PdfBuild {
  doc: PdfKitDocument;
  host: PdfHost;
  /** Ends the document; resolves with its bytes and page count. */
  finish(): Promise<{ bytes: Uint8Array; pages: number }>;
}

export type CreatePdf = (title: string) => PdfBuild;

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export function createPdfKitBuild(PDFDocument: PdfKitConstructor, svgToPdf: SvgToPdfKit, title: string, creationDate?: Date): PdfBuild {
  const doc = new PDFDocument({
    size: A4_POINTS,
    margin: PAGE_MARGIN_PT,
    info: { Title: title, Creator: 'ohif-mrecist', ...(creationDate ? { CreationDate: creationDate } : {}) },
  }) as PdfKitDocument;
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  let pages = 1;
  const addPage = doc.addPage.bind(doc);
  doc.addPage = () => {
    pages++;
    return addPage();
  };
  const host: PdfHost = {
    drawSvg(svg, x, y, width) {
      const height = width / svgAspect(svg);
      svgToPdf(doc, svgForStandardFonts(svg), x, y, { width, height, preserveAspectRatio: 'xMinYMin meet' });
      return height;
    },
    drawPng(png, x, y, width) {
      doc.image(png, x, y, { width });
      return 0;
    },
  };
  return {
    doc,
    host,
    finish: () =>
      new Promise((resolve) => {
        doc.on('end', () => resolve({ bytes: concat(chunks), pages }));
        doc.end();
      }),
  };
}
