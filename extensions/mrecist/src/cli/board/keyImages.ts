/**
 * Key images in Node (`board --images DIR`): every measured image the read references is looked up by SOP
 * Instance UID among the DICOM files under DIR (sub-folders included), its series loaded with readCtSeries, the
 * slice cropped around the reader's line and encoded as PNG. A referenced image not found under DIR is listed,
 * not skipped silently.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeGreyPng } from '../greyPng';
import { cropAroundLine, LIVER_CT_WINDOW, percentileWindow } from '../../core/board/keyImageCrop';
import type { KeyImage } from '../../core/board/boardPdfLayout';
import type { MeasuredImage } from '../../core/board/keyImageReferences';
import { decodeDicom } from '../../core/dicom/DicomDataset';
import { UsageError } from '../../core/errors';
import { isDicomFile, readInputFile } from '../io';
import { readCtSeries, type CtSeries } from '../readCtSeries';

interface IndexedFile {
  file: string;
  dir: string;
  seriesInstanceUid: string;
  modality: string;
}

function dicomFilesUnder(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  } catch {
    throw new UsageError(dir, '--images', 'no such directory');
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? dicomFilesUnder(path) : [path];
  });
}

function indexBySopInstance(dir: string, wanted: ReadonlySet<string>): Map<string, IndexedFile> {
  const index = new Map<string, IndexedFile>();
  for (const file of dicomFilesUnder(dir)) {
    const bytes = readInputFile(file);
    if (!isDicomFile(bytes)) continue;
    const ds = decodeDicom(bytes, file);
    const sop = ds.optionalString('SOPInstanceUID');
    if (sop === undefined || !wanted.has(sop)) continue;
    index.set(sop, { file, dir: dirname(file), seriesInstanceUid: ds.string('SeriesInstanceUID'), modality: ds.optionalString('Modality') ?? '' });
  }
  return index;
}

export function renderKeyImages(dir: string, measured: readonly MeasuredImage[]): { images: KeyImage[]; notFound: string[] } {
  const index = indexBySopInstance(dir, new Set(measured.map((m) => m.graphic.referencedSopInstanceUid)));
  const series = new Map<string, CtSeries>();
  const images: KeyImage[] = [];
  const notFound: string[] = [];
  for (const m of measured) {
    const found = index.get(m.graphic.referencedSopInstanceUid);
    if (found === undefined) {
      notFound.push(`${m.lesionId} at ${m.timepointId}: image ${m.graphic.referencedSopInstanceUid} not under ${dir}`);
      continue;
    }
    const key = `${found.dir}\u0000${found.seriesInstanceUid}`;
    const loaded = series.get(key) ?? readCtSeries(found.dir, found.seriesInstanceUid);
    series.set(key, loaded);
    const k = loaded.files.indexOf(found.file);
    const { columns, rows, voxelsHu } = loaded.volume;
    const values = voxelsHu.subarray(k * columns * rows, (k + 1) * columns * rows);
    const window = found.modality === 'CT' ? LIVER_CT_WINDOW : percentileWindow(values);
    const crop = cropAroundLine({ columns, rows, values }, m.graphic.points, window);
    images.push({
      lesionId: m.lesionId,
      timepointId: m.timepointId,
      date: m.date,
      caption: m.caption,
      png: encodeGreyPng(crop.columns, crop.rows, crop.grey),
      columns: crop.columns,
      rows: crop.rows,
      line: crop.line,
    });
  }
  return { images, notFound };
}
