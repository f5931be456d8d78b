/**
 * Shows another series of the same study (another contrast phase) in a viewport at the same anatomical
 * position and with the same window: the reader compares phases at one place (arterial hyperenhancement,
 * portal-venous washout) without scrolling or re-windowing. Position: the point at the centre of the view
 * before the switch, matched to the new series' nearest slice by patient coordinates (core/geometry/nearestSlice;
 * the series of one study share their Frame of Reference, slice indices do not correspond). Window: the VOI
 * range before the switch, applied again once the new stack is shown (the host applies its own default window
 * to a new stack).
 */
import { nearestSlice, slicePlaneOf } from '../../core/geometry/nearestSlice';
import type { Vec3 } from '../../core/geometry/vec3';
import { hostCornerstone, type HostStackViewport } from '../hostCornerstone';
import type { HostDisplaySet, HostServices } from '../hostServices';

interface StackViewportLike extends HostStackViewport {
  getProperties(): { voiRange?: { lower: number; upper: number } };
  setProperties(properties: { voiRange: { lower: number; upper: number } }): void;
  render(): void;
}

export interface SwitchServices {
  displaySetService: HostServices['displaySetService'];
  viewportGridService: HostServices['viewportGridService'] & {
    setDisplaySetsForViewports?: (updates: Array<{ viewportId: string; displaySetInstanceUIDs: string[] }>) => unknown;
  };
  cornerstoneViewportService?: { getCornerstoneViewport(viewportId: string): unknown };
}

/** How long the new stack may take to appear in the viewport before the switch is reported as not kept. */
const STACK_READY_TIMEOUT_MS = 15_000;
const POLL_MS = 50;
/** The host sets up a new stack over a few frames; position and window are checked again after this. */
const SETTLE_MS = 300;

export interface SwitchResult {
  /** Slice index shown in the new series, or null when the position could not be kept. */
  readonly index: number | null;
  /** Distance of the kept position from the shown slice, mm. */
  readonly distanceMm?: number;
  readonly windowKept: boolean;
  /** Why position or window was not kept (for the panel), else undefined. */
  readonly problem?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stackOf(services: SwitchServices, viewportId: string): StackViewportLike | undefined {
  const vp = services.cornerstoneViewportService?.getCornerstoneViewport(viewportId) as StackViewportLike | undefined;
  return vp && typeof vp.getImageIds === 'function' && typeof vp.setImageIdIndex === 'function' ? vp : undefined;
}

function seriesOfImage(imageId: string | undefined): string | undefined {
  if (!imageId) return undefined;
  const instance = hostCornerstone().metaData.get('instance', imageId) as { SeriesInstanceUID?: string } | undefined;
  return instance?.SeriesInstanceUID;
}

function frameOf(ds: HostDisplaySet | undefined): string {
  return String(ds?.instances?.[0]?.FrameOfReferenceUID ?? '');
}

/** The point at the centre of the view: on the displayed slice for a stack viewport. */
function viewCentre(vp: StackViewportLike): Vec3 | null {
  const f = vp.getCamera().focalPoint;
  if (f && f.length === 3 && f.every(Number.isFinite)) return [f[0], f[1], f[2]];
  const plane = slicePlaneOf(hostCornerstone().metaData.get('imagePlaneModule', vp.getCurrentImageId() ?? '') as never);
  return plane ? plane.imagePositionPatient : null;
}

function nearestIndex(vp: StackViewportLike, point: Vec3) {
  const { metaData } = hostCornerstone();
  return nearestSlice(vp.getImageIds().map((id) => slicePlaneOf(metaData.get('imagePlaneModule', id) as never)), point);
}

/** Puts the display set in the viewport, then restores position and window; resolves when done. */
export async function showSeriesKeepingPlace(services: SwitchServices, viewportId: string, displaySetInstanceUID: string): Promise<SwitchResult> {
  const target = services.displaySetService.getDisplaySetByUID(displaySetInstanceUID);
  if (!target) return { index: null, windowKept: false, problem: 'that series is no longer loaded' };
  if (!services.viewportGridService.setDisplaySetsForViewports) return { index: null, windowKept: false, problem: 'the host cannot change viewport contents' };
  const before = stackOf(services, viewportId);
  const shownUid = services.viewportGridService.getState().viewports.get(viewportId)?.displaySetInstanceUIDs?.[0];
  const shown = shownUid ? services.displaySetService.getDisplaySetByUID(shownUid) : undefined;
  const point = before ? viewCentre(before) : null;
  const voiRange = before?.getProperties().voiRange;
  const sameFrame = !!shown && frameOf(shown) !== '' && frameOf(shown) === frameOf(target);
  services.viewportGridService.setDisplaySetsForViewports([{ viewportId, displaySetInstanceUIDs: [displaySetInstanceUID] }]);

  const started = Date.now();
  let vp = stackOf(services, viewportId);
  while (!vp || seriesOfImage(vp.getCurrentImageId()) !== target.SeriesInstanceUID) {
    if (Date.now() - started > STACK_READY_TIMEOUT_MS) return { index: null, windowKept: false, problem: 'the new series did not appear in the viewport in time' };
    await sleep(POLL_MS);
    vp = stackOf(services, viewportId);
  }

  const apply = async (v: StackViewportLike): Promise<SwitchResult> => {
    const match = point && sameFrame ? nearestIndex(v, point) : null;
    if (match && match.index !== v.getCurrentImageIdIndex()) await v.setImageIdIndex(match.index);
    if (voiRange) v.setProperties({ voiRange: { ...voiRange } });
    v.render();
    const problem = !point ? 'no position to keep' : !sameFrame ? 'the series is in another frame of reference: position not kept' : !match ? 'the series has no slice geometry' : undefined;
    return { index: match?.index ?? null, ...(match ? { distanceMm: match.distanceMm } : {}), windowKept: !!voiRange, ...(problem ? { problem } : {}) };
  };
  const result = await apply(vp);
  // The host finishes setting up a new stack over the next frames (initial image, default window): check again.
  await sleep(SETTLE_MS);
  const settled = stackOf(services, viewportId);
  if (!settled) return result;
  const voiNow = settled.getProperties().voiRange;
  const drifted =
    (result.index !== null && settled.getCurrentImageIdIndex() !== result.index) ||
    (!!voiRange && (!voiNow || Math.abs(voiNow.lower - voiRange.lower) > 0.5 || Math.abs(voiNow.upper - voiRange.upper) > 0.5));
  return drifted ? apply(settled) : result;
}
