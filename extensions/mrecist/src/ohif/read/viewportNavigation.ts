/**
 * Moving the viewports for the reader: open a timepoint on the right against the baseline or the previous
 * timepoint on the left (arterial phase where there is one), and bring each viewport to a lesion's slice.
 *
 * A lesion's location is the world position of its latest drawn line (centre of the line). In a viewport whose
 * study shares that line's frame of reference the position is used as is; otherwise through a registration
 * provider passed in by the caller (the session maps through the implant plan's placements:
 * (fromFrameUid, toFrameUid, point) => point | null); else the same relative slice position, reported approximate.
 */
import type { CaseFile, ImageGraphic } from '../../core/criteria/types';
import { isNotEvaluable } from '../../core/criteria/types';
import { imagePlaneFromAttributes, scoordToPatient } from '../../core/geometry/imagePixelToPatient';
import type { HostDisplaySet, HostInstance, HostServices } from '../hostServices';
import { VIEWPORT_ID } from '../ids';
import { hostCornerstone, type HostStackViewport } from '../hostCornerstone';
import { displaySetPhaseLabel, type PhaseDisplaySet } from '../baselineVsCurrentProtocol';
import { windowToKeep, type VoiRange, type WindowLevel } from './keptWindow';

type Vec3 = [number, number, number];
export type FrameRegistration = (fromFrameUid: string, toFrameUid: string, point: Vec3) => Vec3 | null;

type StackViewportLike = Pick<HostStackViewport, 'getImageIds' | 'getCurrentImageIdIndex' | 'setImageIdIndex'>;

interface NavigationServices {
  displaySetService: HostServices['displaySetService'];
  viewportGridService: HostServices['viewportGridService'] & {
    setDisplaySetsForViewports?: (updates: ViewportUpdate[]) => unknown;
    setActiveViewportId?: (viewportId: string) => unknown;
  };
  cornerstoneViewportService?: { getCornerstoneViewport(viewportId: string): unknown };
}

function isImageSeries(ds: HostDisplaySet): boolean {
  const modality = ds.Modality ?? ds.instances?.[0]?.Modality;
  return !ds.unsupported && (modality === 'CT' || modality === 'MR') && (ds.instances?.length ?? 0) > 0;
}

/**
 * The series to read on, as the hanging protocol chooses it: the arterial phase found by the phase classifier
 * (late arterial first), else a series described as arterial, else the study's largest CT/MR series. Matching
 * the description alone opened the T2 series of the MRI demo ("t1_vibe_fs_tra_art" names no "arterial").
 */
export function readingDisplaySet(displaySets: readonly HostDisplaySet[], studyInstanceUid: string): HostDisplaySet | undefined {
  const series = displaySets.filter((ds) => ds.StudyInstanceUID === studyInstanceUid && isImageSeries(ds));
  const phases = new Map(series.map((ds) => [ds, displaySetPhaseLabel(ds as PhaseDisplaySet, series as readonly PhaseDisplaySet[])]));
  return (
    series.find((ds) => phases.get(ds) === 'late arterial') ??
    series.find((ds) => /arterial/i.test(phases.get(ds) ?? '')) ??
    series.find((ds) => /arterial/i.test(String(ds.SeriesDescription ?? ''))) ??
    [...series].sort((a, b) => (b.instances?.length ?? 0) - (a.instances?.length ?? 0))[0]
  );
}

interface ViewportUpdate {
  viewportId: string;
  displaySetInstanceUIDs: string[];
  displaySetOptions?: Array<{ voi?: WindowLevel }>;
}

function modalityOf(ds: HostDisplaySet | undefined): string | undefined {
  return ds ? String(ds.Modality ?? ds.instances?.[0]?.Modality ?? '') || undefined : undefined;
}

/** The update that shows `next` in a viewport, keeping the window the reader set there (keptWindow.ts). */
function withKeptWindow(services: NavigationServices, viewportId: string, next: HostDisplaySet): ViewportUpdate {
  const update: ViewportUpdate = { viewportId, displaySetInstanceUIDs: [next.displaySetInstanceUID] };
  const shownUid = services.viewportGridService.getState().viewports.get(viewportId)?.displaySetInstanceUIDs?.[0];
  const viewport = services.cornerstoneViewportService?.getCornerstoneViewport(viewportId) as { getProperties?: () => { voiRange?: VoiRange } } | undefined;
  const voi = windowToKeep(viewport?.getProperties?.()?.voiRange, modalityOf(services.displaySetService.getDisplaySetByUID(shownUid ?? '')), modalityOf(next));
  if (voi) update.displaySetOptions = [{ voi }];
  return update;
}

