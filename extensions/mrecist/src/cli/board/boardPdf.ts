/**
 * Builds the board PDF in Node: content from the core, each chart rendered to SVG, the layout drawn on a PDFKit
 * document. The browser does the same with its own PDFKit build and the same layout.
 */
import { boardContent, type BoardInput } from '../../core/board/boardContent';
import { BOARD_CHART_ORDER, layoutBoardPdf, type BoardChartName, type KeyImage } from '../../core/board/boardPdfLayout';
import { createPdf } from './pdfDocument';
import { renderChartSvg } from './renderChartSvg';

export async function buildBoardPdf(input: BoardInput, keyImages: readonly KeyImage[] = []): Promise<{ bytes: Buffer; pages: number }> {
  const content = boardContent(input);
  const charts: Partial<Record<BoardChartName, string>> = {};
  for (const name of BOARD_CHART_ORDER) {
    const spec = content.charts[name];
    if (spec !== null) charts[name] = await renderChartSvg(spec);
  }
  const pdf = createPdf(`Tumour board summary ${content.patientId}`);
  layoutBoardPdf(pdf.doc, content, charts, keyImages, pdf.host);
  return pdf.finish();
}
