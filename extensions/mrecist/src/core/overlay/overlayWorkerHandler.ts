/**
 * What the overlay worker does (workers/overlay.worker.ts): read an implant plan with its dose and structure set,
 * keep the dose grid, and answer isodose, DVH and follow-up seed-registration requests. Stateful only in the
 * plans it has loaded (keyed by the plan's SOP Instance UID); pure apart from that and the `post` callback, so
 * Node tests drive it directly.
 */
import { decodeDicom } from '../dicom/DicomDataset';
import { matrixBetweenFrames, readSpatialRegistration } from '../dicom/spatialRegistration';
import type { DoseGrid } from '../dose/DoseGrid';
import { computeDoseGrid } from '../dose/computeDoseGrid';
import { doseSeedsFromPlan } from '../dose/doseSeedsFromPlan';
import { cumulativeDvh, doseVolumeMetrics } from '../dose/dvhMetrics';
import { doseAtSamples, sampleRoi, type RoiSamples } from '../dose/dvhSampling';
import { gridAroundSeeds } from '../dose/gridAroundSeeds';
import { readBrachyPlan } from '../dose/readBrachyPlan';
import { readRtDose } from '../dose/readRtDose';
import { readRtStruct, type StructureRoi } from '../dose/rtStruct';
import { planarRoiFromContours } from '../dose/rtStructPlanarRoi';
import type { Vec3 } from '../geometry/vec3';
import { findSeeds } from '../seeds/findSeeds';
import { registerSeeds } from '../seeds/registerSeeds';
import { isodoseOnImagePlane } from './isodoseOnImagePlane';
import type { OverlayWorkerReply, OverlayWorkerRequest, PlanOverlaySummary, TargetDoseMetrics } from './overlayMessages';

export type PostOverlayReply = (reply: OverlayWorkerReply, transfer?: ArrayBuffer[]) => void;

interface LoadedPlan {
  summary: PlanOverlaySummary;
  grid: DoseGrid;
  targetSamples?: RoiSamples;
  targetDoseGy?: Float64Array;
}

/** DVH display bins: 1/50 of the prescription, capped at 3× (doses next to seeds are enormous). */
const DVH_BINS_PER_PRESCRIPTION = 50;
const DVH_CAP_PRESCRIPTIONS = 3;

/** The target for the DVH: the ROI interpreted as GTV, else one named GTV (any case). */
function targetRoi(rois: readonly StructureRoi[], wanted?: string): StructureRoi | undefined {
  if (wanted) return rois.find((r) => r.name.toLowerCase() === wanted.toLowerCase());
  return rois.find((r) => r.interpretedType?.toUpperCase() === 'GTV') ?? rois.find((r) => r.name.toUpperCase() === 'GTV');
}

export class OverlayWorkerState {
  private readonly plans = new Map<string, LoadedPlan>();

