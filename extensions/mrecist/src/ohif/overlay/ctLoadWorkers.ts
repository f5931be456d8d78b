/**
 * CT load Web Workers, kept and reused. One is started with the overlay, before the viewer requests its first
 * images: its script request would otherwise queue behind them on the browser's few connections per server,
 * right while the displayed follow-up waits for its CT. A worker runs one load at a time; a load that ends
 * normally hands its worker back for the next follow-up.
 */
export class CtLoadWorkers {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();

  constructor(private readonly create: () => Worker) {}

  /** Starts one worker now, so the first load finds it ready. */
  prewarm(): void {
    if (this.idle.length === 0 && this.busy.size === 0) this.idle.push(this.create());
  }

  acquire(): Worker {
    const worker = this.idle.pop() ?? this.create();
    this.busy.add(worker);
    return worker;
  }

  /** A worker whose load ended normally; one idle worker is kept, others stop. */
  release(worker: Worker): void {
    if (!this.busy.delete(worker)) return;
    worker.onmessage = null;
    worker.onerror = null;
    if (this.idle.length === 0) this.idle.push(worker);
    else worker.terminate();
  }

  /** A worker in an unknown state (it failed, or its load was abandoned). */
  discard(worker: Worker): void {
    this.busy.delete(worker);
    worker.terminate();
  }

  dispose(): void {
    for (const worker of [...this.idle, ...this.busy]) worker.terminate();
    this.idle.length = 0;
    this.busy.clear();
  }
}
