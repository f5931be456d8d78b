/**
 * TU (Tumor/Lesion Identification): one row per lesion, at the visit where it was identified. TULOC is a CDISC
 * LOC term (terminology.ts); the liver segment and any site text with no LOC term go to SUPPTU (supp.ts).
 */
import { csvText, type CsvCell } from '../csvText';
import type { ExportInput } from '../exportInput';
import type { SdtmContext } from './sdtmContext';
import { locTerm } from './terminology';

export const TU_COLUMNS = [
  'STUDYID', 'DOMAIN', 'USUBJID', 'TUSEQ', 'TULNKID', 'TUSPID', 'TUTESTCD', 'TUTEST', 'TUORRES', 'TUSTRESC', 'TULOC',
  'TUMETHOD', 'TUEVAL', 'TUEVALID', 'TUACPTFL', 'VISITNUM', 'VISIT', 'EPOCH', 'TUDTC', 'TUDY',
] as const;

const IDENTIFICATION = { target: 'TARGET', nonTarget: 'NON-TARGET', new: 'NEW' } as const;

export function tuRows(input: ExportInput, ctx: SdtmContext): Record<string, CsvCell>[] {
  const { caseFile } = input;
  const baseline = caseFile.timepoints.find((t) => t.baseline) ?? caseFile.timepoints[0];
  return caseFile.lesions.map((l, i) => {
    const tp = l.role === 'new' ? caseFile.timepoints.find((t) => t.id === l.appearsAt) : baseline;
    return {
      STUDYID: ctx.studyId,
      DOMAIN: 'TU',
      USUBJID: ctx.usubjid,
      TUSEQ: i + 1,
      TULNKID: ctx.linkId.get(l.id),
      TUSPID: l.id,
      TUTESTCD: 'TUMIDENT',
      TUTEST: 'Tumor Identification',
      TUORRES: IDENTIFICATION[l.role],
      TUSTRESC: IDENTIFICATION[l.role],
      TULOC: locTerm(l.site, l.node),
      TUMETHOD: ctx.method,
      TUEVAL: ctx.eval,
      TUEVALID: ctx.evalId,
      TUACPTFL: ctx.acceptedFlag,
      ...(tp ? ctx.visitOf(tp.id) : {}),
      TUDTC: tp?.date,
      TUDY: ctx.dayOf(tp?.date),
    };
  });
}

export function exportTu(input: ExportInput, ctx: SdtmContext): string {
  return csvText(TU_COLUMNS, tuRows(input, ctx));
}
