/**
 * The review server's own DICOMweb client of the PACS: QIDO-RS lookups it needs to decide what a user may see
 * (which patient a study belongs to, what an instance is), WADO-RS of one instance, and STOW-RS. Facts about
 * instances never change once stored (the server refuses a STOW that would overwrite one), so they are cached.
 */
import { parseMultipartRelated } from '../../pacs/multipartRelated';
import { stowInstances, type StowResult } from '../../pacs/stowInstances';
import type { InstanceFacts } from '../../../extensions/mrecist/src/core/review/blinding';

export type DicomJson = Record<string, { vr: string; Value?: unknown[] } | undefined>;

export const TAG = {
  PatientID: '00100020',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SOPInstanceUID: '00080018',
  SOPClassUID: '00080016',
  Modality: '00080060',
  ModalitiesInStudy: '00080061',
  StudyDate: '00080020',
} as const;

export function value(item: DicomJson, tag: string): string | undefined {
  const v = item[tag]?.Value?.[0];
  return typeof v === 'string' ? v : undefined;
}

/** Facts of an instance from a QIDO-RS or metadata item; undefined when one is missing. */
export function factsOf(item: DicomJson): InstanceFacts | undefined {
  const f = {
    patientId: value(item, TAG.PatientID),
    studyInstanceUid: value(item, TAG.StudyInstanceUID),
    seriesInstanceUid: value(item, TAG.SeriesInstanceUID),
    sopInstanceUid: value(item, TAG.SOPInstanceUID),
    sopClassUid: value(item, TAG.SOPClassUID),
  };
  return Object.values(f).every((v) => typeof v === 'string' && v !== '') ? (f as InstanceFacts) : undefined;
}

export class ReviewPacs {
  private readonly instances = new Map<string, InstanceFacts>();
  private readonly studyPatients = new Map<string, string>();

  /** `root`: the PACS DICOMweb root without a trailing slash. */
  constructor(readonly root: string) {}

  async qido(pathAndQuery: string): Promise<DicomJson[]> {
    const response = await fetch(`${this.root}${pathAndQuery}`, { headers: { Accept: 'application/dicom+json' } });
    if (response.status === 204 || response.status === 404) return [];
    if (!response.ok) throw new Error(`PACS answered QIDO-RS ${pathAndQuery} with HTTP ${response.status}`);
    const body = (await response.json()) as unknown;
    return Array.isArray(body) ? (body as DicomJson[]) : [];
  }

  remember(facts: InstanceFacts): void {
    this.instances.set(facts.sopInstanceUid, facts);
    this.studyPatients.set(facts.studyInstanceUid, facts.patientId);
  }

  async instance(sopInstanceUid: string): Promise<InstanceFacts | undefined> {
    const known = this.instances.get(sopInstanceUid);
    if (known) return known;
    const [item] = await this.qido(`/instances?SOPInstanceUID=${encodeURIComponent(sopInstanceUid)}&includefield=${TAG.PatientID}`);
    const facts = item ? factsOf(item) : undefined;
    if (facts && facts.sopInstanceUid === sopInstanceUid) this.remember(facts);
    return facts?.sopInstanceUid === sopInstanceUid ? facts : undefined;
  }

  /** The PatientID of a study, undefined when the PACS does not have it. */
  async studyPatient(studyInstanceUid: string): Promise<string | undefined> {
    const known = this.studyPatients.get(studyInstanceUid);
    if (known) return known;
    const [item] = await this.qido(`/studies?StudyInstanceUID=${encodeURIComponent(studyInstanceUid)}&includefield=${TAG.PatientID}`);
    const patientId = item && value(item, TAG.StudyInstanceUID) === studyInstanceUid ? value(item, TAG.PatientID) : undefined;
    if (patientId !== undefined) this.studyPatients.set(studyInstanceUid, patientId);
    return patientId;
  }

  /** Study UIDs of a patient, oldest first. */
  async patientStudies(patientId: string): Promise<string[]> {
    const studies = await this.qido(`/studies?PatientID=${encodeURIComponent(patientId)}&includefield=${TAG.StudyDate}`);
    return studies
      .filter((s) => value(s, TAG.PatientID) === patientId)
      .sort((a, b) => (value(a, TAG.StudyDate) ?? '').localeCompare(value(b, TAG.StudyDate) ?? ''))
      .map((s) => value(s, TAG.StudyInstanceUID))
      .filter((uid): uid is string => uid !== undefined);
  }

  /** The Part 10 bytes of one instance (WADO-RS). */
  async retrieve(study: string, series: string, sop: string): Promise<Uint8Array> {
    const url = `${this.root}/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}/instances/${encodeURIComponent(sop)}`;
    const response = await fetch(url, { headers: { Accept: 'multipart/related; type="application/dicom"' } });
    if (!response.ok) throw new Error(`PACS answered WADO-RS of ${sop} with HTTP ${response.status}`);
    const parts = parseMultipartRelated(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type') ?? '');
    if (!parts[0]) throw new Error(`PACS answered WADO-RS of ${sop} with no part`);
    return parts[0].body;
  }

  stow(objects: readonly Uint8Array[], root = this.root): Promise<StowResult> {
    return stowInstances(root, objects);
  }
}
