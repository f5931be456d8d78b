/**
 * Lines drawn with the host's tools become values of the read, and a deleted line clears its value; but lines the
 * host takes off the images while the mode holds them (leaving or entering the viewer) leave the read alone.
 * The host's Cornerstone is a small fake: an event target, instance metadata, and the annotation state.
 */
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { bindHostCornerstone } from '../../../extensions/mrecist/src/ohif/hostCornerstone';
import { startAnnotationSync } from '../../../extensions/mrecist/src/ohif/read/annotationSync';
import { holdLines, releaseLines } from '../../../extensions/mrecist/src/ohif/read/lineHold';
import { ReadStore } from '../../../extensions/mrecist/src/ohif/read/ReadStore';
import { twoTimepointRead } from './fixtures';

const EVENTS = { ANNOTATION_ADDED: 'added', ANNOTATION_COMPLETED: 'completed', ANNOTATION_MODIFIED: 'modified', ANNOTATION_REMOVED: 'removed' };
const BL_STUDY = '2.25.1';
const IMAGE_ID = 'wadouri:/bl/1.dcm';
/** The image plane: first pixel's centre, and unequal spacings so rows and columns cannot be swapped unnoticed. */
const IPP = [-178.5, -170.25, 6];
const ROW_SPACING = 0.8;
const COLUMN_SPACING = 1.4;

interface FakeAnnotation {
  annotationUID: string;
  metadata: { toolName: string; referencedImageId: string; mrecist?: { lesionId: string; timepointId: string; field: string } };
  data: { handles: { points: number[][] } };
}

let annotations: FakeAnnotation[] = [];
const eventTarget = new EventTarget();
const host = globalThis as unknown as { window?: unknown; cornerstone?: unknown; cornerstoneTools?: unknown };
let stop: () => void = () => undefined;

beforeAll(() => {
  host.window = globalThis;
  host.cornerstone = {
    eventTarget,
    metaData: {
      get: (type: string) =>
        type === 'instance'
          ? { StudyInstanceUID: BL_STUDY, SeriesInstanceUID: `${BL_STUDY}.1`, SOPInstanceUID: `${BL_STUDY}.1.1`, SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', PatientID: 'P12' }
          : type === 'imagePlaneModule'
            ? { imagePositionPatient: IPP, rowCosines: [1, 0, 0], columnCosines: [0, 1, 0], rowPixelSpacing: ROW_SPACING, columnPixelSpacing: COLUMN_SPACING }
            : undefined,
    },
  };
  host.cornerstoneTools = { Enums: { Events: EVENTS }, annotation: { state: { getAllAnnotations: () => annotations } } };
  bindHostCornerstone({ cornerstone: host.cornerstone, cornerstoneTools: host.cornerstoneTools } as never);
});

afterAll(() => {
  bindHostCornerstone(null);
  delete host.window;
  delete host.cornerstone;
  delete host.cornerstoneTools;
});

afterEach(() => {
  stop();
  releaseLines();
  annotations = [];
});

function read(): CaseFile {
  const base = twoTimepointRead();
  return { ...base, timepoints: base.timepoints.map((t, i) => (i === 0 ? { ...t, studyInstanceUid: BL_STUDY } : { ...t, studyInstanceUid: '2.25.2' })) };
}

function fire(type: string, annotation: FakeAnnotation): void {
  eventTarget.dispatchEvent(new CustomEvent(type, { detail: { annotation } }));
}

const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));

function startWithLine(): { store: ReadStore; line: FakeAnnotation } {
  const memory = new Map<string, string>();
  const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v), removeItem: (k: string) => void memory.delete(k) };
  const store = new ReadStore({ patientId: 'P12', initialRead: read(), storage });
  stop = startAnnotationSync({ storeForPatient: () => store, measuredAxis: () => 'viable', notify: (m) => { throw new Error(m); } });
  const line: FakeAnnotation = { annotationUID: 'a1', metadata: { toolName: 'Length', referencedImageId: IMAGE_ID }, data: { handles: { points: [[10, 20, 6], [40, 20, 6]] } } };
  annotations = [line];
  fire(EVENTS.ANNOTATION_COMPLETED, line);
  return { store, line };
}

const graphicAt = (store: ReadStore) =>
  (store.getState().read.lesions[0] as { measurements: Record<string, { graphics?: { viableLongAxisMm?: { points: number[][] } } }> }).measurements.BL.graphics?.viableLongAxisMm;

const viableAt = (store: ReadStore) => (store.getState().read.lesions[0] as { measurements: Record<string, { viableLongAxisMm?: number }> } | undefined)?.measurements.BL?.viableLongAxisMm;

