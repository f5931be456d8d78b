/**
 * The keep-list of a de-identified SR: every attribute that may appear in it, with the action that makes it
 * safe. Anything not listed here is removed (an allow-list, so an attribute nobody thought of cannot leak).
 *
 * Source: DICOM PS3.15, Annex E, Table E.1-1 "Application Level Confidentiality Profile Attributes", for the
 * Basic Application Level Confidentiality Profile with these options (codes from PS3.16 CID 7050):
 *   113100 Basic Application Confidentiality Profile
 *   113104 Clean Structured Content Option   (the content tree is kept, cleaned item by item)
 *   113105 Clean Descriptors Option           (descriptions replaced by our own text, free text removed)
 *   113107 Retain Longitudinal Temporal Information Modified Dates Option (dates shifted consistently)
 * `e11` is the Basic Profile column of Table E.1-1 ('—' when the attribute is not in the table: the profile
 * does not touch it), `option` the option column that applies. `action` is what we do:
 *   keep       value kept (not in Table E.1-1: codes, flags, numbers, our own constants)
 *   uid        U: replaced by a new UID, the same replacement for the same original everywhere
 *   pseudonym  the subject's pseudonym from the key file (Patient's Name and ID: Z permits a dummy value)
 *   empty      Z: zero length
 *   date       C (Modified Dates): shifted by the export's whole-day offset
 *   time       C (Modified Dates): kept, since a whole-day shift leaves the time of day unchanged
 *   datetime   C (Modified Dates): the date part shifted, the time kept
 *   reader     D: a person's name replaced by the reading slot ("Reader 1")
 *   dummy      D: replaced by a fixed dummy value (Type 1 attributes the profile would remove, kept for IOD
 *              conformance as Table E.1-1's X/D rule allows)
 *   text       C (Clean Structured Content / Clean Descriptors): free text we clean ourselves before encoding
 *              (lesion site reduced to anatomical words, names and reasons removed unless kept explicitly)
 *   sequence   the sequence is kept and each item filtered by this same list
 */
export type KeepAction = 'keep' | 'uid' | 'pseudonym' | 'empty' | 'date' | 'time' | 'datetime' | 'reader' | 'dummy' | 'text' | 'sequence';

export interface KeepListRow {
  keyword: string;
  tag: string;
  e11: string;
  option?: 'Clean Structured Content' | 'Clean Descriptors' | 'Modified Dates';
  action: KeepAction;
}

