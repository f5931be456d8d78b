/**
 * The seed and isodose overlay service (issue 5 item 5). Started by the extension when our mode is entered:
 *  1. finds the patient's RT Plan (and the RT Dose and RT Structure Set of its study) among the display sets,
 *     fetches them through the active data source and has the overlay worker read them (dose grid from the
 *     plan when there is no RT Dose, target DVH from the structure set);
 *  2. attaches a ViewportOverlayLayer to every Cornerstone viewport (ELEMENT_ENABLED) and redraws it on its
 *     IMAGE_RENDERED;
 *  3. places the plan on each displayed study: same Frame of Reference → identity; another frame → rigid
 *     registration of plan seeds to seeds found on that CT (worker), residual and migrated seeds reported.
 * All state the panel shows lives in the OverlayStore.
 */
import { errorText } from '../../core/errorText';
import { dicomDateToMs } from '../../core/dicom/dicomDateTime';
import { doseScaleAtScan } from '../../core/dose/doseScaleAtScan';
import type { Vec3 } from '../../core/geometry/vec3';
import type { FollowUpSeedResult, ImagePlane } from '../../core/overlay/overlayMessages';
import type { CtVolume } from '../../core/seeds/CtVolume';
import { slabPlacementAcceptable } from '../../core/seeds/seedSlab';
import { authorizationHeaders, authorizedFetch, type HeaderFetch, type UserAuthentication } from '../authorizedFetch';
import { hostCornerstone } from '../hostCornerstone';
import type { ImplantInfoBook } from '../read/implantInfo';
import type { HostDisplaySet, HostInstance, ServicesManager } from '../hostServices';
import { fetchInstanceBytes, type InstanceDataSource } from './fetchInstanceBytes';
import type { OverlayStore, StudyPlacement } from './OverlayStore';
import { indexedDbSeedResultCache, NO_SEED_RESULT_CACHE, type SeedResultCache } from './seedResultCache';
import { seedResultSourceOf } from './seedResultSource';
import { OverlayWorkerClient } from './OverlayWorkerClient';
import { ProgressiveCtLoad, type CtLoad } from './progressiveCtLoad';
import { WorkerCtLoad } from './workerCtLoad';
import { CtLoadWorkers } from './ctLoadWorkers';
import { planeFromCamera, planeFromImage, type DisplayedPlane, type ImagePlaneMetadata } from './planeGeometry';
import { ViewportOverlayLayer, type OverlayLayerHost, type OverlayViewport } from './ViewportOverlayLayer';

const IDENTITY: readonly number[] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const DEFAULT_HALF_SLAB_MM = 1;
const ISODOSE_SAMPLE_SPACING_MM = 1;
const PLAN_SETTLE_MS = 250;
const CACHE_ANSWER_WAIT_MS = 200;
/** The longest a newly read plan's DVH waits for the displayed follow-up's first placement (deferDvh). */
const DVH_DEFER_LIMIT_MS = 5000;

interface HostViewportLike extends OverlayViewport {
  getCurrentImageId?(): string | undefined;
  getImageIds?(): string[];
  getCamera(): { focalPoint?: number[]; viewPlaneNormal?: number[]; viewUp?: number[] };
}

interface OverlayDataSource extends InstanceDataSource {
  getImageIdsForDisplaySet?(displaySet: HostDisplaySet): string[];
}

interface ExtensionManagerLike {
  getActiveDataSource?(): Array<OverlayDataSource>;
}