it('records a new line on the baseline as target T1, and clears it when the reader deletes the line', async () => {
  const { store, line } = startWithLine();
  expect(store.getState().read.lesions.map((l) => l.id)).toEqual(['T1']);
  expect(viableAt(store)).toBe(30);
  annotations = [];
  fire(EVENTS.ANNOTATION_REMOVED, line);
  await nextTick();
  expect(viableAt(store)).toBeUndefined();
});

it('stores the line as SCOORD column/row with the first pixel centred at (0.5, 0.5), the inverse of the DICOM plane formula', () => {
  const { store, line } = startWithLine();
  const points = graphicAt(store)!.points;
  // PS3.3 C.7.6.2.1.1 written out: world = IPP + (c − 0.5)·Δcol·row + (r − 0.5)·Δrow·column.
  points.forEach(([c, r], k) => {
    const world = [IPP[0] + (c - 0.5) * COLUMN_SPACING, IPP[1] + (r - 0.5) * ROW_SPACING, IPP[2]];
    world.forEach((x, i) => expect(Math.abs(x - line.data.handles.points[k][i])).toBeLessThan(1e-3));
  });
  expect(points[0]).toEqual([135.1429, 238.3125]); // (10 + 178.5) / 1.4 + 0.5, (20 + 170.25) / 0.8 + 0.5
});

it('a line redrawn from its stored points and recomputed by the host does not change the read', async () => {
  const { store, line } = startWithLine();
  const revision = store.getState().revision;
  const [c, r] = graphicAt(store)!.points[1];
  // The redraw puts the handle back from SCOORD (float noise included); the host then fires MODIFIED.
  line.data.handles.points[1] = [IPP[0] + (c - 0.5) * COLUMN_SPACING + 1e-9, IPP[1] + (r - 0.5) * ROW_SPACING, IPP[2]];
  fire(EVENTS.ANNOTATION_MODIFIED, line);
  await new Promise((resolve) => setTimeout(resolve, 250)); // MODIFIED is coalesced for 200 ms
  expect(store.getState().revision).toBe(revision);
});

it('keeps the value when the host clears the line while lines are held, and counts deletions again once released', async () => {
  const { store, line } = startWithLine();
  const revision = store.getState().revision;
  holdLines();
  annotations = [];
  fire(EVENTS.ANNOTATION_REMOVED, line);
  releaseLines(); // the hold covers the removal event itself, not the tick after it
  await nextTick();
  expect(viableAt(store)).toBe(30);
  expect(store.getState().revision).toBe(revision);
  annotations = [line];
  fire(EVENTS.ANNOTATION_REMOVED, { ...line, annotationUID: 'a2' }); // a second line of the same tag: still drawn
  annotations = [];
  fire(EVENTS.ANNOTATION_REMOVED, line);
  await nextTick();
  expect(viableAt(store)).toBeUndefined();
});

it('a deleted line put back by the host (redo) holds its value again', async () => {
  const { store, line } = startWithLine();
  annotations = [];
  fire(EVENTS.ANNOTATION_REMOVED, line);
  await nextTick();
  expect(viableAt(store)).toBeUndefined();
  annotations = [line];
  fire(EVENTS.ANNOTATION_ADDED, line);
  expect(viableAt(store)).toBe(30);
  const revision = store.getState().revision;
  fire(EVENTS.ANNOTATION_ADDED, line); // added again with the same points: nothing changes
  expect(store.getState().revision).toBe(revision);
});

it('a redraw never rewrites a value: a line added while the read holds its value, or restated by the host, changes nothing', async () => {
  const { store, line } = startWithLine();
  const revision = store.getState().revision;
  // An imported read may hold a value that is not its line's length; the redrawn line must not replace it.
  const longer = { ...line, data: { handles: { points: [[10, 20, 6], [60, 20, 6]] } } };
  fire(EVENTS.ANNOTATION_ADDED, longer);
  eventTarget.dispatchEvent(new CustomEvent(EVENTS.ANNOTATION_MODIFIED, { detail: { annotation: longer, changeType: 'StatsUpdated' } }));
  await new Promise((resolve) => setTimeout(resolve, 250));
  expect(store.getState().revision).toBe(revision);
  expect(viableAt(store)).toBe(30);
  // The reader dragging it is a change.
  eventTarget.dispatchEvent(new CustomEvent(EVENTS.ANNOTATION_MODIFIED, { detail: { annotation: longer, changeType: 'HandlesUpdated' } }));
  await new Promise((resolve) => setTimeout(resolve, 250));
  expect(viableAt(store)).toBe(50);
});
