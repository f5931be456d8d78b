/**
 * Case-file rules for LI-RADS TR features (lesions[].liradsTr, optional in schema version 1) that the JSON
 * Schema cannot say: each key is a timepoint id, and not the baseline (LR-TR assesses a treated lesion after
 * treatment).
 */
import { CriteriaInputError } from '../errors';
import type { LiradsTrFeatures } from './liradsTreatmentResponse';
import type { CaseFile } from './types';

export function checkLiradsTrTimepoints(caseFile: CaseFile, source: string): void {
  const ids = new Set(caseFile.timepoints.map((tp) => tp.id));
  const baseline = caseFile.timepoints.find((tp) => tp.baseline === true)?.id;
  caseFile.lesions.forEach((lesion, i) => {
    const recorded = (lesion as { liradsTr?: Record<string, LiradsTrFeatures> }).liradsTr;
    for (const id of Object.keys(recorded ?? {})) {
      if (!ids.has(id)) throw new CriteriaInputError(source, `lesions[${i}].liradsTr.${id}`, `unknown timepoint id "${id}"`);
      if (id === baseline)
        throw new CriteriaInputError(source, `lesions[${i}].liradsTr.${id}`, 'the baseline is before treatment: LI-RADS TR assesses post-treatment timepoints');
    }
  });
}
