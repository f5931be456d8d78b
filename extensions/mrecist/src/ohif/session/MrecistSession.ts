/**
 * One visit of the mRECIST mode: created by MrecistSessionService when the mode is entered, disposed when it
 * is left. It owns everything the read, the report and the overlay share:
 *   reads        ReadStores, one ReadStore per opened patient (drafts in browser storage)
 *   annotations  AnnotationBinding: host lines -> read, signed-off read -> locked lines
 *   reports      ReportControllers: SR writing, the save queue, the versions on the PACS
 *   overlay      OverlayService and its OverlayStore (seeds, isodoses, DVH, placements)
 *   implants     ImplantInfoBook: implant date and half-life for the timeline
 *   choices      what the reader chose in the panel that commands and hotkeys also need
 *   identity     who reads: the review server's logged-in user, or the name remembered in this browser
 *   phases       SeriesPhaseBook: contrast phase of every loaded series; ViewportPhaseLabels shows it per viewport
 *   scrollLink   ScrollLink: baseline and follow-up scroll together through the registration (on request)
 * The UI receives the session through SessionContext; commands find it through the service.
 */
import { errorText } from '../../core/errorText';
import type { MeasuredAxis } from '../../core/read/measurementEdits';
import type { ServicesManager } from '../hostServices';
import { ImplantInfoBook } from '../read/implantInfo';
import { browserDraftStorage, ReadStores, type ReadStore } from '../read/ReadStore';
import { OverlayService } from '../overlay/OverlayService';
import { OverlayStore } from '../overlay/OverlayStore';
import { mapWorldPointBetweenFrames } from '../overlay/overlayPlacements';
import type { Vec3 } from '../../core/geometry/vec3';
import { applyMatrix4 } from '../../core/geometry/matrix4';
import { ReportControllers, reportHostFor, type ReportExtensionManager } from '../report/reportService';
import { AnnotationBinding } from './AnnotationBinding';
import { ReaderChoices } from './ReaderChoices';
import { ReaderIdentity } from './ReaderIdentity';
import { ArterialRehang } from '../phase/ArterialRehang';
import { PhaseImageEvidence } from '../phase/PhaseImageEvidence';
import { firstImagesShown, NOTHING_TO_WATCH, type FirstImagesShown } from '../firstImagesShown';
import { SeriesPhaseBook } from '../phase/SeriesPhaseBook';
import { ViewportPhaseLabels } from '../phase/ViewportPhaseLabels';
import { ScrollLink } from '../read/scrollLink';

export interface SessionDependencies {
  readonly servicesManager: ServicesManager;
  readonly extensionManager: ReportExtensionManager & { getActiveDataSource?(): unknown };
  readonly createOverlayWorker: () => Worker;
  /** The contrast-phase worker (image evidence); without it phases come from metadata only. */
  readonly createPhaseWorker?: () => Worker;
  /** A worker per follow-up CT loaded for seed finding; without it CTs load through the host's image loader. */
  readonly createCtLoadWorker?: () => Worker;
  /** The panel's choices at the start of a visit. */
  readonly initialChoices: ConstructorParameters<typeof ReaderChoices>[0];
  /** Shows a message to the reader (the host's notification service). */
  readonly notify: (message: string, type?: 'info' | 'warning' | 'error') => void;
}

export class MrecistSession {
  readonly reads = new ReadStores();
  readonly implants = new ImplantInfoBook();
  readonly overlayStore = new OverlayStore(browserDraftStorage());
  readonly choices: ReaderChoices;
  readonly reports: ReportControllers;
  readonly overlay: OverlayService;
  readonly identity = ReaderIdentity.forBrowser(browserDraftStorage());
  readonly phases: SeriesPhaseBook;
  private readonly phaseEvidence: PhaseImageEvidence | null;
  /** The viewports' first images: phase evidence samples slices, and the read panel renders, only after them. */
  readonly firstImages: FirstImagesShown;
  private viewportLabels: ViewportPhaseLabels | null = null;
  readonly scrollLink: ScrollLink;
  private rehang: ArterialRehang | null = null;
  private readonly reportHost: ReturnType<typeof reportHostFor>;
  private annotations: AnnotationBinding | null = null;
  private disposed = false;

