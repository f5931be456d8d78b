/**
 * Values shared by the TU, TR and RS domains (CDISC SDTMIG oncology domains; response-criteria.md section 9):
 * subject key, visit numbers, evaluator columns, one group per criterion and the lesion link ids.
 */
import { UsageError } from '../../errors';
import type { CriteriaName, Lesion } from '../../criteria/types';
import type { ExportInput } from '../exportInput';
import { visitNumbers } from '../exportInput';
import { methodTerm } from './terminology';
import { checkReferenceDate, studyDay, type Visit } from './visitSchedule';

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
  method: string | undefined;
  /** VISITNUM, VISIT, EPOCH of a timepoint: from the visit schedule, else VISITNUM in timepoint order only. */
  visitOf: (timepointId: string) => { VISITNUM?: number; VISIT?: string; EPOCH?: string };
  /** --DY of a date from the reference date (RFSTDTC); undefined without one. */
  dayOf: (date: string | undefined) => number | undefined;
}

export interface SdtmOptions {
  /** One visit per case-file timepoint, in timepoint order (visitSchedule.scheduleFor). */
  visits?: readonly Visit[];
  /** RFSTDTC, YYYY-MM-DD: the subject's reference start date for --DY. */
  referenceDate?: string;
}

export function sdtmContext(input: ExportInput, studyId: string, options: SdtmOptions = {}): SdtmContext {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(studyId))
    throw new UsageError('--study-id', 'value', `STUDYID must be 1-40 letters, digits, "_" or "-", got "${studyId}"`);
  const counters: Record<string, number> = {};
  const linkId = new Map<string, string>();
  for (const l of input.caseFile.lesions) {
    counters[l.role] = (counters[l.role] ?? 0) + 1;
    linkId.set(l.id, `${ROLE_PREFIX[l.role]}${String(counters[l.role]).padStart(2, '0')}`);
  }
  const reader = input.reader ?? input.caseFile.reader;
  const { visits, referenceDate } = options;
  if (referenceDate !== undefined) checkReferenceDate(referenceDate);
  const visitNum = visitNumbers(input.caseFile);
  const index = new Map(input.caseFile.timepoints.map((t, i) => [t.id, i]));
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
    method: methodTerm(input.method),
    visitOf: (id) => {
      const v = visits?.[index.get(id) ?? -1];
      return v ? { VISITNUM: v.visitNum, VISIT: v.visit, EPOCH: v.epoch } : { VISITNUM: visitNum.get(id) };
    },
    dayOf: (date) => (referenceDate && date ? studyDay(date, referenceDate) : undefined),
  };
}

/**
 * SDTM --LNKGRP linking a criterion's TR records of one kind at one visit to the RS result derived from them:
 * T (targets and their sums) -> TRGRESP, NT (non-targets) -> NTRGRESP, NEW (new lesions) -> NEWLIND/NEWLPROG.
 */
export type LinkKind = 'T' | 'NT' | 'NEW';
export function linkGroup(criteria: CriteriaName, kind: LinkKind, visitNum: number | undefined): string {
  return `${GROUP_TAG[criteria]}-${kind}-${visitNum ?? ''}`;
}
