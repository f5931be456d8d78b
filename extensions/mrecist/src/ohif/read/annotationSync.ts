/**
 * Lines the reader draws with the host's Cornerstone3D Length or Bidirectional tool become values of the read.
 * Listens to the host's annotation events (the host's Cornerstone, ohif/hostCornerstone):
 *   COMPLETED: a new line attaches to the selected lesion at the timepoint of the study it was drawn on (or
 *              creates a lesion), and the annotation is tagged `metadata.mrecist = { lesionId, timepointId, field }`
 *              (the tag ohif/report/drawReadAnnotations uses for lines it redraws);
 *   ADDED:     a tagged line put back whose value the read lost (the host's redo after an undo) records it again;
 *   MODIFIED:  a tagged line that was dragged updates its value (coalesced: a drag fires many events); the
 *              host recomputing statistics is ignored;
 *   REMOVED:   a tagged line that was deleted clears the lesion's values there, unless a line with the same tag
 *              is back in the same tick (a redraw removes and re-adds its lines) or the mode holds lines
 *              (leaving or entering the viewer clears every line; read/lineHold).
 * Image points are stored as DICOM SCOORD column/row (first pixel's centre at 0.5, 0.5), computed from the image
 * plane (see graphicFor).
 */
import { errorText } from '../../core/errorText';
import type { Types as CoreTypes } from '@cornerstonejs/core';
import type { CaseFile, ImageGraphic, MeasurementField } from '../../core/criteria/types';
import { imagePlaneFromAttributes, patientToScoord, type ImagePlaneGeometry } from '../../core/geometry/imagePixelToPatient';
import { attachMeasurement, detachMeasurement, distanceMm, type DrawnMeasurement, type MeasuredAxis } from '../../core/read/measurementEdits';
import { ReadEditRefused } from '../../core/read/readTimepoints';
import type { ContrastPhase } from '../../core/phase/ContrastPhase';
import { hostCornerstone, hostCornerstoneTools } from '../hostCornerstone';
import { linesHeld } from './lineHold';
import { measurementLabel } from '../measurementLabel';
import type { ReadStore } from './ReadStore';

export interface MrecistTag {
  lesionId: string;
  timepointId: string;
  field: MeasurementField;
}

interface ToolAnnotation {
  annotationUID?: string;
  metadata: { toolName?: string; referencedImageId?: string; mrecist?: MrecistTag; [k: string]: unknown };
  data: { handles: { points: CoreTypes.Point3[] }; label?: string };
}

interface InstanceMetadata {
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
  SOPClassUID?: string;
  PatientID?: string;
  readonly [attribute: string]: unknown;
}

export interface AnnotationSyncOptions {
  readonly storeForPatient: (patientId: string) => ReadStore | undefined;
  /** What the next new line on a target measures (the panel's "Lines measure" choice). */
  readonly measuredAxis: () => MeasuredAxis;
  /** Shows a problem to the reader (panel status line / host notification). */
  readonly notify: (message: string) => void;
  /** The contrast phase of a series (ohif/phase/SeriesPhaseBook), recorded with the line's values. */
  readonly phaseOfSeries?: (studyInstanceUid: string, seriesInstanceUid: string) => ContrastPhase | undefined;
}

const MEASURING_TOOLS = new Set(['Length', 'Bidirectional']);

/**
 * The plane of the image a line was drawn on, as Cornerstone renders it (imagePlaneModule is per frame), else
 * from the instance's own attributes.
 */
function imagePlaneOf(imageId: string, instance: InstanceMetadata): ImagePlaneGeometry {
  const module = hostCornerstone().metaData.get('imagePlaneModule', imageId) as
    | { imagePositionPatient?: number[]; rowCosines?: number[]; columnCosines?: number[]; rowPixelSpacing?: number; columnPixelSpacing?: number }
    | undefined;
  const { imagePositionPatient: ipp, rowCosines: row, columnCosines: column, rowPixelSpacing, columnPixelSpacing } = module ?? {};
  if (ipp?.length === 3 && row?.length === 3 && column?.length === 3 && rowPixelSpacing && columnPixelSpacing)
    return { imagePositionPatient: [ipp[0], ipp[1], ipp[2]], rowDirection: [row[0], row[1], row[2]], columnDirection: [column[0], column[1], column[2]], pixelSpacingMm: [rowPixelSpacing, columnPixelSpacing] };
  return imagePlaneFromAttributes(instance, `image ${instance.SOPInstanceUID ?? imageId}`);
}

/** SCOORD points are kept to 1/10000 pixel, so a line redrawn from the read reads back as exactly the same values. */
const roundScoord = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * The line as an SR image graphic. Points go to SCOORD column/row through the same plane formula the redraw
 * uses backwards (core/geometry/imagePixelToPatient), not through Cornerstone's worldToImageCoords, whose pixel
 * origin has changed between Cornerstone versions: a redrawn line must read back where it was drawn.
 */
