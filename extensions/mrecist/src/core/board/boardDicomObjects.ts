/**
 * The board's DICOM objects for the patient's latest study: the board PDF as Encapsulated PDF, and a Key Object
 * Selection referencing every measured image the read can name (study, series, SOP). Shared by
 * `board --dicom-out` and the viewer's Board summary, so both store the same objects. A measured image that
 * cannot be referenced is returned with the reason, never dropped silently.
 */
import type { CaseFile } from '../criteria/types';
import type { NaturalDataset } from '../dicom/DicomDataset';
import type { PatientStudyContext } from '../dicom/compositeModules';
import { writeEncapsulatedPdf } from '../dicom/encapsulatedPdfWriter';
import { writeKeyObjectSelection } from '../dicom/keyObjectSelectionWriter';
import { keyImageReferences, measuredImages } from './keyImageReferences';

export const BOARD_SOFTWARE_VERSION = 'ohif-mrecist 0.1.0';

export interface BoardDicomObjects {
  encapsulatedPdf: NaturalDataset;
  /** Null when the read references no measured image. */
  keyObjectSelection: NaturalDataset | null;
  keyImages: number;
  notReferenced: string[];
}

export function boardDicomObjects(pdf: Uint8Array, caseFile: CaseFile, context: PatientStudyContext): BoardDicomObjects {
  const encapsulatedPdf = writeEncapsulatedPdf(pdf, { ...context, documentTitle: `Tumour board summary ${caseFile.patientId}`, softwareVersion: BOARD_SOFTWARE_VERSION });
  const { references, incomplete } = keyImageReferences(measuredImages(caseFile));
  const reader = caseFile.reader?.name ? `, reader ${caseFile.reader.name}` : '';
  const keyObjectSelection =
    references.length === 0 ? null : writeKeyObjectSelection(references, { ...context, description: `Measured slices of the targets of ${caseFile.patientId}${reader}` });
  return { encapsulatedPdf, keyObjectSelection, keyImages: references.length, notReferenced: incomplete };
}
