/**
 * RS (Disease Response): per criterion (RSCAT) and assessed visit: TRGRESP, NTRGRESP, NEWLIND (a new lesion is
 * recorded at the visit, Y/N), NEWLPROG (only where a new lesion is recorded: UNEQUIVOCAL when it counts as
 * progression, EQUIVOCAL when not, e.g. an atypical or sub-centimetre nodule under mRECIST), OVRLRESP; and
 * BESTRESP per criterion. A non-target response "none" (no non-target lesions) is RSSTAT "NOT DONE".
 * RSLNKGRP is set only on a result derived from TR records of this visit (TRGRESP from the targets, NTRGRESP
 * from the non-targets, NEWLIND "Y"/NEWLPROG from the new lesions); OVRLRESP and BESTRESP derive from other RS
 * results and carry none.
 */
import type { NonTargetCategory } from '../../criteria/types';
import { csvText, type CsvCell } from '../csvText';
import type { ExportInput } from '../exportInput';
import { linkGroup, RSCAT, type LinkKind, type SdtmContext } from './sdtmContext';

export const RS_COLUMNS = [
  'STUDYID', 'DOMAIN', 'USUBJID', 'RSSEQ', 'RSLNKGRP', 'RSTESTCD', 'RSTEST', 'RSCAT', 'RSORRES', 'RSSTRESC',
  'RSSTAT', 'RSREASND', 'RSEVAL', 'RSEVALID', 'RSACPTFL', 'VISITNUM', 'VISIT', 'EPOCH', 'RSDTC', 'RSDY',
] as const;

const TEST = {
  TRGRESP: 'Target Response',
  NTRGRESP: 'Non-target Response',
  NEWLIND: 'New Lesion Indicator',
  NEWLPROG: 'New Lesion Progression',
  OVRLRESP: 'Overall Response',
  BESTRESP: 'Best Overall Response',
} as const;

/** Standardised non-target result: IR/SD (mRECIST, EASL) and NonCR/NonPD (RECIST 1.1) are both NON-CR/NON-PD. */
function nonTargetStandard(c: NonTargetCategory): string {
  return c === 'IR/SD' || c === 'NonCR/NonPD' ? 'NON-CR/NON-PD' : c;
}

export function rsRows(input: ExportInput, ctx: SdtmContext): Record<string, CsvCell>[] {
  const rows: Record<string, CsvCell>[] = [];
  const common = { STUDYID: ctx.studyId, DOMAIN: 'RS', USUBJID: ctx.usubjid, RSEVAL: ctx.eval, RSEVALID: ctx.evalId, RSACPTFL: ctx.acceptedFlag };
  const newAt = new Set(
    input.caseFile.lesions.flatMap((l) => (l.role === 'new' ? Object.keys(l.assessments) : [])),
  );
  const hasNonTargetAt = (id: string) => input.caseFile.lesions.some((l) => l.role === 'nonTarget' && l.status[id] !== undefined);
  for (const r of input.responses) {
    for (const t of r.timepoints) {
      const visit = ctx.visitOf(t.id);
      const at = { ...common, RSCAT: RSCAT[r.criteria], ...visit, RSDTC: t.date, RSDY: ctx.dayOf(t.date) };
      const add = (code: keyof typeof TEST, orres: string, link?: LinkKind, stresc = orres) =>
        rows.push({ ...at, RSLNKGRP: link ? linkGroup(r.criteria, link, visit.VISITNUM) : undefined, RSTESTCD: code, RSTEST: TEST[code], RSORRES: orres, RSSTRESC: stresc });
      add('TRGRESP', t.target, 'T');
      if (t.nonTarget === 'none')
        rows.push({ ...at, RSTESTCD: 'NTRGRESP', RSTEST: TEST.NTRGRESP, RSSTAT: 'NOT DONE', RSREASND: 'NO NON-TARGET LESIONS' });
      else add('NTRGRESP', t.nonTarget, hasNonTargetAt(t.id) ? 'NT' : undefined, nonTargetStandard(t.nonTarget));
      if (newAt.has(t.id)) {
        add('NEWLIND', 'Y', 'NEW');
        add('NEWLPROG', t.newLesions ? 'UNEQUIVOCAL' : 'EQUIVOCAL', 'NEW');
      } else add('NEWLIND', 'N');
      add('OVRLRESP', t.overall);
    }
    rows.push({ ...common, RSTESTCD: 'BESTRESP', RSTEST: TEST.BESTRESP, RSCAT: RSCAT[r.criteria], RSORRES: r.bestOverallResponse, RSSTRESC: r.bestOverallResponse });
  }
  return rows.map((row, i) => ({ ...row, RSSEQ: i + 1 }));
}

export function exportRs(input: ExportInput, ctx: SdtmContext): string {
  return csvText(RS_COLUMNS, rsRows(input, ctx));
}
