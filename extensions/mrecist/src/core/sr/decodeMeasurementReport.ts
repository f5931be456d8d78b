/**
 * Reads a TID 1500 SR back into a case file (schema v1 + reader + recorded responses).
 *
 * Our own reports (Report profile row present) are read strictly: any broken item is a SrContentError naming
 * file and item, and the result equals what was written. Other tools' TID 1500 reports (OHIF writes one group
 * per measurement with a fresh tracking UID and no TID 1502) are read as far as they go: groups that fail are
 * listed in `skipped` with the reason, measurements without a time point are put on one timepoint dated from
 * the SR's study, and every such assumption is listed too.
 */
import type { SignOff } from '../read/signOff';
import { signOffFromDataset } from './verification';
import { SrContentError } from '../errors';
import type { NaturalDataset } from '../dicom/DicomDataset';
import type { CaseFile, CharterOptions, ImageGraphic, Lesion, MeasuredValues, Timepoint } from '../criteria/types';
import { DCM, LOCAL, REPORT_PROFILE_V1, SCT, UCUM, UMLS, code, sameCode, type Code } from './codes';
import { asItems, decodeContentItem, unmodelledItems, type ContainerItem, type ContentItem, type NumItem } from './ContentItem';
import { COMPREHENSIVE_SR_SOP_CLASS, type InstanceReference } from './encodeMeasurementReport';
import { findAll, findOptional, findRequired, yesNo } from './findContentItem';
import { imageGraphicFromContentItems } from './ImageReference';
import { checkMm, LesionMeasurementGroup } from './LesionMeasurementGroup';
import { liradsTrFromContentItem } from './LiradsTrEvaluation';
import { classifyTreatmentResponse, type LiradsTrFeatures, type LrTrCategory } from '../criteria/liradsTreatmentResponse';
import { ObserverContext } from './ObserverContext';
import type { RecordedResponse } from './MeasurementReport';
import { ResponseGroup, categoryFromCode, criteriaFromCode, OVERALL_CODES, responseMethodItem } from './ResponseGroup';
import { TimePointContext } from './TimePointContext';

export interface ReadReport {
  caseFile: CaseFile;
  /** Items of a foreign report that were not read or were read under an assumption; empty for ours. */
  skipped: string[];
  ours: boolean;
  /** This SR as an instance reference (for --predecessor). */
  instance: InstanceReference;
  /** The reader's sign-off, when the report is VERIFIED. */
  signOff?: SignOff;
  /** LI-RADS TR categories as written, per lesion and timepoint in report order (ours only; absent when none). */
  liradsTr?: { lesionId: string; timepointId: string; category: LrTrCategory }[];
}

const SR_SOP_CLASSES = new Set([
  COMPREHENSIVE_SR_SOP_CLASS,
  '1.2.840.10008.5.1.4.1.1.88.11', // Basic Text SR
  '1.2.840.10008.5.1.4.1.1.88.22', // Enhanced SR
  '1.2.840.10008.5.1.4.1.1.88.34', // Comprehensive 3D SR
]);

/** OHIF and others write plain Length (410668003, SCT) where we write Long Axis. */
const LENGTH = code('410668003', 'SCT', 'Length');

function str(v: unknown): string {
  const f = Array.isArray(v) ? v[0] : v;
  if (f && typeof f === 'object' && typeof (f as { Alphabetic?: unknown }).Alphabetic === 'string') return (f as { Alphabetic: string }).Alphabetic;
  return f === undefined || f === null ? '' : String(f).trim();
}

function evidenceSeries(ds: NaturalDataset): Map<string, string> {
  const seriesOf = new Map<string, string>();
  for (const study of asItems(ds.CurrentRequestedProcedureEvidenceSequence))
    for (const series of asItems(study.ReferencedSeriesSequence))
      for (const sop of asItems(series.ReferencedSOPSequence)) seriesOf.set(str(sop.ReferencedSOPInstanceUID), str(series.SeriesInstanceUID));
  return seriesOf;
}

