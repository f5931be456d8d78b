/**
 * TR (Tumor/Lesion Results): per criterion (its own TRGRPID), per lesion and visit, with CDISC test codes
 * (terminology.ts): LDIAM for targets and new lesions (the criterion's diameter: viable long axis under mRECIST
 * and EASL, long axis under RECIST 1.1); under RECIST 1.1 a nodal target's short axis is LPERP, as in the SDTMIG
 * RECIST example; LPERP is also EASL's viable perpendicular. Non-targets and new lesions carry TUMSTATE, nodes
 * LNSTATE. Per visit the target sum (SUMDIAM; EASL's sum of products SUMPDIAM in mm2) and, at follow-ups, the
 * percent change from baseline and from nadir (PCBSD/PCNSD; PCBSPD/PCNSPD under EASL).
 * A not-evaluable measurement is TRSTAT "NOT DONE" with its reason in TRREASND. Each row may carry SUPPTR
 * qualifiers (typical HCC pattern, contrast phase), emitted by supp.ts against its TRSEQ.
 */
import { assess } from '../../criteria/assess';
import type { CaseFile, CriteriaName, Lesion, MeasuredValues, NonTargetStatus } from '../../criteria/types';
import { isNotEvaluable } from '../../criteria/types';
import { InputError } from '../../errors';
import { csvText, type CsvCell } from '../csvText';
import type { ExportInput } from '../exportInput';
import { GROUP_TAG, linkGroup, type LinkKind, type SdtmContext } from './sdtmContext';
import { PHASE_TERM, TR_TEST, type TrTestCode } from './terminology';

export const TR_COLUMNS = [
  'STUDYID', 'DOMAIN', 'USUBJID', 'TRSEQ', 'TRGRPID', 'TRLNKGRP', 'TRLNKID', 'TRTESTCD', 'TRTEST', 'TRORRES',
  'TRORRESU', 'TRSTRESC', 'TRSTRESN', 'TRSTRESU', 'TRSTAT', 'TRREASND', 'TRMETHOD', 'TREVAL', 'TREVALID',
  'TRACPTFL', 'VISITNUM', 'VISIT', 'EPOCH', 'TRDTC', 'TRDY',
] as const;

/** SUPPTR qualifiers of one TR row (QNAM -> QVAL), kept beside the row until TRSEQ is known. */
export interface TrRow {
  row: Record<string, CsvCell>;
  supp?: Record<string, string>;
}

const TUMOR_STATE: Record<NonTargetStatus, string> = {
  present: 'PRESENT',
  absent: 'ABSENT',
  unequivocalProgression: 'UNEQUIVOCAL PROGRESSION',
  notEvaluated: '',
};
/** RECIST 1.1: a nodal non-target "absent" has returned to a normal short axis (< 10 mm), i.e. non-pathological. */
const NODE_STATE: Record<NonTargetStatus, string> = {
  present: 'PATHOLOGICAL',
  absent: 'NON-PATHOLOGICAL',
  unequivocalProgression: 'UNEQUIVOCAL PROGRESSION',
  notEvaluated: '',
};

/** The criterion's diameter of a target, and its test code (a RECIST 1.1 node is measured by its short axis). */
function diameterOf(criteria: CriteriaName, lesion: Lesion, m: MeasuredValues): [TrTestCode, number | undefined] {
  if (criteria === 'recist1.1') return lesion.node ? ['LPERP', m.shortAxisMm] : ['LDIAM', m.longAxisMm];
  return ['LDIAM', m.viableLongAxisMm];
}

const SUM_CODES: Record<'diameters' | 'products', [TrTestCode, TrTestCode, TrTestCode]> = {
  diameters: ['SUMDIAM', 'PCBSD', 'PCNSD'],
  products: ['SUMPDIAM', 'PCBSPD', 'PCNSPD'],
};

