/**
 * LI-RADS CT/MRI Treatment Response of one treated lesion at one post-treatment timepoint, as a qualitative
 * evaluation (a CONTAINER 99MRECIST LRTR under Qualitative Evaluations, C0034375 UMLS): the lesion by Tracking
 * Identifier (112039) and Tracking Unique Identifier (112040), the timepoint by Subject Time Point Identifier
 * (126070), the category (99MRECIST LRTRCAT, one code per LR-TR category) and the reader's features it was
 * derived from (Yes/No codes, the track, the nodular enhancement thickness in mm, the note as Comment 121106).
 * The features are the record; the category is written for readers of the SR and checked against the
 * features on reading, so a report cannot say one thing and mean another.
 */
import { SrContentError } from '../errors';
import {
  classifyTreatmentResponse,
  type LiradsTrFeatures,
  type LrTrCategory,
  type LrTrTrack,
} from '../criteria/liradsTreatmentResponse';
import type { LesionTreatment } from '../criteria/types';
import { DCM, LOCAL, SCT, UCUM, sameCode, type Code } from './codes';
import type { ContentItem } from './ContentItem';
import { findOptional, findRequired, yesNo } from './findContentItem';
import { checkMm } from './LesionMeasurementGroup';
import { categoryFromCode } from './ResponseGroup';

type Flag = { [K in keyof LiradsTrFeatures]-?: NonNullable<LiradsTrFeatures[K]> extends boolean ? K : never }[keyof LiradsTrFeatures];

/** Yes/No features and their concepts; order is the order written. */
export const LR_TR_FLAGS: readonly { field: Flag; concept: Code }[] = [
  { field: 'evaluable', concept: LOCAL.TrEvaluable },
  { field: 'massLike', concept: LOCAL.MassLikeTissue },
  { field: 'arterialPhaseHyperenhancement', concept: LOCAL.ArterialPhaseHyperenhancement },
  { field: 'washout', concept: LOCAL.WashoutAppearance },
  { field: 'enhancementLikePretreatment', concept: LOCAL.EnhancementLikePretreatment },
  { field: 'enhancementAnyPhase', concept: LOCAL.EnhancementAnyPhase },
  { field: 'atypicalEnhancement', concept: LOCAL.AtypicalEnhancement },
  { field: 'newOrGrowing', concept: LOCAL.NewOrGrowing },
  { field: 'priorPostTreatmentStudy', concept: LOCAL.PriorPostTreatmentStudy },
  { field: 'diffusionRestriction', concept: LOCAL.DiffusionRestriction },
  { field: 't2Hyperintensity', concept: LOCAL.T2Hyperintensity },
];

export const LR_TR_CATEGORY_CODES: Readonly<Record<LrTrCategory, Code>> = {
  'LR-TR Nonevaluable': LOCAL.LrTrNonevaluable,
  'LR-TR Nonviable': LOCAL.LrTrNonviable,
  'LR-TR Equivocal': LOCAL.LrTrEquivocal,
  'LR-TR Viable': LOCAL.LrTrViable,
  'LR-TR Nonprogressing': LOCAL.LrTrNonprogressing,
};

const TRACK_CODES: Readonly<Record<LrTrTrack, Code>> = {
  nonRadiation: LOCAL.NonRadiationTrack,
  radiation: LOCAL.RadiationTrack,
};

export interface LiradsTrRecord {
  lesionId: string;
  trackingUid: string;
  timepointId: string;
  features: LiradsTrFeatures;
  category: LrTrCategory;
}

/** Checks the features and derives the category; errors name the lesion, timepoint and field. */
export function liradsTrRecord(
  lesion: { id: string; trackingUid: string; treatment?: LesionTreatment },
  timepointId: string,
  features: LiradsTrFeatures,
  file: string,
): LiradsTrRecord {
  const where = `lesion ${lesion.id} LI-RADS TR at ${timepointId}`;
  if (!features || typeof features !== 'object') throw new SrContentError(file, where, 'features must be an object');
  for (const { field } of LR_TR_FLAGS)
    if (features[field] !== undefined && typeof features[field] !== 'boolean') throw new SrContentError(file, `${where} ${field}`, 'must be true or false');
  if (features.track !== undefined && !(features.track in TRACK_CODES))
    throw new SrContentError(file, `${where} track`, `unknown track "${String(features.track)}"`);
  if (features.nodularThicknessMm !== undefined) checkMm(features.nodularThicknessMm, file, `${where} nodularThicknessMm`);
  if (features.note !== undefined && typeof features.note !== 'string') throw new SrContentError(file, `${where} note`, 'must be text');
  const { category } = classifyTreatmentResponse(features, lesion.treatment);
  return { lesionId: lesion.id, trackingUid: lesion.trackingUid, timepointId, features: { ...features }, category };
}

