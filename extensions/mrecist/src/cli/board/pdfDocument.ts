/** The PDF host in Node: PDFKit's Node build (standard fonts built in) with svg-to-pdfkit, through core/board/pdfkitHost. */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { createPdfKitBuild, type PdfBuild, type PdfKitConstructor, type SvgToPdfKit } from '../../core/board/pdfkitHost';

export type { PdfBuild };

export function createPdf(title: string, creationDate?: Date): PdfBuild {
  return createPdfKitBuild(PDFDocument as unknown as PdfKitConstructor, SVGtoPDF as SvgToPdfKit, title, creationDate);
}
