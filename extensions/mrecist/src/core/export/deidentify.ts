/**
 * De-identification of a read for export (DICOM PS3.15 Annex E, Basic Application Level Confidentiality
 * Profile, applied to what a case file carries): the subject id is replaced by the pseudonym from the user's
 * key file, UIDs by new ones mapped consistently (the same original always gets the same replacement, so TU,
 * TR, RS and the SR still join), dates are shifted by a whole number of days or kept (Retain Longitudinal
 * Temporal Information, Modified or Full Dates Option), and the reader's name is replaced by the reading slot
 * ("Reader 1"). Free-text fields we write ourselves (lesion site, name, not-evaluable reason) are kept.
 */
import { InputError } from '../errors';
import type { CaseFile, ImageGraphic, Lesion } from '../criteria/types';
import type { RecordedResponse } from '../sr/MeasurementReport';

export interface DeidentifyOptions {
  /** originalId -> pseudonym, from the key file. */
  pseudonyms: ReadonlyMap<string, string>;
  /** Name of the key file, for messages. */
  keyFile: string;
  /** Days added to every date (negative moves back); 0 keeps dates. */
  dateShiftDays: number;
  uids: UidMap;
}

/** Same original UID, same replacement, for the life of the map. */
export class UidMap {
  private readonly map = new Map<string, string>();
  constructor(private readonly newUid: (original: string) => string) {}
  get(original: string): string {
    let uid = this.map.get(original);
    if (uid === undefined) {
      uid = this.newUid(original);
      this.map.set(original, uid);
    }
    return uid;
  }
}

/** Parses a key file: CSV lines `originalId,pseudonym`, an optional header line naming those two columns. */
export function parsePseudonymKey(text: string, keyFile: string): Map<string, string> {
  const map = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || (i === 0 && /^originalId\s*,\s*pseudonym$/i.test(line))) return;
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length !== 2 || cells[0] === '' || cells[1] === '')
      throw new InputError(keyFile, `line ${i + 1}`, `expected "originalId,pseudonym", got "${line}"`);
    if (map.has(cells[0])) throw new InputError(keyFile, `line ${i + 1}`, `subject "${cells[0]}" listed twice`);
    map.set(cells[0], cells[1]);
  });
  if (map.size === 0) throw new InputError(keyFile, 'file', 'no "originalId,pseudonym" lines');
  return map;
}

export function pseudonymFor(id: string, o: Pick<DeidentifyOptions, 'pseudonyms' | 'keyFile'>): string {
  const p = o.pseudonyms.get(id);
  if (p === undefined) throw new InputError(o.keyFile, 'originalId', `no pseudonym for subject "${id}"`);
  return p;
}

/** Shifts an ISO date (YYYY-MM-DD) by whole days, in UTC so no time zone can move it. */
export function shiftIsoDate(date: string, days: number): string {
  if (days === 0) return date;
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`shiftIsoDate: not a date: ${date}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

function graphic(g: ImageGraphic | undefined, o: DeidentifyOptions): ImageGraphic | undefined {
  if (!g) return undefined;
  const out: ImageGraphic = { ...g, referencedSopInstanceUid: o.uids.get(g.referencedSopInstanceUid) };
  if (g.referencedSeriesInstanceUid) out.referencedSeriesInstanceUid = o.uids.get(g.referencedSeriesInstanceUid);
  return out;
}

function graphics<T extends Record<string, ImageGraphic | undefined>>(gs: T | undefined, o: DeidentifyOptions): T | undefined {
  if (!gs) return undefined;
  return Object.fromEntries(Object.entries(gs).map(([k, g]) => [k, graphic(g, o)])) as T;
}

function lesion(l: Lesion, o: DeidentifyOptions): Lesion {
  const out = { ...l } as Lesion;
  if (l.trackingUid) out.trackingUid = o.uids.get(l.trackingUid);
  if (l.role === 'target' && out.role === 'target')
    out.measurements = Object.fromEntries(
      Object.entries(l.measurements).map(([t, m]) => [t, 'graphics' in m && m.graphics ? { ...m, graphics: graphics(m.graphics, o) } : m]),
    );
  if (l.role === 'new' && out.role === 'new')
    out.assessments = Object.fromEntries(
      Object.entries(l.assessments).map(([t, a]) => [t, a.graphics ? { ...a, graphics: graphics(a.graphics, o) } : a]),
    );
  return out;
}

export function deidentifyResponses(rs: readonly RecordedResponse[], days: number): RecordedResponse[] {
  return rs.map((r) => ({
    ...r,
    timepoints: r.timepoints.map((t) => ({ ...t, date: shiftIsoDate(t.date, days) })),
    progressionDate: r.progressionDate === null ? null : shiftIsoDate(r.progressionDate, days),
  }));
}

export function deidentifyCaseFile(c: CaseFile, o: DeidentifyOptions): CaseFile {
  const out: CaseFile = {
    ...c,
    patientId: pseudonymFor(c.patientId, o),
    timepoints: c.timepoints.map((t) => {
      const tp = { ...t, date: shiftIsoDate(t.date, o.dateShiftDays) };
      if (t.studyInstanceUid) tp.studyInstanceUid = o.uids.get(t.studyInstanceUid);
      return tp;
    }),
    lesions: c.lesions.map((l) => lesion(l, o)),
  };
  if (c.reader) out.reader = { name: c.reader.role ?? 'Reader', ...(c.reader.role ? { role: c.reader.role } : {}) };
  if (c.recordedResponses)
    out.recordedResponses = Object.fromEntries(
      deidentifyResponses(Object.values(c.recordedResponses) as RecordedResponse[], o.dateShiftDays).map((r) => [r.criteria, r]),
    );
  return out;
}
