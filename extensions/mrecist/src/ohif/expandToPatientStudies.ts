import { errorText } from '../core/errorText';
/**
 * A response read compares timepoints, so opening ONE study of a patient (a worklist click, a PACS link)
 * must still bring the patient's other studies: baseline and every follow-up. Runs as the mode's route init,
 * before the host retrieves series metadata, and appends the patient's other StudyInstanceUIDs to the list
 * the host is about to load.
 *
 * The host passes that list by reference to both the route init and its own default init (OHIF 3.13
 * ModeRoute); appending in place is how an init widens it. For dicomjson the manifest already lists every
 * study and this finds nothing to add.
 */

/** One study as the host's data sources answer a study search (their "mapped" QIDO shape). */
interface StudySearchResult {
  readonly studyInstanceUid?: string;
  readonly mrn?: string;
}

export interface StudySearchDataSource {
  query: { studies: { search(params: Record<string, unknown>): Promise<StudySearchResult[] | undefined> } };
}

export interface Notifier {
  show(notification: { title: string; message: string; type: 'warning' | 'error' | 'info'; duration?: number }): void;
}

export async function expandToPatientStudies(studyInstanceUids: string[], dataSource: StudySearchDataSource, notifier?: Notifier): Promise<void> {
  try {
    const patientIds = new Set<string>();
    for (const uid of [...studyInstanceUids]) {
      const [study] = (await dataSource.query.studies.search({ studyInstanceUid: uid })) ?? [];
      if (study?.mrn) patientIds.add(study.mrn);
    }
    for (const patientId of patientIds) {
      // Exact PatientID: the host would otherwise search "*id*" and pull in other patients' studies.
      const studies = (await dataSource.query.studies.search({ patientId, disableWildcard: true })) ?? [];
      for (const study of studies) {
        const uid = study.studyInstanceUid;
        if (study.mrn === patientId && uid && !studyInstanceUids.includes(uid)) studyInstanceUids.push(uid);
      }
    }
  } catch (error) {
    // The requested studies still open; the reader is told that the timeline may be incomplete.
    notifier?.show({
      title: 'Other timepoints not found',
      message: `Could not look up this patient's other studies (${errorText(error)}); showing only the studies requested.`,
      type: 'warning',
      duration: 10_000,
    });
  }
}
