/**
 * Saving and opening reports for one opened patient (one ReadStore). Writing the SR is reportWriter's, the
 * STOW queue with its backoff is SaveQueue's; this controller holds the versions: it lists the reader's reports
 * on the PACS, restores the latest into the store unless the local draft holds newer work, and tells the reader
 * what happened. Observable: the panel section renders `getState()`.
 *
 * Every save is a new SR instance; the one it replaces is named in Predecessor Documents Sequence.
 * Only the current reader's reports are listed or restored (blinded central review never mixes reads).
 */
import { errorText } from '../../core/errorText';
import { localDicomDateTime } from '../../core/dicom/dicomDateTime';
import type { CaseFile } from '../../core/criteria/types';
import { draftKey } from '../../core/read/draft';
import type { HostDisplaySet, HostInstance } from '../hostServices';
import type { ReadStore } from '../read/ReadStore';
import { listPacsReports, type DicomWebRoots } from './listPacsReports';
import { base64ToBytes, bytesToBase64, type DraftStorageLike, type PendingSave } from './PendingSaves';
import { reportDocumentContext } from './reportDocumentContext';
import { formatContentDateTime, latestOfReader, orderVersions, reportVersionFromBytes, type ReportVersion } from './ReportVersion';
import { decideRestore } from './restoreDecision';
import { downloadFilename, writeReport, type StoredBasis } from './reportWriter';
import { SaveQueue } from './SaveQueue';
import { stowUrl, type FetchLike } from './stowRs';
import { type DrawResult } from './drawReadAnnotations';
import type { InstanceReference } from '../../core/sr/encodeMeasurementReport';

export type PacsTarget = ({ readonly kind: 'dicomweb' } & DicomWebRoots) | { readonly kind: 'none'; readonly reason: string };

export interface ReportHost {
  displaySets(): readonly HostDisplaySet[];
  pacs(): PacsTarget;
  imageIdOf(instance: HostInstance): string | undefined;
  readonly storage: DraftStorageLike | null;
  now(): Date;
  download(bytes: Uint8Array, filename: string): void;
  /** Redraws the read's lines on their images; absent in tests without a viewer. */
  draw?(read: CaseFile, instances: ReadonlyMap<string, HostInstance>, locked?: boolean): DrawResult;
  /** Takes our lines off the images; returns how many. */
  clearDrawn?(): number;
  fetch?: FetchLike;
  listFetch?: Parameters<typeof listPacsReports>[3];
}

export type Tone = 'info' | 'ok' | 'warn' | 'error';

export interface ReportState {
  readonly pacs: PacsTarget;
  /** One line for the reader: what happened last. */
  readonly line: string;
  readonly tone: Tone;
  readonly busy: 'saving' | 'listing' | null;
  /** The reader's reports on the PACS, newest first. */
  readonly versions: readonly ReportVersion[];
  readonly pending: readonly PendingSave[];
  /** A report on the PACS the reader may load instead of the kept draft. */
  readonly offer?: ReportVersion;
  /** A version shown read-only. */
  readonly viewing?: ReportVersion;
  readonly lastSave?: { readonly sopInstanceUid: string; readonly byteLength: number; readonly writeMs: number; readonly storeMs?: number };
  readonly lastListing?: { readonly ms: number; readonly reports: number; readonly problems: readonly string[] };
  readonly drawProblems: readonly string[];
  /**
   * Saves of other patients or readers left waiting in this browser: sent from here too, so a report never waits
   * for its own patient to be opened again. `sent` counts those the PACS took since this patient was opened.
   */
  readonly others?: { readonly waiting: number; readonly sent: number };
}


export function basisKey(patientId: string, readerName: string): string {
  return `ohif-mrecist-report-basis:v1:${encodeURIComponent(patientId)}:${encodeURIComponent(readerName)}`;
}




export class ReportController {
  private state: ReportState;
  private readonly listeners = new Set<(s: ReportState) => void>();
  private readonly queue: SaveQueue;
  private disposed = false;
  /** Bytes of the last SR written for download reuse, with the store revision it was written at. */
  private lastWritten: { revision: number; bytes: Uint8Array; sopInstanceUid: string } | null = null;
  /** The host took our lines off the images (the viewer was left); draw them again when images arrive. */
  private linesCleared = false;

