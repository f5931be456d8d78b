/**
 * Plain-data contract between the viewer and the board PDF Web Worker (workers/board.worker.ts): the board input
 * (read, sign-off, implant dose, DVH) and the key images as PNG bytes in; the PDF bytes and page count out.
 */
import type { BoardInput } from './boardContent';
import type { KeyImage } from './boardPdfLayout';

export interface BoardPdfRequest {
  type: 'boardPdf';
  input: BoardInput;
  keyImages: KeyImage[];
}

export type BoardPdfReply = { type: 'boardPdf'; bytes: Uint8Array; pages: number; elapsedMs: number } | { type: 'failed'; message: string };
