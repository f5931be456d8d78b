/**
 * One stored report (an SR instance of ours) as the panel lists it, and the order of a reader's reports:
 * by Content Date/Time, and when two share it, the one whose Predecessor Documents chain reaches the other
 * is the later. Pure: decoding uses the core codec.
 */
import type { SignOff } from '../../core/read/signOff';
import type { CaseFile } from '../../core/criteria/types';
import { dicomDateTimeSortKey, formatDicomDateTime } from '../../core/dicom/dicomDateTime';
import { dicomCodecs } from '../dicomCodecs';
import type { InstanceReference } from '../../core/sr/encodeMeasurementReport';

export interface ReportVersion {
  readonly instance: InstanceReference;
  /** DICOM DA and TM as stored (TM may carry a fraction). */
  readonly contentDate: string;
  readonly contentTime: string;
  readonly readerName: string;
  readonly readerRole: string;
  readonly instanceNumber: number;
  /** SOP Instance UIDs in Predecessor Documents Sequence. */
  readonly predecessorUids: readonly string[];
  readonly caseFile: CaseFile;
  /** The reader's sign-off when the report is VERIFIED. */
  readonly signOff?: SignOff;
  /** Size of the stored instance, bytes. */
  readonly byteLength: number;
}

function text(v: unknown): string {
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined || first === null ? '' : String(first).trim();
}

function items(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? (v as Record<string, unknown>[]) : v && typeof v === 'object' ? [v as Record<string, unknown>] : [];
}

/** Decodes one SR; returns null for a report that is not ours (another tool's TID 1500). Throws on a broken one. */
export async function reportVersionFromBytes(bytes: ArrayBuffer | Uint8Array, file: string): Promise<ReportVersion | null> {
  const { decodeDicom, decodeMeasurementReport } = await dicomCodecs();
  // Decoded once: the report's content and its header (dates, predecessors) come from the same dataset.
  const ds = decodeDicom(bytes, file).raw;
  const read = decodeMeasurementReport(ds, file);
  if (!read.ours) return null;
  const predecessorUids = items(ds.PredecessorDocumentsSequence).flatMap((study) =>
    items(study.ReferencedSeriesSequence).flatMap((series) => items(series.ReferencedSOPSequence).map((sop) => text(sop.ReferencedSOPInstanceUID))),
  );
  return {
    instance: read.instance,
    contentDate: text(ds.ContentDate),
    contentTime: text(ds.ContentTime),
    readerName: read.caseFile.reader?.name ?? '',
    readerRole: read.caseFile.reader?.role ?? '',
    instanceNumber: Number(text(ds.InstanceNumber)) || 0,
    predecessorUids,
    caseFile: read.caseFile,
    ...(read.signOff ? { signOff: read.signOff } : {}),
    byteLength: bytes.byteLength,
  };
}

/** YYYYMMDDHHMMSS.ffffff, so plain string comparison orders date-times (TM may omit seconds or the fraction). */
export function contentDateTimeKey(v: Pick<ReportVersion, 'contentDate' | 'contentTime'>): string {
  return dicomDateTimeSortKey(v.contentDate, v.contentTime);
}

/** True when `later`'s predecessor chain (through the given versions) reaches `earlier`. */
function succeeds(later: ReportVersion, earlier: ReportVersion, byUid: ReadonlyMap<string, ReportVersion>): boolean {
  const seen = new Set<string>();
  const queue = [...later.predecessorUids];
  while (queue.length > 0) {
    const uid = queue.shift()!;
    if (uid === earlier.instance.sopInstanceUid) return true;
    if (seen.has(uid)) continue;
    seen.add(uid);
    queue.push(...(byUid.get(uid)?.predecessorUids ?? []));
  }
  return false;
}

/** Oldest first. */
export function orderVersions(versions: readonly ReportVersion[]): ReportVersion[] {
  const byUid = new Map(versions.map((v) => [v.instance.sopInstanceUid, v]));
  return [...versions].sort((a, b) => {
    const byTime = contentDateTimeKey(a).localeCompare(contentDateTimeKey(b));
    if (byTime !== 0) return byTime;
    if (succeeds(b, a, byUid)) return -1;
    if (succeeds(a, b, byUid)) return 1;
    return a.instanceNumber - b.instanceNumber;
  });
}

/** The reader's latest report, or undefined. Reads of other readers are never picked (blinded review). */
export function latestOfReader(versions: readonly ReportVersion[], readerName: string): ReportVersion | undefined {
  const mine = orderVersions(versions.filter((v) => v.readerName === readerName));
  return mine[mine.length - 1];
}

/** "2026-11-26 19:40" from DA and TM. */
export function formatContentDateTime(v: Pick<ReportVersion, 'contentDate' | 'contentTime'>): string {
  return formatDicomDateTime(v.contentDate, v.contentTime);
}