  constructor(readonly store: ReadStore, private readonly host: ReportHost) {
    this.queue = new SaveQueue({ patientId: store.patientId, readerName: () => this.readerName() }, host.storage, host.fetch);
    this.state = { pacs: host.pacs(), line: '', tone: 'info', busy: null, versions: [], pending: this.readPending(), drawProblems: [] };
    if (this.state.pacs.kind === 'none') this.state = { ...this.state, line: this.state.pacs.reason, tone: 'info' };
    // Another reader takes over (central review): their reports, their waiting saves, their latest report.
    let reader = store.getState().readerName;
    this.unsubscribeStore = store.subscribe((s) => {
      if (s.readerName === reader) return;
      reader = s.readerName;
      this.set({ versions: [], offer: undefined, viewing: undefined, pending: this.readPending() });
      void this.refreshVersions({ restore: true });
    });
  }

  private readonly unsubscribeStore: () => void;

  get patientId(): string {
    return this.store.patientId;
  }

  getState = (): ReportState => this.state;

  subscribe = (listener: (s: ReportState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ReportState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l(this.state);
  }

  private readerName(): string {
    return this.store.getState().readerName;
  }

  private readPending(): PendingSave[] {
    return this.queue.mine();
  }

  private readBasis(): StoredBasis | null {
    const text = this.host.storage?.getItem(basisKey(this.patientId, this.readerName()));
    if (!text) return null;
    try {
      const b = JSON.parse(text) as StoredBasis;
      return typeof b.sopInstanceUid === 'string' && Number.isInteger(b.revision) ? b : null;
    } catch {
      return null;
    }
  }

  private writeBasis(basis: StoredBasis): void {
    try {
      this.host.storage?.setItem(basisKey(this.patientId, this.readerName()), JSON.stringify(basis));
    } catch {
      // The draft itself reports storage failures; losing the basis only makes the next open ask again.
    }
  }

  /** Lists the reader's reports and restores the latest unless the draft is newer; sends waiting saves. */
  async start(): Promise<void> {
    this.draw(this.store.getState().read);
    if (this.state.pacs.kind === 'none') return;
    await this.refreshVersions({ restore: true });
    void this.processPending();
  }

  async refreshVersions(options: { restore?: boolean } = {}): Promise<void> {
    const pacs = this.state.pacs;
    if (pacs.kind === 'none') return;
    this.set({ busy: 'listing' });
    const started = performance.now();
    let listing;
    try {
      const known = this.store.getState().read.timepoints.map((t) => t.studyInstanceUid).filter((u): u is string => !!u);
      listing = await listPacsReports(pacs, this.patientId, known, this.host.listFetch);
    } catch (error) {
      this.set({ busy: null, line: `Could not list the saved reports on the PACS: ${errorText(error)}. The local draft is open.`, tone: 'warn' });
      return;
    }
    const ms = Math.round(performance.now() - started);
    const reader = this.readerName();
    const versions = orderVersions(listing.versions.filter((v) => v.readerName === reader)).reverse();
    this.set({ busy: null, versions, lastListing: { ms, reports: listing.versions.length, problems: listing.problems } });
    if (!options.restore) return;
    const latest = latestOfReader(versions, reader);
    const s = this.store.getState();
    const decision = decideRestore({
      latest,
      source: s.source,
      revision: s.revision,
      basis: this.readBasis(),
      draftSavedAt: this.draftSavedAt(),
      pendingSaves: this.readPending().length,
    });
    const problems = listing.problems.length ? ` (${listing.problems.length} report(s) unreadable: ${listing.problems[0]})` : '';
    if (decision.action === 'restore' && latest) {
      await this.restore(latest, decision.message + problems);
    } else {
      this.set({ line: decision.message + problems, tone: decision.action === 'keepDraft' || problems ? 'warn' : 'info', offer: decision.action === 'keepDraft' ? decision.offer : undefined });
    }
  }

  private draftSavedAt(): string | undefined {
    const text = this.host.storage?.getItem(draftKey(this.patientId, this.readerName()));
    if (!text) return undefined;
    try {
      return (JSON.parse(text) as { savedAt?: string }).savedAt;
    } catch {
      return undefined;
    }
  }

  /**
   * Makes the report the read being edited (the current draft is kept aside under `<draft key>:before-restore`).
   * Our lines are taken off the images first and the host gets one turn of its event loop: the read panel
   * turns a removed line into "measurement deleted", and that must land on the old read, not the restored one.
   */
  async restore(version: ReportVersion, message?: string): Promise<void> {
    const key = draftKey(this.patientId, this.readerName());
    try {
      const draft = this.host.storage?.getItem(key);
      if (draft) this.host.storage?.setItem(`${key}:before-restore`, draft);
    } catch {
      // Keeping the old draft aside is a courtesy; the restore itself must not fail because of it.
    }
    if (this.host.clearDrawn?.()) await new Promise((resolve) => setTimeout(resolve, 0));
    const state = this.store.replaceRead(structuredClone(version.caseFile), 'report', version.signOff);
    this.writeBasis({ sopInstanceUid: version.instance.sopInstanceUid, revision: state.revision, instance: version.instance, instanceNumber: version.instanceNumber });
    this.set({ line: message ?? `Loaded the report of ${formatContentDateTime(version)}.`, tone: 'ok', offer: undefined, viewing: undefined });
    this.draw(state.read);
  }

  private draw(read: CaseFile): void {
    if (!this.host.draw) return;
    this.linesCleared = false;
    try {
      const context = reportDocumentContext(this.host.displaySets(), this.patientId);
      this.set({ drawProblems: this.host.draw(read, context.instances, !!this.store.getState().signedOff).problems });
    } catch (error) {
      this.set({ drawProblems: [errorText(error)] });
    }
  }

  /** Redraws after the host loaded more images, if some lines could not be drawn before or the viewer was re-entered. */
  redrawIfIncomplete(): void {
    if (this.linesCleared || this.state.drawProblems.length > 0) this.draw(this.store.getState().read);
  }

  /**
   * The viewer was entered again: the host cleared every annotation when it was left, so the read's lines are
   * drawn anew as the studies' images arrive (redrawIfIncomplete).
   */
  /**
   * Whether the read holds work the PACS does not have: lesions entered and the draft's revision differs from
   * the revision last saved to (or restored from) the PACS. Leaving the mode then asks the reader.
   */
  hasUnsavedWork(): boolean {
    const s = this.store.getState();
    if (!s.read.lesions.length) return false;
    return this.readBasis()?.revision !== s.revision;
  }

  viewerEntered(): void {
    this.linesCleared = true;
  }

  view(version: ReportVersion | undefined): void {
    this.set({ viewing: version });
  }

  /** Writes the SR of the current read (new SOP Instance UID, predecessor = the report it replaces). */
  private async write() {
    const s = this.store.getState();
    const written = await writeReport({
      patientId: this.patientId,
      displaySets: this.host.displaySets(),
      caseFile: this.store.export(),
      signOff: s.signedOff,
      basis: this.readBasis(),
      versions: this.state.versions,
      now: this.host.now(),
    });
    this.lastWritten = { revision: s.revision, bytes: written.bytes, sopInstanceUid: written.instance.sopInstanceUid };
    return { ...written, revision: s.revision };
  }

  /** Saves to the PACS (queued first, so nothing is lost if the PACS is down). */
  async save(): Promise<void> {
    const pacs = this.state.pacs;
    if (pacs.kind === 'none') {
      this.set({ line: pacs.reason, tone: 'warn' });
      return;
    }
    if (this.state.busy === 'saving') return;
    this.set({ busy: 'saving', line: 'Saving the report to the PACS…', tone: 'info' });
    let written;
    try {
      written = await this.write();
    } catch (error) {
      this.set({ busy: null, line: `The report could not be written: ${errorText(error)}`, tone: 'error' });
      return;
    }
    const pending = this.pendingSave(pacs.wadoRoot, written.instance, written.bytes);
    try {
      this.queue.put(pending);
    } catch (error) {
      // Still try to store it now; only a retry after a reload is lost, and the reader is told.
      this.set({ line: `The save could not be queued in browser storage (${errorText(error)}); sending it once.`, tone: 'warn' });
    }
    this.writeBasis({ sopInstanceUid: written.instance.sopInstanceUid, revision: written.revision, instance: written.instance, instanceNumber: written.instanceNumber });
    this.set({ lastSave: { sopInstanceUid: written.instance.sopInstanceUid, byteLength: written.bytes.byteLength, writeMs: written.writeMs }, pending: this.readPending() });
    await this.send(pending, written.bytes);
    this.set({ busy: null });
  }

  private pendingSave(wadoRoot: string, instance: InstanceReference, bytes: Uint8Array, document?: string): PendingSave {
    return {
      sopInstanceUid: instance.sopInstanceUid,
      studyInstanceUid: instance.studyInstanceUid,
      seriesInstanceUid: instance.seriesInstanceUid,
      patientId: this.patientId,
      readerName: this.readerName(),
      url: stowUrl(wadoRoot, instance.studyInstanceUid),
      bytesBase64: bytesToBase64(bytes),
      createdAt: this.host.now().toISOString(),
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      ...(document ? { document } : {}),
    };
  }

  /**
   * Stores other DICOM objects of this read (the board summary's Encapsulated PDF and Key Object Selection)
   * through the SR's queue: kept in browser storage until the PACS confirms, retried with the same backoff, sent
   * with the same Authorization header. Resolves with whether the PACS took each one now.
   */
  async storeDocuments(documents: readonly { bytes: Uint8Array; instance: InstanceReference; what: string }[]): Promise<boolean[]> {
    const pacs = this.state.pacs;
    if (pacs.kind === 'none') {
      this.set({ line: pacs.reason, tone: 'warn' });
      return documents.map(() => false);
    }
    const stored: boolean[] = [];
    for (const d of documents) {
      const pending = this.pendingSave(pacs.wadoRoot, d.instance, d.bytes, d.what);
      try {
        this.queue.put(pending);
      } catch (error) {
        this.set({ line: `The ${d.what} could not be queued in browser storage (${errorText(error)}); sending it once.`, tone: 'warn' });
      }
      this.set({ pending: this.readPending() });
      stored.push(await this.send(pending, d.bytes));
    }
    return stored;
  }

  /** Sends one queued save; on failure schedules the retry. */
  private async send(p: PendingSave, bytes: Uint8Array = base64ToBytes(p.bytesBase64)): Promise<boolean> {
    const started = performance.now();
    const failure = await this.queue.stow(p, bytes);
    if (failure) {
      this.set({
        line: `Not saved to the PACS: ${errorText(failure.error)}. The read is kept in this browser; retrying in ${Math.round(failure.delay / 1000)} s.`,
        tone: 'error',
        pending: this.readPending().length ? this.readPending() : [failure.failed],
      });
      this.scheduleRetry();
      return false;
    }
    const storeMs = Math.round(performance.now() - started);
    // Board documents (PDF, key objects) are not report versions.
    const version = p.document ? null : await reportVersionFromBytes(bytes, `SR ${p.sopInstanceUid}`);
    const versions = version ? [version, ...this.state.versions.filter((v) => v.instance.sopInstanceUid !== p.sopInstanceUid)] : this.state.versions;
    const time = new Date().toLocaleTimeString();
    this.set({
      versions: orderVersions(versions).reverse(),
      pending: this.readPending(),
      line: `Saved ${p.document ? `the ${p.document} ` : ''}to the PACS at ${time}${p.attempts > 0 ? ` (after ${p.attempts} failed attempt${p.attempts > 1 ? 's' : ''})` : ''}.`,
      tone: 'ok',
      offer: undefined,
      lastSave: this.state.lastSave?.sopInstanceUid === p.sopInstanceUid ? { ...this.state.lastSave, storeMs } : this.state.lastSave,
    });
    return true;
  }

  private scheduleRetry(): void {
    this.queue.scheduleRetry(() => void this.processPending());
  }

  /** Sends every due save (oldest first); `now` sends them all at once (the reader's "Retry now"). */
  async processPending(options: { now?: boolean } = {}): Promise<void> {
    if (this.state.pacs.kind === 'none') return;
    if (options.now) this.queue.cancelRetry();
    const due = this.queue.dueMine(options.now === true);
    let reachable = true;
    for (const p of due) if (!(reachable = await this.send(p))) break;
    this.set({ pending: this.readPending() });
    if (reachable) await this.sendOthers(options.now === true);
    this.scheduleRetry();
  }

  /**
   * Sends the due saves of other patients and readers (oldest first, stopping at the first failure). They are
   * not this panel's read: success and failure only change their count, never this panel's status line.
   */
  private async sendOthers(all: boolean): Promise<void> {
    let sent = this.state.others?.sent ?? 0;
    for (const p of this.queue.dueOthers(all)) {
      if (await this.queue.stow(p)) break;
      sent++;
    }
    this.set({ others: { waiting: this.queue.others().length, sent } });
  }

  /** The SR of the read as a file: the last saved bytes when the read has not changed since, else a new SR. */
  async download(): Promise<void> {
    try {
      const s = this.store.getState();
      const bytes = this.lastWritten && this.lastWritten.revision === s.revision ? this.lastWritten.bytes : (await this.write()).bytes;
      const { date } = localDicomDateTime(this.host.now());
      const filename = downloadFilename(this.patientId, this.readerName(), date);
      this.host.download(bytes, filename);
      this.set({ line: `Downloaded ${filename} (${Math.round(bytes.byteLength / 1024)} kB).`, tone: 'ok' });
    } catch (error) {
      this.set({ line: `The report could not be written: ${errorText(error)}`, tone: 'error' });
    }
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribeStore();
    this.queue.dispose();
    this.listeners.clear();
  }
}
