/**
 * Observable state of the seed and isodose overlay, shared by the viewport layers (ViewportOverlayLayer), the
 * panel section (ui/DosePanelSection) and the commands. The session owns one per visit of the mode
 * (ohif/session/MrecistSession).
 */
import type { FollowUpSeedResult, PlanOverlaySummary, TargetDoseMetrics } from '../../core/overlay/overlayMessages';
import { rememberedIsodoseLevels, rememberIsodoseLevels, type ChoiceStorage } from './isodoseLevelChoice';
import { DEFAULT_VISIBLE_PERCENTS, FALLBACK_PRESCRIPTION_GY, ISODOSE_LEVEL_STYLES } from './isodoseStyle';

export type DoseDisplayBasis = 'fullDecay' | 'scanDate';

export interface StudyPlacement {
  readonly studyInstanceUid: string;
  readonly studyDate?: string;
  readonly frameOfReferenceUid?: string;
  /** How plan coordinates reach this study: same frame, seed registration, or a Spatial Registration object. */
  readonly method: 'sameFrame' | 'seedRegistration' | 'spatialRegistration' | 'pending' | 'failed';
  readonly planToStudyMatrix?: readonly number[];
  readonly seeds?: FollowUpSeedResult;
  /** SOP Instance UID of the Spatial Registration used (method 'spatialRegistration'). */
  readonly registrationUid?: string;
  readonly error?: string;
  readonly progress?: string;
  readonly elapsedMs?: number;
  /** The seed registration was read from the browser's cache (ohif/overlay/seedResultCache), not computed. */
  readonly cached?: boolean;
  /**
   * Provisional: seeds were found on a slab of slices around the displayed one (core/seeds/seedSlab) and the
   * whole CT is still being searched (a seed migrated far away lies outside any slab); the text says how far.
   */
  readonly checkingWholeCt?: string;
}

export interface OverlayState {
  readonly enabled: boolean;
  readonly prescriptionGy: number;
  /** True once the reader typed a prescription (the plan's no longer replaces it). */
  readonly prescriptionEdited: boolean;
  readonly visiblePercents: readonly number[];
  readonly basis: DoseDisplayBasis;
  readonly planStatus: 'searching' | 'loading' | 'ready' | 'none' | 'failed';
  readonly planError?: string;
  readonly plan?: PlanOverlaySummary;
  readonly progress?: string;
  readonly placements: Readonly<Record<string, StudyPlacement>>;
  readonly dvh?: TargetDoseMetrics;
  readonly dvhError?: string;
  readonly timingsMs: Readonly<Record<string, number>>;
}

type Listener = (state: OverlayState) => void;

const INITIAL: OverlayState = {
  enabled: true,
  prescriptionGy: FALLBACK_PRESCRIPTION_GY,
  prescriptionEdited: false,
  visiblePercents: DEFAULT_VISIBLE_PERCENTS,
  basis: 'fullDecay',
  planStatus: 'searching',
  placements: {},
  timingsMs: {},
};

export class OverlayStore {
  private state: OverlayState;
  private readonly listeners = new Set<Listener>();

  /** `storage` keeps the reader's isodose levels between visits (browser storage; null: for this visit only). */
  constructor(private readonly storage: ChoiceStorage | null = null) {
    this.state = this.initial();
  }

  private initial(): OverlayState {
    return { ...INITIAL, visiblePercents: rememberedIsodoseLevels(this.storage) };
  }

  getState = (): OverlayState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: Partial<OverlayState> | ((s: OverlayState) => Partial<OverlayState>)): void {
    const patch = typeof change === 'function' ? change(this.state) : change;
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener(this.state);
  }

  setPlacement(placement: StudyPlacement): void {
    this.update((s) => ({ placements: { ...s.placements, [placement.studyInstanceUid]: placement } }));
  }

  recordTiming(name: string, ms: number): void {
    this.update((s) => ({ timingsMs: { ...s.timingsMs, [name]: ms } }));
  }

  setPrescription(prescriptionGy: number): void {
    if (!(prescriptionGy > 0) || !Number.isFinite(prescriptionGy)) throw new Error(`prescription must be a positive number of Gy, got ${prescriptionGy}`);
    this.update({ prescriptionGy, prescriptionEdited: true });
  }

  toggleLevel(percent: number): void {
    const shown = this.state.visiblePercents;
    this.setVisibleLevels(shown.includes(percent) ? shown.filter((p) => p !== percent) : [...shown, percent]);
  }

  /** Shows exactly these levels (those of the style table) and remembers the choice. */
  setVisibleLevels(percents: readonly number[]): void {
    const visiblePercents = ISODOSE_LEVEL_STYLES.map((l) => l.percent).filter((p) => percents.includes(p));
    rememberIsodoseLevels(this.storage, visiblePercents);
    this.update({ visiblePercents });
  }

  toggleEnabled(): void {
    this.update((s) => ({ enabled: !s.enabled }));
  }

  reset(): void {
    this.state = this.initial();
    for (const listener of [...this.listeners]) listener(this.state);
  }
}
