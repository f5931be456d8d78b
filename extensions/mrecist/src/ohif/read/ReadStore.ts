/**
 * The read in progress for one opened patient: an observable store around a case file (the same object
 * `mrecist assess`, the SR codec and the exports take), with what the panel needs besides it (selection,
 * reader, where the read came from).
 *
 * Every edit goes through `apply(edit, label)`: the edit is a pure function (core/read/readOperations), the
 * revision grows by one, and the draft is written SYNCHRONOUSLY to browser storage before listeners run, so a
 * reload or a crash right after an edit loses nothing. A storage failure (quota, private mode, storage
 * disabled) never blocks the edit and is never swallowed: it is kept in `state.storageError` until the next
 * successful save, and the panel shows it. A stored draft that cannot be decoded is kept aside under
 * `<key>:damaged:<instant>` (every one, each under its own time) and reported in `state.restoreError`, never
 * half-restored and never silently overwritten.
 *
 * Two tabs on one read (core/read/draftSync): every save first compares the stored revision with the one this
 * store last read or wrote. When another tab saved in between, the edit is refused (ReadEditRefused), the stored
 * read is reloaded and `state.changedElsewhere` says so; the other tab's work is never written over. The
 * registry listens to the `storage` event, so an open tab reloads as soon as another one saves the same read.
 *
 * The stores of one visit of the mode live in the session's ReadStores (ohif/session/MrecistSession):
 *
 *   const store = session.reads.get(patientId);        // undefined until the panel opened the patient
 *   const off = session.reads.subscribe(() => ...);    // told when a store is opened (or the visit ends)
 *   store.replaceRead(caseFileFromSr, 'report');       // restoring a report
 *   store.export();                                    // the read as a case file, reader filled in
 */
import { errorText } from '../../core/errorText';
import type { CaseFile } from '../../core/criteria/types';
import { decodeDraft, draftKey, encodeDraft, type Draft } from '../../core/read/draft';
import {
  changedElsewhereText,
  checkStoredRevision,
  damagedDraftKey,
  damagedElsewhereText,
  DISCARDED_ELSEWHERE_TEXT,
  editRefusedText,
  otherTabChange,
  type StorageChange,
} from '../../core/read/draftSync';
import { addLesion, type NewLesionFields } from '../../core/read/readOperations';
import { ReadEditRefused } from '../../core/read/readTimepoints';
import { signedOffRefusal, signOffProblem, type SignOff } from '../../core/read/signOff';
import { Listeners } from '../Listeners';

export type ReadSource = 'new' | 'draft' | 'report';

export interface ReadState {
  readonly read: CaseFile;
  /** Grows by one with every edit (and with replaceRead); the draft's revision. */
  readonly revision: number;
  /** Labels of deleted lesions: never given to another lesion of this read. */
  readonly retiredLesionIds: readonly string[];
  readonly selectedLesionId?: string;
  readonly activeTimepointId?: string;
  readonly readerName: string;
  readonly source: ReadSource;
  /** Label of the last edit ("T1 at M1: viable 32.0 mm"), for the panel's status line. */
  readonly lastEditLabel?: string;
  /** Why the last save to browser storage failed; null after a successful save. */
  readonly storageError: string | null;
  /** Why a stored draft could not be restored at open (it is kept aside under `<key>:damaged:<instant>`). */
  readonly restoreError: string | null;
  /** Set when another tab changed this read and it was reloaded here; null after this tab's next save. */
  readonly changedElsewhere: string | null;
  /** Present while the read is signed off: every edit is refused until the reader amends it. */
  readonly signedOff?: SignOff;
}

/** The part of the Web Storage API we use; window.localStorage satisfies it, a Map-backed fake does in tests. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

/** Where the `storage` events of other tabs arrive: window in a browser, a fake in tests. */
export interface StorageEvents {
  addEventListener(type: 'storage', listener: (event: StorageChange) => void): void;
  removeEventListener(type: 'storage', listener: (event: StorageChange) => void): void;
}

export type ReadEdit = (read: CaseFile, context: { readonly retiredLesionIds: readonly string[] }) => CaseFile;
export type ReadStateListener = (state: ReadState) => void;

export interface ReadStoreOptions {
  readonly patientId: string;
  /** The read to start from when no draft is stored (timepoints from the patient's studies, no lesions). */
  readonly initialRead: CaseFile;
  readonly readerName?: string;
  /** Browser storage; null when there is none (then every edit reports the missing storage). */
  readonly storage: DraftStorage | null;
  readonly now?: () => Date;
}

