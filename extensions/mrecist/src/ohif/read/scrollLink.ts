/**
 * Linked scrolling of the baseline and follow-up viewports: when one shows a new slice, the other moves to the
 * slice nearest to the same anatomical point (core/geometry/linkedSlice), mapped between the two studies'
 * frames of reference by the session's registration (the implant plan's placements: same frame, seed
 * registration or Spatial Registration). Without a registration there is no link, and the reader is told once.
 *
 * Built on the host's Cornerstone3D synchronizer (cornerstoneTools SynchronizerManager) listening to
 * STACK_NEW_IMAGE on both viewports: while it moves the other viewport it ignores the events that move causes,
 * so the two never chase each other.
 *
 * Off by default: jump-to-lesion and the phase switcher place each viewport at its own lesion and slice on
 * purpose, a reader comparing a lesion with a new one elsewhere wants the viewports apart, and before the plan's
 * registration has finished a linked follow-up would not move at all. One key (or the toolbar button) turns it on.
 */
import { errorText } from '../../core/errorText';
import { linkedSlice, pointOnSlice, type FrameMapping } from '../../core/geometry/linkedSlice';
import { slicePlaneOf } from '../../core/geometry/nearestSlice';
import type { Vec3 } from '../../core/geometry/vec3';
import { hostCornerstone, hostCornerstoneTools, type HostStackViewport } from '../hostCornerstone';
import { VIEWPORT_ID } from '../ids';
import { watchViewportElements } from '../viewportElements';

const SYNCHRONIZER_ID = 'mrecist-linked-scroll';
const LINKED_VIEWPORTS: readonly string[] = [VIEWPORT_ID.baseline, VIEWPORT_ID.current];
export const LINK_SCROLLING_BY_DEFAULT = false;

interface ViewportRef {
  renderingEngineId: string;
  viewportId: string;
}

type StackLike = HostStackViewport;

interface ImagePlaneMeta {
  imagePositionPatient?: number[];
  rowCosines?: number[];
  columnCosines?: number[];
  frameOfReferenceUID?: string;
}

interface SynchronizerLike {
  add(ref: ViewportRef): void;
  remove(ref: ViewportRef): void;
  setEnabled(enabled: boolean): void;
}

function stackOf(ref: ViewportRef): StackLike | undefined {
  const vp = hostCornerstone().getRenderingEngine(ref.renderingEngineId)?.getViewport(ref.viewportId) as unknown as StackLike | undefined;
  return vp && typeof vp.getImageIds === 'function' && typeof vp.setImageIdIndex === 'function' ? vp : undefined;
}

const planeMeta = (imageId: string | undefined): ImagePlaneMeta | undefined =>
  imageId ? (hostCornerstone().metaData.get('imagePlaneModule', imageId) as ImagePlaneMeta | undefined) : undefined;

/** The point the source viewport shows: its view centre on the displayed slice. */
function shownPoint(vp: StackLike): { point: Vec3; frameUid: string } | null {
  const meta = planeMeta(vp.getCurrentImageId());
  const plane = slicePlaneOf(meta);
  if (!plane) return null;
  const f = vp.getCamera().focalPoint;
  const centre: Vec3 = f && f.length === 3 && f.every(Number.isFinite) ? [f[0], f[1], f[2]] : plane.imagePositionPatient;
  return { point: pointOnSlice(plane, centre) ?? plane.imagePositionPatient, frameUid: String(meta?.frameOfReferenceUID ?? '') };
}

export class ScrollLink {
  private enabled = LINK_SCROLLING_BY_DEFAULT;
  private synchronizer: SynchronizerLike | null = null;
  private stopWatching: (() => void) | null = null;
  private readonly viewports = new Map<string, ViewportRef>();
  /** The last problem told to the reader, so a scroll through 100 slices tells it once. */
  private toldProblem = '';

  constructor(
    private readonly map: FrameMapping,
    private readonly notify: (message: string, type: 'info' | 'warning') => void,
  ) {}

  start(): void {
    const cs = hostCornerstone();
    const manager = hostCornerstoneTools().SynchronizerManager;
    // A previous visit of the mode that ended without stop() left its synchronizer registered under our id.
    if (manager.getSynchronizer(SYNCHRONIZER_ID)) manager.destroySynchronizer(SYNCHRONIZER_ID);
    const sync = manager.createSynchronizer(SYNCHRONIZER_ID, cs.Enums.Events.STACK_NEW_IMAGE, (_s, source, target) =>
      this.follow(source, target),
    ) as unknown as SynchronizerLike;
    sync.setEnabled(this.enabled);
    this.synchronizer = sync;
    this.stopWatching = watchViewportElements((element, viewportId) => {
      if (!LINKED_VIEWPORTS.includes(viewportId)) return () => undefined;
      const renderingEngineId = cs.getEnabledElement(element)?.renderingEngineId;
      if (!renderingEngineId) return () => undefined;
      const ref = { renderingEngineId, viewportId };
      sync.add(ref);
      this.viewports.set(viewportId, ref);
      return () => {
        this.viewports.delete(viewportId);
        try {
          sync.remove(ref);
        } catch {
          // The host already tore the viewport down (the synchronizer drops disabled viewports itself).
        }
      };
    });
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    if (this.synchronizer) hostCornerstoneTools().SynchronizerManager.destroySynchronizer(SYNCHRONIZER_ID);
    this.synchronizer = null;
  }

  isEnabled(): boolean {
    return this.enabled;
  }

  /** Turns linking on or off; turned on, the follow-up moves to the baseline's position at once. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.toldProblem = '';
    this.synchronizer?.setEnabled(enabled);
    this.notify(enabled ? 'Linked scrolling on: the other viewport follows to the same anatomical position.' : 'Linked scrolling off.', 'info');
    const [baseline, current] = [this.viewports.get(VIEWPORT_ID.baseline), this.viewports.get(VIEWPORT_ID.current)];
    if (enabled && baseline && current) void this.follow(baseline, current);
  }

  toggle(): void {
    this.setEnabled(!this.enabled);
  }

  /** Moves the target viewport to the slice nearest the source's shown point; resolves when it is shown. */
  private follow(source: ViewportRef, target: ViewportRef): Promise<void> | undefined {
    if (!this.enabled) return undefined;
    const [from, to] = [stackOf(source), stackOf(target)];
    const shown = from ? shownPoint(from) : null;
    if (!to || !shown) return undefined;
    const ids = to.getImageIds();
    const result = linkedSlice(shown, { frameUid: String(planeMeta(ids[0])?.frameOfReferenceUID ?? ''), planes: ids.map((id) => slicePlaneOf(planeMeta(id))) }, this.map);
    if ('problem' in result) {
      if (result.problem !== this.toldProblem) this.notify(`Linked scrolling: ${result.problem}.`, 'warning');
      this.toldProblem = result.problem;
      return undefined;
    }
    this.toldProblem = '';
    if (result.index === to.getCurrentImageIdIndex()) return undefined;
    return to.setImageIdIndex(result.index).then(
      () => undefined,
      (error) => this.notify(`Linked scrolling: the other viewport could not move (${errorText(error)}).`, 'warning'),
    );
  }
}