export class OverlayService implements OverlayLayerHost {
  /** Main-thread time spent drawing overlays per rendered frame, for the benchmark (scripts/bench/overlay.ts). */
  readonly drawStats: DrawStats = { frames: 0, totalMs: 0, maxMs: 0 };
  private worker: OverlayWorkerClient | null = null;
  /** Spatial Registrations between two frames (`from>to`) for linked scrolling: matrix, none (null) or being read. */
  private readonly frameRegistrations = new Map<string, readonly number[] | null | 'pending'>();
  private readonly layers = new Map<string, { layer: ViewportOverlayLayer; element: HTMLElement; onRender: () => void }>();
  private readonly cleanups: Array<() => void> = [];
  private planLoading = false;
  /** A display-set event came while the plan was being read: look again when the read ends (it may be the structure set). */
  private planRecheck: { settled: boolean } | undefined;
  private planReadWithStruct = false;
  private readonly placementsStarted = new Set<string>();
  private seedCache: SeedResultCache = NO_SEED_RESULT_CACHE;
  /** Follow-up CTs waiting to be loaded and searched for seeds, one at a time: a displayed study goes first. */
  private readonly registrationQueue: Array<{ studyInstanceUid: string; run: () => Promise<void> }> = [];
  private registering = false;
  /** Displayed follow-ups between the start of their placement and their place in the queue (cache look-up). */
  private readonly displayedComing = new Set<string>();
  /** Cache look-ups per plan and display set, started while the plan is still being read. */
  private readonly seedResultLookups = new Map<string, Promise<FollowUpSeedResult | undefined>>();
  /** What each look-up has answered (a miss is undefined). */
  private readonly seedResultsKnown = new Map<string, FollowUpSeedResult | undefined>();
  /** Look-ups that did not answer within CACHE_ANSWER_WAIT_MS once: a displayed follow-up's CT load need not wait again. */
  private readonly seedLookupsSlow = new Set<string>();
  /** CT loads of displayed follow-ups, started while the plan is still being read (taken once, then dropped). */
  private readonly volumePrefetches = new Map<string, CtLoad>();
  private readonly ctLoadWorkers: CtLoadWorkers | null;
  private dvhDeferred: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly store: OverlayStore,
    private readonly implants: ImplantInfoBook,
    private readonly servicesManager: ServicesManager,
    private readonly extensionManager: ExtensionManagerLike,
    private readonly createWorker: () => Worker,
    /** CT load workers for follow-ups searched for seeds; without them CTs load through the host's image loader. */
    createCtLoadWorker?: () => Worker,
  ) {
    this.ctLoadWorkers = createCtLoadWorker ? new CtLoadWorkers(createCtLoadWorker) : null;
  }

  /** Instance fetches carry the host's Authorization header, as the data source's own requests do. */
  private readonly fetchWithAuth: HeaderFetch = (url, init) => authorizedFetch(this.servicesManager.services.userAuthenticationService as UserAuthentication | undefined)(url, init);

  getState = () => this.store.getState();

  start(): void {
    this.store.reset();
    this.worker = new OverlayWorkerClient(this.createWorker());
    // Its script is small, but it would otherwise be fetched behind the host's first image requests.
    this.ctLoadWorkers?.prewarm();
    // `seedCache=off` in the viewer URL computes every placement afresh (benchmark comparison, troubleshooting).
    this.seedCache = new URLSearchParams(globalThis.location?.search ?? '').get('seedCache') === 'off' ? NO_SEED_RESULT_CACHE : indexedDbSeedResultCache();
    const cs = hostCornerstone();
    const { displaySetService, viewportGridService } = this.servicesManager.services;
    const onEnabled = (event: Event) => {
      const detail = (event as CustomEvent<{ element: HTMLDivElement; viewportId: string }>).detail;
      this.attach(detail.element, detail.viewportId);
    };
    const onDisabled = (event: Event) => {
      const detail = (event as CustomEvent<{ viewportId: string }>).detail;
      this.detach(detail.viewportId);
    };
    cs.eventTarget.addEventListener(cs.Enums.Events.ELEMENT_ENABLED, onEnabled);
    cs.eventTarget.addEventListener(cs.Enums.Events.ELEMENT_DISABLED, onDisabled);
    this.cleanups.push(() => {
      cs.eventTarget.removeEventListener(cs.Enums.Events.ELEMENT_ENABLED, onEnabled);
      cs.eventTarget.removeEventListener(cs.Enums.Events.ELEMENT_DISABLED, onDisabled);
    });
    for (const engine of cs.getRenderingEngines?.() ?? []) for (const vp of engine.getViewports()) this.attach(vp.element, vp.id);
    // Series metadata arrive one series at a time (DICOMweb): wait for a quiet moment before reading the plan,
    // so its RT Dose and RT Structure Set are usually already known (a later arrival triggers a re-read).
    // "No plan" is only concluded in such a quiet moment: before it, a plan may simply not have arrived yet.
    let settle: ReturnType<typeof setTimeout> | undefined;
    const retry = () => {
      clearTimeout(settle);
      settle = setTimeout(() => void this.findPlan(true), PLAN_SETTLE_MS);
      this.redrawAll();
    };
    this.cleanups.push(() => clearTimeout(settle));
    for (const event of Object.values(displaySetService.EVENTS)) this.cleanups.push(displaySetService.subscribe(event, retry).unsubscribe);
    for (const event of Object.values(viewportGridService.EVENTS)) this.cleanups.push(viewportGridService.subscribe(event, () => this.redrawAll()).unsubscribe);
    let last = this.store.getState();
    this.cleanups.push(
      this.store.subscribe((state) => {
        const previous = last;
        // Before acting: refreshDvh updates the store at once when the plan has no target, which calls this again.
        last = state;
        const invalidate = state.prescriptionGy !== previous.prescriptionGy || state.visiblePercents !== previous.visiblePercents || state.basis !== previous.basis || state.plan !== previous.plan;
        // A newly read plan's DVH waits while a displayed follow-up's CT is loading for its placement (see deferDvh).
        if (state.plan !== previous.plan && state.plan && this.volumePrefetches.size > 0) this.deferDvh();
        else if (state.prescriptionGy !== previous.prescriptionGy || state.basis !== previous.basis || state.plan !== previous.plan) void this.refreshDvh();
        for (const { layer } of this.layers.values()) {
          if (invalidate) layer.invalidate();
          layer.draw();
        }
      }),
    );
    void this.findPlan(false);
    retry();
  }

  stop(): void {
    this.cleanups.splice(0).forEach((c) => c());
    for (const id of [...this.layers.keys()]) this.detach(id);
    this.worker?.terminate();
    this.worker = null;
    this.ctLoadWorkers?.dispose();
    clearTimeout(this.dvhDeferred);
    this.dvhDeferred = undefined;
    this.placementsStarted.clear();
    this.registrationQueue.length = 0;
    this.displayedComing.clear();
    this.seedResultLookups.clear();
    this.seedResultsKnown.clear();
    this.seedLookupsSlow.clear();
    this.volumePrefetches.clear();
  }

  // --- viewports ---------------------------------------------------------------------------------------------

  private attach(element: HTMLDivElement, viewportId: string): void {
    if (this.layers.has(viewportId)) this.detach(viewportId);
    const cs = hostCornerstone();
    const viewport = cs.getEnabledElement(element)?.viewport as unknown as HostViewportLike | undefined;
    if (!viewport) return;
    const layer = new ViewportOverlayLayer(viewport, this);
    const onRender = () => {
      const started = performance.now();
      this.ensurePlacement(viewportId);
      layer.draw();
      recordDrawTime(this.drawStats, performance.now() - started);
    };
    element.addEventListener(cs.Enums.Events.IMAGE_RENDERED, onRender);
    this.layers.set(viewportId, { layer, element, onRender });
  }

  private detach(viewportId: string): void {
    const entry = this.layers.get(viewportId);
    if (!entry) return;
    entry.element.removeEventListener(hostCornerstone().Enums.Events.IMAGE_RENDERED, entry.onRender);
    entry.layer.dispose();
    this.layers.delete(viewportId);
  }

  private redrawAll(): void {
    for (const { layer } of this.layers.values()) layer.draw();
  }

  private hostViewport(viewportId: string): HostViewportLike | undefined {
    const cs = hostCornerstone();
    for (const engine of cs.getRenderingEngines?.() ?? []) {
      const vp = engine.getViewport(viewportId);
      if (vp) return vp as unknown as HostViewportLike;
    }
    return undefined;
  }

  private displaySetOf(viewportId: string): HostDisplaySet | undefined {
    const { viewportGridService, displaySetService } = this.servicesManager.services;
    const uid = viewportGridService.getState().viewports.get(viewportId)?.displaySetInstanceUIDs?.[0];
    return uid ? displaySetService.getDisplaySetByUID(uid) : undefined;
  }

  // --- OverlayLayerHost ----------------------------------------------------------------------------------------

  viewportStudy(viewportId: string) {
    const ds = this.displaySetOf(viewportId);
    if (!ds) return null;
    const state = this.store.getState();
    const placement = state.placements[ds.StudyInstanceUID];
    const studyDate = (ds.instances?.[0]?.StudyDate ?? ds.instance?.StudyDate) as string | undefined;
    const { scale, label } = this.doseScale(studyDate);
    return { studyInstanceUid: ds.StudyInstanceUID, placement, doseScale: scale, basisLabel: label };
  }

  displayedPlane(viewportId: string): DisplayedPlane | null {
    const vp = this.hostViewport(viewportId);
    if (!vp) return null;
    const half = this.halfSlabMm(viewportId);
    const imageId = vp.getCurrentImageId?.();
    const plane = imageId ? this.imagePlane(imageId, half) : null;
    return plane ?? planeFromCamera(vp.getCamera(), half);
  }

  stackPlanes(viewportId: string): DisplayedPlane[] {
    const imageIds = this.hostViewport(viewportId)?.getImageIds?.() ?? [];
    const half = this.halfSlabMm(viewportId);
    return imageIds.flatMap((id) => this.imagePlane(id, half) ?? []);
  }

  private halfSlabMm(viewportId: string): number {
    const ds = this.displaySetOf(viewportId) as (HostDisplaySet & { averageSpacingBetweenFrames?: number }) | undefined;
    const spacing = Number(ds?.averageSpacingBetweenFrames) || Number(ds?.instances?.[0]?.SliceThickness) || 2 * DEFAULT_HALF_SLAB_MM;
    return spacing / 2;
  }

  private imagePlane(imageId: string, halfThicknessMm: number): DisplayedPlane | null {
    const meta = hostCornerstone().metaData.get('imagePlaneModule', imageId) as ImagePlaneMetadata | undefined;
    return (meta && planeFromImage(imageId, meta, halfThicknessMm)) ?? null;
  }

  async isodose(plane: ImagePlane, levelsGy: readonly number[]) {
    const plan = this.store.getState().plan;
    if (!this.worker || !plan) throw new Error('no implant plan loaded');
    const started = performance.now();
    const reply = await this.worker.request({ type: 'isodose', planKey: plan.planKey, plane, levelsGy: [...levelsGy], spacingMm: ISODOSE_SAMPLE_SPACING_MM }, 'isodose');
    this.store.recordTiming('isodoseWorkerMs', reply.elapsedMs);
    this.store.recordTiming('isodoseRoundTripMs', performance.now() - started);
    return reply.lines;
  }

  // --- dose basis ----------------------------------------------------------------------------------------------

  /** Dose scale for a study date: 1 for full decay; the delivered fraction at the scan date otherwise. */
  doseScale(studyDate: string | undefined): { scale: number; label: string } {
    const state = this.store.getState();
    const plan = state.plan;
    if (state.basis === 'fullDecay' || !plan) return { scale: 1, label: 'full decay' };
    const at = doseScaleAtScan(plan.halfLifeDays, plan.implantTimeMs, studyDate ? dicomDateToMs(studyDate) : undefined);
    if (at.kind === 'unknownDate') return { scale: 1, label: 'full decay (scan or implant date unknown)' };
    if (at.kind === 'beforeImplant') return { scale: 0, label: 'delivered to scan date: none (scan before implant)' };
    return { scale: at.scale, label: `delivered to scan date (day ${Math.round(at.daysSinceImplant)}, ${(100 * at.scale).toFixed(0)}% of final dose)` };
  }

  // --- plan ------------------------------------------------------------------------------------------------------

  private dataSource(): OverlayDataSource {
    const source = this.extensionManager.getActiveDataSource?.()[0];
    if (!source) throw new Error('no active data source');
    return source;
  }

  /** `settled`: the display sets have been quiet for PLAN_SETTLE_MS, so a missing plan means there is none. */
  private async findPlan(settled: boolean): Promise<void> {
    const state = this.store.getState();
    // A plan that failed to read is not fetched again on every display-set event; the panel shows why.
    if (this.planLoading || state.planStatus === 'loading') {
      this.planRecheck = { settled: settled || !!this.planRecheck?.settled };
      return;
    }
    if (state.planStatus === 'failed' || !this.worker) return;
    const displaySets = this.servicesManager.services.displaySetService.getActiveDisplaySets();
    const planSet = displaySets.find((d) => modalityOf(d) === 'RTPLAN');
    if (!planSet) {
      if (settled && state.planStatus !== 'none') this.store.update({ planStatus: 'none' });
      return;
    }
    if (state.planStatus === 'ready') {
      // Re-read only when the plan's study has gained the RT Dose or Structure Set it was read without.
      const studySets = displaySets.filter((d) => d.StudyInstanceUID === planSet.StudyInstanceUID);
      const gainedDose = state.plan?.doseSource === 'computed' && studySets.some((d) => modalityOf(d) === 'RTDOSE');
      const gainedStruct = !state.plan?.targetRoiName && !this.planReadWithStruct && studySets.some((d) => modalityOf(d) === 'RTSTRUCT');
      if (!gainedDose && !gainedStruct) return;
    }
    this.planLoading = true;
    this.store.update({ planStatus: 'loading', progress: 'fetching RT objects' });
    try {
      const planInstance = planSet.instances?.[0] ?? planSet.instance!;
      const planUid = planInstance.SOPInstanceUID;
      const sameStudy = displaySets.filter((d) => d.StudyInstanceUID === planSet.StudyInstanceUID);
      const doseInstance = pickDose(sameStudy.filter((d) => modalityOf(d) === 'RTDOSE').flatMap((d) => d.instances ?? []), planUid);
      const structInstance = sameStudy.find((d) => modalityOf(d) === 'RTSTRUCT')?.instances?.[0];
      if (state.planStatus !== 'ready') this.prefetchFollowUps(planInstance, displaySets);
      const source = this.dataSource();
      const named = async (instance: HostInstance | undefined, label: string) =>
        instance ? { name: `${label} ${instance.SOPInstanceUID}`, bytes: await fetchInstanceBytes(instance, source, this.fetchWithAuth) } : undefined;
      const fetchStarted = performance.now();
      const [plan, dose, structureSet] = await Promise.all([named(planInstance, 'RT Plan'), named(doseInstance, 'RT Dose'), named(structInstance, 'RT Structure Set')]);
      this.store.recordTiming('planFetchMs', performance.now() - fetchStarted);
      const readStarted = performance.now();
      this.planReadWithStruct = !!structureSet;
      const transfer = [plan!.bytes, dose?.bytes, structureSet?.bytes].filter((b): b is ArrayBuffer => !!b);
      const reply = await this.worker.request({ type: 'loadPlan', plan: plan!, dose, structureSet }, 'planLoaded', {
        transfer,
        onProgress: (stage) => this.store.update({ progress: stage }),
      });
      const summary = reply.summary;
      this.store.recordTiming('loadPlanWorkerMs', reply.elapsedMs);
      this.store.recordTiming('loadPlanRoundTripMs', performance.now() - readStarted);
      this.store.update((s) => ({
        planStatus: 'ready',
        plan: summary,
        progress: undefined,
        prescriptionGy: s.prescriptionEdited || !summary.planPrescriptionGy ? s.prescriptionGy : summary.planPrescriptionGy,
      }));
      const patientId = planInstance.PatientID;
      if (patientId && summary.implantTimeMs !== undefined)
        this.implants.publish(patientId, { implantDate: new Date(summary.implantTimeMs).toISOString().slice(0, 10), halfLifeDays: summary.halfLifeDays });
      for (const viewportId of this.layers.keys()) this.ensurePlacement(viewportId);
      // Every other CT study too, in the background: jump-to-lesion across frames needs their placement.
      for (const ds of displaySets) if (modalityOf(ds) === 'CT') this.ensureStudyPlacement(ds, false);
    } catch (error) {
      this.volumePrefetches.clear();
      this.store.update({ planStatus: 'failed', planError: errorText(error), progress: undefined });
    } finally {
      this.planLoading = false;
      const recheck = this.planRecheck;
      this.planRecheck = undefined;
      // Without this, an RT Structure Set or RT Dose whose metadata arrived during the read would never be used:
      // the display sets may stay quiet from then on.
      if (recheck) void this.findPlan(recheck.settled);
    }
  }

  /**
   * While the plan is read: looks up every CT study's cached seed result, and starts loading the CT of each
   * displayed follow-up that will need seed finding (another frame than the plan's, no Spatial Registration in
   * the patient's studies, nothing cached), so its placement does not wait for the plan and then for its CT.
   */
  private prefetchFollowUps(planInstance: HostInstance, displaySets: readonly HostDisplaySet[]): void {
    const planUid = planInstance.SOPInstanceUID;
    if (!planUid || !planInstance.FrameOfReferenceUID) return;
    const cts = displaySets.filter((d) => modalityOf(d) === 'CT' && !this.placementsStarted.has(d.StudyInstanceUID));
    for (const ds of cts) if (this.needsSeedSearch(planInstance, ds, displaySets)) void this.promptCachedSeedResult(planUid, ds);
    const displayed = new Set([...this.layers.keys()].map((id) => this.displaySetOf(id)?.displaySetInstanceUID));
    for (const ds of cts) if (displayed.has(ds.displaySetInstanceUID)) this.prefetchVolume(planInstance, ds, displaySets);
  }

  /**
   * A viewport shows this series before the plan is read (a viewport's first image usually comes before the
   * plan's RT objects have been fetched): its CT starts loading now rather than when the plan is ready.
   */
  private prefetchDisplayedBeforePlan(ds: HostDisplaySet): void {
    if (this.placementsStarted.has(ds.StudyInstanceUID) || this.volumePrefetches.has(ds.displaySetInstanceUID)) return;
    const displaySets = this.servicesManager.services.displaySetService.getActiveDisplaySets();
    const planSet = displaySets.find((d) => modalityOf(d) === 'RTPLAN');
    const planInstance = planSet?.instances?.[0] ?? planSet?.instance;
    if (planInstance?.SOPInstanceUID && planInstance.FrameOfReferenceUID) this.prefetchVolume(planInstance, ds, displaySets);
  }

  /**
   * Starts loading the CT of a follow-up that will need seed finding: another frame than the plan's, no Spatial
   * Registration among the patient's studies, nothing cached for it.
   */
  private prefetchVolume(planInstance: HostInstance, ds: HostDisplaySet, displaySets: readonly HostDisplaySet[]): void {
    const planUid = planInstance.SOPInstanceUID!;
    if (!this.needsSeedSearch(planInstance, ds, displaySets) || this.volumePrefetches.has(ds.displaySetInstanceUID)) return;
    const start = (hit: FollowUpSeedResult | undefined) => {
      if (hit || this.volumePrefetches.has(ds.displaySetInstanceUID) || this.placementsStarted.has(ds.StudyInstanceUID)) return;
      try {
        this.volumePrefetches.set(ds.displaySetInstanceUID, this.startCtLoad(ds, true));
      } catch {
        // No usable image geometry yet: the search loads (and reports) it when the plan is placed.
      }
    };
    // A look-up already answered starts the load at once: this runs inside the host's first render, and a
    // promise callback would wait for the rest of that task (often hundreds of milliseconds while the viewer opens).
    const key = this.lookupKey(planUid, ds);
    if (this.seedResultsKnown.has(key)) start(this.seedResultsKnown.get(key));
    else if (this.seedLookupsSlow.has(key)) start(undefined);
    else void this.promptCachedSeedResult(planUid, ds).then(start);
  }

  /** A CT in another frame than the plan's, and no Spatial Registration among the patient's studies: placed by seed search. */
  private needsSeedSearch(planInstance: HostInstance, ds: HostDisplaySet, displaySets: readonly HostDisplaySet[]): boolean {
    const frame = frameOfReferenceOf(ds);
    const modality = modalityOf(ds);
    if (modality !== 'CT' || !frame || frame === planInstance.FrameOfReferenceUID) return false;
    return !displaySets.some((d) => modalityOf(d) === 'REG');
  }

  private lookupKey(planUid: string, ds: HostDisplaySet): string {
    return `${planUid}|${ds.displaySetInstanceUID}`;
  }

  private cachedSeedResult(planUid: string, ds: HostDisplaySet): Promise<FollowUpSeedResult | undefined> {
    const key = this.lookupKey(planUid, ds);
    let lookup = this.seedResultLookups.get(key);
    if (!lookup) {
      const source = seedResultSourceOf(planUid, ds);
      lookup = source ? this.seedCache.get(source) : Promise.resolve(undefined);
      this.seedResultLookups.set(key, lookup);
      lookup.then(
        (result) => this.seedResultsKnown.set(key, result),
        () => this.seedResultsKnown.set(key, undefined),
      );
    }
    return lookup;
  }

  /**
   * The cached result if the cache answers within CACHE_ANSWER_WAIT_MS, else undefined: a slow answer (a new
   * browser profile creating its database) never holds back seed finding; a late hit is then simply not used.
   */
  private promptCachedSeedResult(planUid: string, ds: HostDisplaySet): Promise<FollowUpSeedResult | undefined> {
    const key = this.lookupKey(planUid, ds);
    if (this.seedResultsKnown.has(key)) return Promise.resolve(this.seedResultsKnown.get(key));
    const slow = new Promise<undefined>((resolve) =>
      setTimeout(() => {
        this.seedLookupsSlow.add(key);
        resolve(undefined);
      }, CACHE_ANSWER_WAIT_MS),
    );
    return Promise.race([this.cachedSeedResult(planUid, ds).catch(() => undefined), slow]);
  }

  private imageIdsOf(ds: HostDisplaySet): string[] {
    return (ds as HostDisplaySet & { imageIds?: string[] }).imageIds ?? this.dataSource().getImageIdsForDisplaySet?.(ds) ?? [];
  }

  /** The image a viewport showing this display set shows now (where its CT loads outward from). */
  private displayedImageIdOf(ds: HostDisplaySet): string | undefined {
    for (const viewportId of this.layers.keys())
      if (this.displaySetOf(viewportId)?.displaySetInstanceUID === ds.displaySetInstanceUID) return this.hostViewport(viewportId)?.getCurrentImageId?.();
    return undefined;
  }

  /** The prefetched load of this display set (once), else a fresh one. */
  private takeLoad(ds: HostDisplaySet, slab: boolean): CtLoad {
    const prefetched = this.volumePrefetches.get(ds.displaySetInstanceUID);
    this.volumePrefetches.delete(ds.displaySetInstanceUID);
    return prefetched ?? this.startCtLoad(ds, slab);
  }

  /**
   * A follow-up's CT load: in a CT load worker when its images are single-frame instances the worker can fetch,
   * else (or without a worker) through the host's image loader. `slab`: a provisional slab is wanted.
   */
  private startCtLoad(ds: HostDisplaySet, slab: boolean): CtLoad {
    const imageIds = this.imageIdsOf(ds), centreImageId = this.displayedImageIdOf(ds);
    const auth = this.servicesManager.services.userAuthenticationService as UserAuthentication | undefined;
    const viaWorker =
      this.ctLoadWorkers && globalThis.location
        ? WorkerCtLoad.start({ imageIds, centreImageId, slab, workers: this.ctLoadWorkers, headers: authorizationHeaders(auth), baseUrl: globalThis.location.href })
        : undefined;
    return viaWorker ?? new ProgressiveCtLoad(imageIds, centreImageId);
  }

  /**
   * The overlay worker runs one job at a time, and the target DVH (shown in the Dose tab) takes as long as a slab's
   * seed search: the displayed follow-up's placement, which the reader is looking at, goes first. The DVH follows
   * its first placement (or failure), or DVH_DEFER_LIMIT_MS at the latest.
   */
  private deferDvh(): void {
    clearTimeout(this.dvhDeferred);
    this.dvhDeferred = setTimeout(() => this.releaseDvh(), DVH_DEFER_LIMIT_MS);
  }

  private releaseDvh(): void {
    if (this.dvhDeferred === undefined) return;
    clearTimeout(this.dvhDeferred);
    this.dvhDeferred = undefined;
    void this.refreshDvh();
  }

  private async refreshDvh(): Promise<void> {
    const state = this.store.getState();
    const plan = state.plan;
    if (!plan || !this.worker) return;
    if (!plan.targetRoiName) return this.store.update({ dvh: undefined, dvhError: plan.targetProblem });
    try {
      // The DVH is of the plan: full decay, on the plan's own dose (the basis toggle applies to follow-up images).
      const reply = await this.worker.request({ type: 'targetDvh', planKey: plan.planKey, prescriptionGy: state.prescriptionGy, doseScale: 1 }, 'targetDvh');
      this.store.recordTiming('dvhWorkerMs', reply.elapsedMs);
      this.store.update({ dvh: reply.metrics, dvhError: undefined });
    } catch (error) {
      this.store.update({ dvh: undefined, dvhError: errorText(error) });
    }
  }

  // --- placing the plan on a study ---------------------------------------------------------------------------------

  private ensurePlacement(viewportId: string): void {
    const ds = this.displaySetOf(viewportId);
    if (!ds) return;
    if (this.store.getState().plan) {
      this.ensureStudyPlacement(ds, true);
      this.prefetchQueued(ds);
    } else this.prefetchDisplayedBeforePlan(ds);
  }

  /**
   * A follow-up the reader switched to while its search waits in the queue: its CT starts loading now, from the
   * slice shown, beside the search under way (the queue then takes it next, and finds the load in progress).
   */
  private prefetchQueued(ds: HostDisplaySet): void {
    if (modalityOf(ds) !== 'CT' || this.volumePrefetches.has(ds.displaySetInstanceUID)) return;
    if (!this.registrationQueue.some((job) => job.studyInstanceUid === ds.StudyInstanceUID)) return;
    try {
      this.volumePrefetches.set(ds.displaySetInstanceUID, this.startCtLoad(ds, true));
    } catch {
      // No usable image geometry yet: the search loads (and reports) it in its turn.
    }
  }

  /** The CT display set a viewport shows of this study, if any (a follow-up is searched on the series shown). */
  private shownCtOfStudy(studyInstanceUid: string): HostDisplaySet | undefined {
    for (const viewportId of this.layers.keys()) {
      const ds = this.displaySetOf(viewportId);
      if (ds?.StudyInstanceUID === studyInstanceUid && modalityOf(ds) === 'CT') return ds;
    }
    return undefined;
  }

  private ensureStudyPlacement(ds: HostDisplaySet, displayed: boolean): void {
    const plan = this.store.getState().plan;
    if (!plan) return;
    if (this.placementsStarted.has(ds.StudyInstanceUID)) {
      // Started in the background before a viewport showed it: its CT goes next.
      if (displayed) this.promoteRegistration(ds.StudyInstanceUID);
      return;
    }
    this.placementsStarted.add(ds.StudyInstanceUID);
    const frame = frameOfReferenceOf(ds);
    const base = { studyInstanceUid: ds.StudyInstanceUID, studyDate: ds.instances?.[0]?.StudyDate, frameOfReferenceUid: frame };
    if (frame && frame === plan.frameOfReferenceUid) {
      this.store.setPlacement({ ...base, method: 'sameFrame', planToStudyMatrix: IDENTITY });
      return;
    }
    void this.placeStudy(base, ds, displayed);
  }

  /**
   * A Spatial Registration object of the patient relating two frames directly, with or without an implant plan
   * (linked scrolling between studies of a patient who has none, e.g. MRI). The matrix maps `from` points into
   * `to`; null while the objects are being read, and for good when none relates the two. Read once per pair.
   */
  registrationBetweenFrames(fromFrameUid: string, toFrameUid: string): readonly number[] | null {
    const key = `${fromFrameUid}>${toFrameUid}`;
    const known = this.frameRegistrations.get(key);
    if (known !== undefined) return known === 'pending' ? null : known;
    this.frameRegistrations.set(key, 'pending');
    void this.readFrameRegistration(fromFrameUid, toFrameUid).then((matrix) => this.frameRegistrations.set(key, matrix));
    return null;
  }

  private async readFrameRegistration(fromFrameUid: string, toFrameUid: string): Promise<readonly number[] | null> {
    const registrations = this.servicesManager.services.displaySetService.getActiveDisplaySets().filter((d) => modalityOf(d) === 'REG');
    for (const reg of registrations) {
      const instance = reg.instances?.[0];
      if (!instance || !this.worker) continue;
      try {
        const bytes = await fetchInstanceBytes(instance, this.dataSource(), this.fetchWithAuth);
        const reply = await this.worker.request(
          { type: 'readRegistration', registration: { name: `Spatial Registration ${instance.SOPInstanceUID}`, bytes }, fromFrameUid, toFrameUid },
          'registrationRead',
          { transfer: [bytes] },
        );
        return reply.matrix;
      } catch {
        // This object does not relate the two frames (or cannot be read): try the next one.
      }
    }
    return null;
  }

  /** A Spatial Registration relating the plan's frame and this study's when the patient has one, else seed registration. */
  private async placeStudy(base: Pick<StudyPlacement, 'studyInstanceUid' | 'studyDate' | 'frameOfReferenceUid'>, ds: HostDisplaySet, displayed: boolean): Promise<void> {
    const plan = this.store.getState().plan!;
    const registrations = this.servicesManager.services.displaySetService
      .getActiveDisplaySets()
      .filter((d) => modalityOf(d) === 'REG')
      // The study's own registration objects first.
      .sort((a, b) => Number(b.StudyInstanceUID === ds.StudyInstanceUID) - Number(a.StudyInstanceUID === ds.StudyInstanceUID));
    const problems: string[] = [];
    for (const reg of registrations) {
      const instance = reg.instances?.[0];
      if (!instance || !base.frameOfReferenceUid) continue;
      try {
        const bytes = await fetchInstanceBytes(instance, this.dataSource(), this.fetchWithAuth);
        const reply = await this.worker!.request(
          { type: 'readRegistration', registration: { name: `Spatial Registration ${instance.SOPInstanceUID}`, bytes }, fromFrameUid: plan.frameOfReferenceUid, toFrameUid: base.frameOfReferenceUid },
          'registrationRead',
          { transfer: [bytes] },
        );
        this.store.setPlacement({ ...base, method: 'spatialRegistration', planToStudyMatrix: reply.matrix, registrationUid: reply.sopInstanceUid });
        return;
      } catch (error) {
        problems.push(errorText(error));
      }
    }
    const modality = modalityOf(ds);
    if (modality !== 'CT') {
      const why = problems.length ? `; Spatial Registration not usable: ${problems.join('; ')}` : ' and no Spatial Registration relates its frame to the plan';
      this.store.setPlacement({ ...base, method: 'failed', error: `seeds can only be found on CT (this is ${modality ?? 'unknown'})${why}` });
      return;
    }
    await this.registerStudy(base, ds, displayed);
  }

  /**
   * Seed registration: the result cached for this plan and these images when there is one, else the CT loaded
   * (queued behind other follow-ups, displayed ones first) and searched in the worker, and the result cached.
   */
  private async registerStudy(base: Pick<StudyPlacement, 'studyInstanceUid' | 'studyDate' | 'frameOfReferenceUid'>, ds: HostDisplaySet, displayed: boolean): Promise<void> {
    const plan = this.store.getState().plan!;
    const started = performance.now();
    const progress = (text: string) => this.store.setPlacement({ ...base, method: 'pending', progress: text });
    if (displayed) this.displayedComing.add(base.studyInstanceUid);
    let cached: FollowUpSeedResult | undefined;
    try {
      cached = await this.promptCachedSeedResult(plan.planKey, ds);
    } finally {
      // Searches held back for this one may go (it joins the queue first, just below, unless cached).
      if (this.displayedComing.delete(base.studyInstanceUid)) this.runRegistrations();
    }
    if (cached) {
      this.volumePrefetches.delete(ds.displaySetInstanceUID);
      this.store.setPlacement({ ...base, method: 'seedRegistration', planToStudyMatrix: cached.planToStudyMatrix, seeds: cached, elapsedMs: performance.now() - started, cached: true });
      return;
    }
    progress('waiting for other follow-ups');
    await new Promise<void>((resolve) =>
      this.enqueueRegistration({ studyInstanceUid: base.studyInstanceUid, run: () => this.searchStudy(base, ds, started, displayed).finally(resolve) }, displayed),
    );
  }

  private enqueueRegistration(job: { studyInstanceUid: string; run: () => Promise<void> }, first: boolean): void {
    if (first) this.registrationQueue.unshift(job);
    else this.registrationQueue.push(job);
    this.runRegistrations();
  }

  /** Runs the queued searches one at a time, unless already running. */
  private runRegistrations(): void {
    if (this.registering || this.registrationQueue.length === 0) return;
    this.registering = true;
    void (async () => {
      // One macrotask first: the jobs of one burst (the plan just read: every CT study at once) are all queued,
      // so a displayed follow-up goes first even when a background one's cache answer came a moment sooner.
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (let next = this.nextRegistration(); next; next = this.nextRegistration()) await next.run();
      this.registering = false;
    })();
  }

  /**
   * The queued job of a study a viewport shows now, else the first in line; none while a displayed follow-up is
   * still looking up its cached result (a background search started now would hold it back by a whole CT; its
   * arrival in the queue, or its cache hit, starts the queue again).
   */
  private nextRegistration(): { studyInstanceUid: string; run: () => Promise<void> } | undefined {
    const shown = new Set([...this.layers.keys()].map((id) => this.displaySetOf(id)?.StudyInstanceUID));
    const at = this.registrationQueue.findIndex((job) => shown.has(job.studyInstanceUid));
    if (at < 0 && this.displayedComing.size > 0) return undefined;
    return this.registrationQueue.splice(Math.max(at, 0), 1)[0];
  }

  private promoteRegistration(studyInstanceUid: string): void {
    const at = this.registrationQueue.findIndex((job) => job.studyInstanceUid === studyInstanceUid);
    if (at > 0) this.registrationQueue.unshift(...this.registrationQueue.splice(at, 1));
  }

  /**
   * Seed finding on a follow-up's CT. A displayed follow-up is placed first from a slab of slices around the
   * displayed one when that pairs most plan seeds (provisional, `checkingWholeCt`); the whole CT is searched in
   * every case, and only that result stands and is cached.
   */
  private async searchStudy(base: Pick<StudyPlacement, 'studyInstanceUid' | 'studyDate' | 'frameOfReferenceUid'>, ds: HostDisplaySet, started: number, displayed: boolean): Promise<void> {
    const plan = this.store.getState().plan;
    if (!plan || !this.worker) return;
    let provisional: StudyPlacement | undefined;
    const progress = (text: string) =>
      this.store.setPlacement(provisional ? { ...provisional, checkingWholeCt: `whole CT: ${text}` } : { ...base, method: 'pending', progress: text });
    const register = async (volume: CtVolume, what: string) => {
      const reply = await this.worker!.request(
        { type: 'registerFollowUp', planKey: plan.planKey, volume, source: `CT of study ${base.studyInstanceUid}` },
        'followUpRegistered',
        { transfer: [volume.voxelsHu.buffer as ArrayBuffer], onProgress: progress },
      );
      this.store.recordTiming(`registration ${base.studyDate ?? base.studyInstanceUid} ${what} workerMs`, reply.elapsedMs);
      this.releaseDvh();
      return reply.result;
    };
    // The series a viewport shows now, when the reader switched to another series of this study while it waited.
    const shownDs = this.shownCtOfStudy(base.studyInstanceUid);
    if (shownDs && frameOfReferenceOf(shownDs) === base.frameOfReferenceUid) ds = shownDs;
    try {
      progress('loading CT for seed finding');
      // Shown now (at open, or switched to while it waited in the queue): worth a provisional slab placement.
      const shown = displayed || this.displayedImageIdOf(ds) !== undefined;
      const load = this.takeLoad(ds, shown);
      load.onProgress((n, total) => n % 10 === 0 && progress(`loading CT ${n}/${total}`));
      const slab = shown ? await load.slab() : undefined;
      if (slab) {
        const result = await register(slab, `slab of ${slab.slices}`);
        if (slabPlacementAcceptable(result.pairedCount, plan.seedsMm.length)) {
          provisional = { ...base, method: 'seedRegistration', planToStudyMatrix: result.planToStudyMatrix, seeds: result, elapsedMs: performance.now() - started, checkingWholeCt: `whole CT: loading` };
          this.store.setPlacement(provisional);
          this.store.recordTiming(`placement ${base.studyDate ?? base.studyInstanceUid} slab ms`, performance.now() - started);
        }
      }
      const whole = await load.whole();
      this.store.recordTiming(`ct ${base.studyDate ?? base.studyInstanceUid} loaded by ${load.loadedBy} ms`, performance.now() - started);
      const result = await register(whole, 'whole CT');
      this.store.setPlacement({ ...base, method: 'seedRegistration', planToStudyMatrix: result.planToStudyMatrix, seeds: result, elapsedMs: performance.now() - started });
      this.store.recordTiming(`placement ${base.studyDate ?? base.studyInstanceUid} whole CT ms`, performance.now() - started);
      const cacheSource = seedResultSourceOf(plan.planKey, ds);
      // Not awaited: the next follow-up's search need not wait for the database.
      if (cacheSource) void this.seedCache.put(cacheSource, result);
    } catch (error) {
      this.releaseDvh();
      this.store.setPlacement({ ...base, method: 'failed', error: errorText(error) });
    }
  }
}

