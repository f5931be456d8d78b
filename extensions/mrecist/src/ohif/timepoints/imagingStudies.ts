/**
 * Which studies are timepoints: those with images. A study holding only a report, a segmentation, an RT plan
 * or dose (or presentation states) cannot be read side by side, so it is never the baseline or the current
 * follow-up, and the panel does not list it as a timepoint.
 */
import type { StudySummary } from '../../core/read/studyOrder';

/** Modalities of non-image objects (DICOM PS3.3 C.7.3.1.1.1 defined terms). */
export const NON_IMAGE_MODALITIES: readonly string[] = Object.freeze(['SR', 'SEG', 'RTSTRUCT', 'RTPLAN', 'RTDOSE', 'RTRECORD', 'PR', 'KO', 'DOC', 'REG']);

/** True if any modality is an image modality, or if the modalities are not known yet (never drop data silently). */
export function hasImages(modalities: readonly string[]): boolean {
  return modalities.length === 0 || modalities.some((m) => !NON_IMAGE_MODALITIES.includes(m));
}

export function imagingStudies(studies: readonly StudySummary[]): StudySummary[] {
  return studies.filter((s) => hasImages(s.modalities));
}
