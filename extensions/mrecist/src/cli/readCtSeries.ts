/**
 * Loads a folder of CT slices into a CtVolume (Node side of the `seeds` and `register` commands).
 * Every file in the folder (not sub-folders; hidden files and DICOMDIR skipped) is decoded; objects without pixel
 * data (RT objects, SR) are listed as skipped, not silently dropped. All images must belong to one series (or pick
 * one with `seriesInstanceUid`), share orientation, size and pixel spacing, and stand at distinct positions.
 * Slices are sorted by position along the normal (IPP · (row × column direction)), not by file name or Instance
 * Number. Errors name the file and the attribute.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { requireNativePixels, storedPixelValues } from '../core/dicom/ctSlicePixels';
import { decodeDicom, type DicomDataset } from '../core/dicom/DicomDataset';
import { DicomInputError, UsageError } from '../core/errors';
import { cross, type Vec3 } from '../core/geometry/vec3';
import type { CtVolume } from '../core/seeds/CtVolume';
import { readInputFile } from './io';

/** Orientation cosines and spacings must agree this closely between slices. */
const GEOMETRY_TOLERANCE = 1e-4;
/** Two slices closer than this along the normal are duplicates. */
const DUPLICATE_POSITION_MM = 0.01;

export interface CtSeries {
  volume: CtVolume;
  files: string[];
  skipped: { file: string; reason: string }[];
  seriesInstanceUid: string;
  studyInstanceUid?: string;
}

interface Slice {
  file: string;
  ds: DicomDataset;
  position: number;
}

export function readCtSeries(dir: string, seriesInstanceUid?: string): CtSeries {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(dir, 'directory', 'not a directory');
    names = readdirSync(dir).filter((n) => !n.startsWith('.') && n.toUpperCase() !== 'DICOMDIR').sort();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(dir, 'directory', 'no such directory');
  }
  const skipped: CtSeries['skipped'] = [];
  const images: { file: string; ds: DicomDataset }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    const ds = decodeDicom(readInputFile(file), file);
    if (!ds.has('PixelData')) {
      skipped.push({ file, reason: `no pixel data (${ds.optionalString('Modality') ?? 'unknown modality'})` });
      continue;
    }
    images.push({ file, ds });
  }
  if (images.length === 0) throw new DicomInputError(dir, 'PixelData (7FE0,0010)', 'no CT images in the folder');
  const seriesUids = [...new Set(images.map((i) => i.ds.string('SeriesInstanceUID')))];
  const chosen = seriesInstanceUid ?? (seriesUids.length === 1 ? seriesUids[0] : undefined);
  if (!chosen) throw new DicomInputError(dir, 'SeriesInstanceUID (0020,000E)', `folder holds ${seriesUids.length} image series: ${seriesUids.join(', ')}`);
  const series = images.filter((i) => i.ds.string('SeriesInstanceUID') === chosen);
  if (series.length === 0) throw new DicomInputError(dir, 'SeriesInstanceUID (0020,000E)', `no images of series ${chosen}`);

  const first = series[0].ds;
  const iop = first.numbers('ImageOrientationPatient', 6);
  const rowDirection: Vec3 = [iop[0], iop[1], iop[2]];
  const columnDirection: Vec3 = [iop[3], iop[4], iop[5]];
  const normal = cross(rowDirection, columnDirection);
  const rows = first.number('Rows'), columns = first.number('Columns');
  const spacing = first.numbers('PixelSpacing', 2);
  const slices: Slice[] = series.map(({ file, ds }) => {
    const modality = ds.string('Modality');
    if (modality !== 'CT') ds.fail('Modality', `expected CT, got ${modality}`);
    requireNativePixels(ds);
    const o = ds.numbers('ImageOrientationPatient', 6);
    if (o.some((v, i) => Math.abs(v - iop[i]) > GEOMETRY_TOLERANCE)) ds.fail('ImageOrientationPatient', `differs from ${series[0].file}`);
    if (ds.number('Rows') !== rows) ds.fail('Rows', `${ds.number('Rows')} differs from ${rows} in ${series[0].file}`);
    if (ds.number('Columns') !== columns) ds.fail('Columns', `${ds.number('Columns')} differs from ${columns} in ${series[0].file}`);
    const ps = ds.numbers('PixelSpacing', 2);
    if (ps.some((v, i) => Math.abs(v - spacing[i]) > GEOMETRY_TOLERANCE)) ds.fail('PixelSpacing', `differs from ${series[0].file}`);
    if (ds.number('BitsAllocated') !== 16) ds.fail('BitsAllocated', `expected 16, got ${ds.number('BitsAllocated')}`);
    const ipp = ds.numbers('ImagePositionPatient', 3);
    return { file, ds, position: ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2] };
  });
  slices.sort((a, b) => a.position - b.position);
  for (let k = 1; k < slices.length; k++) {
    if (slices[k].position - slices[k - 1].position < DUPLICATE_POSITION_MM)
      slices[k].ds.fail('ImagePositionPatient', `same slice position as ${slices[k - 1].file}`);
  }

  const plane = rows * columns;
  const raw = slices.map((s) => storedPixelValues(s.ds, plane));
  const rescale = slices.map((s) => [s.ds.optionalNumber('RescaleSlope') ?? 1, s.ds.optionalNumber('RescaleIntercept') ?? 0]);
  let lo = Infinity, hi = -Infinity, integral = true;
  raw.forEach((values, k) => {
    const [slope, intercept] = rescale[k];
    if (!Number.isInteger(slope) || !Number.isInteger(intercept)) integral = false;
    for (let i = 0; i < values.length; i++) {
      const hu = values[i] * slope + intercept;
      if (hu < lo) lo = hu;
      if (hu > hi) hi = hu;
    }
  });
  // Int16 halves the memory of a 512 × 512 × 300 volume; Float32 only when the rescaled values need it.
  const fitsInt16 = integral && lo >= -32768 && hi <= 32767;
  const voxelsHu = fitsInt16 ? new Int16Array(plane * slices.length) : new Float32Array(plane * slices.length);
  raw.forEach((values, k) => {
    const [slope, intercept] = rescale[k];
    const base = k * plane;
    for (let i = 0; i < plane; i++) voxelsHu[base + i] = values[i] * slope + intercept;
  });
  const ipp0 = slices[0].ds.numbers('ImagePositionPatient', 3) as Vec3;
  return {
    volume: {
      columns,
      rows,
      slices: slices.length,
      voxelsHu,
      originMm: ipp0,
      rowDirection,
      columnDirection,
      rowSpacingMm: spacing[0],
      columnSpacingMm: spacing[1],
      sliceOffsetsMm: slices.map((s) => s.position - slices[0].position),
      frameOfReferenceUid: first.optionalString('FrameOfReferenceUID'),
    },
    files: slices.map((s) => s.file),
    skipped,
    seriesInstanceUid: chosen,
    studyInstanceUid: first.optionalString('StudyInstanceUID'),
  };
}