export const DEFAULT_READER_NAME = 'Reader 1';


export class ReadStore {
  readonly patientId: string;
  private state: ReadState;
  private readonly listeners = new Set<ReadStateListener>();
  private readonly storage: DraftStorage | null;
  private readonly now: () => Date;

  constructor(options: ReadStoreOptions) {
    this.patientId = options.patientId;
    this.storage = options.storage;
    this.now = options.now ?? (() => new Date());
    const readerName = options.readerName?.trim() || DEFAULT_READER_NAME;
    this.state = this.restore(readerName, options.initialRead);
  }

  /** The draft stored for this patient and reader, else the initial read. */
  private restore(readerName: string, initialRead: CaseFile): ReadState {
    const fresh: ReadState = {
      read: initialRead,
      revision: 0,
      retiredLesionIds: [],
      readerName,
      source: 'new',
      storageError: this.storage ? null : 'Browser storage is not available: the draft is not being saved.',
      restoreError: null,
      changedElsewhere: null,
    };
    if (!this.storage) return fresh;
    const key = draftKey(this.patientId, readerName);
    let text: string | null;
    try {
      text = this.storage.getItem(key);
    } catch (error) {
      return { ...fresh, restoreError: `The stored draft could not be read: ${errorText(error)}` };
    }
    if (text === null) return fresh;
    try {
      const draft = decodeDraft(text, 'stored draft');
      return { ...fresh, read: draft.read, revision: draft.revision, retiredLesionIds: draft.retiredLesionIds, source: 'draft', signedOff: draft.signedOff };
    } catch (error) {
      return { ...fresh, restoreError: `The stored draft could not be restored${this.keepAside(key, text)}: ${errorText(error)}` };
    }
  }

  /** Copies a damaged draft to a key of its own, named by the time; returns the note for the reader. */
  private keepAside(key: string, text: string): string {
    try {
      const storage = this.storage!;
      const asideKey = damagedDraftKey(key, this.now(), (candidate) => storage.getItem(candidate) !== null);
      storage.setItem(asideKey, text);
      return ` (kept as ${asideKey})`;
    } catch {
      return ' (and could not be kept aside)';
    }
  }

  /**
   * Before a save under `key`: refuses (and reloads the stored read) when another tab saved a revision other
   * than `expectedRevision`; keeps a damaged stored draft aside so the save does not destroy it.
   */
  private checkStored(key: string, expectedRevision: number, editLabel: string): void {
    if (!this.storage) return;
    let text: string | null;
    try {
      text = this.storage.getItem(key);
    } catch {
      return; // the save itself reports the storage failure
    }
    const check = checkStoredRevision(text, expectedRevision);
    if (check.kind === 'damaged' && text !== null) this.keepAside(key, text);
    if (check.kind !== 'changedElsewhere') return;
    this.reload(check.stored, changedElsewhereText(check.stored.revision));
    throw new ReadEditRefused(editRefusedText(check.stored.revision, editLabel));
  }

  /** Takes the draft another tab saved as this store's read. */
  private reload(stored: Draft, message: string): void {
    const before = this.state;
    const kept = new Set(stored.read.lesions.map((l) => l.id));
    this.setState({
      ...before,
      read: stored.read,
      revision: stored.revision,
      retiredLesionIds: stored.retiredLesionIds,
      signedOff: stored.signedOff,
      source: 'draft',
      selectedLesionId: before.selectedLesionId && kept.has(before.selectedLesionId) ? before.selectedLesionId : undefined,
      activeTimepointId:
        before.activeTimepointId && stored.read.timepoints.some((t) => t.id === before.activeTimepointId) ? before.activeTimepointId : undefined,
      lastEditLabel: 'reloaded: changed in another tab',
      storageError: null,
      changedElsewhere: message,
    });
  }

  /** Another tab changed browser storage (the `storage` event): reload this read if it was the one changed. */
  otherTabChanged(change: StorageChange): void {
    const outcome = otherTabChange(change, draftKey(this.patientId, this.state.readerName));
    if (outcome.kind === 'none') return;
    if (outcome.kind === 'changed') this.reload(outcome.stored, changedElsewhereText(outcome.stored.revision));
    else this.setState({ ...this.state, changedElsewhere: outcome.kind === 'removed' ? DISCARDED_ELSEWHERE_TEXT : damagedElsewhereText(outcome.error) });
  }

  getState = (): ReadState => this.state;

