/**
 * One lesion at one timepoint: a TID 1501 Measurement Group (125007) inside Imaging Measurements (126010).
 *
 * Identity: Tracking Identifier (112039) = the lesion label ("T1"), the same at every timepoint; the lesion's UID,
 * made once when it is first recorded (case file `trackingUid`), in 99MRECIST LESUID at every timepoint.
 * Tracking Unique Identifier (112040) names what one group tracks: the lesion at this timepoint, a UID derived
 * from the lesion UID and the timepoint id (observationTrackingUid), or the lesion UID itself in a group without
 * a timepoint. One UID per lesion in 112040 would make a viewer that merges groups by 112040 (OHIF 3.13's
 * cornerstone-dicom-sr getSopClassHandlerModule, _getMergedContentSequencesByTrackingUniqueIdentifiers) draw every
 * timepoint's lines on the first timepoint's image. Time point: TID 1502 (TimePointContext). Finding (121071) and Finding Site
 * (363698007) when the site names an organ we code; the site text, role (CID 6145 or local New Lesion) and the
 * case file's lesion attributes follow as coded or text rows. Per timepoint, by role:
 *   target:    NUM Long Axis / Short Axis (SCT), Viable long axis / perpendicular (99MRECIST), UCUM mm, each
 *              optionally INFERRED FROM the drawn SCOORD; not evaluable = a NUM without value whose Numeric
 *              Value Qualifier is 99MRECIST "Not evaluable", reason as Comment (121106). Series, contrast
 *              phase and the reader's reason for an off-arterial viable value: MeasurementPhase.
 *   nonTarget: Non-target lesion status (CODE).
 *   new:       Long/Short Axis, typical HCC pattern and unequivocal (Yes/No).
 * Every lesion also gets one group without time point context or record (its identity, in case-file order), so a
 * lesion with no timepoint entries is not lost and lesions read back in their order.
 * hasDrawnGeometry() tells MeasurementReport where the group goes: Imaging Measurements holds only groups with a
 * drawn line (a viewer expects geometry there), everything else goes under Qualitative Evaluations.
 */
import { SrContentError } from '../errors';
import type {
  ImageGraphic,
  Lesion,
  MeasurementField,
  NewLesionAssessment,
  NonTargetStatus,
  TargetMeasurement,
} from '../criteria/types';
import { isNotEvaluable, NON_TARGET_STATUSES } from '../criteria/types';
import { DCM, LOCAL, SCT, UCUM, sameCode, type Code } from './codes';
import type { ContentItem, NumItem } from './ContentItem';
import { findAll, findOptional, findRequired, yesNo } from './findContentItem';
import { imageGraphicFromContentItems, imageGraphicToContentItem, referencedImageItem, validateImageGraphic } from './ImageReference';
import { checkImagePhase, imagePhaseItems, measurementPhaseFromItems, measurementPhaseItems, validateMeasurementPhase } from './MeasurementPhase';
import { TimePointContext } from './TimePointContext';
import { uidFromName } from '../dicom/uid';

/** Tracking Unique Identifier (112040) of a lesion's group at one timepoint: same inputs, same UID. */
export function observationTrackingUid(lesionUid: string, timepointId: string): string {
  return uidFromName(`ohif-mrecist lesion ${lesionUid} at time point ${timepointId}`);
}

/** Case-file measurement fields and their concepts; order is the order written. */
export const MEASUREMENT_CONCEPTS: readonly { field: MeasurementField; concept: Code }[] = [
  { field: 'longAxisMm', concept: SCT.LongAxis },
  { field: 'shortAxisMm', concept: SCT.ShortAxis },
  { field: 'viableLongAxisMm', concept: LOCAL.ViableLongAxis },
  { field: 'viablePerpendicularMm', concept: LOCAL.ViablePerpendicular },
];

const STATUS_CODES: Record<NonTargetStatus, Code> = {
  present: DCM.Present,
  absent: DCM.Absent,
  unequivocalProgression: LOCAL.UnequivocalProgression,
  notEvaluated: LOCAL.NotEvaluated,
};

const ROLE_CODES: Record<Lesion['role'], Code> = {
  target: DCM.TargetLesionAtBaseline,
  nonTarget: DCM.NonTargetLesionAtBaseline,
  new: LOCAL.NewLesion,
};