/** Right viewport: this timepoint; left viewport: the baseline or the previous timepoint. */
export function openTimepoint(services: NavigationServices, read: CaseFile, timepointId: string, against: 'baseline' | 'previous'): string | null {
  const ordered = read.timepoints;
  const index = ordered.findIndex((t) => t.id === timepointId);
  if (index < 0) return `no timepoint ${timepointId}`;
  const reference = against === 'baseline' ? ordered.find((t) => t.baseline) : ordered[index - 1] ?? ordered.find((t) => t.baseline);
  const all = services.displaySetService.getActiveDisplaySets();
  const right = readingDisplaySet(all, ordered[index].studyInstanceUid ?? '');
  const left = reference && reference !== ordered[index] ? readingDisplaySet(all, reference.studyInstanceUid ?? '') : undefined;
  if (!right) return `the study of ${timepointId} has no CT or MR series loaded`;
  const updates: ViewportUpdate[] = [withKeptWindow(services, VIEWPORT_ID.current, right)];
  if (left) updates.push(withKeptWindow(services, VIEWPORT_ID.baseline, left));
  if (!services.viewportGridService.setDisplaySetsForViewports) return 'the host cannot change viewport contents';
  services.viewportGridService.setDisplaySetsForViewports(updates);
  // The opened timepoint is where the reader measures next: its viewport takes the tools' input.
  services.viewportGridService.setActiveViewportId?.(VIEWPORT_ID.current);
  return null;
}

/** Patient position of a SCOORD point on an instance; null when the instance lacks its plane attributes. */
function scoordToWorld(instance: HostInstance, point: [number, number]): Vec3 | null {
  try {
    return scoordToPatient(imagePlaneFromAttributes(instance, 'image'), point);
  } catch {
    return null;
  }
}

interface LocatedGraphic {
  timepointId: string;
  instance: HostInstance;
  displaySet: HostDisplaySet;
  world: Vec3;
}

function graphicsOfLesion(read: CaseFile, lesionId: string): Array<{ timepointId: string; graphic: ImageGraphic }> {
  const lesion = read.lesions.find((l) => l.id === lesionId);
  if (!lesion) return [];
  const out: Array<{ timepointId: string; graphic: ImageGraphic }> = [];
  if (lesion.role === 'target') {
    for (const [timepointId, m] of Object.entries(lesion.measurements)) {
      const g = !isNotEvaluable(m) ? m.graphics?.viableLongAxisMm ?? m.graphics?.longAxisMm : undefined;
      if (g) out.push({ timepointId, graphic: g });
    }
  } else if (lesion.role === 'new') {
    for (const [timepointId, a] of Object.entries(lesion.assessments)) if (a.graphics?.longAxisMm) out.push({ timepointId, graphic: a.graphics.longAxisMm });
  }
  const order = new Map(read.timepoints.map((t, i) => [t.id, i]));
  return out.sort((a, b) => (order.get(a.timepointId) ?? 0) - (order.get(b.timepointId) ?? 0));
}

function locate(displaySets: readonly HostDisplaySet[], timepointId: string, graphic: ImageGraphic): LocatedGraphic | null {
  for (const displaySet of displaySets) {
    const instance = displaySet.instances?.find((i) => i.SOPInstanceUID === graphic.referencedSopInstanceUid);
    if (!instance) continue;
    const ends = graphic.points.map((p) => scoordToWorld(instance, p));
    if (ends.some((e) => !e)) return null;
    const world = [0, 1, 2].map((k) => ends.reduce((sum, e) => sum + (e as Vec3)[k], 0) / ends.length) as Vec3;
    return { timepointId, instance, displaySet, world };
  }
  return null;
}

function nearestSliceIndex(imageIds: readonly string[], world: Vec3): number {
  const { metaData } = hostCornerstone();
  let best = -1;
  let bestDistance = Infinity;
  imageIds.forEach((imageId, index) => {
    const plane = metaData.get('imagePlaneModule', imageId) as { imagePositionPatient?: number[]; rowCosines?: number[]; columnCosines?: number[] } | undefined;
    if (!plane?.imagePositionPatient || !plane.rowCosines || !plane.columnCosines) return;
    const [r, c, p] = [plane.rowCosines, plane.columnCosines, plane.imagePositionPatient];
    const normal = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
    const distance = Math.abs(normal.reduce((sum, n, k) => sum + n * (world[k] - p[k]), 0));
    if (distance < bestDistance) [best, bestDistance] = [index, distance];
  });
  return best;
}

