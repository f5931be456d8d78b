/**
 * The codec's front doors, shared by `mrecist sr-write` / `sr-read` and the viewer: case file -> SR bytes and
 * SR bytes -> case file. Pure (no node:*): the caller reads files and supplies UIDs and the clock.
 */
import { assess } from '../criteria/assess';
import type { Assessment, CaseFile, CriteriaName, Reader } from '../criteria/types';
import { decodeDicom, encodeDicom, type NaturalDataset } from '../dicom/DicomDataset';
import { newUid as randomUid } from '../dicom/uid';
import { decodeMeasurementReport, type ReadReport } from './decodeMeasurementReport';
import { encodeMeasurementReport, type SrDocumentOptions } from './encodeMeasurementReport';
import { MeasurementReport, type RecordedResponse, type UidSource } from './MeasurementReport';

export function recordedResponse(a: Assessment): RecordedResponse {
  return {
    criteria: a.criteria,
    timepoints: a.timepoints.map((t) => ({
      id: t.id,
      date: t.date,
      targetSum: t.targetSum,
      changeFromBaselinePct: t.changeFromBaselinePct,
      changeFromNadirPct: t.changeFromNadirPct,
      target: t.target,
      nonTarget: t.nonTarget,
      newLesions: t.newLesions,
      overall: t.overall,
    })),
    bestOverallResponse: a.bestOverallResponse,
    progressionDate: a.progressionDate,
  };
}

export interface WriteSrRequest {
  /** A parsed case file (parseCaseFile). */
  caseFile: CaseFile;
  /** Overrides caseFile.reader. */
  reader?: Reader;
  /** Criteria whose responses are recorded; default: the case file's own. */
  criteria?: CriteriaName[];
  /** Document UIDs, date and time; missing UIDs are made with `newUid`. */
  document: Omit<SrDocumentOptions, 'sopInstanceUid' | 'seriesInstanceUid'> & { sopInstanceUid?: string; seriesInstanceUid?: string };
  newUid?: UidSource;
  /** Name for messages. */
  file: string;
}

export interface WrittenSr {
  report: MeasurementReport;
  dataset: NaturalDataset;
  bytes: Uint8Array;
}

export function writeSr(req: WriteSrRequest): WrittenSr {
  const newUid = req.newUid ?? (() => randomUid());
  const criteria = req.criteria ?? [req.caseFile.criteria];
  const responses = criteria.map((c) => recordedResponse(assess(req.caseFile, c)));
  const report = MeasurementReport.create({ caseFile: req.caseFile, reader: req.reader, responses }, newUid, req.file);
  const doc: SrDocumentOptions = {
    ...req.document,
    sopInstanceUid: req.document.sopInstanceUid ?? newUid('SOP instance'),
    seriesInstanceUid: req.document.seriesInstanceUid ?? newUid('series'),
    studyInstanceUid: req.document.study?.StudyInstanceUID ?? req.document.studyInstanceUid ?? newUid('study'),
  };
  const dataset = encodeMeasurementReport(report, doc, req.file);
  return { report, dataset, bytes: encodeDicom(dataset) };
}

export function readSr(bytes: ArrayBuffer | Uint8Array, file: string): ReadReport {
  return decodeMeasurementReport(decodeDicom(bytes, file).raw, file);
}