/** The lesion's attributes without its per-timepoint records. */
export type LesionIdentity = (Lesion extends infer L ? (L extends Lesion ? Omit<L, 'measurements' | 'status' | 'assessments'> : never) : never) & {
  trackingUid: string;
};

export type TimepointRecord =
  | { role: 'target'; measurement: TargetMeasurement }
  | { role: 'nonTarget'; status: NonTargetStatus }
  | { role: 'new'; assessment: NewLesionAssessment };

const UID = /^[0-9]+(\.[0-9]+)*$/;

/** The case-file schema's physical bound on a diameter (schemas/case-file.v1.schema.json "millimetres"). */
export const MAX_DIAMETER_MM = 1000;

export function checkMm(value: unknown, file: string, where: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new SrContentError(file, where, `must be a finite length ≥ 0 mm, got ${String(value)}`);
  if (value > MAX_DIAMETER_MM) throw new SrContentError(file, where, `must be at most ${MAX_DIAMETER_MM} mm, got ${value}`);
}

function siteCode(identity: LesionIdentity): Code | undefined {
  if (identity.node) return SCT.LymphNode;
  const site = identity.site ?? '';
  if (/portal/i.test(site)) return SCT.PortalVein;
  if (/liver|hepat|\bsegment\b|\bS[1-8]\b/i.test(site)) return SCT.Liver;
  return undefined;
}

function yesNoItem(concept: Code, value: boolean): ContentItem {
  return { relationship: 'CONTAINS', valueType: 'CODE', concept, code: value ? SCT.Yes : SCT.No };
}

function textItem(concept: Code, text: string): ContentItem {
  return { relationship: 'CONTAINS', valueType: 'TEXT', concept, text };
}

function numItem(concept: Code, valueMm: number, graphic: ImageGraphic | undefined, acquisition: ContentItem[] = []): NumItem {
  return {
    relationship: 'CONTAINS',
    valueType: 'NUM',
    concept,
    value: valueMm,
    unit: UCUM.Millimeter,
    children: graphic ? [imageGraphicToContentItem(graphic, acquisition)] : undefined,
  };
}

export class LesionMeasurementGroup {
  private constructor(
    readonly identity: Readonly<LesionIdentity>,
    readonly timePoint: TimePointContext | undefined,
    readonly record: TimepointRecord | undefined,
  ) {}

  static create(
    identity: LesionIdentity,
    timePoint: TimePointContext | undefined,
    record: TimepointRecord | undefined,
    file: string,
  ): LesionMeasurementGroup {
    const label = `Tracking Identifier (112039) "${identity.id}"`;
    if (typeof identity.id !== 'string' || identity.id.trim() === '' || /[\r\n]/.test(identity.id))
      throw new SrContentError(file, 'Tracking Identifier (112039)', `must be one line of text, got "${String(identity.id)}"`);
    if (!UID.test(identity.trackingUid ?? '') || identity.trackingUid.length > 64)
      throw new SrContentError(file, 'Tracking Unique Identifier (112040)', `not a UID: "${String(identity.trackingUid)}"`);
    if (record && record.role !== identity.role) throw new Error(`record role ${record.role} for a ${identity.role} lesion`);
    if (record?.role === 'target' && !isNotEvaluable(record.measurement)) {
      const m = record.measurement;
      for (const { field, concept } of MEASUREMENT_CONCEPTS) {
        if (m[field] !== undefined) checkMm(m[field], file, `${label} ${concept.meaning} (${concept.value})`);
        const g = m.graphics?.[field];
        if (g) validateImageGraphic(g, file, `${label} ${concept.meaning} (${concept.value}) image reference`);
      }
      validateMeasurementPhase(m, file, label);
    }
    if (record?.role === 'new') {
      const a = record.assessment;
      checkMm(a.longAxisMm, file, `${label} Long Axis (103339001)`);
      if (a.shortAxisMm !== undefined) checkMm(a.shortAxisMm, file, `${label} Short Axis (103340004)`);
      if (a.typicalHCC !== undefined && typeof a.typicalHCC !== 'boolean') throw new SrContentError(file, `${label} typical HCC pattern`, 'must be true or false');
      for (const key of ['longAxisMm', 'shortAxisMm'] as const) {
        const g = a.graphics?.[key];
        if (g) validateImageGraphic(g, file, `${label} ${key} image reference`);
      }
    }
    if (record?.role === 'nonTarget' && !NON_TARGET_STATUSES.includes(record.status))
      throw new SrContentError(file, `${label} Non-target lesion status`, `unknown status "${String(record.status)}"`);
    return new LesionMeasurementGroup({ ...identity }, timePoint, record);
  }

