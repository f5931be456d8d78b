/**
 * Writes a DoseGrid as an RT Dose object (naturalized dataset for encodeDicom): 32-bit unsigned pixels with a
 * Dose Grid Scaling chosen so the maximum fits, relative Grid Frame Offset Vector, Dose Summation Type BRACHY,
 * Dose Type PHYSICAL, Dose Units GY, Tissue Heterogeneity Correction WATER (TG-43 is dose to water), referencing
 * the RT Plan it was computed from. Passes dicom3tools' dciodvfy (test/unit/dose/writeRtDose.test.ts).
 * Reading it back gives every voxel within scaling/2 of the written value (plus float32 rounding).
 */
import type { NaturalDataset } from '../dicom/DicomDataset';
import type { DoseGrid } from './DoseGrid';
import { RT_PLAN_SOP_CLASS_UID } from './readBrachyPlan';
import { RT_DOSE_SOP_CLASS_UID } from './readRtDose';
import { frameOfReferenceAttributes } from '../dicom/compositeModules';
import { commonRtAttributes, type RtObjectContext } from './RtObjectContext';

/** Largest stored values we aim for; below 2³² − 1 and 2¹⁶ − 1 so rounding the scaling cannot overflow. */
const MAX_STORED = { 16: 65_000, 32: 4_000_000_000 } as const;
const GRID_FRAME_OFFSET_VECTOR_TAG = 0x3004000c;

export interface RtDoseWriteContext extends RtObjectContext {
  frameOfReferenceUid: string;
  referencedRtPlanSopInstanceUid: string;
  /** BRACHY summation requires the plan's fraction group and application setups (defaults 1 and [1]). */
  referencedFractionGroupNumber?: number;
  referencedApplicationSetupNumbers?: number[];
  /** Dose Comment (3004,0006), at most 64 characters: basis and model, e.g. "TG-43U1 line2d, full decay". */
  doseComment?: string;
  /**
   * 32 (default) keeps 4·10⁹ levels. 16 exists because dicom3tools' dciodvfy (2022 build) aborts on any 32-bit
   * Pixel Data (assertion in attrothr.cc, also reported as horosproject/horos#614), so tests validate the full
   * object in its 16-bit form.
   */
  bitsAllocated?: 16 | 32;
}

/** Scaling with ≤ 6 significant digits (exact in a DS string) such that max / scaling ≤ MAX_STORED. */
export function chooseDoseGridScaling(maxDose: number, bitsAllocated: 16 | 32 = 32): number {
  if (!(maxDose > 0)) return 1;
  const raw = maxDose / MAX_STORED[bitsAllocated];
  const exponent = Math.floor(Math.log10(raw)) - 5;
  const scaling = Math.ceil(raw / 10 ** exponent) * 10 ** exponent;
  return Number(scaling.toPrecision(6));
}

const ds = (v: number) => Number(v.toPrecision(12));

export function writeRtDose(grid: DoseGrid, context: RtDoseWriteContext): NaturalDataset {
  if (grid.frameOffsetsMm[0] !== 0) throw new Error('DoseGrid frame offsets must start at 0');
  let max = 0;
  for (let i = 0; i < grid.dose.length; i++) {
    const v = grid.dose[i];
    if (!(v >= 0)) throw new Error(`dose grid holds ${v} at voxel ${i}: physical dose must be a non-negative number`);
    if (v > max) max = v;
  }
  const bits = context.bitsAllocated ?? 32;
  const scaling = chooseDoseGridScaling(max, bits);
  const stored = bits === 32 ? new Uint32Array(grid.dose.length) : new Uint16Array(grid.dose.length);
  const top = 2 ** bits - 1;
  for (let i = 0; i < stored.length; i++) stored[i] = Math.min(top, Math.round(grid.dose[i] / scaling));
  const frames = grid.frameOffsetsMm.length;
  return {
    ...commonRtAttributes(context, RT_DOSE_SOP_CLASS_UID, 'RTDOSE'),
    ...frameOfReferenceAttributes(context.frameOfReferenceUid),
    ContentDate: context.contentDate,
    ContentTime: context.contentTime,
    ImagePositionPatient: grid.originMm.map(ds),
    ImageOrientationPatient: [...grid.rowDirection, ...grid.columnDirection].map(ds),
    PixelSpacing: [ds(grid.rowSpacingMm), ds(grid.columnSpacingMm)],
    SliceThickness: frames > 1 ? ds(Math.abs(grid.frameOffsetsMm[1] - grid.frameOffsetsMm[0])) : '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: grid.rows,
    Columns: grid.columns,
    BitsAllocated: bits,
    BitsStored: bits,
    HighBit: bits - 1,
    PixelRepresentation: 0,
    NumberOfFrames: frames,
    FrameIncrementPointer: GRID_FRAME_OFFSET_VECTOR_TAG,
    DoseUnits: grid.units,
    DoseType: 'PHYSICAL',
    DoseSummationType: 'BRACHY',
    ...(context.doseComment ? { DoseComment: context.doseComment.slice(0, 64) } : {}),
    GridFrameOffsetVector: grid.frameOffsetsMm.map(ds),
    DoseGridScaling: scaling,
    TissueHeterogeneityCorrection: 'WATER',
    ReferencedRTPlanSequence: [
      {
        ReferencedSOPClassUID: RT_PLAN_SOP_CLASS_UID,
        ReferencedSOPInstanceUID: context.referencedRtPlanSopInstanceUid,
        ReferencedFractionGroupSequence: [
          {
            ReferencedFractionGroupNumber: context.referencedFractionGroupNumber ?? 1,
            ReferencedBrachyApplicationSetupSequence: (context.referencedApplicationSetupNumbers ?? [1]).map((n) => ({
              ReferencedBrachyApplicationSetupNumber: n,
            })),
          },
        ],
      },
    ],
    PixelData: [stored.buffer],
    _vrMap: { PixelData: 'OW' },
  };
}
