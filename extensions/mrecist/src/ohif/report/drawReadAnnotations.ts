/**
 * Redraws a read's drawn diameters on their images as Cornerstone annotations in the host's annotation state,
 * so the reader sees them and can edit them: a long axis with its perpendicular on the same image (viable long
 * axis + viable perpendicular, or long + short axis) becomes one Bidirectional annotation tagged with the long
 * axis field (ohif/read/annotationSync reads a Bidirectional as both values); any other line a Length. Image points (SCOORD column/row) go to
 * patient millimetres through the image's own plane attributes (core/geometry/imagePixelToPatient).
 * Our annotations carry `metadata.mrecist = { lesionId, timepointId, field }`; a redraw first removes the
 * ones it drew before, never anyone else's.
 */
import { errorText } from '../../core/errorText';
import type { CaseFile, ImageGraphic, MeasurementField } from '../../core/criteria/types';
import { measurementLabel } from '../measurementLabel';
import { isNotEvaluable } from '../../core/criteria/types';
import { imagePlaneFromAttributes, scoordToPatient } from '../../core/geometry/imagePixelToPatient';
import { cross, type Vec3 } from '../../core/geometry/vec3';
import type { HostInstance } from '../hostServices';
import { hostCornerstone, hostCornerstoneTools } from '../hostCornerstone';

export interface DrawnGraphic {
  readonly lesionId: string;
  readonly timepointId: string;
  readonly field: MeasurementField;
  readonly graphic: ImageGraphic;
}

export function readGraphics(read: CaseFile): DrawnGraphic[] {
  const out: DrawnGraphic[] = [];
  for (const lesion of read.lesions) {
    if (lesion.role === 'target') {
      for (const [timepointId, m] of Object.entries(lesion.measurements)) {
        if (isNotEvaluable(m)) continue;
        for (const [field, graphic] of Object.entries(m.graphics ?? {}))
          if (graphic) out.push({ lesionId: lesion.id, timepointId, field: field as MeasurementField, graphic });
      }
    } else if (lesion.role === 'new') {
      for (const [timepointId, a] of Object.entries(lesion.assessments))
        for (const [field, graphic] of Object.entries(a.graphics ?? {}))
          if (graphic) out.push({ lesionId: lesion.id, timepointId, field: field as MeasurementField, graphic });
    }
  }
  return out;
}

/** The perpendicular that pairs with each long axis into one Bidirectional. */
const PERPENDICULAR_OF: Partial<Record<MeasurementField, MeasurementField>> = { viableLongAxisMm: 'viablePerpendicularMm', longAxisMm: 'shortAxisMm' };

export interface PlannedAnnotation {
  readonly toolName: 'Length' | 'Bidirectional';
  /** The tag: the long axis field for a Bidirectional. */
  readonly tag: DrawnGraphic;
  /** One line (Length) or long axis then perpendicular (Bidirectional). */
  readonly lines: readonly ImageGraphic[];
}

/** Which annotations the read's lines become. */
export function planAnnotations(read: CaseFile): PlannedAnnotation[] {
  const all = readGraphics(read);
  const key = (d: DrawnGraphic, field: MeasurementField) => `${d.lesionId}\u0000${d.timepointId}\u0000${field}`;
  const byKey = new Map(all.map((d) => [key(d, d.field), d]));
  const paired = new Set<DrawnGraphic>();
  const out: PlannedAnnotation[] = [];
  for (const d of all) {
    const perpendicularField = PERPENDICULAR_OF[d.field];
    const perpendicular = perpendicularField ? byKey.get(key(d, perpendicularField)) : undefined;
    if (perpendicular && perpendicular.graphic.referencedSopInstanceUid === d.graphic.referencedSopInstanceUid && perpendicular.graphic.points.length >= 2) {
      paired.add(perpendicular);
      out.push({ toolName: 'Bidirectional', tag: d, lines: [d.graphic, perpendicular.graphic] });
    }
  }
  for (const d of all) if (!paired.has(d) && !out.some((p) => p.tag === d)) out.push({ toolName: 'Length', tag: d, lines: [d.graphic] });
  return out;
}

export interface ToolAnnotation {
  annotationUID: string;
  highlighted: boolean;
  isLocked: boolean;
  invalidated: boolean;
  metadata: {
    toolName: 'Length' | 'Bidirectional';
    FrameOfReferenceUID: string;
    referencedImageId: string;
    viewPlaneNormal: Vec3;
    viewUp: Vec3;
    mrecist: { lesionId: string; timepointId: string; field: MeasurementField };
  };
  data: { label: string; handles: { points: Vec3[]; activeHandleIndex: null; textBox: Record<string, unknown> }; cachedStats: Record<string, unknown> };
}

