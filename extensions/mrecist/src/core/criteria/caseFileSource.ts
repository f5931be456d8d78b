/** Where each parsed case file came from, so errors raised later (assess) can name the file too. */
import type { CaseFile } from './types';

const sources = new WeakMap<CaseFile, string>();

export function rememberCaseFileSource(caseFile: CaseFile, source: string): void {
  sources.set(caseFile, source);
}

/** The source given to parseCaseFile for this case, or a name built from the patient id. */
export function caseFileSource(caseFile: CaseFile): string {
  return sources.get(caseFile) ?? `patient ${caseFile.patientId}`;
}
