/**
 * TR (Tumor/Lesion Results): per criterion (its own TRGRPID / TRLNKGRP group, response-criteria.md section 9),
 * per lesion and visit: LDIAM for targets and new lesions (the criterion's diameter: viable long axis under
 * mRECIST and EASL, long axis or a node's short axis under RECIST 1.1), LPERP under EASL, TUMSTATE for
 * non-targets and new lesions; per visit SUMDIAM (the criterion's target sum; mm² under EASL), the baseline's included.
 * A not-evaluable measurement is TRSTAT "NOT DONE" with its reason in TRREASND.
 */
import { assess } from '../../criteria/assess';
import type { CaseFile, CriteriaName, Lesion, MeasuredValues, NonTargetStatus } from '../../criteria/types';
import { isNotEvaluable } from '../../criteria/types';
import { InputError } from '../../errors';
import { csvText, type CsvCell } from '../csvText';
import type { ExportInput } from '../exportInput';
import { GROUP_TAG, linkGroup, type SdtmContext } from './sdtmContext';

export const TR_COLUMNS = [
  'STUDYID', 'DOMAIN', 'USUBJID', 'TRSEQ', 'TRGRPID', 'TRLNKGRP', 'TRLNKID', 'TRTESTCD', 'TRTEST', 'TRORRES',
  'TRORRESU', 'TRSTRESC', 'TRSTRESN', 'TRSTRESU', 'TRSTAT', 'TRREASND', 'TRMETHOD', 'TREVAL', 'TREVALID',
  'TRACPTFL', 'VISITNUM', 'VISIT', 'TRDTC',
] as const;

const TEST = {
  LDIAM: 'Longest Diameter',
  LPERP: 'Longest Perpendicular',
  SUMDIAM: 'Sum of Diameter',
  TUMSTATE: 'Tumor State',
} as const;

const STATE: Record<NonTargetStatus, string> = {
  present: 'PRESENT',
  absent: 'ABSENT',
  unequivocalProgression: 'UNEQUIVOCAL PROGRESSION',
  notEvaluated: '',
};

function diameterOf(criteria: CriteriaName, lesion: Lesion, m: MeasuredValues): number | undefined {
  if (criteria === 'recist1.1') return lesion.node ? m.shortAxisMm : m.longAxisMm;
  return m.viableLongAxisMm;
}

/** The criterion's baseline target sum, from the read's own baseline values (undefined when not assessable). */
function baselineSum(caseFile: CaseFile, criteria: CriteriaName): number | undefined {
  try {
    return assess(caseFile, criteria).baselineTargetSum;
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

export function trRows(input: ExportInput, ctx: SdtmContext): Record<string, CsvCell>[] {
  const { caseFile } = input;
  const rows: Record<string, CsvCell>[] = [];
  for (const r of input.responses) {
    const c = r.criteria;
    for (const tp of caseFile.timepoints) {
      const common = {
        STUDYID: ctx.studyId, DOMAIN: 'TR', USUBJID: ctx.usubjid, TRGRPID: GROUP_TAG[c], TRLNKGRP: linkGroup(c, tp.id),
        TRMETHOD: ctx.method, TREVAL: ctx.eval, TREVALID: ctx.evalId, TRACPTFL: ctx.acceptedFlag,
        VISITNUM: ctx.visitNum.get(tp.id), VISIT: tp.id, TRDTC: tp.date,
      };
      const value = (code: keyof typeof TEST, lesion: Lesion | undefined, v: number | undefined, unit = 'mm', reason = 'NOT RECORDED') =>
        rows.push({
          ...common, TRLNKID: lesion ? ctx.linkId.get(lesion.id) : undefined, TRTESTCD: code, TRTEST: TEST[code],
          ...(v === undefined
            ? { TRSTAT: 'NOT DONE', TRREASND: reason }
            : { TRORRES: String(v), TRORRESU: unit, TRSTRESC: String(v), TRSTRESN: v, TRSTRESU: unit }),
        });
      const state = (lesion: Lesion, s: string) =>
        rows.push({
          ...common, TRLNKID: ctx.linkId.get(lesion.id), TRTESTCD: 'TUMSTATE', TRTEST: TEST.TUMSTATE,
          ...(s === '' ? { TRSTAT: 'NOT DONE', TRREASND: 'NOT EVALUATED' } : { TRORRES: s, TRSTRESC: s }),
        });
      for (const lesion of caseFile.lesions) {
        if (lesion.role === 'target') {
          const m = lesion.measurements[tp.id];
          if (!m) continue;
          if (isNotEvaluable(m)) {
            const reason = (m.reason ?? 'NOT EVALUABLE').toUpperCase();
            value('LDIAM', lesion, undefined, 'mm', reason);
            if (c === 'easl') value('LPERP', lesion, undefined, 'mm', reason);
            continue;
          }
          value('LDIAM', lesion, diameterOf(c, lesion, m));
          if (c === 'easl') value('LPERP', lesion, m.viablePerpendicularMm);
        } else if (lesion.role === 'nonTarget') {
          const s = lesion.status[tp.id];
          if (s) state(lesion, STATE[s]);
        } else {
          const a = lesion.assessments[tp.id];
          if (!a) continue;
          state(lesion, 'PRESENT');
          value('LDIAM', lesion, lesion.node && c === 'recist1.1' ? a.shortAxisMm : a.longAxisMm);
        }
      }
      const response = r.timepoints.find((t) => t.id === tp.id);
      const unit = c === 'easl' ? 'mm2' : 'mm';
      // The baseline sum is the reference every percent change is taken against: a row of its own, as at follow-ups.
      if (tp.baseline) value('SUMDIAM', undefined, baselineSum(caseFile, c), unit, 'TARGET SUM NOT ASSESSABLE');
      else if (response) value('SUMDIAM', undefined, response.targetSum ?? undefined, unit, 'TARGET RESPONSE NOT EVALUABLE');
    }
  }
  return rows.map((row, i) => ({ ...row, TRSEQ: i + 1 }));
}

export function exportTr(input: ExportInput, ctx: SdtmContext): string {
  return csvText(TR_COLUMNS, trRows(input, ctx));
}
