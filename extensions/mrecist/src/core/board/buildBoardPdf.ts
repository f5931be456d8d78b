/**
 * The board summary PDF of one patient: content from the read (boardContent), each chart rendered to SVG from
 * its Vega-Lite spec, the layout drawn on a PDFKit document. The chart renderer and the PDF factory are passed
 * in, so `mrecist board` (Node) and the viewer's Board summary (a Web Worker) run this same code and give the
 * same pages.
 */
import { boardContent, type BoardInput } from './boardContent';
import { BOARD_CHART_ORDER, layoutBoardPdf, type BoardChartName, type KeyImage } from './boardPdfLayout';
import type { ChartSpec } from './chartStyle';
import type { CreatePdf } from './pdfkitHost';

export interface BoardPdfRenderers {
  renderChartSvg(spec: ChartSpec): Promise<string>;
  createPdf: CreatePdf;
}

export async function buildBoardPdf(input: BoardInput, keyImages: readonly KeyImage[], renderers: BoardPdfRenderers): Promise<{ bytes: Uint8Array; pages: number }> {
  const content = boardContent(input);
  const charts: Partial<Record<BoardChartName, string>> = {};
  for (const name of BOARD_CHART_ORDER) {
    const spec = content.charts[name];
    if (spec !== null) charts[name] = await renderers.renderChartSvg(spec);
  }
  const pdf = renderers.createPdf(`Tumour board summary ${content.patientId}`);
  layoutBoardPdf(pdf.doc, content, charts, keyImages, pdf.host);
  return pdf.finish();
}