/** `ds` as decodeDicom gives it: text in sequence items already decoded with the dataset's character set. */
export function decodeMeasurementReport(ds: NaturalDataset, file: string): ReadReport {
  const sopClass = str(ds.SOPClassUID);
  if (!SR_SOP_CLASSES.has(sopClass)) throw new SrContentError(file, 'SOPClassUID (0008,0016)', `not a structured report (${sopClass || 'missing'})`);
  const root = decodeContentItem(ds, file, 'root');
  if (!root || root.valueType !== 'CONTAINER' || !sameCode(root.concept, DCM.ImagingMeasurementReport))
    throw new SrContentError(file, 'Document Title', `expected Imaging Measurement Report (126000), got ${root?.concept ? `${root.concept.meaning} (${root.concept.value})` : 'no container'}`);
  const evaluations = findOptional(root.children, UMLS.QualitativeEvaluations, 'CONTAINER', file);
  const profile = findOptional(evaluations?.children, LOCAL.ReportProfile, 'TEXT', file);
  const ours = profile?.text === REPORT_PROFILE_V1;
  const instance: InstanceReference = {
    studyInstanceUid: str(ds.StudyInstanceUID),
    seriesInstanceUid: str(ds.SeriesInstanceUID),
    sopClassUid: sopClass,
    sopInstanceUid: str(ds.SOPInstanceUID),
  };
  const patientId = str(ds.PatientID);
  if (patientId === '') throw new SrContentError(file, 'PatientID (0010,0020)', 'missing');
  const seriesOf = evidenceSeries(ds);
  const result = ours
    ? readOurs(root, evaluations as ContainerItem, patientId, seriesOf, file)
    : readForeign(root, ds, patientId, seriesOf, file);
  const signOff = signOffFromDataset(ds);
  return { ...result, ours, instance, ...(signOff ? { signOff } : {}) };
}

function withSeries<T>(value: T, seriesOf: Map<string, string>): T {
  // Puts back referencedSeriesInstanceUid from the evidence sequence into every drawn graphic.
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    const g = v as Record<string, unknown>;
    if (typeof g.referencedSopInstanceUid === 'string' && g.graphicType) {
      const s = seriesOf.get(g.referencedSopInstanceUid);
      if (s) g.referencedSeriesInstanceUid = s;
      return;
    }
    Object.values(g).forEach(walk);
  };
  walk(value);
  return value;
}

