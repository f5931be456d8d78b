/**
 * Starts a ReportController for every read store the panel opens (one per patient), with the host's services
 * as its ReportHost: display sets, the active data source (DICOMweb roots, or none for the static demo),
 * image ids, browser storage, Blob downloads and Cornerstone annotations.
 *
 * Controllers live on globalThis under Symbol.for('ohif-mrecist.reportControllers') (Map by patient ID), so
 * the panel section (which may be bundled separately) and the browser tests reach the same ones.
 */
import type { HostInstance, ServicesManager } from '../hostServices';
import { browserDraftStorage, readStores, subscribeReadStores } from '../read/ReadStore';
import { clearDrawnAnnotations, drawReadAnnotations } from './drawReadAnnotations';
import { registerOhifSrCompatibility, type CustomizationSetter } from './ohifSrCompatibility';
import { ReportController, type PacsTarget, type ReportHost } from './ReportController';

interface DataSourceLike {
  getConfig?(): Record<string, unknown> | undefined;
  getImageIdsForInstance?(args: { instance: HostInstance }): string | undefined;
}

export interface ReportExtensionManager {
  getActiveDataSource?(): DataSourceLike[] | undefined;
}

interface Registry {
  controllers: Map<string, ReportController>;
  listeners: Set<() => void>;
}

const REGISTRY_KEY = Symbol.for('ohif-mrecist.reportControllers');

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  holder[REGISTRY_KEY] ??= { controllers: new Map(), listeners: new Set() };
  return holder[REGISTRY_KEY]!;
}

export function getReportController(patientId: string): ReportController | undefined {
  return registry().controllers.get(patientId);
}

export function subscribeReportControllers(listener: () => void): () => void {
  registry().listeners.add(listener);
  return () => registry().listeners.delete(listener);
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

function browserDownload(bytes: Uint8Array, filename: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/dicom' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function hostFor(servicesManager: ServicesManager, extensionManager: ReportExtensionManager): ReportHost {
  const dataSource = (): DataSourceLike | undefined => extensionManager.getActiveDataSource?.()?.[0];
  return {
    displaySets: () => servicesManager.services.displaySetService.getActiveDisplaySets(),
    pacs: () => pacsTargetOf(dataSource()),
    imageIdOf: (instance) => (typeof instance.imageId === 'string' ? instance.imageId : dataSource()?.getImageIdsForInstance?.({ instance })),
    storage: browserDraftStorage(),
    now: () => new Date(),
    download: browserDownload,
    clearDrawn: clearDrawnAnnotations,
    draw: (read, instances, locked) =>
      drawReadAnnotations(read, instances, (instance) => (typeof instance.imageId === 'string' ? instance.imageId : dataSource()?.getImageIdsForInstance?.({ instance })), locked),
  };
}

let started = false;

/** Called from the extension's onModeEnter: lines cleared when the viewer was left are drawn again. */
export function reportViewerEntered(): void {
  for (const controller of registry().controllers.values()) controller.viewerEntered();
}

/** Called once from the extension's preRegistration. */
export function startReportService({ servicesManager, extensionManager }: { servicesManager: ServicesManager; extensionManager: ReportExtensionManager }): void {
  if (started) return;
  started = true;
  registerOhifSrCompatibility(servicesManager.services.customizationService as unknown as CustomizationSetter);
  const reg = registry();
  const sync = (): void => {
    for (const [patientId, store] of readStores()) {
      const existing = reg.controllers.get(patientId);
      if (existing?.store === store) continue;
      existing?.dispose();
      const controller = new ReportController(store, hostFor(servicesManager, extensionManager));
      reg.controllers.set(patientId, controller);
      void controller.start();
    }
    for (const [patientId, controller] of reg.controllers)
      if (!readStores().has(patientId)) {
        controller.dispose();
        reg.controllers.delete(patientId);
      }
    for (const listener of [...reg.listeners]) listener();
  };
  subscribeReadStores(sync);
  sync();
  // Images load study by study: lines whose image was not there yet are drawn when it arrives.
  const displaySets = servicesManager.services.displaySetService;
  for (const event of Object.values(displaySets.EVENTS))
    displaySets.subscribe(event, () => {
      for (const controller of reg.controllers.values()) controller.redrawIfIncomplete();
    });
}
