/**
 * Plain CSV export of one read: one row per lesion per timepoint (recordType "lesion"), one per criterion per
 * assessed timepoint ("response") and one per criterion for the best overall response ("best").
 */
import { isNotEvaluable } from '../criteria/types';
import { csvText, type CsvCell } from './csvText';
import type { ExportInput } from './exportInput';

export const CSV_COLUMNS = [
  'patientId', 'reader', 'readerRole', 'recordType', 'criteria', 'lesionId', 'trackingUid', 'role', 'site',
  'timepoint', 'date', 'longAxisMm', 'shortAxisMm', 'viableLongAxisMm', 'viablePerpendicularMm', 'notEvaluable',
  'reason', 'status', 'typicalHCC', 'unequivocal', 'targetSum', 'changeFromBaselinePct', 'changeFromNadirPct',
  'target', 'nonTarget', 'newLesions', 'overall', 'bestOverallResponse', 'progressionDate',
] as const;

export function exportCsv(input: ExportInput): string {
  const { caseFile } = input;
  const reader = input.reader ?? caseFile.reader;
  const common = { patientId: caseFile.patientId, reader: reader?.name, readerRole: reader?.role };
  const dateOf = new Map(caseFile.timepoints.map((t) => [t.id, t.date]));
  const rows: Record<string, CsvCell>[] = [];
  for (const lesion of caseFile.lesions) {
    const base = { ...common, recordType: 'lesion', lesionId: lesion.id, trackingUid: lesion.trackingUid, role: lesion.role, site: lesion.site };
    for (const tp of caseFile.timepoints) {
      const at = { ...base, timepoint: tp.id, date: dateOf.get(tp.id) };
      if (lesion.role === 'target') {
        const m = lesion.measurements[tp.id];
        if (!m) continue;
        if (isNotEvaluable(m)) rows.push({ ...at, notEvaluable: true, reason: m.reason });
        else
          rows.push({ ...at, longAxisMm: m.longAxisMm, shortAxisMm: m.shortAxisMm, viableLongAxisMm: m.viableLongAxisMm, viablePerpendicularMm: m.viablePerpendicularMm });
      } else if (lesion.role === 'nonTarget') {
        const s = lesion.status[tp.id];
        if (s) rows.push({ ...at, status: s });
      } else {
        const a = lesion.assessments[tp.id];
        if (a) rows.push({ ...at, longAxisMm: a.longAxisMm, shortAxisMm: a.shortAxisMm, typicalHCC: a.typicalHCC, unequivocal: a.unequivocal });
      }
    }
  }
  for (const r of input.responses) {
    for (const t of r.timepoints)
      rows.push({
        ...common, recordType: 'response', criteria: r.criteria, timepoint: t.id, date: t.date, targetSum: t.targetSum,
        changeFromBaselinePct: t.changeFromBaselinePct, changeFromNadirPct: t.changeFromNadirPct, target: t.target,
        nonTarget: t.nonTarget, newLesions: t.newLesions, overall: t.overall,
      });
    rows.push({ ...common, recordType: 'best', criteria: r.criteria, bestOverallResponse: r.bestOverallResponse, progressionDate: r.progressionDate });
  }
  return csvText(CSV_COLUMNS, rows);
}