function graphicFor(imageId: string, instance: InstanceMetadata, frame: number | undefined, points: CoreTypes.Point3[]): ImageGraphic {
  const plane = imagePlaneOf(imageId, instance);
  const image = points.map((p) => {
    const [column, row] = patientToScoord(plane, [p[0], p[1], p[2]]);
    return [roundScoord(column), roundScoord(row)] as [number, number];
  });
  return {
    referencedSopClassUid: String(instance.SOPClassUID ?? ''),
    referencedSopInstanceUid: String(instance.SOPInstanceUID ?? ''),
    ...(frame !== undefined ? { referencedFrameNumber: frame } : {}),
    ...(instance.SeriesInstanceUID ? { referencedSeriesInstanceUid: instance.SeriesInstanceUID } : {}),
    graphicType: 'POLYLINE',
    points: image,
  };
}

function frameNumber(imageId: string): number | undefined {
  const match = /[?&]frame=(\d+)|\/frames\/(\d+)/.exec(imageId);
  return match ? Number(match[1] ?? match[2]) : undefined;
}

/** What the line measures, or null when it is not one of ours to read (other tools, unfinished handles). */
export function drawnMeasurement(annotation: ToolAnnotation, read: CaseFile): { drawn: DrawnMeasurement; studyInstanceUid: string } | { problem: string } | null {
  const toolName = annotation.metadata.toolName ?? '';
  if (!MEASURING_TOOLS.has(toolName)) return null;
  const imageId = annotation.metadata.referencedImageId;
  const points = annotation.data.handles.points;
  if (!imageId || points.length < 2) return null;
  const instance = (hostCornerstone().metaData.get('instance', imageId) ?? {}) as InstanceMetadata;
  const studyInstanceUid = String(instance.StudyInstanceUID ?? '');
  const timepoint = read.timepoints.find((t) => t.studyInstanceUid === studyInstanceUid);
  if (!timepoint) return { problem: 'This study is not a timepoint of the read (it is dated before the baseline): the line was not recorded.' };
  const frame = frameNumber(imageId);
  const drawn: DrawnMeasurement =
    toolName === 'Bidirectional' && points.length >= 4
      ? {
          timepointId: timepoint.id,
          longAxisMm: distanceMm(points[0], points[1]),
          perpendicularMm: distanceMm(points[2], points[3]),
          longAxisGraphic: graphicFor(imageId, instance, frame, [points[0], points[1]]),
          perpendicularGraphic: graphicFor(imageId, instance, frame, [points[2], points[3]]),
        }
      : { timepointId: timepoint.id, longAxisMm: distanceMm(points[0], points[1]), longAxisGraphic: graphicFor(imageId, instance, frame, [points[0], points[1]]) };
  return { drawn, studyInstanceUid };
}

function patientOf(annotation: ToolAnnotation): string {
  const imageId = annotation.metadata.referencedImageId;
  const instance = (imageId ? hostCornerstone().metaData.get('instance', imageId) : undefined) as InstanceMetadata | undefined;
  return String(instance?.PatientID ?? '');
}

/** MODIFIED change types that are not the reader moving a line (Cornerstone ChangeTypes). */
const IGNORED_CHANGES = new Set(['StatsUpdated', 'InitialSetup', 'LabelChange', 'MetadataReferenceModified']);

/** Whether the read holds a value for this tag (lesion, timepoint, field). */
function holdsValue(read: CaseFile, tag: MrecistTag): boolean {
  const lesion = read.lesions.find((l) => l.id === tag.lesionId);
  const values = lesion?.role === 'target' ? lesion.measurements[tag.timepointId] : lesion?.role === 'new' ? lesion.assessments[tag.timepointId] : undefined;
  return !!values && (values as Partial<Record<MeasurementField, unknown>>)[tag.field] !== undefined;
}