/** A display set's modality (OHIF puts it on the display set, or only on its instances). */
function modalityOf(ds: HostDisplaySet): string | undefined {
  return ds.Modality ?? ds.instances?.[0]?.Modality;
}

/** A display set's Frame of Reference UID (on the display set, or only on its instances). */
function frameOfReferenceOf(ds: HostDisplaySet): string | undefined {
  return (ds as HostDisplaySet & { FrameOfReferenceUID?: string }).FrameOfReferenceUID ?? (ds.instances?.[0]?.FrameOfReferenceUID as string | undefined);
}

/** Frames drawn and time spent (ms): plain counters, never a store update (that would redraw every layer). */
export interface DrawStats {
  frames: number;
  totalMs: number;
  maxMs: number;
}

function recordDrawTime(stats: DrawStats, ms: number): void {
  stats.frames++;
  stats.totalMs += ms;
  stats.maxMs = Math.max(stats.maxMs, ms);
}

/** The RT Dose referencing the plan (Referenced RT Plan Sequence), else the first one. */
function pickDose(instances: readonly HostInstance[], planUid: string | undefined): HostInstance | undefined {
  const refs = (i: HostInstance) => ((i.ReferencedRTPlanSequence as Array<{ ReferencedSOPInstanceUID?: string }> | undefined) ?? []).map((r) => r.ReferencedSOPInstanceUID);
  return instances.find((i) => refs(i).includes(planUid)) ?? instances[0];
}

export type { Vec3 };
