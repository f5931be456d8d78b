/**
 * `board --dicom-out DIR`: the board PDF as a DICOM Encapsulated PDF in the patient's latest study, and a Key
 * Object Selection document referencing the measured images. The study comes from the SR when the read is one
 * (the SR is saved in the latest study), else from the latest timepoint's studyInstanceUid in the case file.
 */
import { join } from 'node:path';
import { keyImageReferences, measuredImages } from '../../core/board/keyImageReferences';
import type { PatientStudyContext } from '../../core/dicom/compositeModules';
import { encodeDicom } from '../../core/dicom/DicomDataset';
import { writeEncapsulatedPdf } from '../../core/dicom/encapsulatedPdfWriter';
import { writeKeyObjectSelection } from '../../core/dicom/keyObjectSelectionWriter';
import type { CaseFile } from '../../core/criteria/types';
import { UsageError } from '../../core/errors';
import { makeOutputFolder, writeOutputFile } from './writeOutputFile';

export const BOARD_SOFTWARE_VERSION = 'ohif-mrecist 0.1.0';
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
  const encapsulatedPdf = write(
    ENCAPSULATED_PDF_FILE,
    encodeDicom(writeEncapsulatedPdf(pdf, { ...context, documentTitle: `Tumour board summary ${caseFile.patientId}`, softwareVersion: BOARD_SOFTWARE_VERSION })),
  );
  const { references, incomplete } = keyImageReferences(measuredImages(caseFile));
  const reader = caseFile.reader?.name ? `, reader ${caseFile.reader.name}` : '';
  const keyObjectSelection =
    references.length === 0
      ? null
      : write(KEY_OBJECTS_FILE, encodeDicom(writeKeyObjectSelection(references, { ...context, description: `Measured slices of the targets of ${caseFile.patientId}${reader}` })));
  return { encapsulatedPdf, keyObjectSelection, keyImages: references.length, notReferenced: incomplete };
}
