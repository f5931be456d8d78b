/**
 * De-identification of a read for export (DICOM PS3.15 Annex E, Basic Application Level Confidentiality
 * Profile, applied to what a case file carries): the subject id is replaced by the pseudonym from the user's
 * key file, UIDs by new ones mapped consistently (the same original always gets the same replacement, so TU,
 * TR, RS and the SR still join), dates are shifted by a whole number of days or kept (Retain Longitudinal
 * Temporal Information, Modified or Full Dates Option), and the reader's name is replaced by the reading slot
 * ("Reader 1"). The result is built from the fields we know, never copied: free text (lesion names,
 * not-evaluable reasons) is removed and lesion sites are reduced to anatomical words (Clean Descriptors)
 * unless the user keeps text explicitly, and ids that are not plain labels are replaced.
 */
import { InputError } from '../errors';
import type { CaseFile, ImageGraphic, Lesion, MeasuredValues, NewLesionAssessment } from '../criteria/types';
import { isNotEvaluable } from '../criteria/types';
import type { RecordedResponse } from '../sr/MeasurementReport';

export interface DeidentifyOptions {
  /** originalId -> pseudonym, from the key file. */
  pseudonyms: ReadonlyMap<string, string>;
  /** Name of the key file, for messages. */
  keyFile: string;
  /** Days added to every date (negative moves back); 0 keeps dates. */
  dateShiftDays: number;
  uids: UidMap;
  /** Keep free text (lesion names, sites as written, not-evaluable reasons): only when the user asks. */
  keepText?: boolean;
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

/**
 * Clean Descriptors for a lesion site: only anatomical words survive (a site is free text: "liver S8, seen by
 * Dr Smith" keeps "liver S8"). The words keep the organ grouping and the intra-/extrahepatic call of
 * criteria/organ.ts; a site with none of them becomes "other site" (still extrahepatic, as any unknown organ).
 */
const SITE_WORDS = new Set([
  'liver', 'hepatic', 'segment', 'caudate', 'lobe', 'left', 'right', 'dome', 'subcapsular', 's1', 's2', 's3', 's4', 's4a', 's4b',
  's5', 's6', 's7', 's8', 'i', 'ii', 'iii', 'iv', 'iva', 'ivb', 'v', 'vi', 'vii', 'viii', '1', '2', '3', '4', '5', '6', '7', '8',
  'portal', 'vein', 'thrombus', 'tumour', 'tumor', 'porta', 'hepatis', 'lymph', 'node', 'nodes', 'lung', 'rul', 'rml', 'rll', 'lul',
  'lll', 'bone', 'spine', 'rib', 'adrenal', 'peritoneum', 'peritoneal', 'omentum', 'ascites', 'effusion', 'pleural', 'pleura',
  'abdominal', 'wall', 'diaphragm', 'spleen', 'kidney', 'pancreas', 'stomach', 'brain', 'hilar', 'mediastinal', 'retroperitoneal',
]);

export function cleanSite(site: string): string {
  const words = site.toLowerCase().split(/[^a-z0-9]+/).filter((w) => SITE_WORDS.has(w));
  return words.length > 0 ? words.join(' ') : 'other site';
}

/** Ids that are labels (T1, NT2, N1, BL, FU3, M6, W12, TP2), not names: kept; any other id is replaced. */
const SAFE_LESION_ID = /^[A-Za-z]{0,3}\d{1,3}$/;
const SAFE_TIMEPOINT_ID = /^(BL|BASELINE|SCR|(FU|M|W|TP|V|D|C)\d{1,3})$/i;
const ROLE_PREFIX: Record<Lesion['role'], string> = { target: 'T', nonTarget: 'NT', new: 'N' };

/** Reading slots kept as they are; any other role text could name a person and becomes "Reader". */
const SAFE_ROLE = /^(Reader|Adjudicator)( ?[0-9A-Z]{1,2})?$/i;

export function readerSlot(role: string | undefined): string {
  return role !== undefined && SAFE_ROLE.test(role.trim()) ? role.trim() : 'Reader';
}

export interface IdMaps {
  timepoints: Map<string, string>;
  lesions: Map<string, string>;
}

/** Replacement ids, unique and stable for one case file (case-file order), so every output of it joins. */
export function idMaps(c: CaseFile): IdMaps {
  const unique = (ids: string[], safe: RegExp, fallback: (i: number) => string) => {
    const out = new Map<string, string>();
    const taken = new Set(ids.filter((id) => safe.test(id)));
    ids.forEach((id, i) => {
      if (safe.test(id)) return void out.set(id, id);
      let n = i + 1;
      while (taken.has(fallback(n))) n++;
      taken.add(fallback(n));
      out.set(id, fallback(n));
    });
    return out;
  };
  const counters: Record<string, number> = {};
  const lesionFallback = c.lesions.map((l) => {
    counters[l.role] = (counters[l.role] ?? 0) + 1;
    return `${ROLE_PREFIX[l.role]}${counters[l.role]}`;
  });
  return {
    timepoints: unique(c.timepoints.map((t) => t.id), SAFE_TIMEPOINT_ID, (n) => `TP${n}`),
    lesions: unique(c.lesions.map((l) => l.id), SAFE_LESION_ID, (n) => lesionFallback[n - 1] ?? `L${n}`),
  };
}

function mapKeys<T, U>(record: Record<string, T>, ids: Map<string, string>, value: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [ids.get(k) ?? k, value(v)]));
}

