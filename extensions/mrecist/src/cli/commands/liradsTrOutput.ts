/** `mrecist assess CASE --criteria lirads-tr [--json | --csv]`: LI-RADS CT/MRI Treatment Response per treated lesion. */
import { liradsTrCsv } from '../../core/criteria/liradsTrCsv';
import { assessLiradsTr, formatLiradsTrText } from '../../core/criteria/liradsTreatmentResponse';
import type { CaseFile } from '../../core/criteria/types';
import { printJson } from '../io';

export const LIRADS_TR = 'lirads-tr';

export function printLiradsTr(caseFile: CaseFile, json: boolean | undefined, csv?: boolean): void {
  const assessment = assessLiradsTr(caseFile);
  if (json) return printJson(assessment);
  if (csv) return void process.stdout.write(liradsTrCsv(caseFile.patientId, assessment));
  process.stdout.write(formatLiradsTrText(caseFile.patientId, assessment));
}
