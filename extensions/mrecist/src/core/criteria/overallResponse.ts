/**
 * Overall response at one timepoint from target, non-target and new-lesion calls (response-criteria.md
 * section 2.6; RECIST 1.1 Table 1). Patients without target lesions [project rule]: the overall follows the
 * non-target call (CR, PD, NE, otherwise SD standing in for RECIST's "non-CR/non-PD").
 */
import type { NonTargetCategory, ResponseCategory } from './types';

export function classifyOverallResponse(
  target: ResponseCategory,
  nonTarget: NonTargetCategory,
  newLesions: boolean,
  hasTargets: boolean,
): ResponseCategory {
  if (target === 'PD' || nonTarget === 'PD' || newLesions) return 'PD';
  if (!hasTargets) {
    if (nonTarget === 'CR') return 'CR';
    if (nonTarget === 'NE' || nonTarget === 'none') return 'NE';
    return 'SD';
  }
  switch (target) {
    case 'CR':
      return nonTarget === 'CR' || nonTarget === 'none' ? 'CR' : 'PR';
    case 'PR':
      return 'PR';
    case 'SD':
      return 'SD';
    default:
      return 'NE';
  }
}
