/**
 * The PDF host in Node: a PDFKit document (A4, standard Helvetica: nothing embedded, nothing read from the
 * system) with svg-to-pdfkit drawing the charts as vectors, so text in the charts stays text for pdftotext.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { A4_POINTS, PAGE_MARGIN_PT } from '../../core/board/boardPdfLayout';
import { svgForStandardFonts, type PdfCanvas, type PdfHost } from '../../core/board/pdfCanvas';
import { svgAspect } from '../../core/board/pdfTable';

/** PDFKit's document as the layouts draw on it, plus what this host calls. */
interface PdfKitDocument extends PdfCanvas {
  image(src: Buffer, x: number, y: number, options?: { width?: number; height?: number }): this;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'end', listener: () => void): this;
  end(): void;
}

export interface PdfBuild {
  doc: PdfKitDocument;
  host: PdfHost;
  /** Ends the document; resolves with its bytes and page count. */
  finish(): Promise<{ bytes: Buffer; pages: number }>;
}

export function createPdf(title: string, creationDate?: Date): PdfBuild {
  const doc = new PDFDocument({
    size: A4_POINTS,
    margin: PAGE_MARGIN_PT,
    info: { Title: title, Creator: 'ohif-mrecist', ...(creationDate ? { CreationDate: creationDate } : {}) },
  }) as unknown as PdfKitDocument;
  const chunks: Buffer[] = [];
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
      SVGtoPDF(doc, svgForStandardFonts(svg), x, y, { width, height, preserveAspectRatio: 'xMinYMin meet' });
      return height;
    },
    drawPng(png, x, y, width) {
      doc.image(Buffer.from(png.buffer, png.byteOffset, png.byteLength), x, y, { width });
      return 0;
    },
  };
  return {
    doc,
    host,
    finish: () =>
      new Promise((resolve) => {
        doc.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages }));
        doc.end();
      }),
  };
}