function readOurs(
  root: ContainerItem,
  evaluations: ContainerItem,
  patientId: string,
  seriesOf: Map<string, string>,
  file: string,
): { caseFile: CaseFile; skipped: string[]; liradsTr?: ReadReport['liradsTr'] } {
  const observer = ObserverContext.fromContentItems(root.children, file);
  if (!observer) throw new SrContentError(file, 'Person Observer Name (121008)', 'missing');
  const ev = evaluations.children;
  const criteria = criteriaFromCode(findRequired(ev, LOCAL.CaseCriteria, 'CODE', file).code, file, 'Primary response criteria of the read (CASECRIT)');
  const options: Partial<CharterOptions> = {};
  const rc = yesNo(findOptional(ev, LOCAL.RequireConfirmation, 'CODE', file), SCT.Yes, SCT.No, file);
  if (rc !== undefined) options.requireConfirmation = rc;
  const num = (c: Code, unit: Code): number | undefined => {
    const n = findOptional(ev, c, 'NUM', file);
    if (!n) return undefined;
    if (n.value === undefined || !n.unit || !sameCode(n.unit, unit))
      throw new SrContentError(file, `${c.meaning} (${c.value})`, `expected a value in ${unit.value}`);
    return n.value;
  };
  const put = (k: keyof CharterOptions, v: unknown) => {
    if (v !== undefined) (options as Record<string, unknown>)[k] = v;
  };
  put('confirmationMinDays', num(LOCAL.ConfirmationMinimumInterval, UCUM.Day));
  put('minStableDiseaseDays', num(LOCAL.MinimumStableDiseaseDuration, UCUM.Day));
  put('absoluteIncreaseMm', num(LOCAL.AbsoluteIncreaseFloor, UCUM.Millimeter));
  put('patchyEnhancementMethod', findOptional(ev, LOCAL.PatchyEnhancementMethod, 'TEXT', file)?.text);
  const sliceThicknessMm = num(DCM.SliceThickness, UCUM.Millimeter);

  const contexts = findAll(ev, UMLS.TimePoint, 'CONTAINER', file).map((c) => TimePointContext.fromContentItems(c.children, file));
  const orders = new Set<number>();
  for (const c of contexts) {
    if (orders.has(c.values.order))
      throw new SrContentError(file, 'Time Point Order (126073)', `order ${c.values.order} used by two time points`);
    orders.add(c.values.order);
  }
  contexts.sort((a, b) => a.values.order - b.values.order);
  const byId = new Map(contexts.map((c) => [c.values.timepointId, c]));
  const timepoints: Timepoint[] = contexts.map((c) => {
    const tp: Timepoint = { id: c.values.timepointId, date: c.values.date };
    if (c.values.baseline) tp.baseline = true;
    if (c.values.studyInstanceUid) tp.studyInstanceUid = c.values.studyInstanceUid;
    return tp;
  });
  const checkContext = (c: TimePointContext | undefined, where: string) => {
    if (!c) return;
    const known = byId.get(c.values.timepointId);
    if (!known || JSON.stringify(known.values) !== JSON.stringify(c.values))
      throw new SrContentError(file, `Subject Time Point Identifier (126070) "${c.values.timepointId}"`, `${where} disagrees with the report's time points`);
  };

  const measurements = findRequired(root.children, DCM.ImagingMeasurements, 'CONTAINER', file);
  const lesions = new Map<string, Lesion>();
  const responses = new Map<string, RecordedResponse>();
  // Qualitative Evaluations first: it holds each lesion's identity group in case-file order (reports before this
  // layout had every group under Imaging Measurements and none here).
  const groups = [...findAll(ev, DCM.MeasurementGroup, 'CONTAINER', file), ...findAll(measurements.children, DCM.MeasurementGroup, 'CONTAINER', file)];
  for (const group of groups) {
    if (ResponseGroup.isResponseGroup(group, file)) {
      const rg = ResponseGroup.fromContentItem(group, file);
      checkContext(rg.timePoint, `response group ${rg.criteria}`);
      const r = responses.get(rg.criteria) ?? { criteria: rg.criteria, timepoints: [], bestOverallResponse: 'NE', progressionDate: null };
      r.timepoints.push({ ...rg.response });
      responses.set(rg.criteria, r);
      continue;
    }
    const g = LesionMeasurementGroup.fromContentItem(group, file);
    checkContext(g.timePoint, `lesion ${g.identity.id}`);
    addGroup(lesions, g, file);
  }
  for (const bor of findAll(ev, DCM.BestOverallResponse, 'CODE', file)) {
    const method = responseMethodItem(bor.children, file, 'Best Overall Response (112049)');
    const crit = criteriaFromCode(method.code, file, 'Best Overall Response (112049) Response Evaluation Method (112021)');
    const r = responses.get(crit) ?? { criteria: crit, timepoints: [], bestOverallResponse: 'NE' as const, progressionDate: null };
    r.bestOverallResponse = categoryFromCode(OVERALL_CODES, bor.code, file, 'Best Overall Response (112049)');
    r.progressionDate = findOptional(bor.children, LOCAL.DateOfProgression, 'DATE', file)?.date ?? null;
    responses.set(crit, r);
  }
  const caseFile = { patientId, criteria } as CaseFile;
  if (Object.keys(options).length > 0) caseFile.options = options;
  if (sliceThicknessMm !== undefined) {
    checkMm(sliceThicknessMm, file, 'Slice Thickness (112225)');
    caseFile.sliceThicknessMm = sliceThicknessMm;
  }
  caseFile.timepoints = timepoints;
  const liradsTr = readLiradsTr(ev, lesions, byId, file);
  caseFile.lesions = withSeries([...lesions.values()], seriesOf);
  caseFile.reader = { ...observer.reader };
  if (responses.size > 0) caseFile.recordedResponses = Object.fromEntries([...responses].map(([k, v]) => [k, v]));
  return { caseFile, skipped: [], ...(liradsTr.length > 0 ? { liradsTr } : {}) };
}