  subscribe = (listener: ReadStateListener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private setState(next: ReadState): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  /** Writes the draft; returns the storage error text, or null when saved. */
  private save(read: CaseFile, revision: number, retiredLesionIds: readonly string[], readerName: string, signedOff?: SignOff): string | null {
    if (!this.storage) return 'Browser storage is not available: the draft is not being saved.';
    try {
      const text = encodeDraft({ read, revision, retiredLesionIds: [...retiredLesionIds], savedAt: this.now().toISOString(), ...(signedOff ? { signedOff } : {}) });
      this.storage.setItem(draftKey(this.patientId, readerName), text);
      return null;
    } catch (error) {
      return `The draft could not be saved to browser storage (${errorText(error)}); export the case file to keep this read.`;
    }
  }

  /**
   * Applies one edit. An edit returning the same object changes nothing (no revision, no save). Lesions the
   * edit removed are retired, so their labels are never reused. Errors thrown by the edit propagate; an edit
   * that would change a signed-off read throws ReadEditRefused.
   */
  apply(edit: ReadEdit, label: string): ReadState {
    const before = this.state;
    const read = edit(before.read, { retiredLesionIds: before.retiredLesionIds });
    if (read === before.read) return before;
    if (before.signedOff) throw new ReadEditRefused(signedOffRefusal(before.signedOff));
    const kept = new Set(read.lesions.map((l) => l.id));
    const removed = before.read.lesions.map((l) => l.id).filter((id) => !kept.has(id) && !before.retiredLesionIds.includes(id));
    const retiredLesionIds = removed.length ? [...before.retiredLesionIds, ...removed] : before.retiredLesionIds;
    this.checkStored(draftKey(this.patientId, before.readerName), before.revision, label);
    const revision = before.revision + 1;
    const storageError = this.save(read, revision, retiredLesionIds, before.readerName);
    const selectedLesionId = before.selectedLesionId && kept.has(before.selectedLesionId) ? before.selectedLesionId : undefined;
    const activeTimepointId =
      before.activeTimepointId && read.timepoints.some((t) => t.id === before.activeTimepointId) ? before.activeTimepointId : undefined;
    this.setState({ ...before, read, revision, retiredLesionIds, selectedLesionId, activeTimepointId, lastEditLabel: label, storageError, changedElsewhere: null });
    return this.state;
  }

  /** Adds a lesion with the next free label (retired labels skipped), selects it, and returns its label. */
  addLesion(fields: NewLesionFields, label?: string): string {
    let lesionId = '';
    this.apply((read, { retiredLesionIds }) => {
      const added = addLesion(read, fields, retiredLesionIds);
      lesionId = added.lesionId;
      return added.read;
    }, label ?? `added ${fields.role} lesion`);
    this.select(lesionId, this.state.activeTimepointId);
    return lesionId;
  }

  /**
   * Replaces the whole read (restoring a report or an imported case file); saved like an edit. `signedOff` is
   * the restored report's sign-off, if it was signed off.
   */
  replaceRead(read: CaseFile, source: ReadSource, signedOff?: SignOff): ReadState {
    const before = this.state;
    const readerName = read.reader?.name?.trim() || before.readerName;
    // Replacing is the reader's explicit choice (the report controller keeps the old draft aside first), so it is
    // not refused; its revision goes past any stored one so other tabs on the read reload it.
    const revision = Math.max(before.revision, this.storedRevision(draftKey(this.patientId, readerName))) + 1;
    const storageError = this.save(read, revision, [], readerName, signedOff);
    this.setState({
      ...before,
      read,
      revision,
      retiredLesionIds: [],
      selectedLesionId: undefined,
      activeTimepointId: undefined,
      readerName,
      source,
      lastEditLabel: source === 'report' ? 'read restored from a report' : 'read replaced',
      storageError,
      changedElsewhere: null,
      signedOff,
    });
    return this.state;
  }

  /** The revision of the draft stored under `key`; -1 when there is none or it cannot be read. */
  private storedRevision(key: string): number {
    try {
      const text = this.storage?.getItem(key);
      return text ? decodeDraft(text, 'stored draft').revision : -1;
    } catch {
      return -1;
    }
  }

  /**
   * The reader signs the read off: from now on it is closed to edits. Refused (ReadEditRefused, with the criteria
   * engine's reason) while the read is not complete.
   */
  signOff(): ReadState {
    const before = this.state;
    if (before.signedOff) return before;
    const problem = signOffProblem(this.export());
    if (problem) throw new ReadEditRefused(`The read cannot be signed off yet: ${problem}`);
    return this.setSignOff({ by: before.readerName, at: this.now().toISOString() }, `signed off by ${before.readerName}`);
  }

  /** Opens a signed-off read to edits again; it must be signed off anew. */
  amend(): ReadState {
    const before = this.state;
    if (!before.signedOff) return before;
    return this.setSignOff(undefined, `reopened for amendment by ${before.readerName}`);
  }

  private setSignOff(signedOff: SignOff | undefined, label: string): ReadState {
    const before = this.state;
    this.checkStored(draftKey(this.patientId, before.readerName), before.revision, label);
    const revision = before.revision + 1;
    const storageError = this.save(before.read, revision, before.retiredLesionIds, before.readerName, signedOff);
    this.setState({ ...before, revision, signedOff, lastEditLabel: label, storageError, changedElsewhere: null });
    return this.state;
  }

  /** Selection is view state: it is not saved and does not change the revision. */
  select(lesionId?: string, timepointId?: string): void {
    const s = this.state;
    if (s.selectedLesionId === lesionId && s.activeTimepointId === timepointId) return;
    this.setState({ ...s, selectedLesionId: lesionId, activeTimepointId: timepointId });
  }

  /**
   * Changes who is reading. Drafts are kept per reader (central review never mixes reads): if the new name has
   * a stored draft, that read is opened; otherwise the current read carries over and is saved under the new name.
   */
  setReaderName(name: string): void {
    const readerName = name.trim() || DEFAULT_READER_NAME;
    if (readerName === this.state.readerName) return;
    const restored = this.restore(readerName, this.state.read);
    if (restored.source === 'draft') {
      this.setState({ ...restored, lastEditLabel: `opened the draft of ${readerName}` });
      return;
    }
    // The read carries over unsigned: another reader's sign-off is not this reader's.
    const s = this.state;
    const storageError = this.save(s.read, s.revision, s.retiredLesionIds, readerName);
    this.setState({ ...s, readerName, storageError, restoreError: restored.restoreError, lastEditLabel: `reader is now ${readerName}`, signedOff: undefined });
  }

  /** Forgets the stored draft (the reader discarded the read when leaving); the store itself is left as is. */
  discardDraft(): void {
    this.storage?.removeItem?.(draftKey(this.patientId, this.state.readerName));
  }

  /** The read as a case file, with the reader filled in; a deep copy the caller may keep or change. */
  export(): CaseFile {
    const { read, readerName } = this.state;
    return structuredClone({ ...read, reader: { ...read.reader, name: readerName } });
  }
}

// ---- The session's read stores: one per opened patient ----

/**
 * The read stores of one visit of the mode, by patient ID (owned by ohif/session/MrecistSession). Listeners
 * are told when a store is opened or the stores are closed.
 */
export class ReadStores {
  private readonly stores = new Map<string, ReadStore>();
  private readonly listeners = new Listeners();
  private listening = false;

