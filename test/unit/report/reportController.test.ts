/**
 * The save/restore controller against an in-memory DICOMweb server: saves are new SR instances naming their
 * predecessor, a refused or unreachable PACS keeps the save queued in storage and a retry sends the same
 * instance, a reload (new store and controller on the same storage) sends what is waiting, and opening the
 * patient on another workstation restores the reader's latest report.
 */
import { readFileSync } from 'node:fs';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { decodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { ReadStore } from '../../../extensions/mrecist/src/ohif/read/ReadStore';
import { ReportController, type ReportHost } from '../../../extensions/mrecist/src/ohif/report/ReportController';
import { PENDING_SAVES_KEY } from '../../../extensions/mrecist/src/ohif/report/PendingSaves';
import { STATIC_SOURCE_REASON } from '../../../extensions/mrecist/src/ohif/report/reportService';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';
import { displaySet, FakePacs, MapStorage, ROOT } from './fakePacs';

const golden = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');
const BL = golden.timepoints[0].studyInstanceUid!;
const M1 = golden.timepoints[1].studyInstanceUid!;

const controllers: ReportController[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.dispose()));

function open(storage: MapStorage, pacs: FakePacs | null, read: CaseFile = golden, readerName = 'Reader^One'): { store: ReadStore; controller: ReportController; downloads: string[] } {
  const store = new ReadStore({ patientId: 'P12', initialRead: read, readerName, storage });
  const downloads: string[] = [];
  const host: ReportHost = {
    displaySets: () => [displaySet(BL, '20190502'), displaySet(M1, '20190603')],
    pacs: () => (pacs ? { kind: 'dicomweb', wadoRoot: ROOT, qidoRoot: ROOT } : { kind: 'none', reason: STATIC_SOURCE_REASON }),
    imageIdOf: () => undefined,
    storage,
    now: () => new Date(),
    download: (_bytes, name) => downloads.push(name),
    fetch: pacs ? (url, init) => pacs.fetch(url, init as never) : undefined,
    listFetch: pacs ? (url, init) => pacs.fetch(url, init) : undefined,
  };
  const controller = new ReportController(store, host);
  controllers.push(controller);
  return { store, controller, downloads };
}

function pacsWithPatient(): FakePacs {
  return new FakePacs([{ uid: BL, patientId: 'P12' }, { uid: M1, patientId: 'P12' }]);
}

function lesionsOf(c: CaseFile) {
  return c.lesions;
}