/** Starts listening; returns the function that stops. */
export function startAnnotationSync(options: AnnotationSyncOptions): () => void {
  const core = hostCornerstone();
  const tools = hostCornerstoneTools();
  const events = tools.Enums.Events;
  const pendingModified = new Map<string, ReturnType<typeof setTimeout>>();

  const record = (annotation: ToolAnnotation, isNew: boolean) => {
    const store = options.storeForPatient(patientOf(annotation));
    if (!store) return;
    const { read, selectedLesionId } = store.getState();
    const measured = drawnMeasurement(annotation, read);
    if (!measured) return;
    if ('problem' in measured) {
      options.notify(measured.problem);
      return;
    }
    const tag = annotation.metadata.mrecist;
    const lesionId = isNew ? selectedLesionId : tag?.lesionId;
    if (!isNew && !tag) return;
    try {
      let attachedTo = '';
      const axis: MeasuredAxis = isNew ? options.measuredAxis() : tag?.field === 'longAxisMm' || tag?.field === 'shortAxisMm' ? 'whole' : 'viable';
      const seriesInstanceUid = measured.drawn.longAxisGraphic?.referencedSeriesInstanceUid;
      const phase = seriesInstanceUid ? options.phaseOfSeries?.(measured.studyInstanceUid, seriesInstanceUid) : undefined;
      const drawn = { ...measured.drawn, axis, ...(seriesInstanceUid ? { seriesInstanceUid } : {}), ...(phase ? { phase } : {}) };
      store.apply((current, { retiredLesionIds }) => {
        const result = attachMeasurement(current, lesionId, drawn, retiredLesionIds);
        attachedTo = result.lesionId;
        // The host re-fires MODIFIED when it merely recomputes a line's statistics: no change, no revision.
        const unchanged = !isNew && JSON.stringify(current.lesions) === JSON.stringify(result.read.lesions);
        return unchanged ? current : result.read;
      }, `${lesionId ?? 'new lesion'} at ${measured.drawn.timepointId}: ${measured.drawn.longAxisMm.toFixed(1)} mm`);
      const field = axis === 'whole' ? 'longAxisMm' : 'viableLongAxisMm';
      annotation.metadata.mrecist = { lesionId: attachedTo, timepointId: measured.drawn.timepointId, field };
      // The line's text box names its lesion and diameter from now on (measurementLabel.ts).
      annotation.data.label = measurementLabel(attachedTo, field);
      if (isNew) store.select(attachedTo, measured.drawn.timepointId);
    } catch (error) {
      if (error instanceof ReadEditRefused) options.notify(error.message);
      else options.notify(`The line could not be recorded: ${errorText(error)}`);
      // A new line the read refused (say, it is signed off) must not stay on the image as if it counted.
      if (isNew && annotation.annotationUID) tools.annotation.state.removeAnnotation(annotation.annotationUID);
    }
  };

  const onCompleted = (evt: Event) => {
    const annotation = (evt as CustomEvent<{ annotation: ToolAnnotation }>).detail?.annotation;
    if (annotation && !annotation.metadata.mrecist) record(annotation, true);
  };
  // A line of ours put back on an image whose value the read no longer holds (the host's redo after an undo
  // deleted it) holds its value again. Our own redraws add lines whose values are in the read: those are left
  // alone, so a redraw never rewrites a value (an imported read's value need not equal its line's length).
  const onAdded = (evt: Event) => {
    const annotation = (evt as CustomEvent<{ annotation: ToolAnnotation }>).detail?.annotation;
    const tag = annotation?.metadata.mrecist;
    if (!annotation || !tag) return;
    const store = options.storeForPatient(patientOf(annotation));
    if (store && !holdsValue(store.getState().read, tag)) record(annotation, false);
  };
  const onModified = (evt: Event) => {
    const detail = (evt as CustomEvent<{ annotation: ToolAnnotation; changeType?: string }>).detail;
    const annotation = detail?.annotation;
    const uid = annotation?.annotationUID;
    if (!annotation?.metadata.mrecist || !uid) return;
    // The host recomputing a line's statistics (first render, new image) is not the reader changing it.
    if (detail.changeType && IGNORED_CHANGES.has(detail.changeType)) return;
    clearTimeout(pendingModified.get(uid));
    pendingModified.set(uid, setTimeout(() => {
      pendingModified.delete(uid);
      record(annotation, false);
    }, 200));
  };
  const onRemoved = (evt: Event) => {
    const annotation = (evt as CustomEvent<{ annotation: ToolAnnotation }>).detail?.annotation;
    const tag = annotation?.metadata.mrecist;
    if (!annotation || !tag || linesHeld()) return;
    const patientId = patientOf(annotation);
    setTimeout(() => {
      const again = tools.annotation.state
        .getAllAnnotations()
        .some((a) => {
          const other = (a.metadata as ToolAnnotation['metadata']).mrecist;
          return other?.lesionId === tag.lesionId && other.timepointId === tag.timepointId && other.field === tag.field;
        });
      if (again) return;
      const store = options.storeForPatient(patientId);
      const axis: MeasuredAxis = tag.field === 'longAxisMm' || tag.field === 'shortAxisMm' ? 'whole' : 'viable';
      try {
        store?.apply((read) => detachMeasurement(read, tag.lesionId, tag.timepointId, axis), `${tag.lesionId} at ${tag.timepointId}: line deleted`);
      } catch (error) {
        if (!(error instanceof ReadEditRefused)) throw error;
        // The read keeps the value (signed off): the line goes back on its image so what is shown is what counts.
        options.notify(error.message);
        const frameOfReference = (annotation.metadata as { FrameOfReferenceUID?: string }).FrameOfReferenceUID;
        if (frameOfReference) tools.annotation.state.addAnnotation(annotation as never, frameOfReference);
      }
    }, 0);
  };

  core.eventTarget.addEventListener(events.ANNOTATION_ADDED, onAdded);
  core.eventTarget.addEventListener(events.ANNOTATION_COMPLETED, onCompleted);
  core.eventTarget.addEventListener(events.ANNOTATION_MODIFIED, onModified);
  core.eventTarget.addEventListener(events.ANNOTATION_REMOVED, onRemoved);
  return () => {
    core.eventTarget.removeEventListener(events.ANNOTATION_ADDED, onAdded);
    core.eventTarget.removeEventListener(events.ANNOTATION_COMPLETED, onCompleted);
    core.eventTarget.removeEventListener(events.ANNOTATION_MODIFIED, onModified);
    core.eventTarget.removeEventListener(events.ANNOTATION_REMOVED, onRemoved);
    for (const timer of pendingModified.values()) clearTimeout(timer);
  };
}
