/**
 * Reads a brachytherapy RT Plan (RT Plan Storage) into a BrachyPlan: sources, seeds and prescription, per
 * brachytherapy-dosimetry.md section 2.
 *
 * Seeds come from every Application Setup › Channel › Brachy Control Point (some readers stop at the first setup).
 * Within a channel, when every control point has a Cumulative Time Weight, a seed sits wherever the weight steps up
 * between consecutive control points; this covers both export encodings (one channel per seed: two control points
 * at one position, weights 0 then 1; one channel per needle: a step at each seed). If the two control points of a
 * step differ in position we take their midpoint and warn [project rule]. Without weights, every distinct position
 * is a seed. Seeds closer than SEED_MERGE_DISTANCE_MM are merged (duplicates across channels or encodings).
 * Orientation: Control Point Orientation when given; else the direction between neighbouring seeds of the same
 * needle channel; else none (the engine then uses the 1D formalism for that seed).
 */
import type { DicomDataset } from '../dicom/DicomDataset';
import { distance, normalize, sub, type Vec3 } from '../geometry/vec3';
import type { BrachyPlan, BrachySource, PlannedSeed } from './BrachyPlan';
import { dicomDateToMs, dicomTimeToMs } from '../dicom/dicomDateTime';
import { knownHalfLifeDays, normaliseIsotopeName } from './isotopes';
import { DEFAULT_SOURCE_MODEL, findSourceModel } from './sources/sourceModels';

export const RT_PLAN_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.481.5';
/** Seeds closer than this are one seed (brachytherapy-dosimetry.md section 2). */
export const SEED_MERGE_DISTANCE_MM = 0.5;
/** Control points of one weight step closer than this share a position (DS rounding in exports). */
const SAME_POSITION_TOLERANCE_MM = 0.01;

function positiveInteger(item: DicomDataset, keyword: string): number {
  const v = item.number(keyword);
  if (!Number.isInteger(v)) item.fail(keyword, `must be an integer, got ${v}`);
  return v;
}

function readSource(item: DicomDataset, notes: string[]): BrachySource {
  const sourceNumber = positiveInteger(item, 'SourceNumber');
  const isotopeInPlan = item.optionalString('SourceIsotopeName');
  const isotopeName = isotopeInPlan ? normaliseIsotopeName(isotopeInPlan) : 'unknown';
  const halfLifeInPlan = item.optionalNumber('SourceIsotopeHalfLife');
  let halfLifeDays: number;
  let halfLifeFrom: BrachySource['halfLifeFrom'] = 'plan';
  if (halfLifeInPlan === undefined) {
    const known = isotopeInPlan ? knownHalfLifeDays(isotopeInPlan) : undefined;
    if (known === undefined)
      item.fail('SourceIsotopeHalfLife', `missing, and isotope "${isotopeInPlan ?? ''}" is not in our table (I-125, Pd-103, Cs-131)`);
    halfLifeDays = known;
    halfLifeFrom = 'isotopeTable';
    notes.push(`Source ${sourceNumber}: half-life ${known} d of ${isotopeName} from the isotope table (not in the plan)`);
  } else {
    if (!(halfLifeInPlan > 0)) item.fail('SourceIsotopeHalfLife', `must be > 0 days, got ${halfLifeInPlan}`);
    halfLifeDays = halfLifeInPlan;
  }
  const airKermaStrengthU = item.number('ReferenceAirKermaRate');
  if (!(airKermaStrengthU > 0)) item.fail('ReferenceAirKermaRate', `must be > 0 for a photon-emitting seed, got ${airKermaStrengthU}`);

  let referenceTimeMs: number | undefined;
  const date = item.optionalString('SourceStrengthReferenceDate');
  if (date !== undefined) {
    const day = dicomDateToMs(date);
    if (day === undefined) item.fail('SourceStrengthReferenceDate', `not a DICOM date (YYYYMMDD): "${date}"`);
    const time = item.optionalString('SourceStrengthReferenceTime');
    let ofDay = 0;
    if (time !== undefined) {
      const t = dicomTimeToMs(time);
      if (t === undefined) item.fail('SourceStrengthReferenceTime', `not a DICOM time (HHMMSS): "${time}"`);
      ofDay = t;
    }
    referenceTimeMs = day + ofDay;
  }

  const sourceModelIdInPlan = item.optionalString('SourceModelID');
  const model = findSourceModel(sourceModelIdInPlan);
  if (!model)
    notes.push(
      `Source ${sourceNumber}: no consensus data for Source Model ID "${sourceModelIdInPlan ?? ''}"; ` +
        `used ${DEFAULT_SOURCE_MODEL.description}`,
    );
  const activeSourceLengthMm = item.optionalNumber('ActiveSourceLength');
  return {
    sourceNumber,
    isotopeName,
    halfLifeDays,
    halfLifeFrom,
    airKermaStrengthU,
    referenceTimeMs,
    sourceModelIdInPlan,
    sourceModelId: (model ?? DEFAULT_SOURCE_MODEL).sourceModelId,
    sourceModelDefaulted: !model,
    activeSourceLengthMm,
    sourceType: item.optionalString('SourceType'),
  };
}

