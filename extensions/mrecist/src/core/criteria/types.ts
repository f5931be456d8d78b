/**
 * Case file schema version 1 and the assessment output, as fixed in response-criteria.md section 7.
 * These types are the contract shared by the criteria engine, the SR codec, the exports, the CLI and
 * the viewer. Change them only together with the document and the JSON Schema in schemas/.
 */

import type { ContrastPhase } from '../phase/ContrastPhase';
import type { LiradsTrFeatures } from './liradsTreatmentResponse';

export type CriteriaName = 'mrecist' | 'recist1.1' | 'easl';
export const CRITERIA_NAMES: readonly CriteriaName[] = ['mrecist', 'recist1.1', 'easl'];

/** ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

export interface CharterOptions {
  requireConfirmation: boolean;
  confirmationMinDays: number;
  minStableDiseaseDays: number;
  /** PD floor over the nadir, in mm (mm² under EASL is not used: EASL has no floor). */
  absoluteIncreaseMm: number;
  /**
   * How patchy or multifocal enhancement was measured (response-criteria.md section 6). Recorded only: the
   * computation never depends on it. Optional; defaults to 'longestContinuousSegment' [project rule].
   */
  patchyEnhancementMethod?: PatchyEnhancementMethod;
}

export type PatchyEnhancementMethod = 'longestContinuousSegment' | 'fullExtentAcrossIslands' | 'sumOfIslands';
export const PATCHY_ENHANCEMENT_METHODS: readonly PatchyEnhancementMethod[] = [
  'longestContinuousSegment',
  'fullExtentAcrossIslands',
  'sumOfIslands',
];

/** Local treatment a lesion received; 'seeds' (I-125 brachytherapy) triggers the radiation caveat (section 2.9). */
export type LesionTreatment = 'seeds' | 'tace' | 'ablation' | 'tare' | 'sbrt' | 'other';
export const LESION_TREATMENTS: readonly LesionTreatment[] = ['seeds', 'tace', 'ablation', 'tare', 'sbrt', 'other'];

export interface Timepoint {
  id: string;
  date: IsoDate;
  baseline?: boolean;
  /** Optional: the imaging study read at this timepoint (SR time point context, evidence). */
  studyInstanceUid?: string;
  /** Optional: that study's DICOM Study Time (TM) and Study ID (SH), for an SR written without its images. */
  studyTime?: string;
  studyId?: string;
}

/**
 * Optional: where a diameter was drawn, so the viewer can redraw it and the SR can reference the image
 * (SCOORD POLYLINE, column/row in pixels, float32 in DICOM).
 */
export interface ImageGraphic {
  referencedSopClassUid: string;
  referencedSopInstanceUid: string;
  referencedFrameNumber?: number;
  /** Needed for the SR's evidence sequence when the image is not found in a --study folder. */
  referencedSeriesInstanceUid?: string;
  graphicType: 'POLYLINE';
  points: [number, number][];
}

export type MeasurementField = 'longAxisMm' | 'shortAxisMm' | 'viableLongAxisMm' | 'viablePerpendicularMm';

/** One target measurement at one timepoint; any subset of the fields the criteria need. */
export interface MeasuredValues {
  longAxisMm?: number;
  shortAxisMm?: number;
  viableLongAxisMm?: number;
  viablePerpendicularMm?: number;
  /** Optional drawn lines per measured field (not in the v1 contract; carried when present). */
  graphics?: Partial<Record<MeasurementField, ImageGraphic>>;
  /** Optional: the series the values were measured on and its contrast phase (core/phase). */
  seriesInstanceUid?: string;
  phase?: ContrastPhase;
  /** Optional: the reader's reason for keeping a viable value measured on a non-arterial or unknown phase. */
  phaseConfirmedReason?: string;
}
export interface NotEvaluable {
  notEvaluable: true;
  /** Free text, e.g. "no arterial phase" (not in the v1 contract; carried when present). */
  reason?: string;
}
export type TargetMeasurement = MeasuredValues | NotEvaluable;

export function isNotEvaluable(m: TargetMeasurement): m is NotEvaluable {
  return (m as NotEvaluable).notEvaluable === true;
}

export type NonTargetStatus = 'present' | 'absent' | 'unequivocalProgression' | 'notEvaluated';
export const NON_TARGET_STATUSES: readonly NonTargetStatus[] = [
  'present',
  'absent',
  'unequivocalProgression',
  'notEvaluated',
];