  /** `events`: where other tabs' storage changes arrive (window in a browser; none outside one). */
  constructor(private readonly events: StorageEvents | null = browserStorageEvents()) {}

  private readonly onStorage = (change: StorageChange): void => {
    for (const store of this.stores.values()) store.otherTabChanged(change);
  };

  get(patientId: string): ReadStore | undefined {
    return this.stores.get(patientId);
  }

  /** All open stores, by patient ID. */
  all(): ReadonlyMap<string, ReadStore> {
    return this.stores;
  }

  /** The patient's store, opened (and its draft restored) on first call; later calls return the same store. */
  open(options: ReadStoreOptions): ReadStore {
    const existing = this.stores.get(options.patientId);
    if (existing) return existing;
    const store = new ReadStore(options);
    this.stores.set(options.patientId, store);
    if (this.events && !this.listening) {
      this.events.addEventListener('storage', this.onStorage);
      this.listening = true;
    }
    this.changed();
    return store;
  }

  /** Forgets every store (mode exit). Drafts stay in browser storage. */
  close(): void {
    this.stores.clear();
    if (this.events && this.listening) this.events.removeEventListener('storage', this.onStorage);
    this.listening = false;
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);

  private changed(): void {
    this.listeners.notify();
  }
}

/** window.localStorage when usable, else null (storage disabled, sandboxed frame). */
export function browserDraftStorage(): DraftStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** window, whose `storage` event tells of other tabs' saves; null outside a browser. */
export function browserStorageEvents(): StorageEvents | null {
  return typeof window === 'undefined' || typeof window.addEventListener !== 'function' ? null : window;
}