  /** True when at least one value of the record has its drawn line (SCOORD) with it. */
  hasDrawnGeometry(): boolean {
    const r = this.record;
    if (!r || r.role === 'nonTarget') return false;
    const graphics = r.role === 'new' ? r.assessment.graphics : isNotEvaluable(r.measurement) ? undefined : r.measurement.graphics;
    return Object.values(graphics ?? {}).some((g) => g !== undefined);
  }

  /** This group's Tracking Unique Identifier (112040). */
  groupTrackingUid(): string {
    const tp = this.timePoint?.values.timepointId;
    return tp === undefined ? this.identity.trackingUid : observationTrackingUid(this.identity.trackingUid, tp);
  }

  /** The lesion's identity alone: no time point, no record. */
  identityGroup(): LesionMeasurementGroup {
    return new LesionMeasurementGroup(this.identity, undefined, undefined);
  }

  toContentItem(): ContentItem {
    const id = this.identity;
    const drawn = this.hasDrawnGeometry();
    const children: ContentItem[] = [
      // Tracking Identifier, then Tracking Unique Identifier as the group's first UIDREF: viewers take the first.
      { relationship: 'HAS OBS CONTEXT', valueType: 'TEXT', concept: DCM.TrackingIdentifier, text: id.id },
      { relationship: 'HAS OBS CONTEXT', valueType: 'UIDREF', concept: DCM.TrackingUniqueIdentifier, uid: this.groupTrackingUid() },
      { relationship: 'HAS OBS CONTEXT', valueType: 'UIDREF', concept: LOCAL.LesionUid, uid: id.trackingUid },
      // A drawn group puts its time point rows after its values: OHIF 3.13 labels a drawn line with the group's
      // first NUM, and Time Point Order (126073) is a NUM.
      ...(drawn ? [] : (this.timePoint?.toContentItems() ?? [])),
      {
        relationship: 'CONTAINS',
        valueType: 'CODE',
        concept: DCM.Finding,
        code: id.role === 'nonTarget' && id.kind === 'effusion' ? SCT.Effusion : SCT.HepatocellularCarcinoma,
      },
    ];
    const site = siteCode(id);
    if (site) children.push({ relationship: 'HAS CONCEPT MOD', valueType: 'CODE', concept: SCT.FindingSite, code: site });
    if (id.site !== undefined)
      children.push({ relationship: 'HAS CONCEPT MOD', valueType: 'TEXT', concept: LOCAL.LesionSite, text: id.site });
    children.push({ relationship: 'HAS CONCEPT MOD', valueType: 'CODE', concept: LOCAL.LesionRole, code: ROLE_CODES[id.role] });
    if (id.name !== undefined) children.push(textItem(LOCAL.LesionName, id.name));
    if (id.node !== undefined) children.push(yesNoItem(LOCAL.LymphNode, id.node));
    if (id.treatment !== undefined) children.push(textItem(LOCAL.LocalTreatment, id.treatment));
    if (id.role === 'target' && id.arteriallyEnhancing !== undefined)
      children.push(yesNoItem(LOCAL.ArterialEnhancementAtBaseline, id.arteriallyEnhancing));
    if (id.role === 'nonTarget' && id.kind !== undefined) children.push(textItem(LOCAL.LesionKind, id.kind));
    if (id.role === 'nonTarget' && id.cytologyConfirmed !== undefined)
      children.push(yesNoItem(LOCAL.CytologyConfirmed, id.cytologyConfirmed));
    if (id.role === 'new') children.push(textItem(LOCAL.AppearsAtTimePoint, id.appearsAt));
    children.push(...this.recordItems());
    if (drawn) children.push(...(this.timePoint?.toContentItems() ?? []));
    return { relationship: 'CONTAINS', valueType: 'CONTAINER', concept: DCM.MeasurementGroup, template: '1501', children };
  }

