/**
 * Starts the board PDF Web Worker (workers/board.worker.ts). webpack bundles the worker, with PDFKit and Vega,
 * from this `new Worker(new URL(…, import.meta.url))` form into files of their own, fetched only when a board
 * summary is made; this file is imported only by the panel module, so Node tests of the glue never see import.meta.
 */
export function createBoardWorker(): Worker {
  return new Worker(new URL('../../workers/board.worker.ts', import.meta.url), { type: 'module', name: 'mrecist-board' });
}
