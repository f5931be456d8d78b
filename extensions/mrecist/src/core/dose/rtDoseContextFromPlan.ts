/**
 * The RT Dose we compute from a plan belongs with the plan: same patient, study and Frame of Reference, and it
 * references the plan down to its fraction group and application setups (required for BRACHY summation).
 */
import { patientStudyContextOf } from '../dicom/compositeModules';
import type { DicomDataset } from '../dicom/DicomDataset';
import type { RtDoseWriteContext } from './writeRtDose';

export interface NewObjectIds {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  contentDate: string;
  contentTime: string;
}

export function rtDoseContextFromPlan(planDs: DicomDataset, ids: NewObjectIds, doseComment?: string): RtDoseWriteContext {
  const frameOfReferenceUid = planDs.string('FrameOfReferenceUID');
  const setups = planDs.sequence('ApplicationSetupSequence').map((s, i) => s.optionalNumber('ApplicationSetupNumber') ?? i + 1);
  const fractionGroup = planDs.sequence('FractionGroupSequence')[0]?.optionalNumber('FractionGroupNumber') ?? 1;
  return {
    ...patientStudyContextOf(planDs),
    studyDescription: planDs.optionalString('StudyDescription'),
    seriesInstanceUid: ids.seriesInstanceUid,
    seriesDescription: 'TG-43 dose (ohif-mrecist)',
    sopInstanceUid: ids.sopInstanceUid,
    contentDate: ids.contentDate,
    contentTime: ids.contentTime,
    frameOfReferenceUid,
    referencedRtPlanSopInstanceUid: planDs.string('SOPInstanceUID'),
    referencedFractionGroupNumber: fractionGroup,
    referencedApplicationSetupNumbers: setups.length > 0 ? setups : [1],
    doseComment,
  };
}
