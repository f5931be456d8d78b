/**
 * The demo case as it is on disk, read straight from the files (not through Orthanc), so PACS answers can be
 * compared with an independent source. Headers only: parsing stops before Pixel Data.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { findDicomFiles } from '../../scripts/pacs/findDicomFiles';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** MRECIST_DEMO_DICOM_DIR points the PACS tests at another copy of the case (e.g. one generated elsewhere). */
export const DEMO_DICOM_DIR = process.env.MRECIST_DEMO_DICOM_DIR ?? path.join(REPO_ROOT, 'demo-data', 'dicom');
export const DEMO_PATIENT_ID = 'P12';

export interface DemoInstance {
  readonly file: string;
  readonly patientId: string;
  readonly studyUid: string;
  readonly studyDate: string;
  readonly seriesUid: string;
  readonly sopUid: string;
  readonly modality: string;
  readonly rows?: number;
  readonly columns?: number;
  readonly bitsAllocated?: number;
  readonly imagePositionPatient?: number[];
}

export function readDemoCase(): DemoInstance[] {
  if (!existsSync(DEMO_DICOM_DIR))
    throw new Error(`${DEMO_DICOM_DIR} is missing: run npx tsx scripts/demo/generateDemo.ts --out demo-data`);
  return findDicomFiles(DEMO_DICOM_DIR).map((file) => {
    const bytes = readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const message = dcmjs.data.DicomMessage.readFile(buffer, { untilTag: '7FE00010', includeUntilTagValue: false });
    const d = dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict);
    return {
      file,
      patientId: String(d.PatientID),
      studyUid: String(d.StudyInstanceUID),
      studyDate: String(d.StudyDate ?? ''),
      seriesUid: String(d.SeriesInstanceUID),
      sopUid: String(d.SOPInstanceUID),
      modality: String(d.Modality),
      rows: d.Rows,
      columns: d.Columns,
      bitsAllocated: d.BitsAllocated,
      imagePositionPatient: d.ImagePositionPatient?.map(Number),
    };
  });
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
