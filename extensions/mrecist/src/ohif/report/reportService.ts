/**
 * Starts a ReportController for every read store the session opens (one per patient), with the host's services
 * as its ReportHost: display sets, the active data source (DICOMweb roots, or none for the static demo),
 * image ids, browser storage, Blob downloads and Cornerstone annotations. Owned by the session
 * (ohif/session/MrecistSession): created when the mode is entered, disposed when it is left.
 */
import { authorizedFetch, type UserAuthentication } from '../authorizedFetch';
import type { HostInstance, ServicesManager } from '../hostServices';
import { browserDraftStorage, type ReadStores } from '../read/ReadStore';
import { clearDrawnAnnotations, drawReadAnnotations } from './drawReadAnnotations';
import { ReportController, type PacsTarget, type ReportHost } from './ReportController';
import { Listeners } from '../Listeners';

interface DataSourceLike {
  getConfig?(): Record<string, unknown> | undefined;
  getImageIdsForInstance?(args: { instance: HostInstance }): string | undefined;
}

export interface ReportExtensionManager {
  getActiveDataSource?(): DataSourceLike[] | undefined;
}

export const STATIC_SOURCE_REASON =
  'Saving to a PACS is off: this viewer shows the static demo case, with no PACS behind it. Download the report instead.';

export function pacsTargetOf(dataSource: DataSourceLike | undefined): PacsTarget {
  const config = dataSource?.getConfig?.() ?? {};
  const wadoRoot = typeof config.wadoRoot === 'string' ? config.wadoRoot : '';
  const qidoRoot = typeof config.qidoRoot === 'string' ? config.qidoRoot : '';
  if (!wadoRoot || !qidoRoot || config.staticWado === true) return { kind: 'none', reason: STATIC_SOURCE_REASON };
  return { kind: 'dicomweb', wadoRoot, qidoRoot };
}

/** Offers bytes as a file download (the SR; the board summary PDF with its own MIME type). */
export function browserDownload(bytes: Uint8Array, filename: string, type = 'application/dicom'): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function reportHostFor(servicesManager: ServicesManager, extensionManager: ReportExtensionManager): ReportHost & { freezeDisplaySets(): void } {
  const dataSource = (): DataSourceLike | undefined => extensionManager.getActiveDataSource?.()?.[0];
  const withAuth = authorizedFetch(servicesManager.services.userAuthenticationService as UserAuthentication | undefined);
  // Leaving the mode empties the host's display sets; a save the reader asks for on the way out still needs them.
  let frozenSets: ReturnType<ReportHost['displaySets']> | null = null;
  return {
    freezeDisplaySets: () => {
      frozenSets = servicesManager.services.displaySetService.getActiveDisplaySets();
    },
    fetch: withAuth as unknown as ReportHost['fetch'],
    listFetch: withAuth as unknown as ReportHost['listFetch'],
    displaySets: () => frozenSets ?? servicesManager.services.displaySetService.getActiveDisplaySets(),
    pacs: () => pacsTargetOf(dataSource()),
    imageIdOf: (instance) => (typeof instance.imageId === 'string' ? instance.imageId : dataSource()?.getImageIdsForInstance?.({ instance })),
    storage: browserDraftStorage(),
    now: () => new Date(),
    download: (bytes, filename) => browserDownload(bytes, filename),
    clearDrawn: clearDrawnAnnotations,
    draw: (read, instances, locked) =>
      drawReadAnnotations(read, instances, (instance) => (typeof instance.imageId === 'string' ? instance.imageId : dataSource()?.getImageIdsForInstance?.({ instance })), locked),
  };
}

/** One ReportController per open read store, kept in step with the session's stores. */
export class ReportControllers {
  private readonly controllers = new Map<string, ReportController>();
  private readonly listeners = new Listeners();
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly reads: ReadStores,
    private readonly host: ReportHost,
    displaySetService: ServicesManager['services']['displaySetService'],
  ) {
    this.cleanups.push(reads.subscribe(() => this.sync()));
    // Images load study by study: lines whose image was not there yet are drawn when it arrives.
    for (const event of Object.values(displaySetService.EVENTS)) {
      const subscription = displaySetService.subscribe(event, () => {
        for (const controller of this.controllers.values()) controller.redrawIfIncomplete();
      });
      this.cleanups.push(() => subscription.unsubscribe());
    }
    this.sync();
  }

  get(patientId: string): ReportController | undefined {
    return this.controllers.get(patientId);
  }

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const controller of this.controllers.values()) controller.dispose();
    this.controllers.clear();
    this.changed();
  }

  private sync(): void {
    const stores = this.reads.all();
    for (const [patientId, store] of stores) {
      const existing = this.controllers.get(patientId);
      if (existing?.store === store) continue;
      existing?.dispose();
      const controller = new ReportController(store, this.host);
      this.controllers.set(patientId, controller);
      void controller.start();
    }
    for (const [patientId, controller] of this.controllers)
      if (!stores.has(patientId)) {
        controller.dispose();
        this.controllers.delete(patientId);
      }
    this.changed();
  }

  private changed(): void {
    this.listeners.notify();
  }
}
