/**
 * Values shared by the TU, TR and RS domains (CDISC SDTMIG oncology domains; response-criteria.md section 9):
 * subject key, visit numbers, evaluator columns, one group per criterion and the lesion link ids.
 */
import { UsageError } from '../../errors';
import type { CriteriaName, Lesion } from '../../criteria/types';
import type { ExportInput } from '../exportInput';
import { visitNumbers } from '../exportInput';

/**
 * RSCAT per criterion. "RECIST 1.1" is established CDISC usage; the mRECIST and EASL values are ours
 * [unverified against CDISC CT], which is why each criterion is its own RSCAT/TRLNKGRP group.
 */
export const RSCAT: Record<CriteriaName, string> = { mrecist: 'MRECIST', 'recist1.1': 'RECIST 1.1', easl: 'EASL' };
/** Short tag for TRGRPID/TRLNKGRP/RSLNKGRP. */
export const GROUP_TAG: Record<CriteriaName, string> = { mrecist: 'MRECIST', 'recist1.1': 'RECIST11', easl: 'EASL' };

const ROLE_PREFIX: Record<Lesion['role'], string> = { target: 'T', nonTarget: 'NT', new: 'NEW' };

export interface SdtmContext {
  studyId: string;
  usubjid: string;
  visitNum: Map<string, number>;
  /** TULNKID/TRLNKID per lesion id: T01, NT01, NEW01 in case-file order within each role. */
  linkId: Map<string, string>;
  eval: string;
  evalId: string;
  acceptedFlag: string;
  method: string;
}

export function sdtmContext(input: ExportInput, studyId: string): SdtmContext {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(studyId))
    throw new UsageError('--study-id', 'value', `STUDYID must be 1-40 letters, digits, "_" or "-", got "${studyId}"`);
  const counters: Record<string, number> = {};
  const linkId = new Map<string, string>();
  for (const l of input.caseFile.lesions) {
    counters[l.role] = (counters[l.role] ?? 0) + 1;
    linkId.set(l.id, `${ROLE_PREFIX[l.role]}${String(counters[l.role]).padStart(2, '0')}`);
  }
  const reader = input.reader ?? input.caseFile.reader;
  return {
    studyId,
    usubjid: `${studyId}-${input.caseFile.patientId}`,
    visitNum: visitNumbers(input.caseFile),
    linkId,
    // Blinded central review: the evaluator is an independent assessor; EVALID names the reading slot, not the person.
    eval: 'INDEPENDENT ASSESSOR',
    evalId: (reader?.role ?? 'READER').toUpperCase(),
    // Y: the read the adjudicator endorsed; N: the other read of an adjudicated case; blank: not adjudicated.
    acceptedFlag: input.accepted === true ? 'Y' : input.accepted === false ? 'N' : '',
    method: input.method ?? '',
  };
}

/** SDTM --LNKGRP linking a criterion's measurements at one visit to its responses there. */
export function linkGroup(criteria: CriteriaName, timepointId: string): string {
  return `${GROUP_TAG[criteria]}-${timepointId}`;
}