/** Puts each LI-RADS TR evaluation back on its lesion (by tracking UID); the written category must follow from the features. */
function readLiradsTr(
  ev: readonly ContentItem[],
  lesions: Map<string, Lesion>,
  timepoints: Map<string, TimePointContext>,
  file: string,
): NonNullable<ReadReport['liradsTr']> {
  const out: NonNullable<ReadReport['liradsTr']> = [];
  for (const item of findAll(ev, LOCAL.LiradsTrAssessment, 'CONTAINER', file)) {
    const r = liradsTrFromContentItem(item, file);
    const where = `LI-RADS CT/MRI Treatment Response (LRTR) of "${r.lesionId}" at "${r.timepointId}"`;
    const lesion = lesions.get(r.trackingUid) as (Lesion & { liradsTr?: Record<string, LiradsTrFeatures> }) | undefined;
    if (!lesion || lesion.id !== r.lesionId)
      throw new SrContentError(file, where, `no lesion "${r.lesionId}" with Tracking Unique Identifier ${r.trackingUid} in the report`);
    if (!timepoints.has(r.timepointId)) throw new SrContentError(file, where, `unknown time point "${r.timepointId}"`);
    const recorded = (lesion.liradsTr ??= {});
    if (r.timepointId in recorded) throw new SrContentError(file, where, 'recorded twice');
    const { category } = classifyTreatmentResponse(r.features, lesion.treatment);
    if (category !== r.writtenCategory)
      throw new SrContentError(file, where, `category ${r.writtenCategory} disagrees with its features, which give ${category}`);
    recorded[r.timepointId] = r.features;
    out.push({ lesionId: r.lesionId, timepointId: r.timepointId, category });
  }
  return out;
}

/** Merges a lesion group into the lesion it tracks (by tracking UID), checking the lesion's attributes agree. */
function addGroup(lesions: Map<string, Lesion>, g: LesionMeasurementGroup, file: string): void {
  const uid = g.identity.trackingUid;
  let lesion = lesions.get(uid);
  if (!lesion) {
    const records = g.identity.role === 'target' ? { measurements: {} } : g.identity.role === 'nonTarget' ? { status: {} } : { assessments: {} };
    lesion = { ...g.identity, ...records } as Lesion;
    lesions.set(uid, lesion);
  } else {
    const { measurements: _m, status: _s, assessments: _a, ...known } = lesion as Lesion & Record<string, unknown>;
    if (JSON.stringify(known) !== JSON.stringify(g.identity))
      throw new SrContentError(file, `Tracking Unique Identifier (112040) ${uid}`, `lesion "${g.identity.id}" described differently in two groups`);
  }
  const tp = g.timePoint?.values.timepointId;
  const r = g.record;
  if (tp === undefined || !r) return;
  const slot = lesion.role === 'target' ? lesion.measurements : lesion.role === 'nonTarget' ? lesion.status : lesion.assessments;
  if (tp in slot) throw new SrContentError(file, `Tracking Identifier (112039) "${lesion.id}"`, `two groups for time point "${tp}"`);
  (slot as Record<string, unknown>)[tp] = r.role === 'target' ? r.measurement : r.role === 'nonTarget' ? r.status : r.assessment;
}

const FOREIGN_TIMEPOINT = 'SR';

