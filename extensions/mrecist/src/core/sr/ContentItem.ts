/**
 * SR content items as plain typed data (PS3.3 C.17.3, Comprehensive SR value types we use), with conversion
 * to and from dcmjs' naturalized form. Templates (TimePointContext, LesionMeasurementGroup, ...) build and
 * read these; nothing here knows about lesions or criteria.
 */
import { SrContentError } from '../errors';
import type { NaturalDataset } from '../dicom/DicomDataset';
import { code, type Code } from './codes';

export type RelationshipType =
  | 'CONTAINS'
  | 'HAS OBS CONTEXT'
  | 'HAS CONCEPT MOD'
  | 'HAS PROPERTIES'
  | 'INFERRED FROM'
  | 'SELECTED FROM'
  | 'HAS ACQ CONTEXT';

interface ItemBase {
  relationship?: RelationshipType;
  concept: Code;
  children?: ContentItem[];
}

export interface ContainerItem extends ItemBase {
  valueType: 'CONTAINER';
  /** Template identifier for ContentTemplateSequence, e.g. "1500". */
  template?: string;
  children: ContentItem[];
}
export interface TextItem extends ItemBase {
  valueType: 'TEXT';
  text: string;
}
export interface CodeItem extends ItemBase {
  valueType: 'CODE';
  code: Code;
}
export interface NumItem extends ItemBase {
  valueType: 'NUM';
  /** Absent when the measurement has a qualifier instead (e.g. not evaluable). */
  value?: number;
  unit?: Code;
  qualifier?: Code;
}
export interface UidRefItem extends ItemBase {
  valueType: 'UIDREF';
  uid: string;
}
export interface DateItem extends ItemBase {
  valueType: 'DATE';
  /** ISO YYYY-MM-DD (DICOM DA without dashes on the wire). */
  date: string;
}
export interface PersonNameItem extends ItemBase {
  valueType: 'PNAME';
  personName: string;
}
export interface ScoordItem extends Omit<ItemBase, 'concept'> {
  valueType: 'SCOORD';
  concept?: Code;
  graphicType: 'POINT' | 'POLYLINE' | 'MULTIPOINT' | 'CIRCLE' | 'ELLIPSE';
  /** Column/row pairs in image pixels (float32 on the wire). */
  graphicData: number[];
}
export interface ImageItem extends Omit<ItemBase, 'concept'> {
  valueType: 'IMAGE';
  concept?: Code;
  sopClassUid: string;
  sopInstanceUid: string;
  frameNumber?: number;
}

export type ContentItem =
  | ContainerItem
  | TextItem
  | CodeItem
  | NumItem
  | UidRefItem
  | DateItem
  | PersonNameItem
  | ScoordItem
  | ImageItem;

/** "Time Point Order (126073)": how messages name an item. */
export function itemLabel(c: Code | undefined): string {
  return c ? `${c.meaning} (${c.value})` : 'content item';
}

// ---- encode ----

export function codeToDataset(c: Code): NaturalDataset {
  // Code values over 16 characters belong in LongCodeValue (PS3.3 8.8); ours and the standard's are short.
  if (c.value.length > 16) throw new Error(`code value too long for CodeValue: ${c.value}`);
  return { CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning };
}

/**
 * Decimal String holds at most 16 characters; when the shortest exact decimal is longer, PS3.3 C.18.1.1 asks for
 * the exact value in Floating Point Value (0040,A161) as well.
 */
export function formatDecimalString(x: number): { ds: string; exact: boolean } {
  const plain = String(x);
  if (plain.length <= 16 && !plain.includes('e')) return { ds: plain, exact: true };
  for (let digits = 15; digits >= 1; digits--) {
    const s = String(Number(x.toPrecision(digits)));
    if (s.length <= 16) return { ds: s, exact: Number(s) === x };
  }
  throw new Error(`cannot format ${x} as DS`);
}