/** How long a jump waits for a viewport to finish switching to the series the grid says it shows. */
const STACK_SWITCH_WAIT_MS = 5_000;
const STACK_SWITCH_POLL_MS = 50;

/**
 * The viewport's stack once it holds `shown`'s images. Right after a timepoint is opened the grid already names
 * the new series while the Cornerstone viewport still holds the old stack: a jump then moved the OLD stack and
 * the new one opened at its middle image, so the reader's first click on a lesion seemed to do nothing.
 */
async function stackShowing(services: NavigationServices, viewportId: string, shown: HostDisplaySet): Promise<StackViewportLike | undefined> {
  const started = Date.now();
  for (;;) {
    const csViewport = services.cornerstoneViewportService?.getCornerstoneViewport(viewportId) as StackViewportLike | undefined;
    const imageIds = csViewport?.getImageIds?.() ?? [];
    const first = imageIds[0] ? (hostCornerstone().metaData.get('generalSeriesModule', imageIds[0]) as { seriesInstanceUID?: string } | undefined) : undefined;
    if (csViewport && imageIds.length && first?.seriesInstanceUID === shown.SeriesInstanceUID) return csViewport;
    if (Date.now() - started > STACK_SWITCH_WAIT_MS) return undefined;
    await new Promise((resolve) => setTimeout(resolve, STACK_SWITCH_POLL_MS));
  }
}

export interface JumpResult {
  readonly viewportId: string;
  readonly how: 'same frame' | 'registered' | 'approximate';
}

/**
 * Each viewport goes to the lesion's slice: its own line at the viewport's timepoint if drawn, else its latest
 * line elsewhere. Returns what was done per viewport (the panel labels approximate positions).
 */
export async function jumpToLesion(services: NavigationServices, read: CaseFile, lesionId: string, registration?: FrameRegistration): Promise<JumpResult[]> {
  const graphics = graphicsOfLesion(read, lesionId);
  if (!graphics.length || !services.cornerstoneViewportService) return [];
  const displaySets = services.displaySetService.getActiveDisplaySets();
  const results: JumpResult[] = [];
  for (const viewport of services.viewportGridService.getState().viewports.values()) {
    const shown = services.displaySetService.getDisplaySetByUID(viewport.displaySetInstanceUIDs?.[0] ?? '');
    if (!shown) continue;
    const csViewport = await stackShowing(services, viewport.viewportId, shown);
    if (!csViewport) continue;
    const timepoint = read.timepoints.find((t) => t.studyInstanceUid === shown.StudyInstanceUID);
    const own = graphics.find((g) => g.timepointId === timepoint?.id);
    const chosen = own ?? graphics[graphics.length - 1];
    const located = locate(displaySets, chosen.timepointId, chosen.graphic);
    if (!located) continue;
    const imageIds = csViewport.getImageIds();
    const fromFrame = String(located.instance.FrameOfReferenceUID ?? '');
    const toFrame = String(shown.instances?.[0]?.FrameOfReferenceUID ?? '');
    let index = -1;
    let how: JumpResult['how'] = 'same frame';
    if (fromFrame && fromFrame === toFrame) index = nearestSliceIndex(imageIds, located.world);
    else {
      const mapped = registration && fromFrame && toFrame ? registration(fromFrame, toFrame, located.world) : null;
      if (mapped) {
        index = nearestSliceIndex(imageIds, mapped);
        how = 'registered';
      } else {
        const sourceInstances = located.displaySet.instances ?? [];
        const at = sourceInstances.indexOf(located.instance);
        const fraction = sourceInstances.length > 1 ? at / (sourceInstances.length - 1) : 0.5;
        index = Math.round(fraction * (imageIds.length - 1));
        how = 'approximate';
      }
    }
    if (index >= 0 && index !== csViewport.getCurrentImageIdIndex()) await csViewport.setImageIdIndex(index);
    if (index >= 0) results.push({ viewportId: viewport.viewportId, how });
  }
  return results;
}
