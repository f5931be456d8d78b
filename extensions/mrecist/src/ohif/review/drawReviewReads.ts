/**
 * The adjudicator's images: both readers' lines on the same images, read A in one colour and read B in another,
 * locked (nobody edits a signed-off read here). The lines are built exactly as a reader's own redraw builds them
 * (report/drawReadAnnotations planAnnotations + toolAnnotation), then carry `metadata.mrecistReview` instead of
 * the reader's `metadata.mrecist` tag: the read binding (read/annotationSync) and the reader's redraw never take
 * them for lines of an open read, and clearing them never touches anyone else's.
 */
import { errorText } from '../../core/errorText';
import type { CaseFile } from '../../core/criteria/types';
import type { Endorsement } from '../../core/review/auditLog';
import type { HostInstance } from '../hostServices';
import { hostCornerstone, hostCornerstoneTools } from '../hostCornerstone';
import { planAnnotations, toolAnnotation, type DrawResult } from '../report/drawReadAnnotations';

type ReadLabel = Endorsement['read'];

/**
 * One colour per read, apart from the overlay's own (cyan planned seeds, yellow found seeds, red migrated seeds,
 * the isodose ramp) and from the host's default line colour, so a line says whose it is.
 */
export const READ_COLOUR: Readonly<Record<ReadLabel, string>> = { A: 'rgb(255, 140, 0)', B: 'rgb(220, 80, 255)' };

interface AnnotationState {
  getAllAnnotations(): Array<{ annotationUID?: string; metadata?: { mrecistReview?: unknown } }>;
  addAnnotation(annotation: unknown, group: string): void;
  removeAnnotation(annotationUID: string): void;
}

function renderAll(): void {
  try {
    for (const engine of hostCornerstone().getRenderingEngines() ?? []) engine.render();
  } catch {
    // No rendering engine yet: the viewports draw the annotations when they first render.
  }
}

/** Removes the adjudicator view's lines; returns how many. */
export function clearReviewReads(): number {
  const tools = hostCornerstoneTools();
  const state = tools.annotation.state as unknown as AnnotationState;
  let removed = 0;
  for (const a of state.getAllAnnotations())
    if (a.metadata?.mrecistReview && a.annotationUID) {
      tools.annotation.locking.setAnnotationLocked(a.annotationUID, false);
      state.removeAnnotation(a.annotationUID);
      removed++;
    }
  renderAll();
  return removed;
}

/** Replaces the view's lines with those of both reads. */
export function drawReviewReads(
  reads: ReadonlyArray<{ readonly label: ReadLabel; readonly read: CaseFile }>,
  instances: ReadonlyMap<string, HostInstance>,
  imageIdOf: (instance: HostInstance) => string | undefined,
): DrawResult {
  const tools = hostCornerstoneTools();
  const state = tools.annotation.state as unknown as AnnotationState;
  clearReviewReads();
  const problems: string[] = [];
  let drawn = 0;
  for (const { label, read } of reads) {
    for (const plan of planAnnotations(read)) {
      const d = plan.tag;
      const instance = instances.get(d.graphic.referencedSopInstanceUid);
      const imageId = instance ? imageIdOf(instance) : undefined;
      if (!instance || !imageId) {
        problems.push(`read ${label}: ${d.lesionId} at ${d.timepointId}: image ${d.graphic.referencedSopInstanceUid} is not open`);
        continue;
      }
      try {
        const uid = `mrecist-review-${label}-${d.lesionId}-${d.timepointId}-${d.field}-${Date.now().toString(36)}`;
        const built = toolAnnotation(plan, instance, imageId, uid, true);
        const { mrecist, ...metadata } = built.metadata;
        const annotation = { ...built, metadata: { ...metadata, mrecistReview: { read: label, ...mrecist } }, data: { ...built.data, label: `${label}: ${built.data.label}` } };
        state.addAnnotation(annotation, metadata.FrameOfReferenceUID);
        // The host's lock set decides (adding an annotation resets its isLocked from that set).
        tools.annotation.locking.setAnnotationLocked(uid, true);
        const colour = READ_COLOUR[label];
        tools.annotation.config.style.setAnnotationStyles(uid, { color: colour, colorLocked: colour, colorHighlighted: colour, colorSelected: colour, textBoxColor: colour, textBoxColorLocked: colour });
        drawn++;
      } catch (error) {
        problems.push(`read ${label}: ${d.lesionId} at ${d.timepointId}: ${errorText(error)}`);
      }
    }
  }
  renderAll();
  return { drawn, problems };
}