interface ControlPoint {
  index: number;
  positionMm: Vec3;
  weight?: number;
  orientation?: Vec3;
}

function readControlPoint(item: DicomDataset, order: number): ControlPoint {
  const positionMm = item.numbers('ControlPoint3DPosition', 3) as Vec3;
  const weight = item.optionalNumber('CumulativeTimeWeight');
  const o = item.optionalNumbers('ControlPointOrientation');
  let orientation: Vec3 | undefined;
  if (o !== undefined) {
    if (o.length !== 3) item.fail('ControlPointOrientation', `expected 3 values, got ${o.length}`);
    const n = Math.hypot(o[0], o[1], o[2]);
    if (!(n > 0)) item.fail('ControlPointOrientation', 'is a zero vector');
    orientation = [o[0] / n, o[1] / n, o[2] / n];
  }
  return { index: item.optionalNumber('ControlPointIndex') ?? order, positionMm, weight, orientation };
}

const midpoint = (a: Vec3, b: Vec3): Vec3 => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];

/** Seeds of one channel in needle order, before merging. */
function channelSeeds(
  channel: DicomDataset,
  setupIndex: number,
  sourceNumber: number,
  warnings: string[],
): PlannedSeed[] {
  const channelNumber = channel.optionalNumber('ChannelNumber') ?? 0;
  const points = channel
    .requiredSequence('BrachyControlPointSequence')
    .map((cp, i) => readControlPoint(cp, i))
    .sort((a, b) => a.index - b.index);
  const make = (positionMm: Vec3, orientation: Vec3 | undefined): PlannedSeed => ({
    positionMm,
    axis: orientation,
    axisFrom: orientation ? 'controlPoint' : 'none',
    sourceNumber,
    applicationSetupIndex: setupIndex,
    channelNumber,
  });
  const seeds: PlannedSeed[] = [];
  if (points.every((p) => p.weight !== undefined)) {
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      if (!((b.weight as number) > (a.weight as number))) continue;
      let position = a.positionMm;
      if (distance(a.positionMm, b.positionMm) > SAME_POSITION_TOLERANCE_MM) {
        position = midpoint(a.positionMm, b.positionMm);
        warnings.push(
          `${channel.source}: control points ${a.index} and ${b.index} of a weight step differ in position ` +
            `by ${distance(a.positionMm, b.positionMm).toFixed(2)} mm; seed placed at their midpoint`,
        );
      }
      seeds.push(make(position, a.orientation ?? b.orientation));
    }
  } else {
    for (const p of points) {
      if (!seeds.some((s) => distance(s.positionMm, p.positionMm) < SEED_MERGE_DISTANCE_MM)) seeds.push(make(p.positionMm, p.orientation));
    }
  }
  // Orientation implied by the needle: the direction between neighbouring seeds of this channel.
  for (let i = 0; i < seeds.length && seeds.length > 1; i++) {
    if (seeds[i].axis) continue;
    const before = seeds[Math.max(0, i - 1)].positionMm;
    const after = seeds[Math.min(seeds.length - 1, i + 1)].positionMm;
    if (distance(before, after) < SEED_MERGE_DISTANCE_MM) continue;
    seeds[i].axis = normalize(sub(after, before));
    seeds[i].axisFrom = 'needle';
  }
  return seeds;
}

