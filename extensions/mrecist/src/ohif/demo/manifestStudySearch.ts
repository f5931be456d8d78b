/**
 * The study list's search over a dicomjson manifest. The host's dicomjson data source (OHIF 3.13) matches only
 * the FIRST search parameter against a mapped key (studyInstanceUid, patientId) and finds nothing for the study
 * list's filters (patientName, mrn, dates, ...), so a manifest with two demo patients listed no study at all.
 * Pure: manifest studies in, the host's "mapped" study rows out.
 */

/** Study-level fields of a manifest study (scripts/serve/dicomJsonManifest.ts writes them). */
export interface ManifestStudyFields {
  readonly StudyInstanceUID: string;
  readonly StudyDate?: string;
  readonly StudyTime?: string;
  readonly StudyDescription?: string;
  readonly AccessionNumber?: string;
  readonly PatientID?: string;
  readonly PatientName?: string;
  readonly Modalities?: string;
  readonly NumInstances?: number;
}

/** The row shape the host's study list and our mode's route init read (as the host's own data sources map it). */
export interface MappedStudy {
  readonly studyInstanceUid: string;
  readonly mrn?: string;
  readonly patientName?: string;
  readonly date?: string;
  readonly time?: string;
  readonly description?: string;
  readonly accession?: string;
  readonly modalities?: string;
  readonly instances?: number;
  readonly NumInstances?: number;
}

export interface StudySearchFilters {
  readonly studyInstanceUid?: unknown;
  readonly patientId?: unknown;
  readonly disableWildcard?: unknown;
  readonly patientName?: unknown;
  readonly studyDescription?: unknown;
  readonly accessionNumber?: unknown;
  /** The study list sends a list ("CT", "MR"); a study matches when it holds any of them. */
  readonly modalitiesInStudy?: unknown;
  readonly startDate?: unknown;
  readonly endDate?: unknown;
  readonly [other: string]: unknown;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\*/g, '').trim().toLowerCase() : '';
}

/** Study-list text filters match anywhere, case-insensitively, like a QIDO wildcard search ("*value*"). */
function contains(field: string | undefined, filter: unknown): boolean {
  const wanted = text(filter);
  return !wanted || (field ?? '').toLowerCase().includes(wanted);
}

/** DA range "YYYYMMDD"; the study list sends either end alone or neither. */
function inDateRange(date: string | undefined, start: unknown, end: unknown): boolean {
  const from = text(start).replace(/-/g, '');
  const to = text(end).replace(/-/g, '');
  if (!from && !to) return true;
  if (!date) return false;
  return (!from || date >= from) && (!to || date <= to);
}

function mapStudy(s: ManifestStudyFields): MappedStudy {
  return {
    studyInstanceUid: s.StudyInstanceUID,
    mrn: s.PatientID,
    patientName: s.PatientName,
    date: s.StudyDate,
    time: s.StudyTime,
    description: s.StudyDescription,
    accession: s.AccessionNumber,
    modalities: s.Modalities,
    instances: s.NumInstances,
    NumInstances: s.NumInstances,
  };
}

/**
 * Every manifest study the filters admit, in manifest order. The study list's filters (OHIF 3.13 WorkList:
 * patientId from the MRN box, patientName, studyDescription, accessionNumber, modalitiesInStudy, startDate,
 * endDate) match anywhere; `disableWildcard` makes the PatientID match exact, as our route init asks for.
 */
export function searchManifestStudies(studies: readonly ManifestStudyFields[], filters: StudySearchFilters): MappedStudy[] {
  const uids = typeof filters.studyInstanceUid === 'string' ? filters.studyInstanceUid.split(/[,\\]/).filter(Boolean) : [];
  const exactPatientId = filters.disableWildcard === true && typeof filters.patientId === 'string' ? filters.patientId : undefined;
  const modalities = (Array.isArray(filters.modalitiesInStudy) ? filters.modalitiesInStudy : [filters.modalitiesInStudy]).map(text).filter(Boolean);
  return studies
    .filter(
      (s) =>
        (!uids.length || uids.includes(s.StudyInstanceUID)) &&
        (exactPatientId === undefined ? contains(s.PatientID, filters.patientId) : s.PatientID === exactPatientId) &&
        contains(s.PatientName, filters.patientName) &&
        contains(s.StudyDescription, filters.studyDescription) &&
        contains(s.AccessionNumber, filters.accessionNumber) &&
        (!modalities.length || (s.Modalities ?? '').toLowerCase().split('\\').some((m) => modalities.includes(m))) &&
        inDateRange(s.StudyDate, filters.startDate, filters.endDate),
    )
    .map(mapStudy);
}

/**
 * The one search the host's own dicomjson search answers the same way from the manifest it has already read
 * (OHIF 3.13 matches the first parameter exactly against StudyInstanceUID or PatientID): one study by its UID,
 * or one patient's studies by exact PatientID, as our mode's route init asks while the read opens. Undefined for
 * anything else (the study list's filters, wildcards, several UIDs), which only searchManifestStudies answers.
 */
export function exactHostLookup(filters: StudySearchFilters): { studyInstanceUid: string } | { patientId: string } | undefined {
  const given = Object.entries(filters).filter(([, value]) => value !== undefined && value !== null && value !== '');
  const keys = new Set(given.map(([key]) => key));
  const uid = filters.studyInstanceUid;
  if (keys.size === 1 && typeof uid === 'string' && /^[0-9.]+$/.test(uid)) return { studyInstanceUid: uid };
  const patientId = filters.patientId;
  if (keys.size === 2 && filters.disableWildcard === true && typeof patientId === 'string' && patientId !== '') return { patientId };
  return undefined;
}