function graphic(g: ImageGraphic | undefined, o: DeidentifyOptions): ImageGraphic | undefined {
  if (!g) return undefined;
  const out: ImageGraphic = {
    referencedSopClassUid: g.referencedSopClassUid,
    referencedSopInstanceUid: o.uids.get(g.referencedSopInstanceUid),
    graphicType: g.graphicType,
    points: g.points.map(([x, y]) => [x, y]),
  };
  if (g.referencedFrameNumber !== undefined) out.referencedFrameNumber = g.referencedFrameNumber;
  if (g.referencedSeriesInstanceUid) out.referencedSeriesInstanceUid = o.uids.get(g.referencedSeriesInstanceUid);
  return out;
}

function graphics<T extends Record<string, ImageGraphic | undefined>>(gs: T | undefined, o: DeidentifyOptions): T | undefined {
  if (!gs) return undefined;
  return Object.fromEntries(Object.entries(gs).map(([k, g]) => [k, graphic(g, o)])) as T;
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

const MEASURED = ['longAxisMm', 'shortAxisMm', 'viableLongAxisMm', 'viablePerpendicularMm'] as const;

/** A lesion rebuilt from the fields we know (an allow-list: unknown fields of the file do not pass). */
function lesion(l: Lesion, o: DeidentifyOptions, ids: IdMaps): Lesion {
  const base = {
    id: ids.lesions.get(l.id) ?? l.id,
    ...(l.site !== undefined ? { site: o.keepText ? l.site : cleanSite(l.site) } : {}),
    ...(l.trackingUid ? { trackingUid: o.uids.get(l.trackingUid) } : {}),
    ...(o.keepText && l.name !== undefined ? { name: l.name } : {}),
    ...pick(l, ['treatment']),
  };
  if (l.role === 'target')
    return {
      ...base,
      role: 'target',
      ...pick(l, ['node', 'arteriallyEnhancing']),
      measurements: mapKeys(l.measurements, ids.timepoints, (m) => {
        if (isNotEvaluable(m)) return o.keepText && m.reason !== undefined ? { notEvaluable: true as const, reason: m.reason } : { notEvaluable: true as const };
        const out: MeasuredValues = pick(m, MEASURED);
        if (m.graphics) out.graphics = graphics(m.graphics, o);
        return out;
      }),
    };
  if (l.role === 'nonTarget')
    return {
      ...base,
      role: 'nonTarget',
      ...pick(l, ['node', 'cytologyConfirmed']),
      ...(l.kind === 'effusion' || (o.keepText && l.kind !== undefined) ? { kind: l.kind } : {}),
      status: mapKeys(l.status, ids.timepoints, (s) => s),
    };
  return {
    ...base,
    role: 'new',
    ...pick(l, ['node']),
    appearsAt: ids.timepoints.get(l.appearsAt) ?? l.appearsAt,
    assessments: mapKeys(l.assessments, ids.timepoints, (a) => {
      const out: NewLesionAssessment = { ...pick(a, ['longAxisMm', 'shortAxisMm', 'typicalHCC', 'unequivocal']) } as NewLesionAssessment;
      if (a.graphics) out.graphics = graphics(a.graphics, o);
      return out;
    }),
  };
}

export function deidentifyResponses(rs: readonly RecordedResponse[], days: number, timepointIds?: ReadonlyMap<string, string>): RecordedResponse[] {
  return rs.map((r) => ({
    criteria: r.criteria,
    timepoints: r.timepoints.map((t) => ({ ...t, id: timepointIds?.get(t.id) ?? t.id, date: shiftIsoDate(t.date, days) })),
    bestOverallResponse: r.bestOverallResponse,
    progressionDate: r.progressionDate === null ? null : shiftIsoDate(r.progressionDate, days),
  }));
}

/**
 * The case file with only what the profile keeps: pseudonym, shifted dates, new UIDs, label ids, cleaned
 * sites, the reading slot for the reader; names, reasons and other free text removed unless `keepText`.
 */
export function deidentifyCaseFile(c: CaseFile, o: DeidentifyOptions): CaseFile {
  const ids = idMaps(c);
  const out: CaseFile = {
    patientId: pseudonymFor(c.patientId, o),
    criteria: c.criteria,
    ...(c.options ? { options: pick(c.options, ['requireConfirmation', 'confirmationMinDays', 'minStableDiseaseDays', 'absoluteIncreaseMm', 'patchyEnhancementMethod']) } : {}),
    ...(c.sliceThicknessMm !== undefined ? { sliceThicknessMm: c.sliceThicknessMm } : {}),
    timepoints: c.timepoints.map((t) => {
      const tp: CaseFile['timepoints'][number] = { id: ids.timepoints.get(t.id) ?? t.id, date: shiftIsoDate(t.date, o.dateShiftDays) };
      if (t.baseline !== undefined) tp.baseline = t.baseline;
      if (t.studyInstanceUid) tp.studyInstanceUid = o.uids.get(t.studyInstanceUid);
      return tp;
    }),
    lesions: c.lesions.map((l) => lesion(l, o, ids)),
  };
  if (c.reader) {
    const slot = readerSlot(c.reader.role);
    out.reader = { name: slot, ...(c.reader.role !== undefined ? { role: slot } : {}) };
  }
  if (c.recordedResponses)
    out.recordedResponses = Object.fromEntries(
      deidentifyResponses(Object.values(c.recordedResponses) as RecordedResponse[], o.dateShiftDays, ids.timepoints).map((r) => [r.criteria, r]),
    );
  return out;
}