  handle(message: OverlayWorkerRequest, post: PostOverlayReply): void {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    const { jobId } = message;
    try {
      switch (message.type) {
        case 'loadPlan': {
          const summary = this.loadPlan(message, (stage) => post({ type: 'progress', jobId, stage }));
          post({ type: 'planLoaded', jobId, summary, elapsedMs: elapsed() });
          return;
        }
        case 'targetDvh':
          post({ type: 'targetDvh', jobId, metrics: this.targetDvh(message.planKey, message.prescriptionGy, message.doseScale), elapsedMs: elapsed() });
          return;
        case 'isodose': {
          const lines = isodoseOnImagePlane(this.plan(message.planKey).grid, message.plane, message.levelsGy, message.spacingMm);
          post({
            type: 'isodose',
            jobId,
            lines: lines.map((line) => ({ doseGy: line.level.doseGy, rings: line.rings.map((ring) => ring.flat()) })),
            elapsedMs: elapsed(),
          });
          return;
        }
        case 'readRegistration': {
          const reg = readSpatialRegistration(decodeDicom(message.registration.bytes, message.registration.name));
          const matrix = matrixBetweenFrames(reg, message.fromFrameUid, message.toFrameUid, message.registration.name);
          post({ type: 'registrationRead', jobId, matrix, sopInstanceUid: reg.sopInstanceUid, elapsedMs: elapsed() });
          return;
        }
        case 'registerFollowUp': {
          const planSeeds = this.plan(message.planKey).summary.seedsMm;
          post({ type: 'progress', jobId, stage: 'finding seeds' });
          const found = findSeeds(message.volume, { expectedCount: planSeeds.length }, message.source);
          const foundMm = found.seeds.map((s) => s.positionMm);
          post({ type: 'progress', jobId, stage: 'registering plan seeds' });
          const reg = registerSeeds(planSeeds, foundMm, { source: message.source });
          post({
            type: 'followUpRegistered',
            jobId,
            result: {
              foundSeedsMm: foundMm,
              planToStudyMatrix: [...reg.matrix],
              rmsMm: reg.rmsMm,
              maxResidualMm: reg.maxResidualMm,
              pairedCount: reg.pairs.length,
              migrated: reg.migrated.map((m) => ({ planIndex: m.planIndex, expectedMm: m.expectedMm, foundMm: m.foundMm, displacementMm: m.displacementMm })),
              unmatchedFoundIndices: reg.unmatchedFound,
            },
            elapsedMs: elapsed(),
          });
          return;
        }
      }
    } catch (e) {
      post({ type: 'failed', jobId, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private plan(planKey: string): LoadedPlan {
    const plan = this.plans.get(planKey);
    if (!plan) throw new Error(`overlay worker: plan ${planKey} is not loaded`);
    return plan;
  }

  private loadPlan(message: Extract<OverlayWorkerRequest, { type: 'loadPlan' }>, progress: (stage: string) => void): PlanOverlaySummary {
    const planDs = decodeDicom(message.plan.bytes, message.plan.name);
    const plan = readBrachyPlan(planDs);
    if (!plan.frameOfReferenceUid) planDs.fail('FrameOfReferenceUID', 'missing: seed positions cannot be placed on images');
    const { seeds, implantTimeMs, notes } = doseSeedsFromPlan(plan, message.plan.name);
    const source = plan.sources[0];
    let grid: DoseGrid;
    let doseSource: PlanOverlaySummary['doseSource'];
    if (message.dose) {
      progress('reading RT Dose');
      grid = readRtDose(decodeDicom(message.dose.bytes, message.dose.name));
      if (grid.units !== 'GY') throw new Error(`${message.dose.name}: DoseUnits (3004,0002): RELATIVE doses cannot be drawn in Gy`);
      if (grid.frameOfReferenceUid !== plan.frameOfReferenceUid)
        throw new Error(`${message.dose.name}: FrameOfReferenceUID (0020,0052): differs from the plan's ${plan.frameOfReferenceUid}`);
      doseSource = 'rtDose';
    } else {
      progress('computing dose from the plan (TG-43)');
      const geometry = gridAroundSeeds(seeds.map((s) => s.positionMm), plan.frameOfReferenceUid!);
      grid = computeDoseGrid({ seeds, geometry, model: 'line2d', basis: { kind: 'fullDecay' } });
      doseSource = 'computed';
    }
    const summary: PlanOverlaySummary = {
      planKey: plan.sopInstanceUid,
      planFile: message.plan.name,
      frameOfReferenceUid: plan.frameOfReferenceUid!,
      studyInstanceUid: plan.studyInstanceUid,
      planPrescriptionGy: plan.prescriptionGy,
      isotopeName: source.isotopeName,
      halfLifeDays: source.halfLifeDays,
      implantTimeMs,
      seedsMm: plan.seeds.map((s) => [...s.positionMm] as Vec3),
      doseSource,
      doseFile: message.dose?.name,
      notes: [...notes, ...plan.notes],
    };
    const loaded: LoadedPlan = { summary, grid };
    if (message.structureSet) {
      progress('sampling the target for the DVH');
      const set = readRtStruct(decodeDicom(message.structureSet.bytes, message.structureSet.name));
      const roi = targetRoi(set.rois, message.targetRoiName);
      if (!roi) summary.targetProblem = `${message.structureSet.name}: no GTV ROI (ROIs: ${set.rois.map((r) => r.name).join(', ') || 'none'})`;
      else {
        summary.targetRoiName = roi.name;
        summary.targetContoursMm = roi.contours.filter((c) => c.geometricType === 'CLOSED_PLANAR').map((c) => c.points);
        loaded.targetSamples = sampleRoi(planarRoiFromContours(roi, message.structureSet.name));
        loaded.targetDoseGy = doseAtSamples(loaded.targetSamples, grid);
        const outside = loaded.targetDoseGy.filter((d) => Number.isNaN(d)).length;
        if (outside > 0) {
          summary.targetProblem = `dose grid does not cover ROI "${roi.name}" (${outside} of ${loaded.targetDoseGy.length} samples outside)`;
          loaded.targetDoseGy = undefined;
        }
      }
    } else summary.targetProblem = 'no RT Structure Set: no target DVH';
    this.plans.set(summary.planKey, loaded);
    return summary;
  }

  private targetDvh(planKey: string, prescriptionGy: number, doseScale: number): TargetDoseMetrics {
    const plan = this.plan(planKey);
    if (!plan.targetSamples || !plan.targetDoseGy) throw new Error(plan.summary.targetProblem ?? 'no target ROI');
    if (!(prescriptionGy > 0)) throw new Error(`prescription must be positive, got ${prescriptionGy}`);
    const dose = plan.targetDoseGy.map((d) => d * doseScale);
    const metrics = doseVolumeMetrics(dose, plan.targetSamples.volumeMm3, prescriptionGy);
    const curve = cumulativeDvh(dose, plan.targetSamples.volumeMm3, prescriptionGy / DVH_BINS_PER_PRESCRIPTION, prescriptionGy * DVH_CAP_PRESCRIPTIONS);
    return {
      roiName: plan.summary.targetRoiName!,
      volumeCc: metrics.sampledVolumeCc,
      prescriptionGy,
      D90Gy: metrics.D90Gy,
      V100Pct: metrics.V100Pct,
      V150Pct: metrics.V150Pct,
      V200Pct: metrics.V200Pct,
      curve: { doseGy: [...curve.doseGy], volumePct: [...curve.volumePct] },
    };
  }
}
