/**
 * Turns a read plan into the engine's seeds: strength decayed from each source's Source Strength Reference
 * Date/Time to the implant instant. The implant instant is the one given (e.g. `--implant-date`), else the
 * earliest reference instant among the sources (brachytherapy-dosimetry.md section 11), else — when no source
 * states a reference date — the strengths are taken as at implant, and a note says so.
 */
import { DicomInputError } from '../errors';
import { attributeLabel } from '../dicom/DicomDataset';
import type { BrachyPlan } from './BrachyPlan';
import { decayedStrengthU } from './decay';
import type { DoseSeed } from './messages';

export interface PlanDoseSeeds {
  seeds: DoseSeed[];
  implantTimeMs?: number;
  notes: string[];
}

export function doseSeedsFromPlan(plan: BrachyPlan, file: string, implantTimeMs?: number): PlanDoseSeeds {
  const notes: string[] = [];
  const referenceTimes = plan.sources.map((s) => s.referenceTimeMs).filter((t): t is number => t !== undefined);
  let implant = implantTimeMs;
  if (implant === undefined && referenceTimes.length > 0) implant = Math.min(...referenceTimes);
  if (implant === undefined) notes.push('No Source Strength Reference Date: strengths taken as at implant');
  const strengthAtImplant = new Map<number, number>();
  for (const s of plan.sources) {
    if (s.referenceTimeMs === undefined) {
      if (implantTimeMs !== undefined)
        throw new DicomInputError(
          file,
          attributeLabel('SourceStrengthReferenceDate'),
          `missing for Source Number ${s.sourceNumber}: needed to decay its strength to the implant date`,
        );
      strengthAtImplant.set(s.sourceNumber, s.airKermaStrengthU);
    } else {
      strengthAtImplant.set(s.sourceNumber, decayedStrengthU(s.airKermaStrengthU, s.halfLifeDays, s.referenceTimeMs, implant!));
    }
  }
  const bySource = new Map(plan.sources.map((s) => [s.sourceNumber, s]));
  const seeds = plan.seeds.map((seed): DoseSeed => {
    const source = bySource.get(seed.sourceNumber)!;
    return {
      positionMm: [...seed.positionMm],
      axis: seed.axis ? [...seed.axis] : undefined,
      strengthAtImplantU: strengthAtImplant.get(seed.sourceNumber)!,
      halfLifeDays: source.halfLifeDays,
      sourceModelId: source.sourceModelId,
    };
  });
  return { seeds, implantTimeMs: implant, notes };
}
