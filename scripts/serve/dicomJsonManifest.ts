/**
 * The OHIF `dicomjson` manifest for a folder of DICOM files: every Part 10 file under the root (any layout,
 * any name) is read up to Pixel Data with dcmjs and grouped into studies > series > instances. Instances point
 * at the files served as static resources ("dicomweb:<url>" image ids, loaded by Cornerstone's WADO-URI
 * loader). Bulk binary values are left out: the viewer reads pixels from the files themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import type { ManifestStudyFields } from '../../extensions/mrecist/src/ohif/demo/manifestStudySearch';

export interface ManifestInstance {
  readonly metadata: Record<string, unknown>;
  readonly url: string;
}

export interface ManifestSeries {
  readonly SeriesInstanceUID: string;
  readonly SeriesNumber?: number;
  readonly SeriesDescription?: string;
  readonly SeriesDate?: string;
  readonly SeriesTime?: string;
  readonly Modality: string;
  readonly instances: ManifestInstance[];
}

/** Study-level fields as the viewer's demo data source reads them, plus what only the manifest carries. */
export interface ManifestStudy extends ManifestStudyFields {
  readonly PatientSex?: string;
  readonly PatientBirthDate?: string;
  readonly Modalities: string;
  readonly NumInstances: number;
  readonly series: ManifestSeries[];
}

export interface DicomJsonManifest {
  readonly studies: ManifestStudy[];
}

const PART10_PREAMBLE_BYTES = 128;
const PIXEL_DATA_TAG = '7FE00010';

function isPart10(bytes: Buffer): boolean {
  return bytes.length > PART10_PREAMBLE_BYTES + 4 && bytes.toString('latin1', PART10_PREAMBLE_BYTES, PART10_PREAMBLE_BYTES + 4) === 'DICM';
}

/** Drops binary values (ArrayBuffers, typed arrays) and dcmjs bookkeeping keys, keeping sequences. */
function withoutBulkData(value: unknown): unknown {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(withoutBulkData).filter((v) => v !== undefined);
    return items.length || !value.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith('_')) continue;
      const kept = withoutBulkData(v);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return value;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function personName(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && 'Alphabetic' in first) return String((first as { Alphabetic: unknown }).Alphabetic);
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Builds the manifest; `urlPrefix` is the served path of `root` (e.g. "/demo/dicom"). */
export function buildDicomJsonManifest(root: string, urlPrefix: string): DicomJsonManifest {
  const studies = new Map<string, { study: Omit<ManifestStudy, 'series' | 'Modalities' | 'NumInstances'>; series: Map<string, ManifestSeries> }>();
  for (const file of listFiles(root).sort()) {
    const bytes = readFileSync(file);
    if (!isPart10(bytes)) continue;
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const dict = dcmjs.data.DicomMessage.readFile(arrayBuffer, { untilTag: PIXEL_DATA_TAG, includeUntilTagValue: false });
    const metadata = withoutBulkData(dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict)) as Record<string, unknown>;
    // Reading stops at Pixel Data but dcmjs still lists the element (value 0): it is not metadata.
    delete metadata.PixelData;
    const studyUid = str(metadata.StudyInstanceUID);
    const seriesUid = str(metadata.SeriesInstanceUID);
    if (!studyUid || !seriesUid || !str(metadata.SOPInstanceUID)) {
      throw new Error(`${file}: not a DICOM instance (StudyInstanceUID, SeriesInstanceUID or SOPInstanceUID missing)`);
    }
    let entry = studies.get(studyUid);
    if (!entry) {
      entry = {
        study: {
          StudyInstanceUID: studyUid,
          StudyDate: str(metadata.StudyDate),
          StudyTime: str(metadata.StudyTime),
          StudyDescription: str(metadata.StudyDescription),
          AccessionNumber: str(metadata.AccessionNumber),
          PatientID: str(metadata.PatientID),
          PatientName: personName(metadata.PatientName),
          PatientSex: str(metadata.PatientSex),
          PatientBirthDate: str(metadata.PatientBirthDate),
        },
        series: new Map(),
      };
      studies.set(studyUid, entry);
    }
    let series = entry.series.get(seriesUid);
    if (!series) {
      series = {
        SeriesInstanceUID: seriesUid,
        SeriesNumber: typeof metadata.SeriesNumber === 'number' ? metadata.SeriesNumber : undefined,
        SeriesDescription: str(metadata.SeriesDescription),
        SeriesDate: str(metadata.SeriesDate),
        SeriesTime: str(metadata.SeriesTime),
        Modality: str(metadata.Modality) ?? 'OT',
        instances: [],
      };
      entry.series.set(seriesUid, series);
    }
    const relative = path.relative(root, file).split(path.sep).map(encodeURIComponent).join('/');
    series.instances.push({ metadata, url: `dicomweb:${urlPrefix}/${relative}` });
  }
  const instanceNumber = (i: ManifestInstance) => (typeof i.metadata.InstanceNumber === 'number' ? i.metadata.InstanceNumber : 0);
  const result = [...studies.values()].map(({ study, series }) => {
    const seriesList = [...series.values()].sort((a, b) => (a.SeriesNumber ?? 0) - (b.SeriesNumber ?? 0));
    seriesList.forEach((s) => s.instances.sort((a, b) => instanceNumber(a) - instanceNumber(b)));
    return {
      ...study,
      Modalities: [...new Set(seriesList.map((s) => s.Modality))].join('\\'),
      NumInstances: seriesList.reduce((n, s) => n + s.instances.length, 0),
      series: seriesList,
    };
  });
  // Date order, so the study list and any "first study" logic see the baseline first.
  result.sort((a, b) => `${a.StudyDate ?? '99999999'}${a.StudyTime ?? ''}`.localeCompare(`${b.StudyDate ?? '99999999'}${b.StudyTime ?? ''}`));
  return { studies: result };
}
