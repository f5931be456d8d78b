/** `mrecist assess CASE --criteria lirads-tr [--json]`: LI-RADS CT/MRI Treatment Response per treated lesion. */
import { assessLiradsTr, formatLiradsTrText } from '../../core/criteria/liradsTreatmentResponse';
import type { CaseFile } from '../../core/criteria/types';
import { printJson } from '../io';

export const LIRADS_TR = 'lirads-tr';

export function printLiradsTr(caseFile: CaseFile, json: boolean | undefined): void {
  const assessment = assessLiradsTr(caseFile);
  if (json) return printJson(assessment);
  process.stdout.write(formatLiradsTrText(caseFile.patientId, assessment));
}
