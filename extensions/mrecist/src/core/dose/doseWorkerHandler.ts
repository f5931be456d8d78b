/**
 * The one thing a dose worker does, shared by the browser Web Worker (workers/dose.worker.ts) and the Node
 * worker thread (cli/doseWorkerThread.ts): compute the requested frames and post progress and the result,
 * transferring the result's buffer. Pure apart from the `post` callback it is given.
 */
import { computeDoseFrames } from './computeDoseGrid';
import type { DoseWorkerReply, DoseWorkerRequest } from './messages';

/** Progress messages at most this often (frames), so a fast worker does not flood its parent. */
const PROGRESS_EVERY_FRAMES = 4;

export type PostDoseReply = (reply: DoseWorkerReply, transfer?: ArrayBuffer[]) => void;

export function handleDoseWorkerRequest(message: DoseWorkerRequest, post: PostDoseReply): void {
  const { jobId, request, frameStart, frameEnd, kernels } = message;
  try {
    const dose = computeDoseFrames(request, frameStart, frameEnd, (framesDone) => {
      if (framesDone % PROGRESS_EVERY_FRAMES === 0) post({ type: 'progress', jobId, framesDone });
    }, kernels);
    post({ type: 'frames', jobId, frameStart, frameEnd, dose }, [dose.buffer as ArrayBuffer]);
  } catch (e) {
    post({ type: 'failed', jobId, message: e instanceof Error ? e.message : String(e) });
  }
}
