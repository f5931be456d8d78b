/**
 * Browser Web Worker for the tumour board summary: the same build as `mrecist board` (core/board/buildBoardPdf)
 * with PDFKit's browser build and the two standard fonts the layout uses. Vega renders headless here exactly as
 * in Node (no canvas, estimated text widths), so the pages match the CLI's. Messages: core/board/boardPdfMessages.ts.
 */
import PDFDocument, { registerStdFonts } from 'pdfkit';
import Helvetica from 'pdfkit/standard-fonts/Helvetica';
import HelveticaBold from 'pdfkit/standard-fonts/HelveticaBold';
import SVGtoPDF from 'svg-to-pdfkit';
import type { BoardPdfReply, BoardPdfRequest } from '../core/board/boardPdfMessages';
import { buildBoardPdf } from '../core/board/buildBoardPdf';
import { createPdfKitBuild, type PdfKitConstructor, type SvgToPdfKit } from '../core/board/pdfkitHost';
import { renderChartSvg } from '../core/board/renderChartSvg';
import { errorText } from '../core/errorText';

const scope = self as unknown as DedicatedWorkerGlobalScope;
registerStdFonts(Helvetica, HelveticaBold);

scope.onmessage = async (event: MessageEvent<BoardPdfRequest>) => {
  const started = performance.now();
  let reply: BoardPdfReply;
  try {
    const { bytes, pages } = await buildBoardPdf(event.data.input, event.data.keyImages, {
      renderChartSvg,
      createPdf: (title) => createPdfKitBuild(PDFDocument as unknown as PdfKitConstructor, SVGtoPDF as SvgToPdfKit, title),
    });
    reply = { type: 'boardPdf', bytes, pages, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    reply = { type: 'failed', message: errorText(error) };
  }
  scope.postMessage(reply, reply.type === 'boardPdf' ? [reply.bytes.buffer] : []);
};
