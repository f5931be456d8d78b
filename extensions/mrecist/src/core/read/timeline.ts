/**
 * The patient's timeline as the reader sees it: every study ordered by date, the baseline marked, days since the
 * implant, and the share of the implant's final dose already delivered on each scan date. A follow-up CT one month
 * after an I-125 implant has seen only about 30% of the dose the seeds will give (τ = T½/ln 2 ≈ 85.7 d), which is
 * why enhancement persisting then does not yet mean failure.
 */
import { daysBetween, epochDay } from '../criteria/calendarDate';
import type { IsoDate, Timepoint } from '../criteria/types';
import { meanLifeDays } from '../dose/decay';
import { dicomDateToIso } from '../dicom/dicomDateTime';

export interface StudySummary {
  studyInstanceUid: string;
  /** ISO date (YYYY-MM-DD). */
  studyDate: IsoDate;
  description?: string;
  modalities?: string[];
}

export interface TimelineOptions {
  /** Implant date (ISO); when absent, days and delivered dose are not shown. */
  implantDate?: IsoDate;
  /** Half-life of the implanted isotope in days (I-125: 59.40). */
  halfLifeDays?: number;
  /** The reader's choice of baseline; default: the last study on or before the implant, else the first study. */
  baselineStudyUid?: string;
}

export interface TimelineEntry extends Timepoint {
  studyInstanceUid: string;
  description?: string;
  baseline: boolean;
  daysFromBaseline: number;
  daysSinceImplant: number | null;
  /** Fraction (0–1) of the dose to full decay delivered by the scan date; null before the implant or without one. */
  deliveredDoseFraction: number | null;
}

/** Average Gregorian month, for visit labels like M1, M2, M4, M6. */
const DAYS_PER_MONTH = 30.4375;

/** "20190603" (DICOM DA) or "2019-06-03" → "2019-06-03"; null when not a real date. */
export function isoDateFromDicom(value: string | undefined): IsoDate | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d{8}$/.test(text)) return dicomDateToIso(text);
  return epochDay(text) === null ? null : text;
}

export function deliveredDoseFraction(daysSinceImplant: number, halfLifeDays: number): number {
  if (daysSinceImplant <= 0) return 0;
  return -Math.expm1(-daysSinceImplant / meanLifeDays(halfLifeDays));
}

function chooseBaseline(ordered: readonly StudySummary[], options: TimelineOptions): StudySummary {
  if (options.baselineStudyUid) {
    const chosen = ordered.find((s) => s.studyInstanceUid === options.baselineStudyUid);
    if (chosen) return chosen;
  }
  if (options.implantDate) {
    const preImplant = ordered.filter((s) => daysBetween(s.studyDate, options.implantDate as string) >= 0);
    if (preImplant.length > 0) return preImplant[preImplant.length - 1];
  }
  return ordered[0];
}

/**
 * Orders studies by date (then UID, so equal dates are stable) and labels them: BL for the baseline, M<n> for
 * follow-ups n months after the implant (or the baseline), PRE<n> for earlier studies; repeated labels get a
 * letter (M1, M1b).
 */
export function buildTimeline(studies: readonly StudySummary[], options: TimelineOptions = {}): TimelineEntry[] {
  if (studies.length === 0) return [];
  const ordered = [...studies].sort(
    (a, b) => daysBetween(b.studyDate, a.studyDate) || a.studyInstanceUid.localeCompare(b.studyInstanceUid),
  );
  const baseline = chooseBaseline(ordered, options);
  const origin = options.implantDate ?? baseline.studyDate;
  const used = new Map<string, number>();
  let before = 0;
  return ordered.map((study) => {
    const isBaseline = study === baseline;
    const daysFromBaseline = daysBetween(baseline.studyDate, study.studyDate);
    let label: string;
    if (isBaseline) label = 'BL';
    else if (daysFromBaseline < 0 || (daysFromBaseline === 0 && ordered.indexOf(study) < ordered.indexOf(baseline))) label = `PRE${++before}`;
    else label = `M${Math.max(0, Math.round(daysBetween(origin, study.studyDate) / DAYS_PER_MONTH))}`;
    const count = (used.get(label) ?? 0) + 1;
    used.set(label, count);
    const id = count === 1 ? label : `${label}${String.fromCharCode(96 + count)}`;
    const daysSinceImplant = options.implantDate ? daysBetween(options.implantDate, study.studyDate) : null;
    const deliveredFraction =
      daysSinceImplant !== null && options.halfLifeDays !== undefined && daysSinceImplant >= 0
        ? deliveredDoseFraction(daysSinceImplant, options.halfLifeDays)
        : null;
    return {
      id,
      date: study.studyDate,
      baseline: isBaseline,
      studyInstanceUid: study.studyInstanceUid,
      description: study.description,
      daysFromBaseline,
      daysSinceImplant,
      deliveredDoseFraction: deliveredFraction,
    };
  });
}
