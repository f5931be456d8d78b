/** The adjudication check as a table a reviewer reads: each variable, both reads, and whether they agree. */
import { CRITERIA_TITLES } from '../criteria/assessmentText';
import type { AdjudicationCheck, ReviewVariable } from './adjudication';

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
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [
    `Patient ${check.patientId}, ${CRITERIA_TITLES[check.criteria]}: ${verdict}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n');
}
