import { exactHostLookup, searchManifestStudies, type ManifestStudyFields } from '../../../extensions/mrecist/src/ohif/demo/manifestStudySearch';

const STUDIES: ManifestStudyFields[] = [
  { StudyInstanceUID: '1.1', PatientID: 'P12', PatientName: 'MRECIST^DEMO TWELVE', StudyDate: '20200110', StudyDescription: 'CT abdomen', AccessionNumber: 'A1', Modalities: 'CT\\RTPLAN', NumInstances: 300 },
  { StudyInstanceUID: '1.2', PatientID: 'P12', PatientName: 'MRECIST^DEMO TWELVE', StudyDate: '20200410', StudyDescription: 'CT abdomen', AccessionNumber: 'A2', Modalities: 'CT', NumInstances: 200 },
  { StudyInstanceUID: '2.1', PatientID: 'P13', PatientName: 'MRECIST^DEMO THIRTEEN', StudyDate: '20200302', StudyDescription: 'MRI liver gadoxetate', AccessionNumber: 'P13-20200302', Modalities: 'MR', NumInstances: 216 },
  { StudyInstanceUID: '2.2', PatientID: 'P132', PatientName: 'OTHER^PATIENT', StudyDate: '20200506', StudyDescription: 'MRI liver', Modalities: 'MR' },
];
const uids = (filters: Record<string, unknown>) => searchManifestStudies(STUDIES, filters).map((s) => s.studyInstanceUid);

describe('study list search over the demo manifest', () => {
  it('lists every study for the study list with no filter (the host lists none)', () => {
    expect(uids({ offset: 0, limit: 101 })).toEqual(['1.1', '1.2', '2.1', '2.2']);
  });

  it('maps a study to the row the study list and the route init read', () => {
    expect(searchManifestStudies(STUDIES, { studyInstanceUid: '2.1' })).toEqual([
      { studyInstanceUid: '2.1', mrn: 'P13', patientName: 'MRECIST^DEMO THIRTEEN', date: '20200302', time: undefined, description: 'MRI liver gadoxetate', accession: 'P13-20200302', modalities: 'MR', instances: 216, NumInstances: 216 },
    ]);
  });

  it.each([
    [{ patientName: 'thirteen' }, ['2.1']],
    [{ patientName: '*DEMO*' }, ['1.1', '1.2', '2.1']],
    [{ patientId: 'P13' }, ['2.1', '2.2']],
    [{ patientId: 'P13', disableWildcard: true }, ['2.1']],
    [{ studyDescription: 'gadox' }, ['2.1']],
    [{ accessionNumber: 'a2' }, ['1.2']],
    [{ modalitiesInStudy: ['MR'] }, ['2.1', '2.2']],
    [{ modalitiesInStudy: ['RTPLAN', 'SEG'] }, ['1.1']],
    [{ startDate: '20200301', endDate: '20200410' }, ['1.2', '2.1']],
    [{ startDate: '20200411' }, ['2.2']],
    [{ endDate: '20200110' }, ['1.1']],
    [{ studyInstanceUid: '1.2,2.2' }, ['1.2', '2.2']],
    [{ patientName: 'nobody' }, []],
  ])('%j finds %j', (filters, expected) => {
    expect(uids(filters)).toEqual(expected);
  });
});

describe('look-ups the host answers from the manifest it has read', () => {
  /** The host's dicomjson search (OHIF 3.13): the first parameter, matched exactly against its mapped field. */
  const hostSearch = (lookup: Record<string, string>) => {
    const [key, value] = Object.entries(lookup)[0];
    const field = ({ studyInstanceUid: 'StudyInstanceUID', patientId: 'PatientID' } as const)[key as 'studyInstanceUid' | 'patientId'];
    return STUDIES.filter((s) => s[field] === value).map((s) => s.StudyInstanceUID);
  };

  it.each([
    [{ studyInstanceUid: '2.1' }, { studyInstanceUid: '2.1' }],
    [{ patientId: 'P13', disableWildcard: true }, { patientId: 'P13' }],
    [{ patientId: 'P13' }, undefined],
    [{ patientId: 'P13', disableWildcard: true, patientName: 'x' }, undefined],
    [{ studyInstanceUid: '1.1,1.2' }, undefined],
    [{ studyInstanceUid: '1.1', limit: 101 }, undefined],
    [{ offset: 0, limit: 101 }, undefined],
    [{ patientName: 'thirteen' }, undefined],
  ])('%j → %j, and the host then answers as the manifest search does', (filters, lookup) => {
    expect(exactHostLookup(filters)).toEqual(lookup);
    if (lookup) expect(hostSearch(lookup)).toEqual(uids(filters));
  });
});
