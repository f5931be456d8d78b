/**
 * RT Structure Set writer: the RT Structure Set IOD (PS3.3 A.19) with Patient, General Study, RT Series,
 * General Equipment, Structure Set, ROI Contour, RT ROI Observations and SOP Common modules. Output passes
 * dicom3tools' dciodvfy without errors (tested). Used for the demo's GTV/liver contours and for isodose lines
 * exported as one CLOSED_PLANAR ROI per level ("Isodose 145 Gy").
 */
import type { NaturalDataset } from '../dicom/DicomDataset';
import { frameOfReferenceAttributes, patientStudyAttributes, sopCommonAttributes, type PatientStudyContext } from '../dicom/compositeModules';
import { dicomDateTimeNow } from '../dicom/dicomDateTime';
import { newUid } from '../dicom/uid';
import type { RoiContour } from './rtStruct';
import { RT_STRUCTURE_SET_STORAGE } from './rtStruct';

/** RT ROI Interpreted Type (3006,00A4) defined terms we write (PS3.3 C.8.8.8). DOSE_REGION marks isodose ROIs. */
export type RoiInterpretedType = 'GTV' | 'CTV' | 'PTV' | 'ORGAN' | 'OAR' | 'MARKER' | 'DOSE_REGION' | 'CONTROL';

export interface RoiToWrite {
  name: string;
  interpretedType: RoiInterpretedType;
  /** RGB 0–255. */
  displayColor?: [number, number, number];
  /** AUTOMATIC for computed ROIs (isodose lines), MANUAL for drawn ones. */
  generationAlgorithm: 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL';
  contours: RoiContour[];
}

/** Who and what the structure set belongs to; copied from the image or dose series it annotates. */
export interface RtStructContext extends PatientStudyContext {
  frameOfReferenceUid: string;
  structureSetLabel: string;
  seriesDescription?: string;
  seriesNumber?: number;
  /** Fixed UIDs and date make the output reproducible (demo data, golden files); random/now otherwise. */
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  /** YYYYMMDD and HHMMSS of the structure set. */
  contentDate?: string;
  contentTime?: string;
  manufacturer?: string;
}

const DS_DIGITS = 6;

/** DS values hold at most 16 characters: round to micrometres and drop trailing zeros. */
function ds(value: number): string {
  const s = Number(value.toFixed(DS_DIGITS - 3)).toString();
  return s === '-0' ? '0' : s;
}

export function writeRtStruct(rois: readonly RoiToWrite[], context: RtStructContext): NaturalDataset {
  const now = dicomDateTimeNow();
  const date = context.contentDate ?? now.date;
  const time = context.contentTime ?? now.time;
  const sopInstanceUid = context.sopInstanceUid ?? newUid();
  rois.forEach((roi, i) => {
    if (roi.name.trim() === '') throw new Error(`ROI ${i + 1} has an empty name`);
    if (roi.name.includes('\\')) throw new Error(`ROI ${i + 1} name "${roi.name}": a backslash separates DICOM values`);
    for (const c of roi.contours) {
      if (c.geometricType === 'CLOSED_PLANAR' && c.points.length < 3)
        throw new Error(`ROI "${roi.name}": a closed contour needs at least 3 points`);
      if (c.geometricType === 'POINT' && c.points.length !== 1)
        throw new Error(`ROI "${roi.name}": a POINT contour holds exactly 1 point`);
    }
  });

  return {
    ...sopCommonAttributes(RT_STRUCTURE_SET_STORAGE, sopInstanceUid, date, time),
    ...patientStudyAttributes(context),
    // RT Series
    Modality: 'RTSTRUCT',
    SeriesInstanceUID: context.seriesInstanceUid ?? newUid(),
    SeriesNumber: String(context.seriesNumber ?? 1),
    SeriesDescription: context.seriesDescription ?? context.structureSetLabel,
    OperatorsName: '',
    // Frame of Reference (part of the IOD in current editions of PS3.3)
    ...frameOfReferenceAttributes(context.frameOfReferenceUid),
    // General Equipment
    Manufacturer: context.manufacturer ?? 'ohif-mrecist',
    // Structure Set
    StructureSetLabel: context.structureSetLabel.slice(0, 16),
    StructureSetDate: date,
    StructureSetTime: time,
    ReferencedFrameOfReferenceSequence: [{ FrameOfReferenceUID: context.frameOfReferenceUid }],
    StructureSetROISequence: rois.map((roi, i) => ({
      ROINumber: String(i + 1),
      ReferencedFrameOfReferenceUID: context.frameOfReferenceUid,
      ROIName: roi.name.slice(0, 64),
      ROIGenerationAlgorithm: roi.generationAlgorithm,
    })),
    // ROI Contour
    ROIContourSequence: rois.map((roi, i) => {
      const item: NaturalDataset = { ReferencedROINumber: String(i + 1) };
      if (roi.displayColor) item.ROIDisplayColor = roi.displayColor.map((c) => String(Math.round(c)));
      item.ContourSequence = roi.contours.map((c, k) => ({
        ContourNumber: String(k + 1),
        ContourGeometricType: c.geometricType,
        NumberOfContourPoints: String(c.points.length),
        ContourData: c.points.flatMap((p) => [ds(p[0]), ds(p[1]), ds(p[2])]),
      }));
      return item;
    }),
    // RT ROI Observations
    RTROIObservationsSequence: rois.map((roi, i) => ({
      ObservationNumber: String(i + 1),
      ReferencedROINumber: String(i + 1),
      RTROIInterpretedType: roi.interpretedType,
      ROIInterpreter: '',
    })),
  };
}