export const DEIDENTIFIED_SR_KEEP_LIST: readonly KeepListRow[] = [
  // SOP Common, Patient, General Study, SR Document Series, General Equipment
  { keyword: 'SpecificCharacterSet', tag: '0008,0005', e11: '—', action: 'keep' },
  { keyword: 'SOPClassUID', tag: '0008,0016', e11: '—', action: 'keep' },
  { keyword: 'SOPInstanceUID', tag: '0008,0018', e11: 'U', action: 'uid' },
  { keyword: 'InstanceCreationDate', tag: '0008,0012', e11: 'X/D', option: 'Modified Dates', action: 'date' },
  { keyword: 'InstanceCreationTime', tag: '0008,0013', e11: 'X/Z/D', option: 'Modified Dates', action: 'time' },
  { keyword: 'CodingSchemeIdentificationSequence', tag: '0008,0110', e11: '—', action: 'sequence' },
  { keyword: 'CodingSchemeName', tag: '0008,0115', e11: '—', action: 'keep' },
  { keyword: 'CodingSchemeResponsibleOrganization', tag: '0008,0116', e11: '—', action: 'keep' },
  { keyword: 'PatientName', tag: '0010,0010', e11: 'Z', action: 'pseudonym' },
  { keyword: 'PatientID', tag: '0010,0020', e11: 'Z', action: 'pseudonym' },
  { keyword: 'PatientBirthDate', tag: '0010,0030', e11: 'Z', action: 'empty' },
  { keyword: 'PatientSex', tag: '0010,0040', e11: 'Z', action: 'empty' },
  { keyword: 'PatientIdentityRemoved', tag: '0012,0062', e11: '—', action: 'keep' },
  { keyword: 'DeidentificationMethod', tag: '0012,0063', e11: '—', action: 'keep' },
  { keyword: 'DeidentificationMethodCodeSequence', tag: '0012,0064', e11: '—', action: 'sequence' },
  { keyword: 'StudyInstanceUID', tag: '0020,000D', e11: 'U', action: 'uid' },
  { keyword: 'StudyDate', tag: '0008,0020', e11: 'Z', option: 'Modified Dates', action: 'date' },
  { keyword: 'StudyTime', tag: '0008,0030', e11: 'Z', option: 'Modified Dates', action: 'time' },
  { keyword: 'ReferringPhysicianName', tag: '0008,0090', e11: 'Z', action: 'empty' },
  { keyword: 'StudyID', tag: '0020,0010', e11: 'Z', action: 'empty' },
  { keyword: 'AccessionNumber', tag: '0008,0050', e11: 'Z', action: 'empty' },
  { keyword: 'Modality', tag: '0008,0060', e11: '—', action: 'keep' },
  { keyword: 'SeriesInstanceUID', tag: '0020,000E', e11: 'U', action: 'uid' },
  { keyword: 'SeriesNumber', tag: '0020,0011', e11: '—', action: 'keep' },
  { keyword: 'SeriesDescription', tag: '0008,103E', e11: 'X', option: 'Clean Descriptors', action: 'text' },
  { keyword: 'ReferencedPerformedProcedureStepSequence', tag: '0008,1111', e11: 'X/Z/D', action: 'empty' },
  { keyword: 'Manufacturer', tag: '0008,0070', e11: '—', action: 'keep' },
  { keyword: 'SoftwareVersions', tag: '0018,1020', e11: '—', action: 'keep' },
  { keyword: 'InstanceNumber', tag: '0020,0013', e11: '—', action: 'keep' },
  // SR Document General
  { keyword: 'CompletionFlag', tag: '0040,A491', e11: '—', action: 'keep' },
  { keyword: 'VerificationFlag', tag: '0040,A493', e11: '—', action: 'keep' },
  { keyword: 'VerifyingObserverSequence', tag: '0040,A073', e11: 'D', action: 'sequence' },
  { keyword: 'VerifyingObserverName', tag: '0040,A075', e11: 'D', action: 'reader' },
  { keyword: 'VerifyingObserverIdentificationCodeSequence', tag: '0040,A088', e11: 'Z', action: 'empty' },
  { keyword: 'VerifyingOrganization', tag: '0040,A027', e11: 'X', action: 'dummy' },
  { keyword: 'VerificationDateTime', tag: '0040,A030', e11: 'D', option: 'Modified Dates', action: 'datetime' },
  { keyword: 'ContentDate', tag: '0008,0023', e11: 'Z/D', option: 'Modified Dates', action: 'date' },
  { keyword: 'ContentTime', tag: '0008,0033', e11: 'Z/D', option: 'Modified Dates', action: 'time' },
  { keyword: 'PerformedProcedureCodeSequence', tag: '0040,A372', e11: '—', action: 'sequence' },
  { keyword: 'CurrentRequestedProcedureEvidenceSequence', tag: '0040,A375', e11: 'X/Z/U*', action: 'sequence' },
  { keyword: 'ReferencedSeriesSequence', tag: '0008,1115', e11: 'X/Z/U*', action: 'sequence' },
  { keyword: 'ReferencedSOPSequence', tag: '0008,1199', e11: 'X/Z/U*', action: 'sequence' },
  { keyword: 'ReferencedSOPClassUID', tag: '0008,1150', e11: '—', action: 'keep' },
  { keyword: 'ReferencedSOPInstanceUID', tag: '0008,1155', e11: 'U', action: 'uid' },
  { keyword: 'ReferencedFrameNumber', tag: '0008,1160', e11: '—', action: 'keep' },
  // SR Document Content: the content tree (Clean Structured Content)
  { keyword: 'ContentSequence', tag: '0040,A730', e11: 'X', option: 'Clean Structured Content', action: 'sequence' },
  { keyword: 'ValueType', tag: '0040,A040', e11: '—', action: 'keep' },
  { keyword: 'RelationshipType', tag: '0040,A010', e11: '—', action: 'keep' },
  { keyword: 'ContinuityOfContent', tag: '0040,A050', e11: '—', action: 'keep' },
  { keyword: 'ContentTemplateSequence', tag: '0040,A504', e11: '—', action: 'sequence' },
  { keyword: 'MappingResource', tag: '0008,0105', e11: '—', action: 'keep' },
  { keyword: 'TemplateIdentifier', tag: '0040,DB00', e11: '—', action: 'keep' },
  { keyword: 'ConceptNameCodeSequence', tag: '0040,A043', e11: '—', action: 'sequence' },
  { keyword: 'ConceptCodeSequence', tag: '0040,A168', e11: '—', action: 'sequence' },
  { keyword: 'CodeValue', tag: '0008,0100', e11: '—', action: 'keep' },
  { keyword: 'CodingSchemeDesignator', tag: '0008,0102', e11: '—', action: 'keep' },
  { keyword: 'CodingSchemeVersion', tag: '0008,0103', e11: '—', action: 'keep' },
  { keyword: 'CodeMeaning', tag: '0008,0104', e11: '—', action: 'keep' },
  { keyword: 'TextValue', tag: '0040,A160', e11: 'X', option: 'Clean Structured Content', action: 'text' },
  { keyword: 'PersonName', tag: '0040,A123', e11: 'D', action: 'reader' },
  { keyword: 'UID', tag: '0040,A124', e11: 'U', action: 'uid' },
  { keyword: 'Date', tag: '0040,A121', e11: '—', option: 'Modified Dates', action: 'date' },
  { keyword: 'MeasuredValueSequence', tag: '0040,A300', e11: '—', action: 'sequence' },
  { keyword: 'MeasurementUnitsCodeSequence', tag: '0040,08EA', e11: '—', action: 'sequence' },
  { keyword: 'NumericValue', tag: '0040,A30A', e11: '—', action: 'keep' },
  { keyword: 'FloatingPointValue', tag: '0040,A161', e11: '—', action: 'keep' },
  { keyword: 'NumericValueQualifierCodeSequence', tag: '0040,A301', e11: '—', action: 'sequence' },
  { keyword: 'GraphicType', tag: '0070,0023', e11: '—', action: 'keep' },
  { keyword: 'GraphicData', tag: '0070,0022', e11: '—', action: 'keep' },
];

export const KEEP_LIST_BY_KEYWORD: ReadonlyMap<string, KeepListRow> = new Map(DEIDENTIFIED_SR_KEEP_LIST.map((r) => [r.keyword, r]));
