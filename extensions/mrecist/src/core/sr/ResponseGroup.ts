/**
 * Responses at one timepoint under one criterion: a geometry-free Measurement Group (125007) with its TID 1502
 * context. Rows: Response Evaluation Method (112021, DCM; PS3.16 TID 4106 row 2) = the criterion (CID 6147
 * RECIST 1.1, or 99MRECIST mRECIST / EASL; reports written before read back with Measurement Method, 370129005
 * SCT, in its place); target sum and its changes (99MRECIST, UCUM);
 * target and non-target response (CID 6144 where it has a code, 99MRECIST for NE and "none"); new lesions
 * (Yes/No); overall response as Current Response (112048) with NCIt values (99MRECIST for NE).
 * All groups of one criterion share one tracking UID, so a viewer can follow them as one series. The groups have
 * no drawn geometry, so MeasurementReport files them under Qualitative Evaluations, not Imaging Measurements.
 */
import { SrContentError } from '../errors';
import type { CriteriaName, NonTargetCategory, ResponseCategory, TimepointAssessment } from '../criteria/types';
import { CRITERIA_NAMES } from '../criteria/types';
import { DCM, LOCAL, NCIT, SCT, UCUM, sameCode, type Code } from './codes';
import type { CodeItem, ContentItem } from './ContentItem';
import { findOptional, findRequired, yesNo } from './findContentItem';
import { TimePointContext } from './TimePointContext';

/** A timepoint's responses as an SR records them: the assessment without its trail text. */
export type RecordedTimepointResponse = Omit<TimepointAssessment, 'trace'>;

export const CRITERIA_CODES: Record<CriteriaName, Code> = {
  mrecist: LOCAL.MRecist,
  'recist1.1': DCM.RECIST1Point1,
  easl: LOCAL.Easl,
};

/** Measurement Method (370129005, SCT): where reports before TID 4106's concept carried the criterion. */
const LEGACY_METHOD = SCT.MeasurementMethod;

/** The criterion row of a response group or best-response item: Response Evaluation Method, or the legacy concept. */
export function responseMethodItem(items: readonly ContentItem[] | undefined, file: string, where: string): CodeItem {
  const item = findOptional(items, DCM.ResponseEvaluationMethod, 'CODE', file) ?? findOptional(items, LEGACY_METHOD, 'CODE', file);
  if (!item) throw new SrContentError(file, `${where} Response Evaluation Method (112021)`, 'missing');
  return item;
}

export function criteriaFromCode(c: Code, file: string, where: string): CriteriaName {
  const name = CRITERIA_NAMES.find((n) => sameCode(CRITERIA_CODES[n], c));
  if (!name) throw new SrContentError(file, where, `unsupported response criteria ${c.meaning} (${c.value}, ${c.scheme})`);
  return name;
}

export const OVERALL_CODES: Record<ResponseCategory, Code> = {
  CR: NCIT.CompleteResponse,
  PR: NCIT.PartialResponse,
  SD: NCIT.StableDisease,
  PD: NCIT.ProgressiveDisease,
  NE: LOCAL.NotEvaluableResponse,
};

const TARGET_CODES: Record<ResponseCategory, Code> = {
  CR: DCM.TargetLesionCompleteResponse,
  PR: DCM.TargetLesionPartialResponse,
  SD: DCM.TargetLesionStableDisease,
  PD: DCM.TargetLesionProgressiveDisease,
  NE: LOCAL.TargetLesionNotEvaluable,
};

/** IR/SD (mRECIST, EASL) and NonCR/NonPD (RECIST 1.1) share CID 6144's 112046; the criterion tells them apart. */
function nonTargetCode(category: NonTargetCategory): Code {
  switch (category) {
    case 'CR':
      return DCM.NonTargetLesionCompleteResponse;
    case 'IR/SD':
    case 'NonCR/NonPD':
      return DCM.NonTargetLesionIncompleteResponseOrStableDisease;
    case 'PD':
      return DCM.NonTargetLesionProgressiveDisease;
    case 'NE':
      return LOCAL.NonTargetLesionNotEvaluable;
    case 'none':
      return LOCAL.NoNonTargetLesions;
  }
}

export function categoryFromCode<K extends string>(table: Record<K, Code>, c: Code, file: string, where: string): K {
  const key = (Object.keys(table) as K[]).find((k) => sameCode(table[k], c));
  if (key === undefined) throw new SrContentError(file, where, `unexpected value ${c.meaning} (${c.value}, ${c.scheme})`);
  return key;
}

const RESPONSES = ['CR', 'PR', 'SD', 'PD', 'NE'];
const NON_TARGET = ['CR', 'IR/SD', 'NonCR/NonPD', 'PD', 'NE', 'none'];

export class ResponseGroup {
  private constructor(
    readonly criteria: CriteriaName,
    readonly trackingUid: string,
    readonly timePoint: TimePointContext,
    readonly response: Readonly<RecordedTimepointResponse>,
  ) {}

