/** The read most read-workflow tests start from: one patient, a baseline and one follow-up, no lesions yet. */
import type { CaseFile, IsoDate } from '../../../extensions/mrecist/src/core/criteria/types';

export interface TwoTimepointReadOptions {
  patientId?: string;
  criteria?: CaseFile['criteria'];
  /** Date of the follow-up M1; the baseline BL is 2019-05-02. */
  followUpDate?: IsoDate;
}

/** A fresh object on every call, so tests may check that operations leave their input untouched. */
export function twoTimepointRead({ patientId = 'P12', criteria = 'mrecist', followUpDate = '2019-06-03' }: TwoTimepointReadOptions = {}): CaseFile {
  return {
    patientId,
    criteria,
    timepoints: [
      { id: 'BL', date: '2019-05-02', baseline: true },
      { id: 'M1', date: followUpDate },
    ],
    lesions: [],
  };
}
