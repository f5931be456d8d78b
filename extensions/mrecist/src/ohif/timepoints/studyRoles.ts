/**
 * The hanging protocol's two study roles, as custom attributes: is this study the patient's baseline
 * (earliest dated study with images), is it the current follow-up (latest dated study with images)? Computed over all studies the host opened,
 * so the URL's study order does not matter.
 */
import type { HostStudy } from '../hostServices';
import { imagingStudies } from './imagingStudies';
import { orderTimepoints } from '../../core/read/studyOrder';
import { studySummaryFromHostStudy } from './studySummaries';

export type StudyRole = 'baseline' | 'current';

export function hasStudyRole(role: StudyRole, study: HostStudy | undefined, allStudies: ReadonlyArray<HostStudy | undefined>): boolean {
  if (!study) return false;
  const summaries = allStudies.filter((s): s is HostStudy => !!s).map(studySummaryFromHostStudy);
  const self = studySummaryFromHostStudy(study);
  // Another patient's studies never decide this patient's baseline.
  const timepoints = orderTimepoints(imagingStudies(summaries.filter((s) => s.patientId === self.patientId)));
  const match = timepoints.find((t) => t.studyInstanceUid === study.StudyInstanceUID);
  if (!match) return false;
  return role === 'baseline' ? match.role === 'baseline' : match.isCurrent;
}
