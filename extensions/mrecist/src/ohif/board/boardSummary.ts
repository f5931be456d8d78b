/**
 * The Board summary button's work: the PDF built in a Web Worker (the same build as `mrecist board`), offered as
 * a download, then stored in the PACS with the key images' Key Object Selection, in the patient's latest study
 * (where the SR goes) through the read's ReportController: the SR's queue, retry and Authorization header.
 */
import type { BoardInput } from '../../core/board/boardContent';
import { boardDicomObjects } from '../../core/board/boardDicomObjects';
import type { KeyImage } from '../../core/board/boardPdfLayout';
import type { BoardPdfReply, BoardPdfRequest } from '../../core/board/boardPdfMessages';
import type { PatientStudyContext } from '../../core/dicom/compositeModules';
import type { NaturalDataset } from '../../core/dicom/DicomDataset';
import { dicomCodecs } from '../dicomCodecs';
import type { InstanceReference } from '../../core/sr/encodeMeasurementReport';
import type { HostDisplaySet } from '../hostServices';
import type { ReportController } from '../report/ReportController';
import { reportDocumentContext } from '../report/reportDocumentContext';

export interface BoardPdf {
  bytes: Uint8Array;
  pages: number;
  /** Time spent in the worker building the PDF. */
  workerMs: number;
}

/** Builds the PDF in a fresh worker, ended when it answers (a board summary is rare; no worker idles). */
export function buildBoardPdfInWorker(createWorker: () => Worker, input: BoardInput, keyImages: readonly KeyImage[]): Promise<BoardPdf> {
  const worker = createWorker();
  return new Promise<BoardPdf>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BoardPdfReply>) => {
      const reply = event.data;
      if (reply.type === 'failed') reject(new Error(reply.message));
      else resolve({ bytes: reply.bytes, pages: reply.pages, workerMs: reply.elapsedMs });
    };
    worker.onerror = (event) => reject(new Error(`board worker crashed: ${event.message}`));
    // Key images are copied, not transferred: the Course tab keeps showing them.
    const request: BoardPdfRequest = { type: 'boardPdf', input, keyImages: keyImages.map(({ lesionId, timepointId, date, caption, png, columns, rows, line }) => ({ lesionId, timepointId, date, caption, png, columns, rows, line })) };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/** The patient and latest study the board documents go into, from the open images (as for the SR). */
export function latestStudyContextOf(displaySets: readonly HostDisplaySet[], patientId: string): PatientStudyContext {
  const { patient, study } = reportDocumentContext(displaySets, patientId);
  return {
    patientName: patient.PatientName ?? '',
    patientId,
    patientBirthDate: patient.PatientBirthDate,
    patientSex: patient.PatientSex,
    studyInstanceUid: study.StudyInstanceUID,
    studyDate: study.StudyDate,
    studyTime: study.StudyTime,
    studyId: study.StudyID,
    accessionNumber: study.AccessionNumber,
    referringPhysicianName: study.ReferringPhysicianName,
  };
}

function instanceOf(ds: NaturalDataset): InstanceReference {
  return { studyInstanceUid: ds.StudyInstanceUID, seriesInstanceUid: ds.SeriesInstanceUID, sopClassUid: ds.SOPClassUID, sopInstanceUid: ds.SOPInstanceUID };
}

export interface StoredBoardDocuments {
  /** What the PACS took now, by document ("board summary PDF", "key images"); the rest waits in the queue. */
  stored: Record<string, boolean>;
  encapsulatedPdfUid: string;
  keyObjectSelectionUid: string | null;
  notReferenced: string[];
}

export async function storeBoardDocuments(controller: ReportController, pdf: Uint8Array, input: BoardInput, context: PatientStudyContext): Promise<StoredBoardDocuments> {
  const objects = boardDicomObjects(pdf, input.caseFile, context);
  const documents = [
    { what: 'board summary PDF', dataset: objects.encapsulatedPdf },
    ...(objects.keyObjectSelection ? [{ what: 'key images', dataset: objects.keyObjectSelection }] : []),
  ];
  const { encodeDicom } = await dicomCodecs();
  const results = await controller.storeDocuments(documents.map((d) => ({ what: d.what, bytes: encodeDicom(d.dataset), instance: instanceOf(d.dataset) })));
  return {
    stored: Object.fromEntries(documents.map((d, i) => [d.what, results[i]])),
    encapsulatedPdfUid: objects.encapsulatedPdf.SOPInstanceUID,
    keyObjectSelectionUid: objects.keyObjectSelection?.SOPInstanceUID ?? null,
    notReferenced: objects.notReferenced,
  };
}
