/**
 * A pool of Node worker threads running the TG-43 grid engine (CLI and benchmark). Splits a request's frames into
 * one contiguous range per worker, gathers progress, and stitches the frames into one DoseGrid. The browser uses
 * workers/dose.worker.ts with the same messages.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { assembleDoseGrid, splitFrameRanges, voxelCount, type DoseKernelChoice, type DoseProgress } from '../core/dose/computeDoseGrid';
import type { DoseGrid } from '../core/dose/DoseGrid';
import type { DoseGridRequest, DoseWorkerReply, DoseWorkerRequest } from '../core/dose/messages';

const WORKER_ENTRY = join(__dirname, 'doseWorkerEntry.cjs');

export class DoseWorkerPool {
  private readonly workers: Worker[];
  private nextJobId = 1;

  /** `kernels`: 'auto' (WebAssembly SIMD where available) or 'js' (the JavaScript kernels, for comparison). */
  constructor(size = availableParallelism(), private readonly kernels: DoseKernelChoice = 'auto') {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new Worker(WORKER_ENTRY));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Resolves once every worker has loaded its modules (a tiny job each), so timings exclude start-up. */
  async warmUp(): Promise<void> {
    const request: DoseGridRequest = {
      seeds: [{ positionMm: [0, 0, 0], strengthAtImplantU: 1, halfLifeDays: 59.4, sourceModelId: '6711' }],
      geometry: {
        originMm: [0, 0, 0], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], columns: 1, rows: 1,
        rowSpacingMm: 1, columnSpacingMm: 1, frameOffsetsMm: [0], frameOfReferenceUid: '1.2.3',
      },
      model: 'point1d',
      basis: { kind: 'fullDecay' },
    };
    await Promise.all(this.workers.map((w) => this.run(w, request, 0, 1, () => undefined)));
  }

  async computeDoseGrid(request: DoseGridRequest, onProgress?: DoseProgress): Promise<DoseGrid> {
    const frames = request.geometry.frameOffsetsMm.length;
    const perFrame = request.geometry.rows * request.geometry.columns;
    const ranges = splitFrameRanges(frames, this.workers.length);
    const done = new Array<number>(ranges.length).fill(0);
    const dose = new Float32Array(voxelCount(request.geometry));
    await Promise.all(
      ranges.map(async ([a, b], w) => {
        const part = await this.run(this.workers[w], request, a, b, (framesDone) => {
          done[w] = framesDone;
          onProgress?.(done.reduce((s, x) => s + x, 0), frames);
        });
        dose.set(part, a * perFrame);
      }),
    );
    onProgress?.(frames, frames);
    return assembleDoseGrid(request, dose);
  }

  private run(
    worker: Worker,
    request: DoseGridRequest,
    frameStart: number,
    frameEnd: number,
    onFrames: (framesDone: number) => void,
  ): Promise<Float32Array> {
    const jobId = this.nextJobId++;
    return new Promise((resolve, reject) => {
      const onMessage = (reply: DoseWorkerReply) => {
        if (reply.jobId !== jobId) return;
        if (reply.type === 'progress') return onFrames(reply.framesDone);
        cleanup();
        if (reply.type === 'frames') resolve(reply.dose);
        else reject(new Error(`dose worker failed: ${reply.message}`));
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      const message: DoseWorkerRequest = { type: 'computeFrames', jobId, request, frameStart, frameEnd, kernels: this.kernels };
      worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
