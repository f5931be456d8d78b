/**
 * Which of the patient's studies are timepoints of the read, and under which id. The read holds the baseline
 * and every study dated after it (the case-file contract: follow-ups strictly after the baseline); studies
 * before the baseline stay on the timeline but outside the read. A timepoint keeps the id it was given when it
 * entered the read (BL, M1, …), because lesion values are keyed by it; moving the baseline only moves the mark.
 */
import { daysBetween } from '../criteria/calendarDate';
import type { CaseFile, Timepoint } from '../criteria/types';
import type { TimelineEntry } from './timeline';

/** A reader's edit the read cannot take, in words for the reader (shown in the panel, never thrown past it). */
export class ReadEditRefused extends Error {
  override readonly name = 'ReadEditRefused';
}

export function timepointHasValues(read: CaseFile, timepointId: string): boolean {
  return read.lesions.some((lesion) => {
    switch (lesion.role) {
      case 'target':
        return timepointId in lesion.measurements;
      case 'nonTarget':
        return timepointId in lesion.status;
      case 'new':
        return lesion.appearsAt === timepointId || timepointId in lesion.assessments;
    }
  });
}

function uniqueId(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

function byDate(a: Timepoint, b: Timepoint): number {
  return daysBetween(b.date, a.date);
}

/** A new, empty read: the timeline's baseline and every later study. */
export function newReadFromTimeline(patientId: string, timeline: readonly TimelineEntry[]): CaseFile {
  const baseline = timeline.find((e) => e.baseline);
  const timepoints: Timepoint[] = baseline
    ? timeline
        .filter((e) => e === baseline || e.daysFromBaseline > 0)
        .map((e) => ({ id: e.id, date: e.date, ...(e === baseline ? { baseline: true } : {}), studyInstanceUid: e.studyInstanceUid }))
    : [];
  return { patientId, criteria: 'mrecist', timepoints, lesions: [] };
}

/**
 * Adds the studies that joined the timeline since the read was made (studies load one by one) and are dated
 * after the read's baseline. Returns the same object when nothing is missing.
 */
export function addMissingTimepoints(read: CaseFile, timeline: readonly TimelineEntry[]): CaseFile {
  const baseline = read.timepoints.find((t) => t.baseline);
  if (!baseline) return read;
  const known = new Set(read.timepoints.map((t) => t.studyInstanceUid).filter(Boolean));
  const taken = new Set(read.timepoints.map((t) => t.id));
  const added: Timepoint[] = [];
  for (const entry of timeline) {
    if (known.has(entry.studyInstanceUid) || daysBetween(baseline.date, entry.date) <= 0) continue;
    const id = uniqueId(entry.id, taken);
    taken.add(id);
    added.push({ id, date: entry.date, studyInstanceUid: entry.studyInstanceUid });
  }
  if (!added.length) return read;
  return { ...read, timepoints: [...read.timepoints, ...added].sort(byDate) };
}

/**
 * Makes the study with this UID the baseline. Timepoints dated on or before it leave the read; one that holds
 * values is refused (the reader clears it first), so moving the baseline never drops a measurement silently.
 */
export function moveBaseline(read: CaseFile, timeline: readonly TimelineEntry[], studyInstanceUid: string): CaseFile {
  const entry = timeline.find((e) => e.studyInstanceUid === studyInstanceUid);
  if (!entry) throw new Error(`study ${studyInstanceUid} is not on the timeline`);
  const existing = read.timepoints.find((t) => t.studyInstanceUid === studyInstanceUid);
  const taken = new Set(read.timepoints.map((t) => t.id));
  const baseline: Timepoint = existing ? { ...existing, baseline: true } : { id: uniqueId(entry.id, taken), date: entry.date, baseline: true, studyInstanceUid };
  const kept: Timepoint[] = [];
  for (const t of read.timepoints) {
    if (t === existing) continue;
    if (daysBetween(baseline.date, t.date) > 0) {
      kept.push({ id: t.id, date: t.date, ...(t.studyInstanceUid ? { studyInstanceUid: t.studyInstanceUid } : {}) });
    } else if (timepointHasValues(read, t.id)) {
      throw new ReadEditRefused(`${t.id} (${t.date}) holds values and would fall before the new baseline: clear them first.`);
    }
  }
  if (read.lesions.some((l) => l.role === 'new' && l.appearsAt === baseline.id)) {
    throw new ReadEditRefused(`a new lesion appears at ${baseline.id}: a new lesion cannot appear at the baseline; remove it first.`);
  }
  return addMissingTimepoints({ ...read, timepoints: [baseline, ...kept].sort(byDate) }, timeline);
}
