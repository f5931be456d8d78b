/**
 * Starts a CT load Web Worker (as createOverlayWorker: webpack bundles the entry from this form; only the
 * extension entry imports this file, so Node tests never see import.meta).
 */
export function createCtLoadWorker(): Worker {
  return new Worker(new URL('../../workers/ctLoad.worker.ts', import.meta.url), { type: 'module', name: 'mrecist-ct-load' });
}
