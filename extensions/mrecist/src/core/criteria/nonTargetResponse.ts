/**
 * Non-target response at one timepoint (response-criteria.md section 2.4), with RECIST 1.1's precedence:
 * PD, then NE, then IR/SD (NonCR/NonPD under RECIST 1.1), then CR; "none" without non-target lesions.
 * An effusion or ascites (`kind: "effusion"`) counts as PD only when progressing AND cytology proved it
 * malignant; otherwise it is treated as present [project rule].
 */
import type { CriteriaRules } from './criteriaRules';
import type { NonTargetCategory, NonTargetLesion, NonTargetStatus } from './types';

export interface NonTargetResponse {
  category: NonTargetCategory;
  line: string;
}

const STATUS_WORDS: Record<NonTargetStatus, string> = {
  present: 'present',
  absent: 'absent',
  unequivocalProgression: 'unequivocal progression',
  notEvaluated: 'not evaluated',
};

/** The status that counts, after the effusion rule; a missing key means not evaluated (section 7). */
export function effectiveStatus(lesion: NonTargetLesion, timepointId: string): { status: NonTargetStatus; note?: string } {
  const status = lesion.status[timepointId] ?? 'notEvaluated';
  if (status === 'unequivocalProgression' && lesion.kind === 'effusion' && lesion.cytologyConfirmed !== true) {
    return { status: 'present', note: 'worsening without cytological proof, counted as present [project rule]' };
  }
  return { status };
}

export function classifyNonTargetResponse(
  rules: CriteriaRules,
  lesions: readonly NonTargetLesion[],
  timepointId: string,
): NonTargetResponse {
  if (lesions.length === 0) return { category: 'none', line: 'non-target: none recorded' };
  const statuses = lesions.map((lesion) => ({ lesion, ...effectiveStatus(lesion, timepointId) }));
  const has = (s: NonTargetStatus) => statuses.some((x) => x.status === s);
  const category: NonTargetCategory = has('unequivocalProgression')
    ? 'PD'
    : has('notEvaluated')
      ? 'NE'
      : has('present')
        ? rules.nonTargetPersisting
        : 'CR';
  const parts = statuses.map(({ lesion, status, note }) => {
    const kind = lesion.kind === 'effusion' ? ' (effusion)' : '';
    const recorded = lesion.status[timepointId] === undefined ? 'not recorded' : STATUS_WORDS[status];
    return `${lesion.id}${kind} ${note ?? recorded}`;
  });
  return { category, line: `non-target: ${parts.join(', ')}: ${category}` };
}