describe('saving to the PACS', () => {
  it('stores the read in the latest study as a new SR, and a second save names the first as predecessor', async () => {
    const pacs = pacsWithPatient();
    const { store, controller } = open(new MapStorage(), pacs);
    await controller.start();
    await controller.save();
    expect(pacs.stored).toHaveLength(1);
    expect(pacs.stowRequests[0].url).toBe(`${ROOT}/studies/${M1}`);
    expect(pacs.stowRequests[0].contentType).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    const first = pacs.stored[0];
    expect(first.study).toBe(M1);
    expect(readSr(first.bytes, 'first').caseFile.lesions).toEqual(lesionsOf(store.export()));
    expect(controller.getState()).toMatchObject({ tone: 'ok', pending: [] });
    expect(controller.getState().line).toMatch(/^Saved to the PACS at /);

    await controller.save();
    expect(pacs.stored).toHaveLength(2);
    const second = decodeDicom(pacs.stored[1].bytes, 'second').raw;
    expect(second.SOPInstanceUID).not.toBe(first.sop);
    expect(second.SeriesInstanceUID).toBe(first.series);
    expect(second.InstanceNumber).toBe(2);
    expect(second.PredecessorDocumentsSequence[0].StudyInstanceUID).toBe(M1);
    expect(second.PredecessorDocumentsSequence[0].ReferencedSeriesSequence[0].ReferencedSOPSequence[0].ReferencedSOPInstanceUID).toBe(first.sop);
    expect(controller.getState().versions.map((v) => v.instance.sopInstanceUid)).toEqual([pacs.stored[1].sop, first.sop]);
  });

  it.each([
    [409, 'Not saved to the PACS: HTTP 409 Conflict: the PACS refused the report. The read is kept in this browser; retrying in 2 s.'],
    ['down' as const, 'Not saved to the PACS: network error: fetch failed. The read is kept in this browser; retrying in 2 s.'],
  ])('keeps a save the PACS did not take (%s), says so, and sends the same instance on retry', async (mode, line) => {
    const pacs = pacsWithPatient();
    const storage = new MapStorage();
    const { store, controller } = open(storage, pacs);
    await controller.start();
    const before = store.export();
    pacs.mode = mode;
    await controller.save();
    expect(controller.getState()).toMatchObject({ line, tone: 'error' });
    expect(controller.getState().pending).toHaveLength(1);
    expect(JSON.parse(storage.getItem(PENDING_SAVES_KEY)!)).toHaveLength(1);
    expect(store.export()).toEqual(before);
    expect(pacs.stored).toHaveLength(0);

    pacs.mode = 'up';
    await controller.processPending({ now: true });
    expect(pacs.stored.map((s) => s.sop)).toEqual([controller.getState().lastSave!.sopInstanceUid]);
    expect(controller.getState().pending).toEqual([]);
    expect(controller.getState().line).toMatch(/^Saved to the PACS at .* \(after 1 failed attempt\)\.$/);
    expect(storage.getItem(PENDING_SAVES_KEY)).toBeNull();
  });

  it('sends a save left waiting when the page was reloaded', async () => {
    const pacs = pacsWithPatient();
    const storage = new MapStorage();
    const first = open(storage, pacs);
    await first.controller.start();
    pacs.mode = 503;
    await first.controller.save();
    expect(first.controller.getState().line).toContain('HTTP 503 Service Unavailable');
    first.controller.dispose();

    pacs.mode = 'up';
    const reloaded = open(storage, pacs);
    await reloaded.controller.start();
    expect(reloaded.controller.getState().line).toMatch(/waiting for the PACS/);
    await reloaded.controller.processPending({ now: true });
    expect(pacs.stored).toHaveLength(1);
    expect(reloaded.controller.getState().pending).toEqual([]);
  });

  it('sends the waiting saves of another reader too, without touching this panel’s status line', async () => {
    const pacs = pacsWithPatient();
    const storage = new MapStorage();
    const first = open(storage, pacs, golden, 'Reader^One');
    await first.controller.start();
    pacs.mode = 503;
    await first.controller.save();
    first.controller.dispose();

    // Another reader opens the patient while the PACS is still down: the save stays, counted as another's.
    const second = open(storage, pacs, golden, 'Reader^Two');
    await second.controller.start();
    await second.controller.processPending({ now: true });
    expect(second.controller.getState().others).toEqual({ waiting: 1, sent: 0 });
    expect(second.controller.getState().pending).toEqual([]);
    const line = second.controller.getState().line;

    pacs.mode = 'up';
    await second.controller.processPending({ now: true });
    expect(pacs.stored).toHaveLength(1);
    expect(readSr(pacs.stored[0].bytes, 'sent').caseFile.reader?.name).toBe('Reader^One');
    expect(second.controller.getState().others).toEqual({ waiting: 0, sent: 1 });
    expect(second.controller.getState().line).toBe(line);
    expect(storage.getItem(PENDING_SAVES_KEY)).toBeNull();
  });

  it('without a PACS says why, and still offers the download with patient, date and reader in its name', async () => {
    const { controller, downloads } = open(new MapStorage(), null);
    await controller.start();
    expect(controller.getState().line).toBe(STATIC_SOURCE_REASON);
    await controller.save();
    expect(controller.getState()).toMatchObject({ line: STATIC_SOURCE_REASON, tone: 'warn' });
    await controller.download();
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatch(/^mrecist_P12_\d{8}_Reader_One\.dcm$/);
  });
});

describe('opening a patient', () => {
  const empty: CaseFile = { ...golden, lesions: [] };

  it('restores the reader’s latest report on another workstation (no draft there)', async () => {
    const pacs = pacsWithPatient();
    const a = open(new MapStorage(), pacs);
    await a.controller.start();
    await a.controller.save();
    a.store.apply((r) => ({ ...r, lesions: r.lesions.slice(0, 1) }), 'kept T1 only');
    await a.controller.save();
    const saved = a.store.export();

    const b = open(new MapStorage(), pacs, empty);
    await b.controller.start();
    expect(b.store.getState().source).toBe('report');
    expect(b.store.export().lesions).toEqual(saved.lesions);
    expect(b.controller.getState().line).toMatch(/^Restored the report of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} from the PACS\.$/);
    expect(b.controller.getState().versions).toHaveLength(2);
  });

  it('keeps a draft edited after the report it came from, and offers the report', async () => {
    const pacs = pacsWithPatient();
    const storage = new MapStorage();
    const a = open(storage, pacs);
    await a.controller.start();
    await a.controller.save();
    a.store.apply((r) => ({ ...r, lesions: r.lesions.slice(0, 1) }), 'edit after save');
    a.controller.dispose();

    const reopened = open(storage, pacs);
    await reopened.controller.start();
    expect(reopened.store.getState().source).toBe('draft');
    expect(reopened.store.export().lesions).toHaveLength(1);
    expect(reopened.controller.getState().line).toMatch(/^The local draft has changes made after the report of .*; it is kept\.$/);
    expect(reopened.controller.getState().offer?.instance.sopInstanceUid).toBe(pacs.stored[0].sop);
  });

  it('never lists or restores another reader’s report', async () => {
    const pacs = pacsWithPatient();
    const a = open(new MapStorage(), pacs);
    await a.controller.start();
    await a.controller.save();
    const other = open(new MapStorage(), pacs, empty, 'Reader^Two');
    await other.controller.start();
    expect(other.controller.getState().versions).toEqual([]);
    expect(other.store.export().lesions).toEqual([]);
  });
});

