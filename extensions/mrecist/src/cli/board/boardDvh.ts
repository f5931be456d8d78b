/**
 * `board --struct FILE --roi NAME --prescription GY --dose FILE [--planned-dose FILE]`: the GTV's DVH in the
 * board, post-implant (and planned, when given) from RT Dose files in the structure set's frame of reference.
 */
import type { BoardDvh } from '../../core/board/boardContent';
import { gtvDvh } from '../../core/board/gtvDvh';
import { decodeDicom } from '../../core/dicom/DicomDataset';
import { readRtDose } from '../../core/dose/readRtDose';
import { findRoiByName, readRtStruct } from '../../core/dose/rtStruct';
import { planarRoiFromContours } from '../../core/dose/rtStructPlanarRoi';
import { DicomInputError, UsageError } from '../../core/errors';
import { readInputFile } from '../io';

export interface BoardDvhOptions {
  struct?: string;
  roi?: string;
  prescription?: string;
  dose?: string;
  plannedDose?: string;
}

export function boardDvhFromOptions(o: BoardDvhOptions): BoardDvh | undefined {
  const doses = [
    ...(o.plannedDose !== undefined ? [{ file: o.plannedDose, label: 'planned' }] : []),
    ...(o.dose !== undefined ? [{ file: o.dose, label: 'post-implant' }] : []),
  ];
  if (doses.length === 0 && o.struct === undefined) return undefined;
  if (o.struct === undefined) throw new UsageError('--struct', 'value', 'the DVH needs the structure set with the GTV');
  if (doses.length === 0) throw new UsageError('--dose', 'value', 'the DVH needs an RT Dose (--dose and/or --planned-dose)');
  const prescriptionGy = Number(o.prescription);
  if (o.prescription === undefined || !(prescriptionGy > 0)) throw new UsageError('--prescription', 'value', `expected a positive dose in Gy, got "${o.prescription ?? ''}"`);
  const roiName = o.roi ?? 'GTV';
  const roi = findRoiByName(readRtStruct(decodeDicom(readInputFile(o.struct), o.struct)), roiName, o.struct);
  const planar = planarRoiFromContours(roi, o.struct);
  const parts = doses.map(({ file, label }) => {
    const grid = readRtDose(decodeDicom(readInputFile(file), file));
    if (grid.units !== 'GY') throw new DicomInputError(file, 'DoseUnits (3004,0002)', `is ${grid.units}: a DVH in Gy needs absolute dose`);
    if (grid.frameOfReferenceUid !== roi.frameOfReferenceUid) throw new DicomInputError(file, 'FrameOfReferenceUID (0020,0052)', `differs from ROI "${roi.name}" in ${o.struct}`);
    return gtvDvh(planar, grid, prescriptionGy, label, file);
  });
  return { prescriptionGy, curves: parts.map((p) => p.curve), markers: parts.map((p) => p.markers) };
}
