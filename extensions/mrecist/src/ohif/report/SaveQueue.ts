/**
 * The save queue of one patient and reader: SRs waiting in browser storage until the PACS confirms their STOW,
 * retried with backoff, and the saves other patients or readers left waiting in this browser. One clock
 * (`clock`, epoch ms) dates every attempt and schedules every retry, so backoff and timer never disagree.
 */
import { errorText } from '../../core/errorText';
import { base64ToBytes, PendingSaves, retryDelayMs, type DraftStorageLike, type PendingSave } from './PendingSaves';
import { stowInstance, type FetchLike } from './stowRs';

export interface SaveQueueOwner {
  readonly patientId: string;
  readerName(): string;
}

export class SaveQueue {
  private readonly pendingSaves: PendingSaves;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly owner: SaveQueueOwner,
    storage: DraftStorageLike | null,
    private readonly fetch: FetchLike | undefined,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.pendingSaves = new PendingSaves(storage);
  }

  /** Queues a save; throws when browser storage refuses it. */
  put(p: PendingSave): void {
    this.pendingSaves.put(p);
  }

  /** This patient's and reader's waiting saves; none when the list is unreadable. */
  mine(): PendingSave[] {
    try {
      return this.pendingSaves.forPatient(this.owner.patientId, this.owner.readerName());
    } catch {
      return [];
    }
  }

  /** Waiting saves of other patients and readers; none when the list is unreadable (reported with this reader's own). */
  others(): PendingSave[] {
    try {
      return this.pendingSaves.others(this.owner.patientId, this.owner.readerName());
    } catch {
      return [];
    }
  }

  /** My saves due now (all of them when `all`), oldest first. */
  dueMine(all: boolean): PendingSave[] {
    return this.due(this.mine(), all);
  }

  dueOthers(all: boolean): PendingSave[] {
    return this.due(this.others(), all);
  }

  private due(saves: PendingSave[], all: boolean): PendingSave[] {
    const now = this.clock();
    return saves.filter((p) => all || p.nextAttemptAt <= now).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * One STOW of a waiting save: taken off the list when the PACS confirms it; otherwise kept with its next attempt
   * after the backoff (if storage refuses that update, the save stays as it was and is tried again).
   */
  async stow(p: PendingSave, bytes: Uint8Array = base64ToBytes(p.bytesBase64)): Promise<{ failed: PendingSave; error: unknown; delay: number } | null> {
    try {
      await stowInstance(p.url, bytes, p.sopInstanceUid, { fetch: this.fetch });
    } catch (error) {
      const attempts = p.attempts + 1;
      const delay = retryDelayMs(attempts);
      const failed = { ...p, attempts, nextAttemptAt: this.clock() + delay, lastError: errorText(error) };
      try {
        this.pendingSaves.put(failed);
      } catch {
        // Storage refused the update: the save stays as it was.
      }
      return { failed, error, delay };
    }
    this.pendingSaves.remove(p.sopInstanceUid);
    return null;
  }

  /** Runs `run` when the earliest waiting save (mine or others') is due, unless a retry is already scheduled. */
  scheduleRetry(run: () => void): void {
    if (this.retryTimer || this.disposed) return;
    const pending = [...this.mine(), ...this.others()];
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((p) => p.nextAttemptAt));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      run();
    }, Math.max(0, next - this.clock()));
  }

  cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Whether a retry is scheduled. */
  get retryScheduled(): boolean {
    return this.retryTimer !== null;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelRetry();
  }
}
