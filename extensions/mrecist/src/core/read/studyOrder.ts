/**
 * Orders a patient's studies (as the host lists them, DICOM DA/TM text) into timepoints: the earliest dated study is the baseline, the latest is the
 * current follow-up that the reader compares against it. Pure data in, data out.
 */
import { dicomDateToEpochDay, dicomDateToIso, dicomTimeToSeconds } from '../dicom/dicomDateTime';

/** What we need to know about one study, whatever the data source. DICOM text stays text. */
export interface StudySummary {
  readonly studyInstanceUid: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly studyDate: string | undefined;
  readonly studyTime: string | undefined;
  readonly studyDescription: string;
  readonly modalities: readonly string[];
  readonly seriesCount: number;
}

export type TimepointRole = 'baseline' | 'follow-up' | 'undated';

export interface Timepoint extends StudySummary {
  /** 0 for the baseline, 1.. for follow-ups in date order; undated studies come last. */
  readonly order: number;
  readonly role: TimepointRole;
  /** True for the latest dated study of the patient (the current follow-up; the baseline if it is alone). */
  readonly isCurrent: boolean;
  readonly studyDateIso: string | null;
  /** Whole days from the baseline's study date; null when this study has no valid date. */
  readonly daysSinceBaseline: number | null;
}

interface Dated {
  readonly summary: StudySummary;
  readonly day: number | null;
  readonly seconds: number;
}

function compareDated(a: Dated, b: Dated): number {
  if (a.day !== null && b.day !== null && a.day !== b.day) return a.day - b.day;
  if ((a.day === null) !== (b.day === null)) return a.day === null ? 1 : -1;
  if (a.seconds !== b.seconds) return a.seconds - b.seconds;
  // Same date and time: a stable, data-defined order rather than load order.
  return a.summary.studyInstanceUid < b.summary.studyInstanceUid ? -1 : a.summary.studyInstanceUid > b.summary.studyInstanceUid ? 1 : 0;
}

/** Timepoints of ONE patient's studies in date (then time) order. */
export function orderTimepoints(studies: readonly StudySummary[]): Timepoint[] {
  const dated: Dated[] = studies.map((summary) => ({
    summary,
    day: dicomDateToEpochDay(summary.studyDate),
    seconds: dicomTimeToSeconds(summary.studyTime) ?? 0,
  }));
  dated.sort(compareDated);
  const datedOnly = dated.filter((d) => d.day !== null);
  const baselineDay = datedOnly.length ? datedOnly[0].day : null;
  const current = datedOnly.length ? datedOnly[datedOnly.length - 1] : undefined;
  return dated.map((d, order) => ({
    ...d.summary,
    order,
    role: d.day === null ? 'undated' : order === 0 ? 'baseline' : 'follow-up',
    isCurrent: d === current,
    studyDateIso: dicomDateToIso(d.summary.studyDate),
    daysSinceBaseline: d.day === null || baselineDay === null ? null : d.day - baselineDay,
  }));
}

/** Groups studies by PatientID and orders each patient's timepoints; patients sorted by ID. */
export function timepointsByPatient(studies: readonly StudySummary[]): Map<string, Timepoint[]> {
  const groups = new Map<string, StudySummary[]>();
  for (const study of studies) {
    const group = groups.get(study.patientId) ?? [];
    group.push(study);
    groups.set(study.patientId, group);
  }
  const patients = [...groups.keys()].sort();
  return new Map(patients.map((patientId) => [patientId, orderTimepoints(groups.get(patientId)!)]));
}
