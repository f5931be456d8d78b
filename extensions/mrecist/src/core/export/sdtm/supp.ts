/**
 * SUPPTU and SUPPTR (SDTMIG 8.4, Supplemental Qualifiers): what TU/TR have no variable for, keyed to the parent
 * row by IDVAR/IDVARVAL (TUSEQ, TRSEQ). QORIG "ASSIGNED" (read from the images by the evaluator), QEVAL the
 * evaluator as in --EVAL.
 *   SUPPTU ARTENH   Arterial Phase Enhancement (Y/N): the target's arterial enhancement at baseline (mRECIST).
 *   SUPPTU LIVSEG   Couinaud Liver Segment (I-VIII): from the site text; LOC has no segment terms.
 *   SUPPTU TULOCTXT Location as Written: the site text when it has no LOC term (TULOC left empty).
 *   SUPPTR TYPHCC   Typical HCC Pattern (Y/N): a new lesion's arterial hyperenhancement with washout.
 *   SUPPTR PHASE    Contrast Phase: the phase of the series a target was measured on.
 */
import { csvText, type CsvCell } from '../csvText';
import type { ExportInput } from '../exportInput';
import type { SdtmContext } from './sdtmContext';
import { liverSegment, locTerm } from './terminology';
import { trRowsWithSupp } from './tr';

export const SUPP_COLUMNS = ['STUDYID', 'RDOMAIN', 'USUBJID', 'IDVAR', 'IDVARVAL', 'QNAM', 'QLABEL', 'QVAL', 'QORIG', 'QEVAL'] as const;

const QLABEL: Record<string, string> = {
  ARTENH: 'Arterial Phase Enhancement',
  LIVSEG: 'Couinaud Liver Segment',
  TULOCTXT: 'Location as Written',
  TYPHCC: 'Typical HCC Pattern',
  PHASE: 'Contrast Phase',
};

function suppRow(ctx: SdtmContext, domain: string, seq: CsvCell, qnam: string, qval: string): Record<string, CsvCell> {
  return {
    STUDYID: ctx.studyId, RDOMAIN: domain, USUBJID: ctx.usubjid, IDVAR: `${domain}SEQ`, IDVARVAL: seq,
    QNAM: qnam, QLABEL: QLABEL[qnam], QVAL: qval, QORIG: 'ASSIGNED', QEVAL: ctx.eval,
  };
}

/** TUSEQ is the lesion's 1-based position, as tu.ts numbers it. */
export function suppTuRows(input: ExportInput, ctx: SdtmContext): Record<string, CsvCell>[] {
  const rows: Record<string, CsvCell>[] = [];
  input.caseFile.lesions.forEach((l, i) => {
    const seq = i + 1;
    if (l.role === 'target' && l.arteriallyEnhancing !== undefined) rows.push(suppRow(ctx, 'TU', seq, 'ARTENH', l.arteriallyEnhancing ? 'Y' : 'N'));
    const loc = locTerm(l.site, l.node);
    const segment = loc === 'LIVER' ? liverSegment(l.site) : undefined;
    if (segment) rows.push(suppRow(ctx, 'TU', seq, 'LIVSEG', segment));
    if (loc === undefined && l.site && l.site.trim() !== '') rows.push(suppRow(ctx, 'TU', seq, 'TULOCTXT', l.site.trim().slice(0, 200)));
  });
  return rows;
}

export function suppTrRows(input: ExportInput, ctx: SdtmContext): Record<string, CsvCell>[] {
  return trRowsWithSupp(input, ctx).flatMap((r) => Object.entries(r.supp ?? {}).map(([qnam, qval]) => suppRow(ctx, 'TR', r.row.TRSEQ, qnam, qval)));
}

export function exportSuppTu(input: ExportInput, ctx: SdtmContext): string {
  return csvText(SUPP_COLUMNS, suppTuRows(input, ctx));
}

export function exportSuppTr(input: ExportInput, ctx: SdtmContext): string {
  return csvText(SUPP_COLUMNS, suppTrRows(input, ctx));
}
