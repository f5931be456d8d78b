/** TU (Tumor/Lesion Identification): one row per lesion, at the visit where it was identified. */
import { csvText, type CsvCell } from '../csvText';
import type { ExportInput } from '../exportInput';
import type { SdtmContext } from './sdtmContext';

export const TU_COLUMNS = [
  'STUDYID', 'DOMAIN', 'USUBJID', 'TUSEQ', 'TULNKID', 'TUSPID', 'TUTESTCD', 'TUTEST', 'TUORRES', 'TUSTRESC', 'TULOC',
  'TUMETHOD', 'TUEVAL', 'TUEVALID', 'TUACPTFL', 'VISITNUM', 'VISIT', 'TUDTC',
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
      TULOC: l.site,
      TUMETHOD: ctx.method,
      TUEVAL: ctx.eval,
      TUEVALID: ctx.evalId,
      TUACPTFL: ctx.acceptedFlag,
      VISITNUM: tp ? ctx.visitNum.get(tp.id) : undefined,
      VISIT: tp?.id,
      TUDTC: tp?.date,
    };
  });
}

export function exportTu(input: ExportInput, ctx: SdtmContext): string {
  return csvText(TU_COLUMNS, tuRows(input, ctx));
}