export function liradsTrToContentItem(r: LiradsTrRecord): ContentItem {
  const f = r.features;
  const ctx = 'HAS OBS CONTEXT' as const;
  const children: ContentItem[] = [
    { relationship: ctx, valueType: 'TEXT', concept: DCM.TrackingIdentifier, text: r.lesionId },
    { relationship: ctx, valueType: 'UIDREF', concept: DCM.TrackingUniqueIdentifier, uid: r.trackingUid },
    { relationship: ctx, valueType: 'TEXT', concept: DCM.SubjectTimePointIdentifier, text: r.timepointId },
    { relationship: 'CONTAINS', valueType: 'CODE', concept: LOCAL.LiradsTrCategory, code: LR_TR_CATEGORY_CODES[r.category] },
  ];
  if (f.track !== undefined) children.push({ relationship: 'CONTAINS', valueType: 'CODE', concept: LOCAL.LiradsTrTrack, code: TRACK_CODES[f.track] });
  for (const { field, concept } of LR_TR_FLAGS) {
    const v = f[field];
    if (v !== undefined) children.push({ relationship: 'CONTAINS', valueType: 'CODE', concept, code: v ? SCT.Yes : SCT.No });
  }
  if (f.nodularThicknessMm !== undefined)
    children.push({ relationship: 'CONTAINS', valueType: 'NUM', concept: LOCAL.NodularEnhancementThickness, value: f.nodularThicknessMm, unit: UCUM.Millimeter });
  if (f.note !== undefined) children.push({ relationship: 'CONTAINS', valueType: 'TEXT', concept: DCM.Comment, text: f.note });
  return { relationship: 'CONTAINS', valueType: 'CONTAINER', concept: LOCAL.LiradsTrAssessment, children };
}

/** Reads one container; the caller checks the lesion, the timepoint and the category against the features. */
export function liradsTrFromContentItem(item: ContentItem, file: string): Omit<LiradsTrRecord, 'category'> & { writtenCategory: LrTrCategory } {
  const items = item.children ?? [];
  const lesionId = findRequired(items, DCM.TrackingIdentifier, 'TEXT', file).text;
  const trackingUid = findRequired(items, DCM.TrackingUniqueIdentifier, 'UIDREF', file).uid;
  const timepointId = findRequired(items, DCM.SubjectTimePointIdentifier, 'TEXT', file).text;
  const where = `LI-RADS CT/MRI Treatment Response (LRTR) of "${lesionId}" at "${timepointId}"`;
  const written = categoryFromCode(
    LR_TR_CATEGORY_CODES as Record<LrTrCategory, Code>,
    findRequired(items, LOCAL.LiradsTrCategory, 'CODE', file).code,
    file,
    `${where} category (LRTRCAT)`,
  );
  const features: LiradsTrFeatures = {};
  const track = findOptional(items, LOCAL.LiradsTrTrack, 'CODE', file);
  if (track) features.track = categoryFromCode(TRACK_CODES as Record<LrTrTrack, Code>, track.code, file, `${where} track (LRTRTRK)`);
  for (const { field, concept } of LR_TR_FLAGS) {
    const v = yesNo(findOptional(items, concept, 'CODE', file), SCT.Yes, SCT.No, file);
    if (v !== undefined) features[field] = v;
  }
  const thickness = findOptional(items, LOCAL.NodularEnhancementThickness, 'NUM', file);
  if (thickness) {
    const at = `${where} thickness of nodular enhancement (NODTHICK)`;
    if (thickness.value === undefined || !thickness.unit || !sameCode(thickness.unit, UCUM.Millimeter))
      throw new SrContentError(file, at, 'expected a value in mm (UCUM)');
    checkMm(thickness.value, file, at);
    features.nodularThicknessMm = thickness.value;
  }
  const note = findOptional(items, DCM.Comment, 'TEXT', file);
  if (note) features.note = note.text;
  return { lesionId, trackingUid, timepointId, features, writtenCategory: written };
}
