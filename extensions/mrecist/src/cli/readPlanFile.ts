/** Reads an RT Plan file into both its DicomDataset and the BrachyPlan, with errors that name the file. */
import { decodeDicom, type DicomDataset } from '../core/dicom/DicomDataset';
import type { BrachyPlan } from '../core/dose/BrachyPlan';
import { readBrachyPlan } from '../core/dose/readBrachyPlan';
import { readInputFile } from './io';

export function readPlanFile(path: string): { ds: DicomDataset; plan: BrachyPlan } {
  const ds = decodeDicom(readInputFile(path), path);
  return { ds, plan: readBrachyPlan(ds) };
}
