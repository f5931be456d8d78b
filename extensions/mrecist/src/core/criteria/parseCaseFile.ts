/**
 * Reads a case file (schema version 1, response-criteria.md section 7): JSON Schema first
 * (schemas/case-file.v1.schema.json, compiled ahead of time by ajv: caseFileSchemaValidator.generated.ts), then
 * the cross-field rules a schema cannot say. Every
 * failure is a CriteriaInputError with one line naming the file and the field path, e.g.
 *   case.json: lesions[0].measurements.M9: unknown timepoint id "M9"
 */
import type { ErrorObject } from 'ajv';
import { validate as validateGenerated } from './caseFileSchemaValidator.generated';
import { CriteriaInputError } from '../errors';
import { epochDay } from './calendarDate';
import { rememberCaseFileSource } from './caseFileSource';
import { describe, resolveCharter } from './charter';
import { checkLiradsTrTimepoints } from './liradsTrCaseFile';
import type { CaseFile, Lesion, NewLesion, NonTargetLesion, TargetLesion } from './types';
import { CRITERIA_NAMES, isNotEvaluable } from './types';

/** The schema's validation code, generated from the schema (scripts/schema/caseFileValidator.ts). */
interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
const validateSchema = validateGenerated as SchemaValidator;

/**
 * `completeness: 'draft'` accepts a read still in progress (the viewer's stored draft): a target not yet
 * measured at the baseline, a new lesion not yet assessed where it appears. Every other rule still applies.
 */
export function parseCaseFile(input: unknown, source: string, completeness: 'complete' | 'draft' = 'complete'): CaseFile {
  checkDepth(input, source);
  const json = withReaderObject(input);
  if (!validateSchema(json)) throw schemaError(validateSchema.errors?.[0], json, source);
  const caseFile = json as CaseFile;
  checkTimepoints(caseFile, source);
  checkLesions(caseFile, source, completeness === 'draft');
  requireCriteriaFields(caseFile, caseFile.criteria, source);
  checkLiradsTrTimepoints(caseFile, source);
  resolveCharter(caseFile.options, caseFile.criteria, source);
  rememberCaseFileSource(caseFile, source);
  return caseFile;
}

/**
 * Deepest nesting a case file needs is 8 (lesions[i].measurements.T.graphics.field.points[j][k]); 32 leaves
 * room for unknown fields while keeping every recursive walk over the file (encoders, copies) shallow.
 */
export const MAX_CASE_FILE_DEPTH = 32;

