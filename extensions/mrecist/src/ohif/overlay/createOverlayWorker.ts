/**
 * Starts the overlay Web Worker. webpack bundles the worker entry from this `new Worker(new URL(…,
 * import.meta.url))` form; the file is imported only by the extension entry (index.ts), so Node tests of the
 * glue never see import.meta.
 */
export function createOverlayWorker(): Worker {
  return new Worker(new URL('../../workers/overlay.worker.ts', import.meta.url), { type: 'module', name: 'mrecist-overlay' });
}