/** Greedy merge in reading order: a seed within SEED_MERGE_DISTANCE_MM of a kept seed is dropped. */
function mergeCloseSeeds(seeds: PlannedSeed[], notes: string[]): PlannedSeed[] {
  const kept: PlannedSeed[] = [];
  let merged = 0;
  for (const s of seeds) {
    const twin = kept.find((k) => distance(k.positionMm, s.positionMm) < SEED_MERGE_DISTANCE_MM);
    if (!twin) kept.push(s);
    else {
      merged++;
      if (!twin.axis && s.axis) {
        twin.axis = s.axis;
        twin.axisFrom = s.axisFrom;
      }
    }
  }
  if (merged > 0) notes.push(`${merged} seed position(s) within ${SEED_MERGE_DISTANCE_MM} mm of another were merged`);
  return kept;
}

export function readBrachyPlan(ds: DicomDataset): BrachyPlan {
  const sopClassUid = ds.string('SOPClassUID');
  if (sopClassUid !== RT_PLAN_SOP_CLASS_UID) ds.fail('SOPClassUID', `not RT Plan Storage (${RT_PLAN_SOP_CLASS_UID}), got ${sopClassUid}`);
  const notes: string[] = [];
  const warnings: string[] = [];
  const sources = ds.requiredSequence('SourceSequence').map((item) => readSource(item, notes));
  const bySourceNumber = new Map(sources.map((s) => [s.sourceNumber, s]));
  if (bySourceNumber.size !== sources.length) ds.fail('SourceSequence', 'Source Number values are not unique');

  const raw: PlannedSeed[] = [];
  ds.requiredSequence('ApplicationSetupSequence').forEach((setup, s) => {
    for (const channel of setup.requiredSequence('ChannelSequence')) {
      const sourceNumber = channel.number('ReferencedSourceNumber');
      if (!bySourceNumber.has(sourceNumber))
        channel.fail('ReferencedSourceNumber', `${sourceNumber} matches no Source Number in SourceSequence (300A,0210)`);
      raw.push(...channelSeeds(channel, s + 1, sourceNumber, warnings));
    }
  });
  const seeds = mergeCloseSeeds(raw, notes);
  if (seeds.length === 0) ds.fail('ApplicationSetupSequence', 'no seed positions (no cumulative time weight steps up in any channel)');

  const prescription = ds.sequence('DoseReferenceSequence').find((d) => d.has('TargetPrescriptionDose'));
  const prescriptionGy = prescription?.number('TargetPrescriptionDose');
  if (prescription && !(prescriptionGy! > 0)) prescription.fail('TargetPrescriptionDose', `must be > 0 Gy, got ${prescriptionGy}`);

  return {
    sopInstanceUid: ds.string('SOPInstanceUID'),
    sopClassUid,
    frameOfReferenceUid: ds.optionalString('FrameOfReferenceUID'),
    studyInstanceUid: ds.optionalString('StudyInstanceUID'),
    brachyTreatmentTechnique: ds.optionalString('BrachyTreatmentTechnique'),
    brachyTreatmentType: ds.optionalString('BrachyTreatmentType'),
    prescriptionGy,
    sources,
    seeds,
    notes,
    warnings,
  };
}
