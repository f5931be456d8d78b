/**
 * Promise-based client of the overlay Web Worker (workers/overlay.worker.ts). One worker per page: requests are
 * queued in the worker in order, replies are matched by jobId, progress messages go to the caller's callback.
 */
import type { OverlayWorkerReply, OverlayWorkerRequest } from '../../core/overlay/overlayMessages';

type DistributiveOmit<T, K extends keyof any> = T extends unknown ? Omit<T, K> : never;
export type OverlayRequestBody = DistributiveOmit<OverlayWorkerRequest, 'jobId'>;
type FinalReply = Exclude<OverlayWorkerReply, { type: 'progress' } | { type: 'failed' }>;

interface Pending {
  resolve(reply: FinalReply): void;
  reject(error: Error): void;
  onProgress?: (stage: string) => void;
}

export class OverlayWorkerClient {
  private readonly pending = new Map<number, Pending>();
  private nextJobId = 1;

  constructor(private readonly worker: Worker) {
    this.worker.onmessage = (event: MessageEvent<OverlayWorkerReply>) => {
      const reply = event.data;
      const job = this.pending.get(reply.jobId);
      if (!job) return;
      if (reply.type === 'progress') return job.onProgress?.(reply.stage);
      this.pending.delete(reply.jobId);
      if (reply.type === 'failed') job.reject(new Error(reply.message));
      else job.resolve(reply);
    };
    this.worker.onerror = (event) => {
      const error = new Error(`overlay worker crashed: ${event.message}`);
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
  }

  request<T extends FinalReply['type']>(
    body: OverlayRequestBody,
    expect: T,
    options: { transfer?: Transferable[]; onProgress?: (stage: string) => void } = {},
  ): Promise<Extract<FinalReply, { type: T }>> {
    const jobId = this.nextJobId++;
    return new Promise((resolve, reject) => {
      this.pending.set(jobId, {
        resolve: (reply) => (reply.type === expect ? resolve(reply as Extract<FinalReply, { type: T }>) : reject(new Error(`overlay worker answered ${reply.type}, expected ${expect}`))),
        reject,
        onProgress: options.onProgress,
      });
      this.worker.postMessage({ ...body, jobId }, options.transfer ?? []);
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const job of this.pending.values()) job.reject(new Error('overlay worker stopped'));
    this.pending.clear();
  }
}
