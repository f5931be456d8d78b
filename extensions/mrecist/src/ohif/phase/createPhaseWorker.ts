/**
 * Starts the contrast-phase Web Worker (as createOverlayWorker: webpack bundles the entry from this form; only
 * the extension entry imports this file, so Node tests never see import.meta).
 */
export function createPhaseWorker(): Worker {
  return new Worker(new URL('../../workers/phase.worker.ts', import.meta.url), { type: 'module', name: 'mrecist-phase' });
}
