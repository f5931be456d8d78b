/** Registers the hanging protocol's study-role attributes with the host's hanging-protocol service. */
import type { ServicesManager } from './hostServices';
import { STUDY_ATTRIBUTE } from './ids';
import { hasStudyRole } from './timepoints/studyRoles';

export function registerStudyRoleAttributes({ servicesManager }: { servicesManager: ServicesManager }): void {
  const { hangingProtocolService } = servicesManager.services;
  hangingProtocolService.addCustomAttribute(
    STUDY_ATTRIBUTE.isBaselineStudy,
    'Earliest dated study of the patient (mRECIST baseline)',
    (study, options) => hasStudyRole('baseline', study, options?.studies ?? [study]),
  );
  hangingProtocolService.addCustomAttribute(
    STUDY_ATTRIBUTE.isCurrentStudy,
    'Latest dated study of the patient (current follow-up)',
    (study, options) => hasStudyRole('current', study, options?.studies ?? [study]),
  );
}