/** The criterion's baseline target sum, from the read's own baseline values (undefined when not assessable). */
function baselineSum(caseFile: CaseFile, criteria: CriteriaName): number | undefined {
  try {
    return assess(caseFile, criteria).baselineTargetSum;
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

export function trRowsWithSupp(input: ExportInput, ctx: SdtmContext): TrRow[] {
  const { caseFile } = input;
  const rows: TrRow[] = [];
  for (const r of input.responses) {
    const c = r.criteria;
    for (const tp of caseFile.timepoints) {
      const visit = ctx.visitOf(tp.id);
      const common = {
        STUDYID: ctx.studyId, DOMAIN: 'TR', USUBJID: ctx.usubjid, TRGRPID: GROUP_TAG[c],
        TRMETHOD: ctx.method, TREVAL: ctx.eval, TREVALID: ctx.evalId, TRACPTFL: ctx.acceptedFlag,
        ...visit, TRDTC: tp.date, TRDY: ctx.dayOf(tp.date),
      };
      const group = (kind: LinkKind) => linkGroup(c, kind, visit.VISITNUM);
      const add = (kind: LinkKind, code: TrTestCode, lesion: Lesion | undefined, result: Record<string, CsvCell>, supp?: Record<string, string>) =>
        rows.push({
          row: { ...common, TRLNKGRP: group(kind), TRLNKID: lesion ? ctx.linkId.get(lesion.id) : undefined, TRTESTCD: code, TRTEST: TR_TEST[code], ...result },
          supp,
        });
      const value = (v: number | undefined, unit: string, reason = 'NOT RECORDED') =>
        v === undefined
          ? { TRSTAT: 'NOT DONE', TRREASND: reason }
          : { TRORRES: v, TRORRESU: unit, TRSTRESC: v, TRSTRESN: v, TRSTRESU: unit };
      const state = (kind: LinkKind, lesion: Lesion, s: NonTargetStatus, supp?: Record<string, string>) => {
        const text = (lesion.node ? NODE_STATE : TUMOR_STATE)[s];
        add(kind, lesion.node ? 'LNSTATE' : 'TUMSTATE', lesion, text === '' ? { TRSTAT: 'NOT DONE', TRREASND: 'NOT EVALUATED' } : { TRORRES: text, TRSTRESC: text }, supp);
      };
      for (const lesion of caseFile.lesions) {
        if (lesion.role === 'target') {
          const m = lesion.measurements[tp.id];
          if (!m) continue;
          if (isNotEvaluable(m)) {
            const reason = (m.reason ?? 'NOT EVALUABLE').toUpperCase();
            add('T', c === 'recist1.1' && lesion.node ? 'LPERP' : 'LDIAM', lesion, value(undefined, 'mm', reason));
            if (c === 'easl') add('T', 'LPERP', lesion, value(undefined, 'mm', reason));
            continue;
          }
          const phase = m.phase ? PHASE_TERM[m.phase] : undefined;
          const supp = phase ? { PHASE: phase } : undefined;
          const [code, v] = diameterOf(c, lesion, m);
          add('T', code, lesion, value(v, 'mm'), supp);
          if (c === 'easl') add('T', 'LPERP', lesion, value(m.viablePerpendicularMm, 'mm'), supp);
        } else if (lesion.role === 'nonTarget') {
          const s = lesion.status[tp.id];
          if (s) state('NT', lesion, s);
        } else {
          const a = lesion.assessments[tp.id];
          if (!a) continue;
          state('NEW', lesion, 'present');
          const nodeShort = lesion.node && c === 'recist1.1';
          const supp = a.typicalHCC === undefined ? undefined : { TYPHCC: a.typicalHCC ? 'Y' : 'N' };
          add('NEW', nodeShort ? 'LPERP' : 'LDIAM', lesion, value(nodeShort ? a.shortAxisMm : a.longAxisMm, 'mm'), supp);
        }
      }
      const response = r.timepoints.find((t) => t.id === tp.id);
      const [sum, fromBaseline, fromNadir] = SUM_CODES[c === 'easl' ? 'products' : 'diameters'];
      const unit = c === 'easl' ? 'mm2' : 'mm';
      // The baseline sum is the reference every percent change is taken against: a row of its own, as at follow-ups.
      if (tp.baseline) add('T', sum, undefined, value(baselineSum(caseFile, c), unit, 'TARGET SUM NOT ASSESSABLE'));
      else if (response) {
        const reason = 'TARGET RESPONSE NOT EVALUABLE';
        add('T', sum, undefined, value(response.targetSum ?? undefined, unit, reason));
        add('T', fromBaseline, undefined, value(response.changeFromBaselinePct ?? undefined, '%', reason));
        add('T', fromNadir, undefined, value(response.changeFromNadirPct ?? undefined, '%', reason));
      }
    }
  }
  return rows.map((r, i) => ({ ...r, row: { ...r.row, TRSEQ: i + 1 } }));
}

/** TR rows without their SUPPTR qualifiers. */
export function trRows(input: ExportInput, ctx: SdtmContext): Record<string, CsvCell>[] {
  return trRowsWithSupp(input, ctx).map((r) => r.row);
}

export function exportTr(input: ExportInput, ctx: SdtmContext): string {
  return csvText(TR_COLUMNS, trRows(input, ctx));
}
