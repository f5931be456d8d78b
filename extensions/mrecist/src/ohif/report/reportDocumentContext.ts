/**
 * What the SR needs from the open studies besides the read: the patient module (from the images, so the SR
 * files under the same patient), the study the report is stored in, and every image by SOP Instance UID (so
 * the evidence sequence and each SCOORD's IMAGE reference resolve to their study and series).
 *
 * Where the SR goes: the patient's LATEST imaging study (the follow-up being read). A report belongs to the
 * examination it reports on, which is where a PACS worklist and a referring physician look for it; a later
 * save after a new follow-up goes to that new study and still names its predecessor (references cross studies).
 */
import type { InstanceReference } from '../../core/sr/encodeMeasurementReport';
import type { SrDocumentOptions } from '../../core/sr/encodeMeasurementReport';
import type { HostDisplaySet, HostInstance } from '../hostServices';
import { hasImages } from '../timepoints/imagingStudies';
import { personNameText } from '../timepoints/studySummaries';

export interface ReportDocumentContext {
  readonly patient: NonNullable<SrDocumentOptions['patient']>;
  readonly study: NonNullable<SrDocumentOptions['study']>;
  readonly images: ReadonlyMap<string, InstanceReference>;
  /** Every instance by SOP Instance UID, for redrawing measurements (plane attributes, image ids). */
  readonly instances: ReadonlyMap<string, HostInstance>;
}

function text(v: unknown): string | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : typeof first === 'number' ? String(first) : undefined;
}

function instancesOf(ds: HostDisplaySet): readonly HostInstance[] {
  return ds.instances ?? (ds.instance ? [ds.instance] : []);
}

export function reportDocumentContext(displaySets: readonly HostDisplaySet[], patientId: string): ReportDocumentContext {
  const mine = displaySets.filter((ds) => instancesOf(ds).some((i) => text(i.PatientID) === patientId));
  const images = new Map<string, InstanceReference>();
  const instances = new Map<string, HostInstance>();
  const studies = new Map<string, { first: HostInstance; modalities: Set<string> }>();
  for (const ds of mine) {
    for (const instance of instancesOf(ds)) {
      const sop = text(instance.SOPInstanceUID);
      const sopClass = text(instance.SOPClassUID);
      const modality = text(instance.Modality) ?? text(ds.Modality) ?? '';
      const entry = studies.get(ds.StudyInstanceUID) ?? { first: instance, modalities: new Set<string>() };
      entry.modalities.add(modality);
      studies.set(ds.StudyInstanceUID, entry);
      if (!sop || !sopClass) continue;
      instances.set(sop, instance);
      images.set(sop, { studyInstanceUid: ds.StudyInstanceUID, seriesInstanceUid: ds.SeriesInstanceUID, sopClassUid: sopClass, sopInstanceUid: sop });
    }
  }
  const imaging = [...studies].filter(([, s]) => hasImages([...s.modalities].filter(Boolean)));
  if (imaging.length === 0) throw new Error(`no imaging study of patient ${patientId} is open: the report has no study to be stored in`);
  const key = ([, s]: (typeof imaging)[number]) => `${text(s.first.StudyDate) ?? ''}${text(s.first.StudyTime) ?? ''}`;
  const [studyUid, latest] = imaging.sort((a, b) => key(a).localeCompare(key(b)))[imaging.length - 1];
  const f = latest.first;
  return {
    patient: {
      PatientName: personNameText(f.PatientName) || patientId,
      PatientID: patientId,
      PatientBirthDate: text(f.PatientBirthDate) ?? '',
      PatientSex: text(f.PatientSex) ?? '',
    },
    study: {
      StudyInstanceUID: studyUid,
      StudyDate: text(f.StudyDate),
      StudyTime: text(f.StudyTime),
      AccessionNumber: text(f.AccessionNumber),
      ReferringPhysicianName: personNameText(f.ReferringPhysicianName) || undefined,
      StudyID: text(f.StudyID),
      StudyDescription: text(f.StudyDescription),
    },
    images,
    instances,
  };
}
