/** The readable form of a cohort summary: per-lesion and per-patient tables, rates with exact intervals, TTP. */
import type { Proportion } from './clopperPearson';
import type { CohortSummary, ResponseTally } from './cohortSummary';

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function formatProportion(p: Proportion): string {
  if (p.rate === null || p.ci === null) return `${p.x}/${p.n} (no cases)`;
  return `${p.x}/${p.n} = ${percent(p.rate)} (95% CI ${percent(p.ci[0])} to ${percent(p.ci[1])}, exact)`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function tallyLines(title: string, t: ResponseTally): string[] {
  const c = t.counts;
  const counts = `CR ${c.CR}, PR ${c.PR}, SD ${c.SD}, PD ${c.PD}, NE ${c.NE}${c['none in window'] ? `, none in window ${c['none in window']}` : ''}`;
  return [
    `${title} (n = ${t.n}): ${counts}`,
    `    objective response (CR+PR): ${formatProportion(t.objectiveResponse)}`,
    `    disease control (CR+PR+SD): ${formatProportion(t.diseaseControl)}`,
  ];
}

export function formatCohortText(s: CohortSummary): string {
  const at = `day ${s.atDays} +/- ${s.windowDays}`;
  const lines: string[] = [];
  lines.push(`Per lesion (response at ${at}; best = best response of the lesion on its own)`);
  lines.push(
    ...table(
      ['Patient', 'Lesion', 'Site', 'Timepoint', 'Day', 'Response', 'Best'],
      s.lesions.map((l) => [l.patientId, l.lesionId, l.site ?? '', l.timepointId ?? '-', l.day === null ? '-' : String(l.day), l.response, l.best]),
    ),
  );
  lines.push('');
  lines.push(`Per patient (overall response at ${at}; best overall response; time to progression from baseline)`);
  lines.push(
    ...table(
      ['Patient', 'Criteria', 'Timepoint', 'Day', 'Response', 'BOR', 'Progression', 'TTP days'],
      s.patients.map((p) => [
        p.patientId,
        p.criteria,
        p.timepointId ?? '-',
        p.day === null ? '-' : String(p.day),
        p.response,
        p.bestOverallResponse,
        p.progressionDate ?? '-',
        `${p.timeToProgressionDays}${p.progressed ? '' : '+'}`,
      ]),
    ),
  );
  lines.push('');
  lines.push(...tallyLines(`Per lesion at ${at}`, s.perLesionAtDay));
  lines.push(...tallyLines('Per lesion, best response', s.perLesionBest));
  lines.push(...tallyLines(`Per patient at ${at}`, s.perPatientAtDay));
  lines.push(...tallyLines('Per patient, best overall response', s.perPatientBest));
  const ttp = s.timeToProgression;
  lines.push(`Time to progression: ${ttp.progressed} progressed, ${ttp.censored} censored (+ = censored at last assessment)`);
  lines.push(`    median of observed progressions: ${ttp.medianObservedDays === null ? 'none' : `${ttp.medianObservedDays} days`}`);
  lines.push(
    `    Kaplan-Meier median: ${ttp.kaplanMeierMedianDays === null ? 'not reached' : `${ttp.kaplanMeierMedianDays} days`}`,
  );
  return `${lines.join('\n')}\n`;
}
