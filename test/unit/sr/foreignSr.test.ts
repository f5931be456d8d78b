/**
 * An SR written the way OHIF writes TID 1500 (one group per measurement, a fresh tracking UID each, plain Length,
 * no TID 1502, no lesion roles) is read partially, with a list of what was skipped or assumed. Built by hand
 * here, not with our encoder, so the test does not share the codec's assumptions.
 */
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';

const c = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => [{ CodeValue, CodingSchemeDesignator, CodeMeaning }];

function lengthGroup(trackingUid: string, mm: number, sop: string, concept = c('410668003', 'SCT', 'Length'), unit = c('mm', 'UCUM', 'mm')) {
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: c('125007', 'DCM', 'Measurement Group'),
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: [
      { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'TEXT', ConceptNameCodeSequence: c('112039', 'DCM', 'Tracking Identifier'), TextValue: 'cornerstoneTools@^4.0.0:Length' },
      { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'UIDREF', ConceptNameCodeSequence: c('112040', 'DCM', 'Tracking Unique Identifier'), UID: trackingUid },
      { RelationshipType: 'HAS CONCEPT MOD', ValueType: 'CODE', ConceptNameCodeSequence: c('G-C0E3', 'SRT', 'Finding Site'), ConceptCodeSequence: c('T-62000', 'SRT', 'Liver') },
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'NUM',
        ConceptNameCodeSequence: concept,
        MeasuredValueSequence: [{ NumericValue: String(mm), MeasurementUnitsCodeSequence: unit }],
        ContentSequence: [
          {
            RelationshipType: 'INFERRED FROM',
            ValueType: 'SCOORD',
            GraphicType: 'POLYLINE',
            GraphicData: [10, 20, 30, 40],
            ContentSequence: [
              { RelationshipType: 'SELECTED FROM', ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.2', ReferencedSOPInstanceUID: sop }] },
            ],
          },
        ],
      },
    ],
  };
}

const ohifLike = {
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.33',
  SOPInstanceUID: '2.25.9001',
  StudyInstanceUID: '2.25.9002',
  SeriesInstanceUID: '2.25.9003',
  PatientID: 'P12',
  PatientName: 'Demo^Patient',
  StudyDate: '20190603',
  Modality: 'SR',
  ValueType: 'CONTAINER',
  ConceptNameCodeSequence: c('126000', 'DCM', 'Imaging Measurement Report'),
  ContinuityOfContent: 'SEPARATE',
  ContentSequence: [
    { RelationshipType: 'HAS CONCEPT MOD', ValueType: 'CODE', ConceptNameCodeSequence: c('121049', 'DCM', 'Language of Content Item and Descendants'), ConceptCodeSequence: c('eng', 'RFC5646', 'English') },
    { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'PNAME', ConceptNameCodeSequence: c('121008', 'DCM', 'Person Observer Name'), PersonName: [{ Alphabetic: 'unknown^unknown' }] },
    { RelationshipType: 'CONTAINS', ValueType: 'CONTAINER', ConceptNameCodeSequence: c('111028', 'DCM', 'Image Library'), ContinuityOfContent: 'SEPARATE' },
    {
      RelationshipType: 'CONTAINS',
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: c('126010', 'DCM', 'Imaging Measurements'),
      ContinuityOfContent: 'SEPARATE',
      ContentSequence: [
        lengthGroup('2.25.111', 38.2, '2.25.501'),
        lengthGroup('2.25.222', 2.5, '2.25.502', c('410668003', 'SCT', 'Length'), c('cm', 'UCUM', 'cm')),
        lengthGroup('2.25.333', 150, '2.25.503', c('42798000', 'SCT', 'Area'), c('mm2', 'UCUM', 'mm2')),
        { RelationshipType: 'CONTAINS', ValueType: 'TIME', ConceptNameCodeSequence: c('111061', 'DCM', 'Study Time'), Time: '101010' },
      ],
    },
  ],
};

/** The drawn line each foreign Length keeps, so the viewer can redraw it. */
const drawn = (sop: string) => ({
  referencedSopClassUid: '1.2.840.10008.5.1.4.1.1.2',
  referencedSopInstanceUid: sop,
  graphicType: 'POLYLINE',
  points: [
    [10, 20],
    [30, 40],
  ],
});

describe('reading a foreign TID 1500 SR', () => {
  const read = readSr(encodeDicom(ohifLike), 'ohif.dcm');

  it('reads the diameters it understands with their drawn lines, each with its own tracking UID, on one dated time point', () => {
    expect(read.ours).toBe(false);
    expect(read.caseFile).toEqual({
      patientId: 'P12',
      criteria: 'recist1.1',
      timepoints: [{ id: 'SR', date: '2019-06-03', baseline: true }],
      lesions: [
        { id: 'cornerstoneTools@^4.0.0:Length', role: 'target', trackingUid: '2.25.111', site: 'Liver', measurements: { SR: { longAxisMm: 38.2, graphics: { longAxisMm: drawn('2.25.501') } } } },
        { id: 'cornerstoneTools@^4.0.0:Length (2)', role: 'target', trackingUid: '2.25.222', site: 'Liver', measurements: { SR: { longAxisMm: 25, graphics: { longAxisMm: drawn('2.25.502') } } } },
      ],
      reader: { name: 'unknown^unknown' },
    });
    expect(() => parseCaseFile(JSON.parse(JSON.stringify(read.caseFile)), 'read.json')).not.toThrow();
  });

  it('lists what it skipped or assumed, one line each', () => {
    expect(read.skipped).toEqual([
      'root.4.4: TIME item not read',
      'Measurement Group 1 "cornerstoneTools@^4.0.0:Length": lesion role not recorded; read as a target lesion',
      'Measurement Group 2 "cornerstoneTools@^4.0.0:Length": lesion role not recorded; read as a target lesion',
      'Measurement Group 3 "cornerstoneTools@^4.0.0:Length": Area (42798000) 150 mm2: not a diameter in mm or cm; not read',
      'Measurement Group 3 "cornerstoneTools@^4.0.0:Length": no diameter measurement; not read',
      'time point: measurements without Time Point Context (TID 1502) put on time point "SR" dated 2019-06-03 (study date)',
      'response criteria: not recorded by this report; set to recist1.1 (whole-lesion diameters)',
    ]);
  });

  it('rejects a foreign SR whose root is not a measurement report', () => {
    const other = { ...ohifLike, ConceptNameCodeSequence: c('18748-4', 'LN', 'Diagnostic imaging report') };
    expect(() => readSr(encodeDicom(other), 'ohif.dcm')).toThrow(
      'ohif.dcm: Document Title: expected Imaging Measurement Report (126000), got Diagnostic imaging report (18748-4)',
    );
  });
});
