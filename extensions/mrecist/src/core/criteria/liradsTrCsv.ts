/**
 * LI-RADS TR as CSV (RFC 4180 through export/csvText): one row per treated lesion and post-treatment timepoint,
 * with the rule that decided and the trail joined by " | ".
 */
import { csvText } from '../export/csvText';
import type { LrTrAssessment } from './liradsTreatmentResponse';

export const LIRADS_TR_CSV_HEADER = ['patientId', 'lesionId', 'treatment', 'track', 'timepointId', 'date', 'category', 'rule', 'trail'] as const;

export function liradsTrCsv(patientId: string, a: LrTrAssessment): string {
  return csvText(
    LIRADS_TR_CSV_HEADER,
    a.lesions.flatMap((l) =>
      l.timepoints.map((t) => ({
        patientId,
        lesionId: l.lesionId,
        treatment: l.treatment,
        track: l.track,
        timepointId: t.id,
        date: t.date,
        category: t.category,
        rule: t.rule,
        trail: t.trace.join(' | '),
      })),
    ),
  );
}
