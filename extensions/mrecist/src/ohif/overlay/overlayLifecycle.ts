/**
 * One overlay service per page, started when our mode is entered and stopped when it is left (extension
 * onModeEnter/onModeExit), plus what other parts of the extension use: the toggle command's action and the
 * world-point mapping between two studies' frames (jump-to-lesion across frames of reference).
 */
import { invertAffine4 } from '../../core/dicom/spatialRegistration';
import type { Vec3 } from '../../core/geometry/vec3';
import { applyMatrix4 } from '../../core/seeds/rigidFit';
import type { ServicesManager } from '../hostServices';
import { getOverlayStore } from './OverlayStore';
import { OverlayService } from './OverlayService';

let running: OverlayService | null = null;

/** Where the reading panel's jump-to-lesion looks for a frame-to-frame mapping (ohif/read/viewportNavigation.ts). */
const FRAME_REGISTRATION_KEY = Symbol.for('ohif-mrecist.frameRegistration');

/** `createWorker` comes from createOverlayWorker.ts (kept apart: its import.meta.url is for the bundler only). */
export function startOverlayService(servicesManager: ServicesManager, extensionManager: unknown, createWorker: () => Worker): void {
  running?.stop();
  running = new OverlayService(servicesManager, extensionManager as ConstructorParameters<typeof OverlayService>[1], createWorker);
  (globalThis as unknown as Record<symbol, unknown>)[FRAME_REGISTRATION_KEY] = mapWorldPointBetweenFrames;
  try {
    running.start();
  } catch (error) {
    // The viewer must still open without overlays; the panel shows why.
    getOverlayStore().update({ planStatus: 'failed', planError: `overlay could not start: ${error instanceof Error ? error.message : String(error)}` });
  }
}

export function stopOverlayService(): void {
  running?.stop();
  running = null;
}

/** Shows or hides every overlay (seeds, isodose, legend) on every viewport. */
export function toggleOverlay(): boolean {
  const store = getOverlayStore();
  store.toggleEnabled();
  return store.getState().enabled;
}

/**
 * Maps a patient point from one study's frame to another's through the implant plan's frame: each study is
 * placed relative to the plan (same frame, seed registration or Spatial Registration). Returns null when either
 * study has no placement yet (plan not loaded, registration pending or failed). Same study → the point itself.
 */
export function mapWorldPointBetweenStudies(fromStudyInstanceUid: string, toStudyInstanceUid: string, pointMm: Vec3): Vec3 | null {
  if (fromStudyInstanceUid === toStudyInstanceUid) return [...pointMm] as Vec3;
  const placements = getOverlayStore().getState().placements;
  const from = placements[fromStudyInstanceUid]?.planToStudyMatrix;
  const to = placements[toStudyInstanceUid]?.planToStudyMatrix;
  if (!from || !to) return null;
  return applyMatrix4(to, applyMatrix4(invertAffine4(from), pointMm));
}

/** Implant date and isotope decay for the patient timeline (fraction of the final dose delivered by a date). */
export function getImplantTimeline(): { implantTimeMs: number; halfLifeDays: number; isotopeName: string } | null {
  const plan = getOverlayStore().getState().plan;
  if (!plan || plan.implantTimeMs === undefined) return null;
  return { implantTimeMs: plan.implantTimeMs, halfLifeDays: plan.halfLifeDays, isotopeName: plan.isotopeName };
}

/** As mapWorldPointBetweenStudies, by Frame of Reference UID (the plan's own frame included). */
export function mapWorldPointBetweenFrames(fromFrameUid: string, toFrameUid: string, pointMm: Vec3): Vec3 | null {
  if (fromFrameUid === toFrameUid) return [...pointMm] as Vec3;
  const state = getOverlayStore().getState();
  const planFrame = state.plan?.frameOfReferenceUid;
  const placements = Object.values(state.placements);
  const planToFrame = (uid: string) =>
    uid === planFrame ? IDENTITY : placements.find((p) => p.frameOfReferenceUid === uid && p.planToStudyMatrix)?.planToStudyMatrix;
  const from = planToFrame(fromFrameUid), to = planToFrame(toFrameUid);
  if (!from || !to) return null;
  return applyMatrix4(to, applyMatrix4(invertAffine4(from), pointMm));
}

const IDENTITY: readonly number[] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