export interface NewLesionAssessment {
  longAxisMm: number;
  /** Used by mRECIST and EASL (required under them); optional under RECIST 1.1. */
  typicalHCC?: boolean;
  unequivocal?: boolean;
  /** Short axis of a new lymph node (`node: true`), required for nodes: they qualify by short axis. */
  shortAxisMm?: number;
  /** Optional drawn axes (not in the v1 contract; carried when present). */
  graphics?: { longAxisMm?: ImageGraphic; shortAxisMm?: ImageGraphic };
}

interface LesionBase {
  id: string;
  site?: string;
  /** Optional, carried through SR and exports: stable UID of the lesion across timepoints. */
  trackingUid?: string;
  name?: string;
  /** Local treatment of this lesion, when recorded; 'seeds' adds the radiation caveat to the trail. */
  treatment?: LesionTreatment;
  /** Optional: LI-RADS CT/MRI Treatment Response features per post-treatment timepoint id. */
  liradsTr?: Record<string, LiradsTrFeatures>;
}

export interface TargetLesion extends LesionBase {
  role: 'target';
  node?: boolean;
  /** Arterial enhancement at baseline (mRECIST eligibility); absent means "not recorded". */
  arteriallyEnhancing?: boolean;
  measurements: Record<string, TargetMeasurement>;
}

export interface NonTargetLesion extends LesionBase {
  role: 'nonTarget';
  node?: boolean;
  kind?: 'effusion' | string;
  cytologyConfirmed?: boolean;
  status: Record<string, NonTargetStatus>;
}

export interface NewLesion extends LesionBase {
  role: 'new';
  appearsAt: string;
  node?: boolean;
  assessments: Record<string, NewLesionAssessment>;
}

export type Lesion = TargetLesion | NonTargetLesion | NewLesion;

/** Reader identity, added by sr-read and the viewer (not required by assess). */
export interface Reader {
  name: string;
  /** Identifier within the person observer's role, e.g. "Reader 1", "Adjudicator". */
  role?: string;
}

export interface CaseFile {
  patientId: string;
  criteria: CriteriaName;
  options?: Partial<CharterOptions>;
  /** Slice thickness of the baseline images in mm, when known (target size rule). */
  sliceThicknessMm?: number;
  timepoints: Timepoint[];
  lesions: Lesion[];
  reader?: Reader;
  /** Responses as recorded in a report (sr-read), keyed by criteria; assess ignores them. */
  recordedResponses?: Record<string, unknown>;
}

// ---- Output ----

export type ResponseCategory = 'CR' | 'PR' | 'SD' | 'PD' | 'NE';
export type NonTargetCategory = 'CR' | 'IR/SD' | 'NonCR/NonPD' | 'PD' | 'NE' | 'none';

export interface TimepointAssessment {
  id: string;
  date: IsoDate;
  /** In the criterion's unit: mm (mRECIST, RECIST 1.1) or mm² (EASL); null when not evaluable. */
  targetSum: number | null;
  changeFromBaselinePct: number | null;
  changeFromNadirPct: number | null;
  target: ResponseCategory;
  nonTarget: NonTargetCategory;
  newLesions: boolean;
  overall: ResponseCategory;
  trace: string[];
}

export interface Assessment {
  criteria: CriteriaName;
  /** The target sum at the baseline, in the criterion's unit (mm; mm² for EASL), as the timepoints' targetSum. */
  baselineTargetSum: number;
  timepoints: TimepointAssessment[];
  bestOverallResponse: ResponseCategory;
  progressionDate: IsoDate | null;
  /** Baseline warnings (section 2.1), in words for the reader. */
  warnings?: string[];
  /** Optional: the baseline sum and the explanation of the best overall response, for the reader. */
  bestOverallResponseTrace?: string[];
}

/** One baseline-rule violation (section 2.1), shown to the reader as a warning, never an error. */
export interface BaselineWarning {
  lesionId?: string;
  code: BaselineWarningCode;
  message: string;
}

export type BaselineWarningCode =
  | 'too-many-targets'
  | 'too-many-targets-in-organ'
  | 'target-too-small'
  | 'node-target-too-small'
  | 'porta-hepatis-node-too-small'
  | 'target-not-arterially-enhancing'
  | 'portal-vein-thrombosis-target'
  | 'treated-lesion-target';
