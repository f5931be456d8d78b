import { expandToPatientStudies, type StudySearchDataSource } from '../../../extensions/mrecist/src/ohif/expandToPatientStudies';

/** A data source that, like the host's DICOMweb one with wildcards on, matches PatientID as a substring. */
function fakeDataSource(studies: Array<{ uid: string; mrn: string }>, calls: Array<Record<string, unknown>> = []): StudySearchDataSource {
  return {
    query: {
      studies: {
        search: async (params) => {
          calls.push(params);
          const hits = params.studyInstanceUid
            ? studies.filter((s) => s.uid === params.studyInstanceUid)
            : studies.filter((s) => s.mrn.includes(String(params.patientId)));
          return hits.map((s) => ({ studyInstanceUid: s.uid, mrn: s.mrn }));
        },
      },
    },
  };
}

const PACS = [
  { uid: '1.1', mrn: 'P1' },
  { uid: '1.2', mrn: 'P1' },
  { uid: '12.1', mrn: 'P12' },
  { uid: '1.3', mrn: 'P1' },
];

it('appends the other studies of the requested study patient, in place, exact PatientID only', async () => {
  const uids = ['1.2'];
  const calls: Array<Record<string, unknown>> = [];
  await expandToPatientStudies(uids, fakeDataSource(PACS, calls));
  expect(uids).toEqual(['1.2', '1.1', '1.3']);
  expect(calls[1]).toEqual({ patientId: 'P1', disableWildcard: true });
});

it('leaves a complete list unchanged', async () => {
  const uids = ['1.1', '1.2', '1.3'];
  await expandToPatientStudies(uids, fakeDataSource(PACS));
  expect(uids).toEqual(['1.1', '1.2', '1.3']);
});

it('keeps the requested studies and warns when the search fails', async () => {
  const uids = ['1.2'];
  const shown: unknown[] = [];
  const failing: StudySearchDataSource = { query: { studies: { search: async () => Promise.reject(new Error('HTTP 503')) } } };
  await expandToPatientStudies(uids, failing, { show: (n) => shown.push(n) });
  expect(uids).toEqual(['1.2']);
  expect(shown).toEqual([
    {
      title: 'Other timepoints not found',
      message: "Could not look up this patient's other studies (HTTP 503); showing only the studies requested.",
      type: 'warning',
      duration: 10_000,
    },
  ]);
});