/** Refuses JSON nested deeper than MAX_CASE_FILE_DEPTH, iteratively (the file cannot control our stack). */
export function checkDepth(json: unknown, source: string): void {
  const stack: [unknown, number][] = [[json, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_CASE_FILE_DEPTH) throw new CriteriaInputError(source, 'document', `nested deeper than ${MAX_CASE_FILE_DEPTH} levels`);
    for (const child of Object.values(node as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
}

/** `"reader": "Smith^Jane"` is the reader's name; the object form is what the rest of the code sees. */
function withReaderObject(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const reader = (json as Record<string, unknown>).reader;
  return typeof reader === 'string' ? { ...(json as Record<string, unknown>), reader: { name: reader } } : json;
}

/**
 * Fields a criterion uses are required under it, and optional under the others: typicalHCC (arterial
 * hyperenhancement with washout) decides intrahepatic new lesions under mRECIST and EASL only. Called for the
 * file's own criteria here, and by callers that assess under another (`assess --criteria`).
 */
export function requireCriteriaFields(caseFile: CaseFile, criteria: CaseFile['criteria'], source: string): void {
  if (criteria === 'recist1.1') return;
  caseFile.lesions.forEach((lesion, i) => {
    if (lesion.role !== 'new') return;
    for (const [key, a] of Object.entries(lesion.assessments))
      if (typeof a.typicalHCC !== 'boolean')
        throw new CriteriaInputError(source, `lesions[${i}].assessments.${key}.typicalHCC`, `required under ${criteria} (true or false)`);
  });
}

/** "/lesions/0/measurements/M9" -> "lesions[0].measurements.M9" */
export function fieldPath(pointer: string): string {
  if (pointer === '') return 'document';
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}


/** What each pattern of the case-file schema means, for the one-line error (keyed by the pattern itself). */
const PATTERN_MEANING: Readonly<Record<string, string>> = {
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'a date YYYY-MM-DD',
  '^([01][0-9]|2[0-3])([0-5][0-9]([0-5][0-9](\\.[0-9]{1,6})?)?)?$': 'a DICOM time HHMMSS[.ffffff]',
  '^[^\\\\\\u0000-\\u001f]*$': 'text without backslashes or control characters',
};

function schemaError(error: ErrorObject | undefined, json: unknown, source: string): CriteriaInputError {
  if (!error) return new CriteriaInputError(source, 'document', 'does not match case-file schema version 1');
  const value = valueAt(json, error.instancePath);
  const field = fieldPath(error.instancePath);
  const at = (child: string) => (field === 'document' ? child : `${field}.${child}`);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return new CriteriaInputError(source, at(String(params.missingProperty)), 'required field missing');
    case 'type': {
      const expected = params.type === 'object' && field === 'document' ? 'a JSON object' : `of type ${String(params.type)}`;
      const problem =
        params.type === 'number' ? 'must be a number' : params.type === 'integer' ? 'must be a whole number' : `must be ${expected}`;
      return new CriteriaInputError(source, field, `${problem}, got ${describe(value)}`);
    }
    case 'enum':
      if (field === 'criteria') {
        return new CriteriaInputError(
          source,
          field,
          `unknown criteria ${describe(value)} (expected ${CRITERIA_NAMES.join(', ')})`,
        );
      }
      return new CriteriaInputError(
        source,
        field,
        `must be one of ${(params.allowedValues as unknown[]).join(', ')}, got ${describe(value)}`,
      );
    case 'pattern':
      return new CriteriaInputError(source, field, `must be ${PATTERN_MEANING[String(params.pattern)] ?? `like ${String(params.pattern)}`}, got ${describe(value)}`);
    case 'const':
      return new CriteriaInputError(source, field, `must be ${JSON.stringify(params.allowedValue)}, got ${describe(value)}`);
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
      return new CriteriaInputError(source, field, `must be ${params.comparison} ${params.limit}, got ${describe(value)}`);
    case 'minLength':
      return new CriteriaInputError(source, field, 'must not be empty');
    case 'minItems':
      return new CriteriaInputError(source, field, `needs at least ${params.limit} item(s)`);
    case 'additionalProperties':
      return new CriteriaInputError(source, at(String(params.additionalProperty)), 'unknown field');
    default:
      return new CriteriaInputError(source, field, error.message ?? 'does not match case-file schema version 1');
  }
}

function checkTimepoints(caseFile: CaseFile, source: string): void {
  const seen = new Set<string>();
  let baselineIndex = -1;
  caseFile.timepoints.forEach((tp, i) => {
    if (seen.has(tp.id)) throw new CriteriaInputError(source, `timepoints[${i}].id`, `duplicate timepoint id "${tp.id}"`);
    seen.add(tp.id);
    if (epochDay(tp.date) === null) {
      throw new CriteriaInputError(source, `timepoints[${i}].date`, `not a calendar date: "${tp.date}"`);
    }
    if (tp.baseline === true) {
      if (baselineIndex >= 0) {
        throw new CriteriaInputError(
          source,
          `timepoints[${i}].baseline`,
          `a second baseline ("${caseFile.timepoints[baselineIndex].id}" is one); exactly one timepoint must be the baseline`,
        );
      }
      baselineIndex = i;
    }
  });
  if (baselineIndex < 0) {
    throw new CriteriaInputError(source, 'timepoints', 'no baseline timepoint; exactly one needs "baseline": true');
  }
  const baselineDay = epochDay(caseFile.timepoints[baselineIndex].date) as number;
  caseFile.timepoints.forEach((tp, i) => {
    if (i !== baselineIndex && (epochDay(tp.date) as number) <= baselineDay) {
      throw new CriteriaInputError(
        source,
        `timepoints[${i}].date`,
        `${tp.date} is not after the baseline date ${caseFile.timepoints[baselineIndex].date}`,
      );
    }
  });
}

function checkLesions(caseFile: CaseFile, source: string, draft: boolean): void {
  const timepointIds = new Set(caseFile.timepoints.map((tp) => tp.id));
  const baseline = caseFile.timepoints.find((tp) => tp.baseline === true)!;
  const dayOf = new Map(caseFile.timepoints.map((tp) => [tp.id, epochDay(tp.date) as number]));
  const seen = new Set<string>();
  const knownKeys = (path: string, record: Record<string, unknown>) => {
    for (const key of Object.keys(record)) {
      if (!timepointIds.has(key)) throw new CriteriaInputError(source, `${path}.${key}`, `unknown timepoint id "${key}"`);
    }
  };
  caseFile.lesions.forEach((lesion: Lesion, i) => {
    const path = `lesions[${i}]`;
    if (seen.has(lesion.id)) throw new CriteriaInputError(source, `${path}.id`, `duplicate lesion id "${lesion.id}"`);
    seen.add(lesion.id);
    if (lesion.role === 'target') checkTarget(lesion, `${path}.measurements`, baseline.id, knownKeys, source, draft);
    else if (lesion.role === 'nonTarget') knownKeys(`${path}.status`, (lesion as NonTargetLesion).status);
    else checkNewLesion(lesion, path, baseline.id, dayOf, knownKeys, source, draft);
  });
}

function checkTarget(
  lesion: TargetLesion,
  path: string,
  baselineId: string,
  knownKeys: (path: string, record: Record<string, unknown>) => void,
  source: string,
  draft: boolean,
): void {
  knownKeys(path, lesion.measurements);
  const atBaseline = lesion.measurements[baselineId];
  if (draft) return;
  if (atBaseline === undefined || isNotEvaluable(atBaseline)) {
    throw new CriteriaInputError(source, `${path}.${baselineId}`, 'a target lesion needs a measurement at the baseline');
  }
}

function checkNewLesion(
  lesion: NewLesion,
  path: string,
  baselineId: string,
  dayOf: Map<string, number>,
  knownKeys: (path: string, record: Record<string, unknown>) => void,
  source: string,
  draft: boolean,
): void {
  if (!dayOf.has(lesion.appearsAt)) {
    throw new CriteriaInputError(source, `${path}.appearsAt`, `unknown timepoint id "${lesion.appearsAt}"`);
  }
  if (lesion.appearsAt === baselineId) {
    throw new CriteriaInputError(source, `${path}.appearsAt`, 'a new lesion cannot appear at the baseline');
  }
  knownKeys(`${path}.assessments`, lesion.assessments);
  const firstDay = dayOf.get(lesion.appearsAt) as number;
  for (const [key, assessment] of Object.entries(lesion.assessments)) {
    if ((dayOf.get(key) as number) < firstDay) {
      throw new CriteriaInputError(
        source,
        `${path}.assessments.${key}`,
        `dated before the lesion's first appearance "${lesion.appearsAt}"`,
      );
    }
    if (lesion.node === true && assessment.shortAxisMm === undefined) {
      throw new CriteriaInputError(
        source,
        `${path}.assessments.${key}.shortAxisMm`,
        'required for a new lymph node (node: true): nodes qualify by short axis',
      );
    }
  }
  if (!draft && lesion.assessments[lesion.appearsAt] === undefined) {
    throw new CriteriaInputError(
      source,
      `${path}.assessments.${lesion.appearsAt}`,
      'missing: a new lesion needs an assessment at the timepoint where it appears',
    );
  }
}
