/**
 * What an export needs: one read (case file + reader) and its responses per criterion. Responses recorded in
 * an SR are exported as recorded (what the reader signed); a plain case file gets them from `assess`.
 */
import { assess } from '../criteria/assess';
import type { CaseFile, CriteriaName, Reader } from '../criteria/types';
import type { RecordedResponse } from '../sr/MeasurementReport';
import { recordedResponse } from '../sr/srFromCaseFile';

export interface ExportInput {
  caseFile: CaseFile;
  reader?: Reader;
  responses: RecordedResponse[];
  /** The adjudicator endorsed this read (SDTM *ACPTFL = "Y"), or the other read of the case ("N"). */
  accepted?: boolean;
  /** Imaging method as given ("CT", "MRI"), when known; SDTM writes its CDISC METHOD term ("CT SCAN", "MRI"). */
  method?: string;
}

export function responsesFor(caseFile: CaseFile, criteria: readonly CriteriaName[]): RecordedResponse[] {
  const recorded = (caseFile.recordedResponses ?? {}) as Record<string, RecordedResponse | undefined>;
  return criteria.map((c) => recorded[c] ?? recordedResponse(assess(caseFile, c)));
}

/** Timepoints in case-file order with their 1-based visit number (SDTM VISITNUM). */
export function visitNumbers(caseFile: CaseFile): Map<string, number> {
  return new Map(caseFile.timepoints.map((t, i) => [t.id, i + 1]));
}
