/**
 * TID 1500 Measurement Report (DICOM PS3.16): the content tree of one read by one reader.
 *
 * Root CONTAINER Imaging Measurement Report (126000) with Language (121049), Observer Context (TID 1002),
 * Procedure Reported (121058), Image Library (111028, TID 1600: the images the lines were drawn on), Imaging
 * Measurements (126010) holding the LesionMeasurementGroups that have a drawn line (one per lesion per timepoint),
 * and Qualitative Evaluations (C0034375, UMLS) with everything without geometry: each lesion's identity group, the
 * lesion groups without a drawn line (non-target status, not evaluable, values typed in), one ResponseGroup per
 * criterion per assessed timepoint, and what the case file needs beyond the groups: report profile, primary criterion, charter options, slice thickness, every timepoint's
 * context (so a timepoint with nothing recorded survives), the best overall response per criterion, with
 * its progression date, and the LI-RADS Treatment Response of each treated lesion per timepoint (LiradsTrEvaluation).
 */
import { SrContentError } from '../errors';
import type { CaseFile, CharterOptions, CriteriaName, Lesion, Reader, ResponseCategory } from '../criteria/types';
import { DCM, LANGUAGE_EN_US, LOCAL, REPORT_PROFILE_V1, SCT, UCUM, UMLS, type Code } from './codes';
import type { ContentItem } from './ContentItem';
import { LesionMeasurementGroup, type LesionIdentity, type TimepointRecord } from './LesionMeasurementGroup';
import { liradsTrRecord, liradsTrToContentItem, type LiradsTrRecord } from './LiradsTrEvaluation';
import { ObserverContext } from './ObserverContext';
import { CRITERIA_CODES, OVERALL_CODES, ResponseGroup, type RecordedTimepointResponse } from './ResponseGroup';
import { TimePointContext } from './TimePointContext';
import { imageLibrary, type ImageLibraryEntry } from './ImageLibrary';

/** Responses as recorded in a report: an Assessment without its trace and warnings. */
export interface RecordedResponse {
  criteria: CriteriaName;
  timepoints: RecordedTimepointResponse[];
  bestOverallResponse: ResponseCategory;
  progressionDate: string | null;
}

export interface MeasurementReportInput {
  caseFile: CaseFile;
  /** The reader; defaults to caseFile.reader. */
  reader?: Reader;
  responses: RecordedResponse[];
}

/** UID source for lesions without a tracking UID and for the response series; random in use, fixed in tests. */
export type UidSource = (purpose: string) => string;

export class MeasurementReport {
  private constructor(
    /** The case file as recorded, every lesion with its tracking UID. */
    readonly caseFile: CaseFile,
    readonly observer: ObserverContext,
    readonly timePoints: readonly TimePointContext[],
    readonly lesionGroups: readonly LesionMeasurementGroup[],
    readonly responseGroups: readonly ResponseGroup[],
    readonly responses: readonly RecordedResponse[],
    readonly liradsTr: readonly LiradsTrRecord[],
  ) {}

