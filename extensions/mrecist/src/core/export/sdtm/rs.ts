/**
 * RS (Disease Response): per criterion (RSCAT) and assessed visit: TRGRESP, NTRGRESP, NEWLIND (a new lesion is
 * recorded at the visit), NEWLPROG (a new lesion counts as progression), OVRLRESP; and BESTRESP per criterion.
 * A non-target response "none" (no non-target lesions) is RSSTAT "NOT DONE".
 */
import type { NonTargetCategory } from '../../criteria/types';
import { csvText, type CsvCell } from '../csvText';
import type { ExportInput } from '../exportInput';
import { linkGroup, RSCAT, type SdtmContext } from './sdtmContext';

export const RS_COLUMNS = [
  'STUDYID', 'DOMAIN', 'USUBJID', 'RSSEQ', 'RSLNKGRP', 'RSTESTCD', 'RSTEST', 'RSCAT', 'RSORRES', 'RSSTRESC',
  'RSSTAT', 'RSREASND', 'RSEVAL', 'RSEVALID', 'RSACPTFL', 'VISITNUM', 'VISIT', 'RSDTC',
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
  for (const r of input.responses) {
    for (const t of r.timepoints) {
      const at = { ...common, RSLNKGRP: linkGroup(r.criteria, t.id), RSCAT: RSCAT[r.criteria], VISITNUM: ctx.visitNum.get(t.id), VISIT: t.id, RSDTC: t.date };
      const add = (code: keyof typeof TEST, orres: string, stresc = orres) =>
        rows.push({ ...at, RSTESTCD: code, RSTEST: TEST[code], RSORRES: orres, RSSTRESC: stresc });
      add('TRGRESP', t.target);
      if (t.nonTarget === 'none')
        rows.push({ ...at, RSTESTCD: 'NTRGRESP', RSTEST: TEST.NTRGRESP, RSSTAT: 'NOT DONE', RSREASND: 'NO NON-TARGET LESIONS' });
      else add('NTRGRESP', t.nonTarget, nonTargetStandard(t.nonTarget));
      add('NEWLIND', newAt.has(t.id) ? 'Y' : 'N');
      add('NEWLPROG', t.newLesions ? 'Y' : 'N');
      add('OVRLRESP', t.overall);
    }
    rows.push({ ...common, RSTESTCD: 'BESTRESP', RSTEST: TEST.BESTRESP, RSCAT: RSCAT[r.criteria], RSORRES: r.bestOverallResponse, RSSTRESC: r.bestOverallResponse });
  }
  return rows.map((row, i) => ({ ...row, RSSEQ: i + 1 }));
}

export function exportRs(input: ExportInput, ctx: SdtmContext): string {
  return csvText(RS_COLUMNS, rsRows(input, ctx));
}
