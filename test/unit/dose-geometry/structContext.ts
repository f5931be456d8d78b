/** Fixed patient/study/frame for RT Structure Set tests (deterministic UIDs and dates). */
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import type { RtStructContext } from '../../../extensions/mrecist/src/core/dose/rtStructWriter';

export const structContext: RtStructContext = {
  patientName: 'Demo^Patient',
  patientId: 'DEMO-001',
  studyInstanceUid: uidFromName('study'),
  studyDate: '20260101',
  studyTime: '120000',
  frameOfReferenceUid: uidFromName('for'),
  structureSetLabel: 'Test',
  seriesInstanceUid: uidFromName('series'),
  sopInstanceUid: uidFromName('sop'),
  contentDate: '20260102',
  contentTime: '080000',
};
