/**
 * Reading the overlay's placements for other parts of the extension: the world-point mapping between two
 * studies' frames (jump-to-lesion across frames of reference) and the implant timeline. Each takes the
 * session's overlay state; nothing here is shared through globals.
 */
import type { Vec3 } from '../../core/geometry/vec3';
import { mapThroughCommonFrame } from '../../core/geometry/linkedSlice';
import type { OverlayState } from './OverlayStore';

/**
 * Maps a patient point from one study's frame to another's through the implant plan's frame: each study is
 * placed relative to the plan (same frame, seed registration or Spatial Registration). Returns null when either
 * study has no placement yet (plan not loaded, registration pending or failed). Same study → the point itself.
 */
export function mapWorldPointBetweenStudies(state: OverlayState, fromStudyInstanceUid: string, toStudyInstanceUid: string, pointMm: Vec3): Vec3 | null {
  if (fromStudyInstanceUid === toStudyInstanceUid) return [...pointMm] as Vec3;
  const placements = state.placements;
  const from = placements[fromStudyInstanceUid]?.planToStudyMatrix;
  const to = placements[toStudyInstanceUid]?.planToStudyMatrix;
  if (!from || !to) return null;
  return mapThroughCommonFrame(from, to, pointMm);
}

/** Implant date and isotope decay for the patient timeline (fraction of the final dose delivered by a date). */
export function getImplantTimeline(state: OverlayState): { implantTimeMs: number; halfLifeDays: number; isotopeName: string } | null {
  const plan = state.plan;
  if (!plan || plan.implantTimeMs === undefined) return null;
  return { implantTimeMs: plan.implantTimeMs, halfLifeDays: plan.halfLifeDays, isotopeName: plan.isotopeName };
}

/** As mapWorldPointBetweenStudies, by Frame of Reference UID (the plan's own frame included). */
export function mapWorldPointBetweenFrames(state: OverlayState, fromFrameUid: string, toFrameUid: string, pointMm: Vec3): Vec3 | null {
  if (fromFrameUid === toFrameUid) return [...pointMm] as Vec3;
  const planFrame = state.plan?.frameOfReferenceUid;
  const placements = Object.values(state.placements);
  const planToFrame = (uid: string) =>
    uid === planFrame ? IDENTITY : placements.find((p) => p.frameOfReferenceUid === uid && p.planToStudyMatrix)?.planToStudyMatrix;
  const from = planToFrame(fromFrameUid), to = planToFrame(toFrameUid);
  if (!from || !to) return null;
  return mapThroughCommonFrame(from, to, pointMm);
}

const IDENTITY: readonly number[] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
