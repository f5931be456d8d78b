/** Builds the board PDF in Node: the shared build (core/board/buildBoardPdf) with Node's chart renderer and PDFKit. */
import type { BoardInput } from '../../core/board/boardContent';
import type { KeyImage } from '../../core/board/boardPdfLayout';
import { buildBoardPdf as buildWith } from '../../core/board/buildBoardPdf';
import { createPdf } from './pdfDocument';
import { renderChartSvg } from '../../core/board/renderChartSvg';

export function buildBoardPdf(input: BoardInput, keyImages: readonly KeyImage[] = []): Promise<{ bytes: Uint8Array; pages: number }> {
  return buildWith(input, keyImages, { renderChartSvg, createPdf: (title) => createPdf(title) });
}