  private recordItems(): ContentItem[] {
    const r = this.record;
    if (!r) return [];
    if (r.role === 'nonTarget')
      return [{ relationship: 'CONTAINS', valueType: 'CODE', concept: LOCAL.NonTargetLesionStatus, code: STATUS_CODES[r.status] }];
    if (r.role === 'new') {
      const a = r.assessment;
      const items: ContentItem[] = [numItem(SCT.LongAxis, a.longAxisMm, a.graphics?.longAxisMm)];
      if (a.shortAxisMm !== undefined) items.push(numItem(SCT.ShortAxis, a.shortAxisMm, a.graphics?.shortAxisMm));
      if (a.typicalHCC !== undefined) items.push(yesNoItem(LOCAL.TypicalHccPattern, a.typicalHCC));
      if (a.unequivocal !== undefined) items.push(yesNoItem(LOCAL.Unequivocal, a.unequivocal));
      return items;
    }
    const m = r.measurement;
    if (isNotEvaluable(m)) {
      const reason: ContentItem[] =
        m.reason !== undefined ? [{ relationship: 'HAS PROPERTIES', valueType: 'TEXT', concept: DCM.Comment, text: m.reason }] : [];
      return [{ relationship: 'CONTAINS', valueType: 'NUM', concept: SCT.LongAxis, qualifier: LOCAL.NotEvaluable, children: reason }];
    }
    return [
      ...MEASUREMENT_CONCEPTS.filter(({ field }) => m[field] !== undefined).map(({ field, concept }) =>
        numItem(concept, m[field] as number, m.graphics?.[field], imagePhaseItems(m)),
      ),
      ...measurementPhaseItems(m),
    ];
  }

  /** Reads one of our groups. Errors name the item; unknown rows are ignored (they are another tool's). */
  static fromContentItem(group: ContentItem, file: string): LesionMeasurementGroup {
    const items = group.children ?? [];
    const id = findRequired(items, DCM.TrackingIdentifier, 'TEXT', file).text;
    const groupUid = findRequired(items, DCM.TrackingUniqueIdentifier, 'UIDREF', file).uid;
    // Reports before LESUID carried the lesion UID in 112040.
    const lesionUid = findOptional(items, LOCAL.LesionUid, 'UIDREF', file)?.uid;
    const trackingUid = lesionUid ?? groupUid;
    const hasTimePoint = findAll(items, DCM.TimePointType, 'CODE', file).length > 0;
    const timePoint = hasTimePoint ? TimePointContext.fromContentItems(items, file) : undefined;
    if (lesionUid !== undefined) {
      const expected = timePoint ? observationTrackingUid(lesionUid, timePoint.values.timepointId) : lesionUid;
      if (groupUid !== expected)
        throw new SrContentError(file, `Tracking Unique Identifier (112040) of "${id}"`, `${groupUid} does not belong to lesion UID ${lesionUid} at this time point`);
    }
    const roleCode = findRequired(items, LOCAL.LesionRole, 'CODE', file).code;
    const role = (Object.keys(ROLE_CODES) as Lesion['role'][]).find((k) => sameCode(ROLE_CODES[k], roleCode));
    if (!role) throw new SrContentError(file, 'Lesion role (LESROLE)', `unknown role ${roleCode.meaning} (${roleCode.value})`);
    const text = (c: Code) => findOptional(items, c, 'TEXT', file)?.text;
    const flag = (c: Code) => yesNo(findOptional(items, c, 'CODE', file), SCT.Yes, SCT.No, file);
    const identity: Record<string, unknown> = { id, role, trackingUid };
    const put = (key: string, v: unknown) => {
      if (v !== undefined) identity[key] = v;
    };
    put('site', text(LOCAL.LesionSite));
    put('name', text(LOCAL.LesionName));
    put('node', flag(LOCAL.LymphNode));
    put('treatment', text(LOCAL.LocalTreatment));
    if (role === 'target') put('arteriallyEnhancing', flag(LOCAL.ArterialEnhancementAtBaseline));
    if (role === 'nonTarget') {
      put('kind', text(LOCAL.LesionKind));
      put('cytologyConfirmed', flag(LOCAL.CytologyConfirmed));
    }
    if (role === 'new') {
      const appears = text(LOCAL.AppearsAtTimePoint);
      if (appears === undefined) throw new SrContentError(file, 'Time point of first appearance (APPEARS)', 'missing for a new lesion');
      identity.appearsAt = appears;
    }
    const record = timePoint ? LesionMeasurementGroup.readRecord(role, items, file, id) : undefined;
    return LesionMeasurementGroup.create(identity as LesionIdentity, timePoint, record, file);
  }