  static create(input: MeasurementReportInput, newUid: UidSource, file: string): MeasurementReport {
    const { caseFile } = input;
    const observer = ObserverContext.create((input.reader ?? caseFile.reader) as Reader, file);
    const contexts = new Map<string, TimePointContext>();
    caseFile.timepoints.forEach((tp, i) => {
      if (contexts.has(tp.id)) throw new SrContentError(file, `timepoints[${i}].id`, `duplicate timepoint id "${tp.id}"`);
      contexts.set(
        tp.id,
        TimePointContext.create(
          { timepointId: tp.id, baseline: tp.baseline === true, order: i + 1, date: tp.date, studyInstanceUid: tp.studyInstanceUid },
          file,
        ),
      );
    });
    const contextOf = (id: string, where: string): TimePointContext => {
      const c = contexts.get(id);
      if (!c) throw new SrContentError(file, where, `unknown timepoint id "${id}"`);
      return c;
    };

    const lesions: Lesion[] = [];
    const groups: LesionMeasurementGroup[] = [];
    const seenUids = new Set<string>();
    const liradsTr: LiradsTrRecord[] = [];
    caseFile.lesions.forEach((lesion, li) => {
      const trackingUid = lesion.trackingUid ?? newUid(`lesion ${lesion.id}`);
      if (seenUids.has(trackingUid))
        throw new SrContentError(file, `lesions[${li}].trackingUid`, `tracking UID used by two lesions: ${trackingUid}`);
      seenUids.add(trackingUid);
      const withUid = { ...lesion, trackingUid } as Lesion;
      lesions.push(withUid);
      const { measurements: _m, status: _s, assessments: _a, ...identity } = withUid as Lesion & Record<string, unknown>;
      const records: [string, TimepointRecord][] =
        withUid.role === 'target'
          ? Object.entries(withUid.measurements).map(([t, m]) => [t, { role: 'target', measurement: m }])
          : withUid.role === 'nonTarget'
            ? Object.entries(withUid.status).map(([t, s]) => [t, { role: 'nonTarget', status: s }])
            : Object.entries(withUid.assessments).map(([t, a]) => [t, { role: 'new', assessment: a }]);
      const field = withUid.role === 'target' ? 'measurements' : withUid.role === 'nonTarget' ? 'status' : 'assessments';
      for (const [t] of records) contextOf(t, `lesions[${li}].${field}.${t}`);
      if (withUid.role === 'new') contextOf(withUid.appearsAt, `lesions[${li}].appearsAt`);
      // Groups in timepoint order, so the report reads chronologically per lesion.
      const ordered = records.sort((a, b) => contextOf(a[0], '').values.order - contextOf(b[0], '').values.order);
      groups.push(LesionMeasurementGroup.create(identity as LesionIdentity, undefined, undefined, file));
      for (const [t, record] of ordered)
        groups.push(LesionMeasurementGroup.create(identity as LesionIdentity, contextOf(t, ''), record, file));
      const trTimepoints = Object.keys(withUid.liradsTr ?? {});
      for (const t of trTimepoints) contextOf(t, `lesions[${li}].liradsTr.${t}`);
      trTimepoints.sort((a, b) => contextOf(a, '').values.order - contextOf(b, '').values.order);
      for (const t of trTimepoints) liradsTr.push(liradsTrRecord({ ...withUid, trackingUid }, t, (withUid.liradsTr ?? {})[t], file));
    });

    const responseGroups: ResponseGroup[] = [];
    const seenCriteria = new Set<CriteriaName>();
    for (const r of input.responses) {
      if (seenCriteria.has(r.criteria)) throw new Error(`responses given twice for ${r.criteria}`);
      seenCriteria.add(r.criteria);
      const uid = newUid(`responses ${r.criteria}`);
      for (const tr of r.timepoints)
        responseGroups.push(ResponseGroup.create(r.criteria, uid, contextOf(tr.id, `responses ${r.criteria} ${tr.id}`), tr, file));
      if (r.progressionDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(r.progressionDate))
        throw new SrContentError(file, `Date of progression (PROGDATE) ${r.criteria}`, `must be YYYY-MM-DD, got "${r.progressionDate}"`);
    }
    const recorded: CaseFile = { ...caseFile, lesions, reader: observer.reader as Reader };
    return new MeasurementReport(recorded, observer, [...contexts.values()], groups, responseGroups, input.responses, liradsTr);
  }