export function encodeContentItem(item: ContentItem): NaturalDataset {
  const ds: NaturalDataset = {};
  if (item.relationship) ds.RelationshipType = item.relationship;
  ds.ValueType = item.valueType;
  if (item.concept) ds.ConceptNameCodeSequence = [codeToDataset(item.concept)];
  switch (item.valueType) {
    case 'CONTAINER':
      ds.ContinuityOfContent = 'SEPARATE';
      if (item.template) ds.ContentTemplateSequence = [{ MappingResource: 'DCMR', TemplateIdentifier: item.template }];
      break;
    case 'TEXT':
      ds.TextValue = item.text;
      break;
    case 'CODE':
      ds.ConceptCodeSequence = [codeToDataset(item.code)];
      break;
    case 'NUM':
      if (item.value !== undefined) {
        if (!item.unit) throw new Error(`NUM ${itemLabel(item.concept)} without unit`);
        const { ds: text, exact } = formatDecimalString(item.value);
        const mv: NaturalDataset = { NumericValue: text, MeasurementUnitsCodeSequence: [codeToDataset(item.unit)] };
        if (!exact) mv.FloatingPointValue = item.value;
        ds.MeasuredValueSequence = [mv];
      } else {
        ds.MeasuredValueSequence = [];
      }
      if (item.qualifier) ds.NumericValueQualifierCodeSequence = [codeToDataset(item.qualifier)];
      break;
    case 'UIDREF':
      ds.UID = item.uid;
      break;
    case 'DATE':
      ds.Date = item.date.replace(/-/g, '');
      break;
    case 'PNAME':
      ds.PersonName = [{ Alphabetic: item.personName }];
      break;
    case 'SCOORD':
      ds.GraphicType = item.graphicType;
      ds.GraphicData = item.graphicData.slice();
      break;
    case 'IMAGE': {
      const ref: NaturalDataset = {
        ReferencedSOPClassUID: item.sopClassUid,
        ReferencedSOPInstanceUID: item.sopInstanceUid,
      };
      if (item.frameNumber !== undefined) ref.ReferencedFrameNumber = [item.frameNumber];
      ds.ReferencedSOPSequence = [ref];
      break;
    }
  }
  if (item.children && item.children.length > 0) ds.ContentSequence = item.children.map(encodeContentItem);
  return ds;
}

// ---- decode ----

