/**
 * The Board summary's DICOM objects go through the read's ReportController like the SR: into the patient's
 * latest study, queued in browser storage when the PACS does not take them, retried with the same instance, and
 * never mistaken for a report version.
 */
import { readFileSync } from 'node:fs';
import { ENCAPSULATED_PDF_STORAGE } from '../../../extensions/mrecist/src/core/dicom/encapsulatedPdfWriter';
import { KEY_OBJECT_SELECTION_STORAGE } from '../../../extensions/mrecist/src/core/dicom/keyObjectSelectionWriter';
import { decodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { latestStudyContextOf, storeBoardDocuments } from '../../../extensions/mrecist/src/ohif/board/boardSummary';
import { ReadStore } from '../../../extensions/mrecist/src/ohif/read/ReadStore';
import { PENDING_SAVES_KEY } from '../../../extensions/mrecist/src/ohif/report/PendingSaves';
import { ReportController, type ReportHost } from '../../../extensions/mrecist/src/ohif/report/ReportController';
import { STATIC_SOURCE_REASON } from '../../../extensions/mrecist/src/ohif/report/reportService';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';
import { displaySet, FakePacs, MapStorage, ROOT } from '../report/fakePacs';

const golden = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');
const BL = golden.timepoints[0].studyInstanceUid!;
/** The latest study open in the viewer (the golden case names the studies of BL and M1 only). */
const LATEST = golden.timepoints[1].studyInstanceUid!;

const displaySets = [displaySet(BL, '20190502'), displaySet(LATEST, '20190603')];

const controllers: ReportController[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.dispose()));

function open(pacs: FakePacs | null, storage = new MapStorage()) {
  const store = new ReadStore({ patientId: 'P12', initialRead: golden, readerName: 'Reader^One', storage });
  const host: ReportHost = {
    displaySets: () => displaySets,
    pacs: () => (pacs ? { kind: 'dicomweb', wadoRoot: ROOT, qidoRoot: ROOT } : { kind: 'none', reason: STATIC_SOURCE_REASON }),
    imageIdOf: () => undefined,
    storage,
    now: () => new Date(),
    download: () => undefined,
    fetch: pacs ? (url, init) => pacs.fetch(url, init as never) : undefined,
    listFetch: pacs ? (url, init) => pacs.fetch(url, init) : undefined,
  };
  const controller = new ReportController(store, host);
  controllers.push(controller);
  return { controller, storage };
}

/** The queue carries bytes; what the PDF shows is the board tests' (boardCli.test.ts). */
const pdf = new TextEncoder().encode('%PDF-1.7\n% tumour board summary P12\n%%EOF\n');

it('stores the PDF as Encapsulated PDF and the measured images as KOS in the latest study', async () => {
  const pacs = new FakePacs([{ uid: BL, patientId: 'P12' }, { uid: LATEST, patientId: 'P12' }]);
  const { controller } = open(pacs);
  await controller.start();
  const result = await storeBoardDocuments(controller, pdf, { caseFile: golden }, latestStudyContextOf(displaySets, 'P12'));
  expect(result.stored).toEqual({ 'board summary PDF': true, 'key images': true });
  expect(pacs.stored.map((s) => [s.study, s.sopClass, s.patientId])).toEqual([
    [LATEST, ENCAPSULATED_PDF_STORAGE, 'P12'],
    [LATEST, KEY_OBJECT_SELECTION_STORAGE, 'P12'],
  ]);
  expect(pacs.stored[0].sop).toBe(result.encapsulatedPdfUid);
  expect(Buffer.from(pacs.stored[0].bytes).includes(Buffer.from(pdf))).toBe(true);
  expect(decodeDicom(pacs.stored[0].bytes, 'pdf').string('PatientName')).toBe('Demo^Patient');
  expect(controller.getState()).toMatchObject({ tone: 'ok', pending: [], versions: [] });
  expect(controller.getState().line).toMatch(/^Saved the key images to the PACS at /);
});

it('keeps both documents queued when the PACS is down and sends the same instances on retry', async () => {
  const pacs = new FakePacs([{ uid: BL, patientId: 'P12' }, { uid: LATEST, patientId: 'P12' }]);
  const { controller, storage } = open(pacs);
  await controller.start();
  pacs.mode = 'down';
  const result = await storeBoardDocuments(controller, pdf, { caseFile: golden }, latestStudyContextOf(displaySets, 'P12'));
  expect(result.stored).toEqual({ 'board summary PDF': false, 'key images': false });
  const queued = JSON.parse(storage.getItem(PENDING_SAVES_KEY)!);
  expect(queued.map((p: { document: string }) => p.document)).toEqual(['board summary PDF', 'key images']);
  expect(controller.getState().tone).toBe('error');
  pacs.mode = 'up';
  await controller.processPending({ now: true });
  expect(pacs.stored.map((s) => s.sop)).toEqual([result.encapsulatedPdfUid, result.keyObjectSelectionUid]);
  expect(storage.getItem(PENDING_SAVES_KEY)).toBeNull();
  expect(controller.getState().versions).toEqual([]);
});

it('stores nothing without a PACS and says why', async () => {
  const { controller } = open(null);
  const stored = await controller.storeDocuments([{ what: 'board summary PDF', bytes: pdf, instance: { studyInstanceUid: LATEST, seriesInstanceUid: '1.2', sopClassUid: ENCAPSULATED_PDF_STORAGE, sopInstanceUid: '1.2.3' } }]);
  expect(stored).toEqual([false]);
  expect(controller.getState().line).toBe(STATIC_SOURCE_REASON);
});