/** The annotation in patient coordinates. Throws naming the image when its plane is unknown. */
export function toolAnnotation(plan: PlannedAnnotation, instance: HostInstance, imageId: string, annotationUID: string, locked = false): ToolAnnotation {
  const d = plan.tag;
  const where = `image ${d.graphic.referencedSopInstanceUid}`;
  const plane = imagePlaneFromAttributes(instance, where);
  const normal = cross(plane.rowDirection, plane.columnDirection);
  const points = plan.lines.flatMap((line) => line.points.slice(0, 2).map((p) => scoordToPatient(plane, p)));
  return {
    annotationUID,
    highlighted: false,
    isLocked: locked,
    invalidated: true,
    metadata: {
      toolName: plan.toolName,
      FrameOfReferenceUID: String(instance.FrameOfReferenceUID ?? ''),
      referencedImageId: imageId,
      viewPlaneNormal: normal,
      viewUp: [-plane.columnDirection[0], -plane.columnDirection[1], -plane.columnDirection[2]],
      mrecist: { lesionId: d.lesionId, timepointId: d.timepointId, field: d.field },
    },
    data: {
      label: measurementLabel(d.lesionId, d.field),
      handles: { points: plan.toolName === 'Length' ? d.graphic.points.map((p) => scoordToPatient(plane, p)) : points, activeHandleIndex: null, textBox: { hasMoved: false } },
      cachedStats: {},
    },
  };
}

export interface DrawResult {
  readonly drawn: number;
  /** Lines that could not be drawn (image not open, plane unknown), one line each. */
  readonly problems: string[];
}

type AnnotationState = {
  getAllAnnotations(): Array<{ annotationUID?: string; metadata?: { mrecist?: unknown } }>;
  addAnnotation(annotation: unknown, group: string): void;
  removeAnnotation(annotationUID: string): void;
};

/** Removes every annotation carrying our tag; returns how many. */
export function clearDrawnAnnotations(): number {
  const state = hostCornerstoneTools().annotation.state as unknown as AnnotationState;
  let removed = 0;
  for (const old of state.getAllAnnotations())
    if (old.metadata?.mrecist && old.annotationUID) {
      state.removeAnnotation(old.annotationUID);
      removed++;
    }
  return removed;
}

/** Locks (a signed-off read) or unlocks every annotation carrying our tag, so it can or cannot be dragged. */
export function lockDrawnAnnotations(locked: boolean): void {
  const tools = hostCornerstoneTools();
  const state = tools.annotation.state as unknown as AnnotationState;
  for (const a of state.getAllAnnotations()) if (a.metadata?.mrecist && a.annotationUID) tools.annotation.locking.setAnnotationLocked(a.annotationUID, locked);
  try {
    for (const engine of hostCornerstone().getRenderingEngines() ?? []) engine.render();
  } catch {
    // No rendering engine: nothing shown to update.
  }
}

/** Replaces our previously drawn annotations with the read's lines; `locked` (a signed-off read) makes them fixed. */
export function drawReadAnnotations(read: CaseFile, instances: ReadonlyMap<string, HostInstance>, imageIdOf: (instance: HostInstance) => string | undefined, locked = false): DrawResult {
  const state = hostCornerstoneTools().annotation.state as unknown as AnnotationState;
  clearDrawnAnnotations();
  const problems: string[] = [];
  let drawn = 0;
  for (const plan of planAnnotations(read)) {
    const d = plan.tag;
    const instance = instances.get(d.graphic.referencedSopInstanceUid);
    const imageId = instance ? imageIdOf(instance) : undefined;
    if (!instance || !imageId) {
      problems.push(`${d.lesionId} at ${d.timepointId}: image ${d.graphic.referencedSopInstanceUid} is not open`);
      continue;
    }
    try {
      const annotation = toolAnnotation(plan, instance, imageId, `mrecist-${d.lesionId}-${d.timepointId}-${d.field}-${Date.now().toString(36)}`, locked);
      state.addAnnotation(annotation, annotation.metadata.FrameOfReferenceUID);
      drawn++;
    } catch (error) {
      problems.push(`${d.lesionId} at ${d.timepointId}: ${errorText(error)}`);
    }
  }
  try {
    for (const engine of hostCornerstone().getRenderingEngines() ?? []) engine.render();
  } catch {
    // No rendering engine yet: the viewports draw the annotations when they first render.
  }
  return { drawn, problems };
}