export function asItems(v: unknown): NaturalDataset[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => x !== null && typeof x === 'object') as NaturalDataset[];
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** The first value of an attribute as text (a person name's Alphabetic form); undefined when absent. */
export function text(v: unknown): string | undefined {
  const f = first(v);
  if (f === undefined || f === null) return undefined;
  if (typeof f === 'object' && typeof (f as { Alphabetic?: unknown }).Alphabetic === 'string')
    return (f as { Alphabetic: string }).Alphabetic;
  return String(f);
}

export function codeFromDataset(ds: NaturalDataset | undefined, file: string, where: string): Code {
  const value = text(ds?.CodeValue) ?? text(ds?.LongCodeValue) ?? text(ds?.URNCodeValue);
  const scheme = text(ds?.CodingSchemeDesignator);
  if (!value || !scheme) throw new SrContentError(file, where, 'coded entry without CodeValue or CodingSchemeDesignator');
  return code(value.trim(), scheme.trim(), (text(ds?.CodeMeaning) ?? '').trim());
}

const RELATIONSHIPS = new Set<string>([
  'CONTAINS',
  'HAS OBS CONTEXT',
  'HAS CONCEPT MOD',
  'HAS PROPERTIES',
  'INFERRED FROM',
  'SELECTED FROM',
  'HAS ACQ CONTEXT',
]);

/**
 * Decodes one item and its subtree. Value types we do not model (TIME, DATETIME, COMPOSITE, WAVEFORM,
 * SCOORD3D, TCOORD, by-reference items) come back as null and are reported by the caller as skipped.
 */
export function decodeContentItem(ds: NaturalDataset, file: string, path: string): ContentItem | null {
  const valueType = text(ds.ValueType)?.trim();
  const conceptDs = asItems(ds.ConceptNameCodeSequence)[0];
  const concept = conceptDs ? codeFromDataset(conceptDs, file, `${path} concept name`) : undefined;
  const where = concept ? itemLabel(concept) : path;
  const relText = text(ds.RelationshipType)?.trim();
  const relationship = relText && RELATIONSHIPS.has(relText) ? (relText as RelationshipType) : undefined;
  const children = asItems(ds.ContentSequence)
    .map((c, i) => decodeContentItem(c, file, `${path}.${i + 1}`))
    .filter((c): c is ContentItem => c !== null);
  const base = { relationship, children };
  const needConcept = (): Code => {
    if (!concept) throw new SrContentError(file, path, `${valueType} item without a concept name`);
    return concept;
  };
  // A nested CONTAINER may leave its concept name out (Type 1C, PS3.3 C.17.3): nothing we model, so it is
  // skipped and listed (unmodelledItems), never a reason to refuse the report.
  if (valueType === 'CONTAINER' && !concept && path !== 'root') return null;
  switch (valueType) {
    case 'CONTAINER': {
      const template = text(asItems(ds.ContentTemplateSequence)[0]?.TemplateIdentifier)?.trim();
      return { ...base, valueType, concept: needConcept(), template };
    }
    case 'TEXT':
      return { ...base, valueType, concept: needConcept(), text: text(ds.TextValue) ?? '' };
    case 'CODE': {
      const c = asItems(ds.ConceptCodeSequence)[0];
      if (!c) throw new SrContentError(file, where, 'CODE item without Concept Code Sequence');
      return { ...base, valueType, concept: needConcept(), code: codeFromDataset(c, file, where) };
    }
    case 'NUM': {
      const mv = asItems(ds.MeasuredValueSequence)[0];
      const q = asItems(ds.NumericValueQualifierCodeSequence)[0];
      const item: NumItem = { ...base, valueType, concept: needConcept() };
      if (mv) {
        const fp = first(mv.FloatingPointValue);
        const nv = String(first(mv.NumericValue) ?? '').trim();
        // Number('') is 0: an empty Numeric Value must not read as a zero diameter.
        const raw = typeof fp === 'number' ? fp : nv === '' ? NaN : Number(nv);
        if (!Number.isFinite(raw)) throw new SrContentError(file, where, `Numeric Value is not a number: "${text(mv.NumericValue) ?? ''}"`);
        item.value = raw;
        const unit = asItems(mv.MeasurementUnitsCodeSequence)[0];
        if (!unit) throw new SrContentError(file, where, 'numeric value without Measurement Units Code Sequence');
        item.unit = codeFromDataset(unit, file, `${where} units`);
      }
      if (q) item.qualifier = codeFromDataset(q, file, `${where} qualifier`);
      return item;
    }
    case 'UIDREF':
      return { ...base, valueType, concept: needConcept(), uid: (text(ds.UID) ?? '').trim() };
    case 'DATE': {
      const da = (text(ds.Date) ?? '').trim();
      if (!/^\d{8}$/.test(da)) throw new SrContentError(file, where, `expected a date YYYYMMDD, got "${da}"`);
      return { ...base, valueType, concept: needConcept(), date: `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` };
    }
    case 'PNAME':
      return { ...base, valueType, concept: needConcept(), personName: text(ds.PersonName) ?? '' };
    case 'SCOORD': {
      const gd = ds.GraphicData;
      const data: number[] = Array.isArray(gd) ? gd.map(Number) : ArrayBuffer.isView(gd) ? Array.from(gd as Float32Array) : [];
      const graphicType = (text(ds.GraphicType) ?? '').trim() as ScoordItem['graphicType'];
      return { ...base, valueType, concept, graphicType, graphicData: data };
    }
    case 'IMAGE': {
      const ref = asItems(ds.ReferencedSOPSequence)[0];
      if (!ref) throw new SrContentError(file, where, 'IMAGE item without Referenced SOP Sequence');
      const frame = first(ref.ReferencedFrameNumber);
      return {
        ...base,
        valueType,
        concept,
        sopClassUid: (text(ref.ReferencedSOPClassUID) ?? '').trim(),
        sopInstanceUid: (text(ref.ReferencedSOPInstanceUID) ?? '').trim(),
        frameNumber: frame === undefined || frame === null || frame === '' ? undefined : Number(frame),
      };
    }
    default:
      return null;
  }
}

/** Counts items of a subtree our model does not represent, for the skipped list of a foreign report. */
export function unmodelledItems(ds: NaturalDataset, path: string): string[] {
  const out: string[] = [];
  asItems(ds.ContentSequence).forEach((c, i) => {
    const vt = text(c.ValueType)?.trim();
    const p = `${path}.${i + 1}`;
    const known = ['CONTAINER', 'TEXT', 'CODE', 'NUM', 'UIDREF', 'DATE', 'PNAME', 'SCOORD', 'IMAGE'];
    if (!vt || !known.includes(vt)) out.push(`${p}: ${vt ?? 'by-reference'} item not read`);
    else if (vt === 'CONTAINER' && asItems(c.ConceptNameCodeSequence).length === 0) out.push(`${p}: CONTAINER without a concept name not read`);
    else out.push(...unmodelledItems(c, p));
  });
  return out;
}
