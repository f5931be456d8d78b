/**
 * Writes a permanent seed implant as an RT Plan (RT Brachy Application Setups), in the "one channel per needle"
 * encoding: each needle is a channel whose control points come in pairs at each seed position with the
 * Cumulative Time Weight stepping up by 1 between them (brachytherapy-dosimetry.md section 2, encoding 2). Seed
 * orientation is written as Control Point Orientation (300A,0412) when known. Passes dciodvfy
 * (test/unit/dose/writeBrachyPlan.test.ts) and reads back through readBrachyPlan.
 */
import type { NaturalDataset } from '../dicom/DicomDataset';
import { distance, type Vec3 } from '../geometry/vec3';
import { meanLifeDays } from './decay';
import { RT_PLAN_SOP_CLASS_UID } from './readBrachyPlan';
import { frameOfReferenceAttributes } from '../dicom/compositeModules';
import { commonRtAttributes, type RtObjectContext } from './RtObjectContext';

const RT_STRUCTURE_SET_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.481.3';
const SECONDS_PER_DAY = 86_400;

export interface SeedSourceSpec {
  isotopeName: string;
  halfLifeDays: number;
  airKermaStrengthU: number;
  /** Source Strength Reference Date/Time, DA and TM. */
  referenceDate: string;
  referenceTime: string;
  sourceModelId: string;
  sourceManufacturer?: string;
  activeSourceLengthMm?: number;
  activeSourceDiameterMm?: number;
}

export interface NeedleSpec {
  /** Seed centres in the order the needle deposits them (tip first). */
  seedsMm: Vec3[];
  /** Unit vector along the needle, written as each seed's Control Point Orientation. */
  axis?: Vec3;
}

export interface BrachyPlanWriteInput {
  context: RtObjectContext & { frameOfReferenceUid: string };
  rtPlanLabel: string;
  rtPlanDate?: string;
  rtPlanTime?: string;
  /** With a structure set the geometry is PATIENT and the plan references it; else TREATMENT_DEVICE. */
  referencedStructureSetSopInstanceUid?: string;
  brachyTreatmentTechnique: 'PERMANENT' | 'INTERSTITIAL';
  brachyTreatmentType: 'LDR' | 'MANUAL';
  prescriptionGy: number;
  source: SeedSourceSpec;
  needles: NeedleSpec[];
  treatmentMachineName?: string;
}

const ds = (v: number) => Number(v.toPrecision(10));

function needleChannel(needle: NeedleSpec, channelNumber: number, halfLifeDays: number): NaturalDataset {
  const points: NaturalDataset[] = [];
  let along = 0;
  needle.seedsMm.forEach((p, m) => {
    if (m > 0) along += distance(needle.seedsMm[m - 1], p);
    for (const weight of [m, m + 1]) {
      points.push({
        ControlPointIndex: points.length,
        ControlPointRelativePosition: ds(along),
        ControlPoint3DPosition: p.map(ds),
        CumulativeTimeWeight: weight,
        ...(needle.axis ? { ControlPointOrientation: [...needle.axis] } : {}),
      });
    }
  });
  // A permanent seed irradiates until it has decayed; the mean life per seed stands in for the dwell time.
  const seedSeconds = meanLifeDays(halfLifeDays) * SECONDS_PER_DAY;
  return {
    ChannelNumber: channelNumber,
    ChannelTotalTime: ds(seedSeconds * needle.seedsMm.length),
    SourceMovementType: 'FIXED',
    NumberOfControlPoints: points.length,
    FinalCumulativeTimeWeight: needle.seedsMm.length,
    ReferencedSourceNumber: 1,
    ChannelLength: '',
    TransferTubeNumber: '',
    BrachyControlPointSequence: points,
  };
}

export function writeBrachyPlan(input: BrachyPlanWriteInput): NaturalDataset {
  const { context, source } = input;
  const seedCount = input.needles.reduce((n, needle) => n + needle.seedsMm.length, 0);
  if (seedCount === 0) throw new Error('an implant plan needs at least one seed');
  const patientGeometry = input.referencedStructureSetSopInstanceUid !== undefined;
  return {
    ...commonRtAttributes(context, RT_PLAN_SOP_CLASS_UID, 'RTPLAN'),
    ...frameOfReferenceAttributes(context.frameOfReferenceUid),
    RTPlanLabel: input.rtPlanLabel.slice(0, 16),
    RTPlanDate: input.rtPlanDate ?? context.contentDate,
    RTPlanTime: input.rtPlanTime ?? context.contentTime,
    PlanIntent: 'CURATIVE',
    RTPlanGeometry: patientGeometry ? 'PATIENT' : 'TREATMENT_DEVICE',
    ...(patientGeometry
      ? {
          ReferencedStructureSetSequence: [
            {
              ReferencedSOPClassUID: RT_STRUCTURE_SET_SOP_CLASS_UID,
              ReferencedSOPInstanceUID: input.referencedStructureSetSopInstanceUid,
            },
          ],
        }
      : {}),
    DoseReferenceSequence: [
      {
        DoseReferenceNumber: 1,
        DoseReferenceStructureType: 'SITE',
        DoseReferenceDescription: 'Matched peripheral dose',
        DoseReferenceType: 'TARGET',
        TargetPrescriptionDose: ds(input.prescriptionGy),
      },
    ],
    FractionGroupSequence: [
      {
        FractionGroupNumber: 1,
        NumberOfFractionsPlanned: 1,
        NumberOfBeams: 0,
        NumberOfBrachyApplicationSetups: 1,
        ReferencedBrachyApplicationSetupSequence: [{ ReferencedBrachyApplicationSetupNumber: 1 }],
      },
    ],
    BrachyTreatmentTechnique: input.brachyTreatmentTechnique,
    BrachyTreatmentType: input.brachyTreatmentType,
    TreatmentMachineSequence: [{ TreatmentMachineName: input.treatmentMachineName ?? 'Seed implant' }],
    SourceSequence: [
      {
        SourceNumber: 1,
        SourceType: 'CYLINDER',
        SourceManufacturer: source.sourceManufacturer ?? '',
        ActiveSourceDiameter: ds(source.activeSourceDiameterMm ?? 0.8),
        ActiveSourceLength: ds(source.activeSourceLengthMm ?? 3),
        SourceModelID: source.sourceModelId,
        SourceIsotopeName: source.isotopeName,
        SourceIsotopeHalfLife: ds(source.halfLifeDays),
        ReferenceAirKermaRate: ds(source.airKermaStrengthU),
        // Also stated as Source Strength in air-kerma-rate units: dciodvfy's condition for these two 1C attributes
        // fires for photon sources too, and the standard allows them ("may be present otherwise").
        SourceStrengthUnits: 'AIR_KERMA_RATE',
        SourceStrength: ds(source.airKermaStrengthU),
        SourceStrengthReferenceDate: source.referenceDate,
        SourceStrengthReferenceTime: source.referenceTime,
      },
    ],
    ApplicationSetupSequence: [
      {
        ApplicationSetupType: 'PERINEAL',
        ApplicationSetupNumber: 1,
        ApplicationSetupName: 'Interstitial seed implant',
        TotalReferenceAirKerma: ds(source.airKermaStrengthU * seedCount * meanLifeDays(source.halfLifeDays) * 24),
        ChannelSequence: input.needles.map((needle, i) => needleChannel(needle, i + 1, source.halfLifeDays)),
      },
    ],
    ApprovalStatus: 'UNAPPROVED',
  };
}
