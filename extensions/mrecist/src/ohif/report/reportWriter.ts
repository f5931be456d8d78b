/**
 * Writing a report: the read of one patient as our TID 1500 SR, a new SOP Instance each time, naming the report
 * it replaces in Predecessor Documents Sequence. Pure apart from the clock the caller passes; storing and
 * listing are the save queue's and the controller's.
 */
import { localDicomDateTime } from '../../core/dicom/dicomDateTime';
import type { CaseFile } from '../../core/criteria/types';
import type { SignOff } from '../../core/read/signOff';
import type { InstanceReference } from '../../core/sr/encodeMeasurementReport';
import { dicomCodecs } from '../dicomCodecs';
import type { HostDisplaySet } from '../hostServices';
import { reportDocumentContext } from './reportDocumentContext';
import type { ReportBasis } from './restoreDecision';
import type { ReportVersion } from './ReportVersion';
import { dropSingleFrameNumbers } from './singleFrameReferences';

/** The report last saved to (or restored from) the PACS, as kept in browser storage. */
export interface StoredBasis extends ReportBasis {
  readonly instance: InstanceReference;
  readonly instanceNumber: number;
}

export interface WrittenReport {
  readonly bytes: Uint8Array;
  readonly instance: InstanceReference;
  readonly instanceNumber: number;
  readonly writeMs: number;
}

export interface ReportWriteInputs {
  readonly patientId: string;
  readonly displaySets: readonly HostDisplaySet[];
  /** The read as exported by the store. */
  readonly caseFile: CaseFile;
  readonly signOff: SignOff | undefined;
  readonly basis: StoredBasis | null;
  /** The reader's reports on the PACS, newest first. */
  readonly versions: readonly ReportVersion[];
  readonly now: Date;
}

export function downloadFilename(patientId: string, readerName: string, date: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'unknown';
  return `mrecist_${safe(patientId)}_${date}_${safe(readerName)}.dcm`;
}

/**
 * The report the new one replaces: the one this draft was based on when it is no longer among the listed
 * versions but others are (it was listed before, or saved from here), else the newest listed, else the basis.
 */
function predecessorOf(basis: StoredBasis | null, versions: readonly ReportVersion[]): { instance: InstanceReference; instanceNumber: number } | undefined {
  const latest = versions[0];
  if (latest && basis && latest.instance.sopInstanceUid !== basis.sopInstanceUid && !versions.some((v) => v.instance.sopInstanceUid === basis.sopInstanceUid))
    return { instance: basis.instance, instanceNumber: basis.instanceNumber };
  if (latest) return { instance: latest.instance, instanceNumber: latest.instanceNumber };
  return basis ? { instance: basis.instance, instanceNumber: basis.instanceNumber } : undefined;
}

/** Writes the SR of the read (new SOP Instance UID, predecessor = the report it replaces). */
export async function writeReport(i: ReportWriteInputs): Promise<WrittenReport> {
  const { writeSr } = await dicomCodecs();
  const started = performance.now();
  const context = reportDocumentContext(i.displaySets, i.patientId);
  const caseFile = dropSingleFrameNumbers(i.caseFile, context.instances);
  const predecessor = predecessorOf(i.basis, i.versions);
  const { date, time } = localDicomDateTime(i.now);
  const sameStudy = predecessor?.instance.studyInstanceUid === context.study.StudyInstanceUID;
  const instanceNumber = (predecessor?.instanceNumber ?? 0) + 1;
  const written = writeSr({
    caseFile,
    file: `report of ${i.patientId}`,
    document: {
      contentDate: date,
      contentTime: time,
      study: context.study,
      patient: context.patient,
      images: context.images,
      predecessor: predecessor?.instance,
      seriesInstanceUid: sameStudy ? predecessor!.instance.seriesInstanceUid : undefined,
      instanceNumber,
      completion: 'PARTIAL',
      signOff: i.signOff,
    },
  });
  const ds = written.dataset;
  const instance: InstanceReference = {
    studyInstanceUid: String(ds.StudyInstanceUID),
    seriesInstanceUid: String(ds.SeriesInstanceUID),
    sopClassUid: String(ds.SOPClassUID),
    sopInstanceUid: String(ds.SOPInstanceUID),
  };
  return { bytes: written.bytes, instance, instanceNumber, writeMs: Math.round(performance.now() - started) };
}
