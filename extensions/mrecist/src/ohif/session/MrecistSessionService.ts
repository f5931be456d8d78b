/**
 * Registered with OHIF's servicesManager (extension preRegistration) as `mrecistSessionService`. Our mode's
 * onModeEnter starts a MrecistSession and its onModeExit disposes it (the host calls extension and service
 * mode hooks for every mode, so the mode, not the extension, decides), so every visit of our mode gets
 * fresh read stores, report controllers, overlay and annotation binding, and nothing outlives the visit but
 * what is in browser storage (drafts, waiting saves) or on the PACS. Commands, panels and browser tests reach
 * the session through this service (`servicesManager.services.mrecistSessionService.session`).
 */
import { bindHostCornerstone, cornerstoneFromUtilityModule } from '../hostCornerstone';
import type { ServicesManager } from '../hostServices';
import type { ReportExtensionManager } from '../report/reportService';
import { NOT_EVALUABLE_REASONS } from '../../ui/LesionRegistry';
import { askOnLeave, type LeaveChoice, type ModalService } from './LeavePrompt';
import { MrecistSession } from './MrecistSession';
import { Listeners } from '../Listeners';

export const SESSION_SERVICE_NAME = 'mrecistSessionService';

export interface SessionServiceConfiguration {
  /** Kept apart in createOverlayWorker.ts: its import.meta.url is for the bundler only. */
  readonly createOverlayWorker: () => Worker;
  /** Kept apart in createPhaseWorker.ts for the same reason. */
  readonly createPhaseWorker?: () => Worker;
  /** Kept apart in createCtLoadWorker.ts for the same reason. */
  readonly createCtLoadWorker?: () => Worker;
}

type UtilityModuleSource = Parameters<typeof cornerstoneFromUtilityModule>[0];

interface Notifications {
  show(notification: { title: string; message: string; type: 'info' | 'warning' | 'error'; duration?: number }): void;
}

export class MrecistSessionService {
  static readonly REGISTRATION = {
    name: SESSION_SERVICE_NAME,
    altName: 'MrecistSessionService',
    create: ({ servicesManager, configuration }: { servicesManager: ServicesManager; configuration: SessionServiceConfiguration }) =>
      new MrecistSessionService(servicesManager, configuration),
  };

  private current: MrecistSession | null = null;
  private leaving: Promise<LeaveChoice> | null = null;
  private readonly listeners = new Listeners();

  constructor(
    private readonly servicesManager: ServicesManager,
    private readonly configuration: SessionServiceConfiguration,
  ) {}

  /** The session of the open visit, or null outside the mode. */
  get session(): MrecistSession | null {
    return this.current;
  }

  /** Starts the visit's session (our mode's onModeEnter); a session still open is disposed first. */
  start(extensionManager: ReportExtensionManager & UtilityModuleSource): MrecistSession {
    this.current?.dispose();
    bindHostCornerstone(cornerstoneFromUtilityModule(extensionManager));
    const notifications = this.servicesManager.services.uiNotificationService as Notifications | undefined;
    this.current = new MrecistSession({
      servicesManager: this.servicesManager,
      extensionManager,
      createOverlayWorker: this.configuration.createOverlayWorker,
      createPhaseWorker: this.configuration.createPhaseWorker,
      createCtLoadWorker: this.configuration.createCtLoadWorker,
      initialChoices: { measuredAxis: 'viable', notEvaluableReason: NOT_EVALUABLE_REASONS[0] },
      notify: (message, type = 'info') => notifications?.show({ title: 'mRECIST', message, type, duration: 5000 }),
    });
    this.changed();
    return this.current;
  }

  /** The host's service hook, after every mode's exit: a visit of ours never outlives its mode. */
  onModeExit(): void {
    this.stop();
  }

  /**
   * Ends the visit's session (our mode's onModeExit). With unsaved work the reader is asked first (save to the
   * PACS, keep as draft, discard); the reads and report controllers live until the answer.
   */
  stop(): void {
    const ending = this.current;
    if (!ending) return;
    this.current = null;
    this.changed();
    ending.detachFromViewer();
    const unsaved = ending.unsavedPatients();
    const modal = this.servicesManager.services.uiModalService as ModalService | undefined;
    if (!unsaved.length || !modal) {
      ending.dispose();
      return;
    }
    const pacs = ending.reports.get(unsaved[0])?.getState().pacs;
    this.leaving = askOnLeave(modal, unsaved, pacs?.kind === 'none' ? pacs.reason : undefined).then(async (choice) => {
      if (choice === 'save') await Promise.all(unsaved.map((id) => ending.reports.get(id)?.save()));
      if (choice === 'discard') for (const id of unsaved) ending.reads.get(id)?.discardDraft();
      ending.dispose();
      return choice;
    });
  }

  /** The reader's answer on the last way out with unsaved work (null when nobody was asked). */
  lastLeave(): Promise<LeaveChoice> | null {
    return this.leaving;
  }

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);

  getSession = (): MrecistSession | null => this.current;

  private changed(): void {
    this.listeners.notify();
  }
}

/** The service from the host's services, typed; undefined when our extension is not registered. */
export function sessionServiceOf(servicesManager: ServicesManager): MrecistSessionService | undefined {
  return servicesManager.services[SESSION_SERVICE_NAME] as MrecistSessionService | undefined;
}
