/**
 * Reports written but not yet confirmed by the PACS. Each is kept in browser storage with its bytes (base64),
 * so a reload, a crash or a PACS outage never loses a save: the same instance (same SOP Instance UID, so a
 * retry can never create a second copy) is sent again with backoff until the PACS confirms it.
 */

export interface DraftStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

export interface PendingSave {
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly patientId: string;
  readonly readerName: string;
  /** STOW-RS URL (the study's URL at the data source's wadoRoot). */
  readonly url: string;
  readonly bytesBase64: string;
  /** ISO instant the report was written. */
  readonly createdAt: string;
  readonly attempts: number;
  /** Epoch ms of the next try. */
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  /** What is stored when it is not the read's SR, e.g. "board summary PDF" (ohif/board). */
  readonly document?: string;
}

export const PENDING_SAVES_KEY = 'ohif-mrecist-pending-saves:v1';

/** Seconds before retry n (n ≥ 1): 2, 4, 8, 16, 32, then every 60. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempts - 1));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isPendingSave(v: unknown): v is PendingSave {
  const p = v as PendingSave;
  return (
    !!p &&
    typeof p.sopInstanceUid === 'string' &&
    typeof p.url === 'string' &&
    typeof p.bytesBase64 === 'string' &&
    typeof p.patientId === 'string' &&
    typeof p.readerName === 'string' &&
    Number.isFinite(p.attempts) &&
    Number.isFinite(p.nextAttemptAt)
  );
}

export class PendingSaves {
  constructor(private readonly storage: DraftStorageLike | null) {}

  /** Every pending save; an unreadable list is reported, never dropped silently. */
  list(): PendingSave[] {
    if (!this.storage) return [];
    const text = this.storage.getItem(PENDING_SAVES_KEY);
    if (text === null) return [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`the pending-save list in browser storage (${PENDING_SAVES_KEY}) is not valid JSON`);
    }
    if (!Array.isArray(value)) throw new Error(`the pending-save list in browser storage (${PENDING_SAVES_KEY}) is not a list`);
    return value.filter(isPendingSave);
  }

  forPatient(patientId: string, readerName: string): PendingSave[] {
    return this.list().filter((p) => p.patientId === patientId && p.readerName === readerName);
  }

  /** Saves of every other patient or reader: written in this browser, still waiting for the PACS. */
  others(patientId: string, readerName: string): PendingSave[] {
    return this.list().filter((p) => p.patientId !== patientId || p.readerName !== readerName);
  }

  /** Adds or replaces (by SOP Instance UID). Throws when storage refuses (quota): the caller says so. */
  put(save: PendingSave): void {
    if (!this.storage) throw new Error('browser storage is not available');
    const others = this.list().filter((p) => p.sopInstanceUid !== save.sopInstanceUid);
    this.storage.setItem(PENDING_SAVES_KEY, JSON.stringify([...others, save]));
  }

  remove(sopInstanceUid: string): void {
    if (!this.storage) return;
    const left = this.list().filter((p) => p.sopInstanceUid !== sopInstanceUid);
    if (left.length === 0 && this.storage.removeItem) this.storage.removeItem(PENDING_SAVES_KEY);
    else this.storage.setItem(PENDING_SAVES_KEY, JSON.stringify(left));
  }
}
