/**
 * Plain-data contract between the viewer's overlay glue (ohif/overlay/) and the overlay Web Worker
 * (workers/overlay.worker.ts → core/overlay/overlayWorkerHandler.ts). Numbers, strings, arrays and typed arrays
 * only, so every message survives structured cloning. Positions are patient (LPS) mm.
 */
import type { Vec3 } from '../geometry/vec3';
import type { CtVolume } from '../seeds/CtVolume';

/** A DICOM Part 10 file's bytes and a name for error messages. */
export interface NamedBytes {
  name: string;
  bytes: ArrayBuffer;
}

/** The plane an image lies in: origin on the plane, in-plane unit directions (normal = row × column). */
export interface ImagePlane {
  originMm: Vec3;
  rowDirection: Vec3;
  columnDirection: Vec3;
}

export interface DvhCurve {
  doseGy: number[];
  volumePct: number[];
}

export interface TargetDoseMetrics {
  roiName: string;
  volumeCc: number;
  prescriptionGy: number;
  D90Gy: number;
  V100Pct: number;
  V150Pct: number;
  V200Pct: number;
  curve: DvhCurve;
}

/** What the viewer needs to know about an implant plan, in the plan's Frame of Reference. */
export interface PlanOverlaySummary {
  planKey: string;
  planFile: string;
  frameOfReferenceUid: string;
  studyInstanceUid?: string;
  /** Target Prescription Dose from the plan, Gy (absent when the plan states none). */
  planPrescriptionGy?: number;
  isotopeName: string;
  halfLifeDays: number;
  /** Implant instant (earliest Source Strength Reference Date/Time), epoch ms. */
  implantTimeMs?: number;
  seedsMm: Vec3[];
  /** 'rtDose': the RT Dose file; 'computed': TG-43 from the plan in the worker. */
  doseSource: 'rtDose' | 'computed';
  doseFile?: string;
  /** Target ROI name and its planar contours (closed polygons), when a structure set was given. */
  targetRoiName?: string;
  targetContoursMm?: Vec3[][];
  /** Why the target DVH is unavailable, when it is. */
  targetProblem?: string;
  notes: string[];
}

export interface FollowUpSeedResult {
  foundSeedsMm: Vec3[];
  /** 4×4 row-major, plan frame → CT frame (found ≈ M·plan). */
  planToStudyMatrix: number[];
  rmsMm: number;
  maxResidualMm: number;
  pairedCount: number;
  migrated: Array<{ planIndex: number; expectedMm: Vec3; foundMm: Vec3 | null; displacementMm: number | null }>;
  unmatchedFoundIndices: number[];
}

export type OverlayWorkerRequest =
  | { type: 'loadPlan'; jobId: number; plan: NamedBytes; dose?: NamedBytes; structureSet?: NamedBytes; targetRoiName?: string }
  | { type: 'targetDvh'; jobId: number; planKey: string; prescriptionGy: number; doseScale: number }
  | { type: 'isodose'; jobId: number; planKey: string; plane: ImagePlane; levelsGy: number[]; spacingMm: number }
  | { type: 'registerFollowUp'; jobId: number; planKey: string; volume: CtVolume; source: string }
  | { type: 'readRegistration'; jobId: number; registration: NamedBytes; fromFrameUid: string; toFrameUid: string };

export type OverlayWorkerReply =
  | { type: 'progress'; jobId: number; stage: string }
  | { type: 'planLoaded'; jobId: number; summary: PlanOverlaySummary; elapsedMs: number }
  | { type: 'targetDvh'; jobId: number; metrics: TargetDoseMetrics; elapsedMs: number }
  | { type: 'isodose'; jobId: number; lines: Array<{ doseGy: number; rings: number[][] }>; elapsedMs: number }
  | { type: 'followUpRegistered'; jobId: number; result: FollowUpSeedResult; elapsedMs: number }
  /** matrix: 4×4 row-major from fromFrameUid into toFrameUid, by a DICOM Spatial Registration. */
  | { type: 'registrationRead'; jobId: number; matrix: number[]; sopInstanceUid: string; elapsedMs: number }
  | { type: 'failed'; jobId: number; message: string };
