/**
 * Key Object Selection Document (PS3.3 A.35.4: Patient, General Study, Key Object Document Series, General
 * Equipment, Key Object Document, SR Document Content, SOP Common) with TID 2010: the images on which the reader
 * measured, flagged "Of Interest" so a PACS viewer opens a board's key images. Output passes dciodvfy without
 * errors (tested).
 */
import type { NaturalDataset } from './DicomDataset';
import { patientStudyAttributes, sopCommonAttributes, type PatientStudyContext } from './compositeModules';
import { dicomDateTimeNow } from './dicomDateTime';
import { newUid } from './uid';
import { groupHierarchy } from '../sr/encodeMeasurementReport';

export const KEY_OBJECT_SELECTION_STORAGE = '1.2.840.10008.5.1.4.1.1.88.59';

export interface KeyImageReference {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  frameNumber?: number;
}

export interface KeyObjectContext extends PatientStudyContext {
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  contentDate?: string;
  contentTime?: string;
  /** Key Object Description (113012), e.g. "Measured slices of P01's targets, reader R1". */
  description: string;
}

const code = (value: string, scheme: string, meaning: string) => [{ CodeValue: value, CodingSchemeDesignator: scheme, CodeMeaning: meaning }];

export function writeKeyObjectSelection(images: readonly KeyImageReference[], c: KeyObjectContext): NaturalDataset {
  if (images.length === 0) throw new Error('writeKeyObjectSelection: no images to reference');
  const now = dicomDateTimeNow();
  const date = c.contentDate ?? now.date;
  const time = c.contentTime ?? now.time;
  const unique = [...new Map(images.map((i) => [`${i.sopInstanceUid}\u0000${i.frameNumber ?? ''}`, i])).values()];
  return {
    ...sopCommonAttributes(KEY_OBJECT_SELECTION_STORAGE, c.sopInstanceUid ?? newUid(), date, time),
    ...patientStudyAttributes(c),
    Modality: 'KO',
    SeriesInstanceUID: c.seriesInstanceUid ?? newUid(),
    SeriesNumber: '903',
    SeriesDescription: 'Key images: measured slices',
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'ohif-mrecist',
    InstanceNumber: '1',
    ContentDate: date,
    ContentTime: time,
    CurrentRequestedProcedureEvidenceSequence: groupHierarchy(unique),
    // SR Document Content, root of TID 2010 "Key Object Selection".
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: code('113000', 'DCM', 'Of Interest'),
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2010' }],
    ContentSequence: [
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'TEXT',
        ConceptNameCodeSequence: code('113012', 'DCM', 'Key Object Description'),
        TextValue: c.description,
      },
      ...unique.map((i) => ({
        RelationshipType: 'CONTAINS',
        ValueType: 'IMAGE',
        ReferencedSOPSequence: [
          {
            ReferencedSOPClassUID: i.sopClassUid,
            ReferencedSOPInstanceUID: i.sopInstanceUid,
            ...(i.frameNumber !== undefined ? { ReferencedFrameNumber: String(i.frameNumber) } : {}),
          },
        ],
      })),
    ],
  };
}
