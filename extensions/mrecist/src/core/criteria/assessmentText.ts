/** The readable form of an Assessment: a table of timepoints with the trail under each row (tumour-board use). */
import type { ResolvedCharter } from './charter';
import type { Assessment, CriteriaName, TimepointAssessment } from './types';

export const CRITERIA_TITLES = { mrecist: 'mRECIST', 'recist1.1': 'RECIST 1.1', easl: 'EASL' } as const;

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
}

function pct(value: number | null): string {
  if (value === null) return '-';
  return `${value > 0 ? '+' : ''}${value.toFixed(1)}%`;
}

/** The header of the timepoint table (also the board PDF's response table). */
export function timepointTableHeader(criteria: CriteriaName): string[] {
  return ['Timepoint', 'Date', `Sum (${criteria === 'easl' ? 'mm²' : 'mm'})`, 'vs baseline', 'vs nadir', 'Target', 'Non-target', 'New', 'Overall'];
}

/** One follow-up as the cells of the timepoint table. */
export function timepointTableRow(t: TimepointAssessment, criteria: CriteriaName): string[] {
  return [
    t.id,
    t.date,
    t.targetSum === null ? 'NE' : criteria === 'easl' ? t.targetSum.toFixed(2) : t.targetSum.toFixed(1),
    pct(t.changeFromBaselinePct),
    pct(t.changeFromNadirPct),
    t.target,
    t.nonTarget,
    t.newLesions ? 'yes' : 'no',
    t.overall,
  ];
}

export function formatAssessmentText(
  patientId: string,
  assessment: Assessment,
  charter: ResolvedCharter,
): string {
  const lines: string[] = [];
  const floor = assessment.criteria === 'easl' ? 'no floor' : `PD floor ${charter.absoluteIncreaseMm} mm`;
  lines.push(
    `Patient ${patientId}: ${CRITERIA_TITLES[assessment.criteria]} (confirmation ${
      charter.requireConfirmation ? `required, >= ${charter.confirmationMinDays} days` : 'not required'
    }; SD from day ${charter.minStableDiseaseDays}; ${floor})`,
  );
  if (assessment.bestOverallResponseTrace?.[0]) lines.push(assessment.bestOverallResponseTrace[0]);
  lines.push('');
  const header = timepointTableHeader(assessment.criteria);
  const rows = assessment.timepoints.map((t) => timepointTableRow(t, assessment.criteria));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  lines.push(pad(header, widths));
  lines.push(pad(widths.map((w) => '-'.repeat(w)), widths));
  assessment.timepoints.forEach((t, i) => {
    lines.push(pad(rows[i], widths));
    for (const step of t.trace) lines.push(`    ${step}`);
  });
  lines.push('');
  lines.push(`Best overall response: ${assessment.bestOverallResponse}`);
  for (const step of assessment.bestOverallResponseTrace?.slice(1) ?? []) lines.push(`    ${step}`);
  lines.push(`Progression date: ${assessment.progressionDate ?? 'none'}`);
  if (assessment.warnings && assessment.warnings.length > 0) {
    lines.push('Baseline warnings:');
    for (const w of assessment.warnings) lines.push(`    ${w}`);
  }
  return `${lines.join('\n')}\n`;
}
