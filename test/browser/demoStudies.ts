/**
 * The demo patient's imaging studies (those with at least one image) read straight from the DICOM files with dcmjs: an implementation independent of
 * the server's manifest builder, so the browser tests compare the viewer against the files, not against
 * our own manifest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';

export interface DemoStudy {
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly patientId: string;
  readonly seriesDescriptions: readonly string[];
}

/** Every file under a folder, recursively. */
export function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

export function readDemoStudies(root: string): DemoStudy[] {
  const studies = new Map<string, { date: string; patientId: string; series: Set<string>; hasImage: boolean }>();
  for (const file of walk(root)) {
    const bytes = readFileSync(file);
    if (bytes.length < 132 || bytes.toString('latin1', 128, 132) !== 'DICM') continue;
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(ab, { untilTag: '7FE00010' }).dict);
    const entry = studies.get(ds.StudyInstanceUID) ?? { date: ds.StudyDate, patientId: ds.PatientID, series: new Set<string>(), hasImage: false };
    entry.series.add(String(ds.SeriesDescription ?? ''));
    // An image is an instance with a pixel matrix; reports, plans and structure sets have none.
    if (typeof ds.Rows === 'number' && ds.Rows > 0) entry.hasImage = true;
    studies.set(ds.StudyInstanceUID, entry);
  }
  return [...studies.entries()]
    .filter(([, s]) => s.hasImage)
    .map(([uid, s]) => ({ studyInstanceUid: uid, studyDate: s.date, patientId: s.patientId, seriesDescriptions: [...s.series] }))
    .sort((a, b) => a.studyDate.localeCompare(b.studyDate));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How the OHIF viewport overlay prints a DA value ("20240110" -> "10-Jan-2024"). */
export function overlayDate(da: string): string {
  return `${da.slice(6, 8)}-${MONTHS[Number(da.slice(4, 6)) - 1]}-${da.slice(0, 4)}`;
}

/** Whole days between two DA values, counted by hand from the calendar (UTC). */
export function daysBetween(fromDa: string, toDa: string): number {
  const utc = (da: string) => Date.UTC(Number(da.slice(0, 4)), Number(da.slice(4, 6)) - 1, Number(da.slice(6, 8)));
  return Math.round((utc(toDa) - utc(fromDa)) / 86_400_000);
}
