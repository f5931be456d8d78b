/**
 * The SDTM datasets of one read, each with its name, label, columns and which variables are numeric (SDTMIG:
 * --SEQ, VISITNUM, --STRESN, --DY; everything else, IDVARVAL included, is text). The CLI writes them as CSV and,
 * with --xpt, as SAS transport files.
 */
import type { CsvCell } from '../csvText';
import type { ExportInput } from '../exportInput';
import { RS_COLUMNS, rsRows } from './rs';
import type { SdtmContext } from './sdtmContext';
import { SUPP_COLUMNS, suppTrRows, suppTuRows } from './supp';
import { TR_COLUMNS, trRows } from './tr';
import { TU_COLUMNS, tuRows } from './tu';

export interface SdtmDataset {
  /** Dataset name as SAS knows it (TU, SUPPTU). */
  name: string;
  label: string;
  columns: readonly string[];
  numeric: ReadonlySet<string>;
  rows: Record<string, CsvCell>[];
}

const NUMERIC = new Set(['TUSEQ', 'TRSEQ', 'RSSEQ', 'VISITNUM', 'TRSTRESN', 'TUDY', 'TRDY', 'RSDY']);

export function sdtmDatasets(input: ExportInput, ctx: SdtmContext): SdtmDataset[] {
  const make = (name: string, label: string, columns: readonly string[], rows: Record<string, CsvCell>[]): SdtmDataset => ({
    name, label, columns, numeric: new Set(columns.filter((c) => NUMERIC.has(c))), rows,
  });
  return [
    make('TU', 'Tumor/Lesion Identification', TU_COLUMNS, tuRows(input, ctx)),
    make('TR', 'Tumor/Lesion Results', TR_COLUMNS, trRows(input, ctx)),
    make('RS', 'Disease Response and Clin Classification', RS_COLUMNS, rsRows(input, ctx)),
    make('SUPPTU', 'Supplemental Qualifiers for TU', SUPP_COLUMNS, suppTuRows(input, ctx)),
    make('SUPPTR', 'Supplemental Qualifiers for TR', SUPP_COLUMNS, suppTrRows(input, ctx)),
  ];
}