describe('changing the reader', () => {
  it('lists the new reader’s reports and restores their latest', async () => {
    const pacs = pacsWithPatient();
    const one = open(new MapStorage(), pacs, golden, 'Reader^Two');
    await one.controller.start();
    await one.controller.save();
    const two = open(new MapStorage(), pacs, { ...golden, lesions: [] }, 'Reader^One');
    await two.controller.start();
    expect(two.controller.getState().versions).toEqual([]);
    two.store.setReaderName('Reader^Two');
    await new Promise((r) => setTimeout(r, 50));
    await waitFor(() => two.controller.getState().versions.length === 1);
    expect(two.store.export().lesions).toEqual(golden.lesions.map((l) => expect.objectContaining({ id: l.id })));
    expect(two.store.getState().source).toBe('report');
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe('entering the viewer again', () => {
  it('draws the read’s lines again when images arrive after the viewer was re-entered, and only then', async () => {
    const storage = new MapStorage();
    const store = new ReadStore({ patientId: 'P12', initialRead: golden, readerName: 'Reader^One', storage });
    const drawn: number[] = [];
    const host: ReportHost = {
      displaySets: () => [displaySet(BL, '20190502'), displaySet(M1, '20190603')],
      pacs: () => ({ kind: 'none', reason: STATIC_SOURCE_REASON }),
      imageIdOf: () => undefined,
      storage,
      now: () => new Date(),
      download: () => undefined,
      draw: (read) => {
        drawn.push(read.lesions.length);
        return { drawn: read.lesions.length, problems: [] };
      },
    };
    const controller = new ReportController(store, host);
    controllers.push(controller);
    await controller.start();
    expect(drawn).toEqual([golden.lesions.length]);
    controller.redrawIfIncomplete(); // everything was drawn: nothing to do
    expect(drawn).toHaveLength(1);
    controller.viewerEntered();
    controller.redrawIfIncomplete();
    expect(drawn).toEqual([golden.lesions.length, golden.lesions.length]);
    controller.redrawIfIncomplete();
    expect(drawn).toHaveLength(2);
  });
});

describe('a signed-off read', () => {
  it('is saved COMPLETE and VERIFIED, and restores signed off on another workstation', async () => {
    const pacs = pacsWithPatient();
    const a = open(new MapStorage(), pacs);
    await a.controller.start();
    a.store.signOff();
    await a.controller.save();
    const stored = decodeDicom(pacs.stored[0].bytes, 'signed').raw;
    expect(stored).toMatchObject({ CompletionFlag: 'COMPLETE', VerificationFlag: 'VERIFIED' });
    const signedOff = a.store.getState().signedOff;
    expect(signedOff?.by).toBe('Reader^One');

    const b = open(new MapStorage(), pacs, { ...golden, lesions: [] });
    await b.controller.start();
    expect(b.store.getState()).toMatchObject({ source: 'report', signedOff });
    expect(() => b.store.addLesion({ role: 'nonTarget', site: 'liver' })).toThrow(/signed off by Reader\^One/);
  });

  it('a read saved before sign-off is PARTIAL and UNVERIFIED', async () => {
    const pacs = pacsWithPatient();
    const a = open(new MapStorage(), pacs);
    await a.controller.start();
    await a.controller.save();
    expect(decodeDicom(pacs.stored[0].bytes, 'partial').raw).toMatchObject({ CompletionFlag: 'PARTIAL', VerificationFlag: 'UNVERIFIED' });
  });
});