  /** `imageLibrary`: the images the drawn lines refer to (encodeMeasurementReport resolves them), for TID 1600. */
  toContentItem(libraryImages: readonly ImageLibraryEntry[] = []): ContentItem {
    return {
      valueType: 'CONTAINER',
      concept: DCM.ImagingMeasurementReport,
      template: '1500',
      children: [
        { relationship: 'HAS CONCEPT MOD', valueType: 'CODE', concept: DCM.LanguageOfContentItemAndDescendants, code: LANGUAGE_EN_US },
        ...this.observer.toContentItems(),
        { relationship: 'HAS CONCEPT MOD', valueType: 'CODE', concept: DCM.ProcedureReported, code: SCT.ImagingProcedure },
        imageLibrary(libraryImages),
        {
          relationship: 'CONTAINS',
          valueType: 'CONTAINER',
          concept: DCM.ImagingMeasurements,
          children: this.lesionGroups.filter((g) => g.hasDrawnGeometry()).map((g) => g.toContentItem()),
        },
        {
          relationship: 'CONTAINS',
          valueType: 'CONTAINER',
          concept: UMLS.QualitativeEvaluations,
          children: this.evaluationItems([
            // Lesion identities first, in case-file order: the reader rebuilds the lesion list in this order.
            ...this.lesionGroups.filter((g) => !g.record).map((g) => g.toContentItem()),
            ...this.lesionGroups.filter((g) => g.record && !g.hasDrawnGeometry()).map((g) => g.toContentItem()),
            ...this.responseGroups.map((g) => g.toContentItem()),
          ]),
        },
      ],
    };
  }

  /** `groups`: the measurement groups without geometry, placed after the time points and before the best responses. */
  private evaluationItems(groups: readonly ContentItem[]): ContentItem[] {
    const c = this.caseFile;
    const o: Partial<CharterOptions> = c.options ?? {};
    const rel = 'CONTAINS' as const;
    const items: ContentItem[] = [
      { relationship: rel, valueType: 'TEXT', concept: LOCAL.ReportProfile, text: REPORT_PROFILE_V1 },
      { relationship: rel, valueType: 'CODE', concept: LOCAL.CaseCriteria, code: CRITERIA_CODES[c.criteria] },
    ];
    if (o.requireConfirmation !== undefined)
      items.push({ relationship: rel, valueType: 'CODE', concept: LOCAL.RequireConfirmation, code: o.requireConfirmation ? SCT.Yes : SCT.No });
    const num = (concept: Code, value: number | undefined, unit: Code) => {
      if (value !== undefined) items.push({ relationship: rel, valueType: 'NUM', concept, value, unit });
    };
    num(LOCAL.ConfirmationMinimumInterval, o.confirmationMinDays, UCUM.Day);
    num(LOCAL.MinimumStableDiseaseDuration, o.minStableDiseaseDays, UCUM.Day);
    num(LOCAL.AbsoluteIncreaseFloor, o.absoluteIncreaseMm, UCUM.Millimeter);
    if (o.patchyEnhancementMethod !== undefined)
      items.push({ relationship: rel, valueType: 'TEXT', concept: LOCAL.PatchyEnhancementMethod, text: o.patchyEnhancementMethod });
    num(DCM.SliceThickness, c.sliceThicknessMm, UCUM.Millimeter);
    for (const tp of this.timePoints)
      items.push({ relationship: rel, valueType: 'CONTAINER', concept: UMLS.TimePoint, children: tp.toContentItems() });
    items.push(...groups);
    for (const r of this.responses) {
      const children: ContentItem[] = [
        { relationship: 'HAS CONCEPT MOD', valueType: 'CODE', concept: DCM.ResponseEvaluationMethod, code: CRITERIA_CODES[r.criteria] },
      ];
      if (r.progressionDate !== null)
        children.push({ relationship: 'HAS PROPERTIES', valueType: 'DATE', concept: LOCAL.DateOfProgression, date: r.progressionDate });
      items.push({ relationship: rel, valueType: 'CODE', concept: DCM.BestOverallResponse, code: OVERALL_CODES[r.bestOverallResponse], children });
    }
    items.push(...this.liradsTr.map(liradsTrToContentItem));
    return items;
  }
}