  static create(
    criteria: CriteriaName,
    trackingUid: string,
    timePoint: TimePointContext,
    r: RecordedTimepointResponse,
    file: string,
  ): ResponseGroup {
    const at = `responses ${criteria} ${r.id}`;
    if (!RESPONSES.includes(r.target)) throw new SrContentError(file, `${at} target`, `unknown response "${r.target}"`);
    if (!RESPONSES.includes(r.overall)) throw new SrContentError(file, `${at} overall`, `unknown response "${r.overall}"`);
    if (!NON_TARGET.includes(r.nonTarget)) throw new SrContentError(file, `${at} nonTarget`, `unknown response "${r.nonTarget}"`);
    const irsd = criteria === 'recist1.1' ? 'IR/SD' : 'NonCR/NonPD';
    if (r.nonTarget === irsd) throw new SrContentError(file, `${at} nonTarget`, `"${irsd}" is not a ${criteria} category`);
    for (const key of ['targetSum', 'changeFromBaselinePct', 'changeFromNadirPct'] as const) {
      const v = r[key];
      if (v !== null && !Number.isFinite(v)) throw new SrContentError(file, `${at} ${key}`, `must be a number or null, got ${String(v)}`);
    }
    if (r.id !== timePoint.values.timepointId || r.date !== timePoint.values.date)
      throw new Error(`response ${r.id} ${r.date} given a time point context for ${timePoint.values.timepointId}`);
    return new ResponseGroup(criteria, trackingUid, timePoint, { ...r });
  }

  toContentItem(): ContentItem {
    const r = this.response;
    const sumUnit = this.criteria === 'easl' ? UCUM.SquareMillimeter : UCUM.Millimeter;
    const num = (concept: Code, value: number | null, unit: Code): ContentItem[] =>
      value === null ? [] : [{ relationship: 'CONTAINS', valueType: 'NUM', concept, value, unit }];
    const children: ContentItem[] = [
      { relationship: 'HAS OBS CONTEXT', valueType: 'TEXT', concept: DCM.TrackingIdentifier, text: `Response ${this.criteria}` },
      { relationship: 'HAS OBS CONTEXT', valueType: 'UIDREF', concept: DCM.TrackingUniqueIdentifier, uid: this.trackingUid },
      ...this.timePoint.toContentItems(),
      { relationship: 'HAS OBS CONTEXT', valueType: 'CODE', concept: DCM.ResponseEvaluationMethod, code: CRITERIA_CODES[this.criteria] },
      ...num(LOCAL.TargetLesionSum, r.targetSum, sumUnit),
      ...num(LOCAL.ChangeFromBaseline, r.changeFromBaselinePct, UCUM.Percent),
      ...num(LOCAL.ChangeFromNadir, r.changeFromNadirPct, UCUM.Percent),
      { relationship: 'CONTAINS', valueType: 'CODE', concept: LOCAL.TargetLesionResponse, code: TARGET_CODES[r.target] },
      { relationship: 'CONTAINS', valueType: 'CODE', concept: LOCAL.NonTargetLesionResponse, code: nonTargetCode(r.nonTarget) },
      { relationship: 'CONTAINS', valueType: 'CODE', concept: LOCAL.NewLesionsProgression, code: r.newLesions ? SCT.Yes : SCT.No },
      { relationship: 'CONTAINS', valueType: 'CODE', concept: DCM.CurrentResponse, code: OVERALL_CODES[r.overall] },
    ];
    return { relationship: 'CONTAINS', valueType: 'CONTAINER', concept: DCM.MeasurementGroup, template: '1501', children };
  }

  /** True when a measurement group carries a Current Response row, i.e. it is a response group, not a lesion. */
  static isResponseGroup(group: ContentItem, file: string): boolean {
    return findOptional(group.children, DCM.CurrentResponse, 'CODE', file) !== undefined;
  }

  static fromContentItem(group: ContentItem, file: string): ResponseGroup {
    const items = group.children ?? [];
    const method = responseMethodItem(items, file, 'response group');
    const criteria = criteriaFromCode(method.code, file, 'Response Evaluation Method (112021)');
    const trackingUid = findRequired(items, DCM.TrackingUniqueIdentifier, 'UIDREF', file).uid;
    const timePoint = TimePointContext.fromContentItems(items, file);
    const value = (c: Code): number | null => {
      const n = findOptional(items, c, 'NUM', file);
      if (!n) return null;
      if (n.value === undefined) throw new SrContentError(file, `${c.meaning} (${c.value})`, 'no numeric value');
      return n.value;
    };
    const coded = (c: Code) => findRequired(items, c, 'CODE', file).code;
    const ntCode = coded(LOCAL.NonTargetLesionResponse);
    const irsd: NonTargetCategory = criteria === 'recist1.1' ? 'NonCR/NonPD' : 'IR/SD';
    const ntTable: Record<string, Code> = {
      CR: DCM.NonTargetLesionCompleteResponse,
      [irsd]: DCM.NonTargetLesionIncompleteResponseOrStableDisease,
      PD: DCM.NonTargetLesionProgressiveDisease,
      NE: LOCAL.NonTargetLesionNotEvaluable,
      none: LOCAL.NoNonTargetLesions,
    };
    const newLesions = yesNo(findRequired(items, LOCAL.NewLesionsProgression, 'CODE', file), SCT.Yes, SCT.No, file) as boolean;
    return ResponseGroup.create(
      criteria,
      trackingUid,
      timePoint,
      {
        id: timePoint.values.timepointId,
        date: timePoint.values.date,
        targetSum: value(LOCAL.TargetLesionSum),
        changeFromBaselinePct: value(LOCAL.ChangeFromBaseline),
        changeFromNadirPct: value(LOCAL.ChangeFromNadir),
        target: categoryFromCode(TARGET_CODES, coded(LOCAL.TargetLesionResponse), file, 'Target lesion response (TRGRESP)'),
        nonTarget: categoryFromCode(ntTable, ntCode, file, 'Non-target lesion response (NTRGRESP)') as NonTargetCategory,
        newLesions,
        overall: categoryFromCode(OVERALL_CODES, coded(DCM.CurrentResponse), file, 'Current Response (112048)'),
      },
      file,
    );
  }
}
