/** The adjudication check as a table a reviewer reads: each variable, both reads, and whether they agree. */
import { CRITERIA_TITLES } from '../criteria/assessmentText';
import type { AdjudicationCheck, ReviewVariable } from './adjudication';
import { textTable } from './textTable';

const LABEL: Record<ReviewVariable, string> = {
  bestOverallResponse: 'best overall response',
  progressionDate: 'progression date',
  responseDate: 'response date',
};

export function adjudicationText(check: AdjudicationCheck): string {
  const differing = check.comparisons.filter((c) => !c.agree).map((c) => LABEL[c.variable]);
  const verdict = check.adjudicationNeeded ? `adjudication needed (${differing.join(', ')} differ${differing.length === 1 ? 's' : ''})` : 'reads agree: no adjudication';
  const [a, b] = check.reads;
  const head = ['variable', `read A: ${a.reader || 'unnamed'} (${a.source})`, `read B: ${b.reader || 'unnamed'} (${b.source})`, 'agree'];
  const rows = check.comparisons.map((c) => [LABEL[c.variable], c.a ?? 'none', c.b ?? 'none', c.agree ? 'yes' : 'NO']);
  return [`Patient ${check.patientId}, ${CRITERIA_TITLES[check.criteria]}: ${verdict}`, '', ...textTable(head, rows), ''].join('\n');
}