function readForeign(
  root: ContainerItem,
  ds: NaturalDataset,
  patientId: string,
  seriesOf: Map<string, string>,
  file: string,
): { caseFile: CaseFile; skipped: string[] } {
  const skipped: string[] = [...unmodelledItems(ds, 'root')];
  let reader: ObserverContext | undefined;
  try {
    reader = ObserverContext.fromContentItems(root.children, file);
  } catch (e) {
    if (!(e instanceof SrContentError)) throw e;
    skipped.push(`observer context: ${e.problem}`);
  }
  if (!reader) skipped.push('observer context: no person observer named; reader left out');
  const measurements = findOptional(root.children, DCM.ImagingMeasurements, 'CONTAINER', file);
  if (!measurements) skipped.push('Imaging Measurements (126010): missing; no lesions read');
  const da = str(ds.StudyDate) || str(ds.ContentDate);
  const studyDate = /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : undefined;
  const lesions = new Map<string, Lesion>();
  const contexts = new Map<string, TimePointContext>();
  let usedForeignTimepoint = false;
  const groups = measurements?.children.filter((c) => c.valueType === 'CONTAINER') ?? [];
  groups.forEach((group, i) => {
    const label = `Measurement Group ${i + 1}`;
    try {
      if (!group.concept || !sameCode(group.concept, DCM.MeasurementGroup)) {
        skipped.push(`${label}: ${group.concept?.meaning ?? 'container'} is not a Measurement Group (125007); not read`);
        return;
      }
      if (findOptional(group.children, LOCAL.LesionRole, 'CODE', file)) {
        const g = LesionMeasurementGroup.fromContentItem(group, file);
        if (g.timePoint) contexts.set(g.timePoint.values.timepointId, g.timePoint);
        addGroup(lesions, g, file);
        return;
      }
      const id = findOptional(group.children, DCM.TrackingIdentifier, 'TEXT', file)?.text ?? `MG${i + 1}`;
      const uid = findOptional(group.children, DCM.TrackingUniqueIdentifier, 'UIDREF', file)?.uid;
      const hasTp = findAll(group.children, DCM.TimePointType, 'CODE', file).length > 0;
      const tp = hasTp ? TimePointContext.fromContentItems(group.children, file) : undefined;
      if (tp) contexts.set(tp.values.timepointId, tp);
      const tpId = tp?.values.timepointId ?? FOREIGN_TIMEPOINT;
      if (!tp) usedForeignTimepoint = true;
      const values: Record<string, unknown> = {};
      const graphics: Record<string, ImageGraphic> = {};
      for (const item of group.children) {
        if (item.valueType !== 'NUM') continue;
        const n = item as NumItem;
        const field = sameCode(n.concept, SCT.LongAxis) || sameCode(n.concept, LENGTH) ? 'longAxisMm' : sameCode(n.concept, SCT.ShortAxis) ? 'shortAxisMm' : undefined;
        const scale = n.unit && sameCode(n.unit, UCUM.Millimeter) ? 1 : n.unit?.value === 'cm' && n.unit.scheme === 'UCUM' ? 10 : undefined;
        if (!field || n.value === undefined || scale === undefined) {
          skipped.push(`${label} "${id}": ${n.concept.meaning} (${n.concept.value}) ${n.value ?? ''} ${n.unit?.value ?? ''}`.trimEnd() + ': not a diameter in mm or cm; not read');
          continue;
        }
        values[field] = n.value * scale;
        try {
          const g = imageGraphicFromContentItems(n.children, file, `${label} "${id}" image reference`);
          if (g) graphics[field] = g;
        } catch (e) {
          if (!(e instanceof SrContentError)) throw e;
          skipped.push(`${label} "${id}": ${e.problem}; drawn line not read`);
        }
      }
      if (Object.keys(values).length === 0) {
        skipped.push(`${label} "${id}": no diameter measurement; not read`);
        return;
      }
      if (Object.keys(graphics).length > 0) values.graphics = graphics;
      const key = uid ?? `${label}`;
      const lesion: Lesion = { id: uniqueId(id, lesions), role: 'target', measurements: { [tpId]: values as MeasuredValues } };
      if (uid) lesion.trackingUid = uid;
      const site = findOptional(group.children, SCT.FindingSite, 'CODE', file)?.code.meaning;
      if (site) lesion.site = site;
      lesions.set(key, lesion);
      skipped.push(`${label} "${id}": lesion role not recorded; read as a target lesion`);
    } catch (e) {
      if (!(e instanceof SrContentError)) throw e;
      skipped.push(`${label}: ${e.field}: ${e.problem}; not read`);
    }
  });
  const timepoints: Timepoint[] = [...contexts.values()]
    .sort((a, b) => a.values.order - b.values.order)
    .map((c) => ({ id: c.values.timepointId, date: c.values.date, ...(c.values.baseline ? { baseline: true } : {}) }));
  if (usedForeignTimepoint) {
    if (!studyDate) throw new SrContentError(file, 'StudyDate (0008,0020)', 'missing: needed to date measurements that have no time point');
    timepoints.push({ id: FOREIGN_TIMEPOINT, date: studyDate, ...(timepoints.some((t) => t.baseline) ? {} : { baseline: true }) });
    skipped.push(`time point: measurements without Time Point Context (TID 1502) put on time point "${FOREIGN_TIMEPOINT}" dated ${studyDate} (study date)`);
  }
  const caseFile: CaseFile = { patientId, criteria: 'recist1.1', timepoints, lesions: withSeries([...lesions.values()], seriesOf) };
  skipped.push('response criteria: not recorded by this report; set to recist1.1 (whole-lesion diameters)');
  if (reader) caseFile.reader = { ...reader.reader };
  return { caseFile, skipped };
}

function uniqueId(id: string, lesions: Map<string, Lesion>): string {
  const taken = new Set([...lesions.values()].map((l) => l.id));
  if (!taken.has(id)) return id;
  let n = 2;
  while (taken.has(`${id} (${n})`)) n++;
  return `${id} (${n})`;
}
