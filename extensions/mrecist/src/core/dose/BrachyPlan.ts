/**
 * What a brachytherapy RT Plan says about a permanent seed implant, as plain data (readBrachyPlan.ts reads it,
 * writeBrachyPlan.ts writes it). Positions in patient (LPS) mm of the plan's Frame of Reference.
 */
import type { Vec3 } from '../geometry/vec3';

export interface BrachySource {
  /** Source Number (300A,0212). */
  sourceNumber: number;
  /** Source Isotope Name (300A,0226), normalised, e.g. "I-125". */
  isotopeName: string;
  halfLifeDays: number;
  /** Where the half-life came from: the plan's Source Isotope Half Life or our isotope table. */
  halfLifeFrom: 'plan' | 'isotopeTable';
  /** Reference Air Kerma Rate (300A,022A): µGy·h⁻¹ at 1 m, numerically S_K in U. */
  airKermaStrengthU: number;
  /** Source Strength Reference Date/Time as epoch ms (DICOM local time read as UTC; decay is over days). */
  referenceTimeMs?: number;
  /** Source Model ID (300A,021B) as written in the plan. */
  sourceModelIdInPlan?: string;
  /** Key of the consensus data set used (SOURCE_MODELS). */
  sourceModelId: string;
  /** True when the plan's model had no data set and the default was used. */
  sourceModelDefaulted: boolean;
  activeSourceLengthMm?: number;
  sourceType?: string;
}

export type SeedOrientationOrigin = 'controlPoint' | 'needle' | 'none';

export interface PlannedSeed {
  positionMm: Vec3;
  /** Unit vector along the seed axis, when the plan gives or implies one. */
  axis?: Vec3;
  axisFrom: SeedOrientationOrigin;
  sourceNumber: number;
  /** 1-based Application Setup item and the Channel Number the seed came from (first one, if merged). */
  applicationSetupIndex: number;
  channelNumber: number;
}

export interface BrachyPlan {
  sopInstanceUid: string;
  sopClassUid: string;
  frameOfReferenceUid?: string;
  studyInstanceUid?: string;
  brachyTreatmentTechnique?: string;
  brachyTreatmentType?: string;
  /** Target Prescription Dose (300A,0026) of the first Dose Reference item that has one, Gy. */
  prescriptionGy?: number;
  sources: BrachySource[];
  seeds: PlannedSeed[];
  /** Facts a report should state (default model used, duplicates merged...). */
  notes: string[];
  /** Questionable content we accepted by a documented rule (midpoint of differing control points...). */
  warnings: string[];
}
