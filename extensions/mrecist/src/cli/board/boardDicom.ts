/**
 * `board --dicom-out DIR`: the board PDF as a DICOM Encapsulated PDF in the patient's latest study, and a Key
 * Object Selection document referencing the measured images. The study comes from the SR when the read is one
 * (the SR is saved in the latest study), else from the latest timepoint's studyInstanceUid in the case file.
 */
import { join } from 'node:path';
import { boardDicomObjects } from '../../core/board/boardDicomObjects';
import type { PatientStudyContext } from '../../core/dicom/compositeModules';
import { encodeDicom } from '../../core/dicom/DicomDataset';
import type { CaseFile } from '../../core/criteria/types';
import { UsageError } from '../../core/errors';
import { makeOutputFolder, writeOutputFile } from './writeOutputFile';

export const ENCAPSULATED_PDF_FILE = 'board-pdf.dcm';
export const KEY_OBJECTS_FILE = 'key-images-kos.dcm';

/** The patient's latest study from the case file: the last timepoint by date must name its study. */
export function latestStudyContext(caseFile: CaseFile, source: string): PatientStudyContext {
  const latest = [...caseFile.timepoints].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).pop();
  if (latest?.studyInstanceUid === undefined) {
    const index = caseFile.timepoints.indexOf(latest as CaseFile['timepoints'][number]);
    throw new UsageError(source, `timepoints[${index}].studyInstanceUid`, `--dicom-out stores into the latest study (${latest?.id}), which the case file does not name`);
  }
  return { patientName: '', patientId: caseFile.patientId, studyInstanceUid: latest.studyInstanceUid };
}

export interface WrittenBoardDicom {
  encapsulatedPdf: string;
  keyObjectSelection: string | null;
  keyImages: number;
  /** Measured images that could not be referenced, with the reason. */
  notReferenced: string[];
}

export function writeBoardDicom(dir: string, pdf: Uint8Array, caseFile: CaseFile, context: PatientStudyContext): WrittenBoardDicom {
  makeOutputFolder(dir, '--dicom-out');
  const write = (name: string, bytes: Uint8Array) => writeOutputFile(join(dir, name), bytes);
  const objects = boardDicomObjects(pdf, caseFile, context);
  const encapsulatedPdf = write(ENCAPSULATED_PDF_FILE, encodeDicom(objects.encapsulatedPdf));
  const keyObjectSelection = objects.keyObjectSelection === null ? null : write(KEY_OBJECTS_FILE, encodeDicom(objects.keyObjectSelection));
  return { encapsulatedPdf, keyObjectSelection, keyImages: objects.keyImages, notReferenced: objects.notReferenced };
}