  constructor(private readonly deps: SessionDependencies) {
    const { servicesManager, extensionManager } = deps;
    this.choices = new ReaderChoices(deps.initialChoices);
    this.reportHost = reportHostFor(servicesManager, extensionManager);
    this.reports = new ReportControllers(this.reads, this.reportHost, servicesManager.services.displaySetService);
    this.overlay = new OverlayService(this.overlayStore, this.implants, servicesManager, extensionManager as ConstructorParameters<typeof OverlayService>[3], deps.createOverlayWorker, deps.createCtLoadWorker);
    try {
      this.overlay.start();
    } catch (error) {
      // The viewer must still open without overlays; the panel shows why.
      this.overlayStore.update({ planStatus: 'failed', planError: `overlay could not start: ${errorText(error)}` });
    }
    void this.identity.resolve();
    const dataSource = () => (extensionManager.getActiveDataSource?.() as Array<{ getImageIdsForDisplaySet?(ds: unknown): string[] }> | undefined)?.[0];
    this.firstImages = deps.createPhaseWorker ? firstImagesShown() : NOTHING_TO_WATCH;
    this.phaseEvidence = deps.createPhaseWorker
      ? new PhaseImageEvidence({
          createWorker: deps.createPhaseWorker,
          startAfter: this.firstImages.promise,
          imageIdsOf: (ds) => (ds as { imageIds?: string[] }).imageIds ?? dataSource()?.getImageIdsForDisplaySet?.(ds) ?? [],
        })
      : null;
    this.phases = new SeriesPhaseBook(servicesManager.services.displaySetService, this.phaseEvidence ?? undefined);
    this.annotations = new AnnotationBinding({
      reads: this.reads,
      measuredAxis: () => this.choices.get().measuredAxis,
      notify: (m) => deps.notify(m, 'warning'),
      phaseOfSeries: (study, series) => this.phases.phaseOf(study, series)?.phase ?? 'unknown',
    });
    this.viewportLabels = new ViewportPhaseLabels(servicesManager, this.phases, this.reads);
    this.viewportLabels.start();
    this.scrollLink = new ScrollLink(this.mapBetweenFrames, (m, type) => deps.notify(m, type));
    try {
      this.scrollLink.start();
    } catch (error) {
      // The viewer must still open without linked scrolling.
      deps.notify(`Linked scrolling is unavailable: ${errorText(error)}`, 'warning');
    }
    if (this.phaseEvidence) {
      this.rehang = new ArterialRehang(servicesManager.services as ConstructorParameters<typeof ArterialRehang>[0], this.phases);
      this.rehang.start();
    }
  }

  /** The read the panel shows: the first opened patient's. */
  activeRead(): ReadStore | undefined {
    return this.reads.all().values().next().value;
  }

  /** The host's data source, images and authorized fetch as the reports use them (the adjudicator view too). */
  get host(): ReturnType<typeof reportHostFor> {
    return this.reportHost;
  }

  /**
   * Maps a patient point between two frames of reference (jump-to-lesion, linked scrolling): through the implant
   * plan's placements, else through a Spatial Registration relating the two frames directly; null when neither.
   */
  mapBetweenFrames = (fromFrameUid: string, toFrameUid: string, pointMm: Vec3): Vec3 | null => {
    const throughPlan = mapWorldPointBetweenFrames(this.overlayStore.getState(), fromFrameUid, toFrameUid, pointMm);
    if (throughPlan) return throughPlan;
    const direct = this.overlay.registrationBetweenFrames(fromFrameUid, toFrameUid);
    return direct ? applyMatrix4(direct, pointMm) : null;
  };

  /** The host's image id of an instance (board key images load the measured slices by it). */
  imageIdOf = (instance: Parameters<ReturnType<typeof reportHostFor>['imageIdOf']>[0]): string | undefined => this.reportHost.imageIdOf(instance);

  notify(message: string, type: 'info' | 'warning' | 'error' = 'info'): void {
    this.deps.notify(message, type);
  }

  /** Patients whose read holds work the PACS does not have yet. */
  unsavedPatients(): string[] {
    return [...this.reads.all().keys()].filter((id) => this.reports.get(id)?.hasUnsavedWork());
  }

  /**
   * The viewer is going away (mode exit): stops what is bound to its viewports and keeps the reads and report
   * controllers, with the display sets as they were, until dispose() (the reader may still save on the way out).
   */
  detachFromViewer(): void {
    this.reportHost.freezeDisplaySets();
    this.annotations?.dispose();
    this.annotations = null;
    this.viewportLabels?.stop();
    this.viewportLabels = null;
    this.scrollLink.stop();
    this.rehang?.stop();
    this.rehang = null;
    this.phaseEvidence?.stop();
    this.firstImages.stop();
    this.overlay.stop();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.annotations) this.detachFromViewer();
    this.reports.dispose();
    this.reads.close();
  }
}

export type { MeasuredAxis };