  private static readRecord(role: Lesion['role'], items: readonly ContentItem[], file: string, id: string): TimepointRecord {
    if (role === 'nonTarget') {
      const c = findRequired(items, LOCAL.NonTargetLesionStatus, 'CODE', file).code;
      const status = NON_TARGET_STATUSES.find((s) => sameCode(STATUS_CODES[s], c));
      if (!status) throw new SrContentError(file, 'Non-target lesion status (NTSTATUS)', `unknown status ${c.meaning} (${c.value})`);
      return { role, status };
    }
    const nums = items.filter((i): i is NumItem => i.valueType === 'NUM');
    const ne = nums.find((n) => n.qualifier && sameCode(n.qualifier, LOCAL.NotEvaluable));
    if (role === 'target' && ne) {
      const reason = findOptional(ne.children, DCM.Comment, 'TEXT', file)?.text;
      return { role, measurement: reason === undefined ? { notEvaluable: true } : { notEvaluable: true, reason } };
    }
    const values: Record<string, unknown> = {};
    const graphics: Record<string, ImageGraphic> = {};
    for (const { field, concept } of MEASUREMENT_CONCEPTS) {
      const n = findOptional(items, concept, 'NUM', file);
      if (!n) continue;
      const where = `Tracking Identifier (112039) "${id}" ${concept.meaning} (${concept.value})`;
      if (n.value === undefined) throw new SrContentError(file, where, 'no numeric value and no not-evaluable qualifier');
      if (!n.unit || !sameCode(n.unit, UCUM.Millimeter))
        throw new SrContentError(file, where, `unit must be mm (UCUM), got ${n.unit?.value ?? 'none'}`);
      checkMm(n.value, file, where);
      values[field] = n.value;
      const g = imageGraphicFromContentItems(n.children, file, `${where} image reference`);
      if (g) graphics[field] = g;
    }
    if (Object.keys(graphics).length > 0) values.graphics = graphics;
    if (role === 'target') {
      const where = `Tracking Identifier (112039) "${id}"`;
      const phase = measurementPhaseFromItems(items, file, where);
      for (const { concept } of MEASUREMENT_CONCEPTS)
        checkImagePhase(referencedImageItem(findOptional(items, concept, 'NUM', file)?.children), phase.phase, file, `${where} ${concept.meaning} (${concept.value})`);
      return { role, measurement: { ...values, ...phase } as TargetMeasurement };
    }
    if (values.longAxisMm === undefined) throw new SrContentError(file, `Tracking Identifier (112039) "${id}" Long Axis (103339001)`, 'missing for a new lesion');
    const typical = yesNo(findOptional(items, LOCAL.TypicalHccPattern, 'CODE', file), SCT.Yes, SCT.No, file);
    // Absent under RECIST 1.1 (which does not use it); the case-file reader requires it under mRECIST and EASL.
    const assessment: NewLesionAssessment = { longAxisMm: values.longAxisMm as number };
    if (typical !== undefined) assessment.typicalHCC = typical;
    if (values.shortAxisMm !== undefined) assessment.shortAxisMm = values.shortAxisMm as number;
    const unequivocal = yesNo(findOptional(items, LOCAL.Unequivocal, 'CODE', file), SCT.Yes, SCT.No, file);
    if (unequivocal !== undefined) assessment.unequivocal = unequivocal;
    if (values.graphics) assessment.graphics = values.graphics as NewLesionAssessment['graphics'];
    return { role, assessment };
  }
}
