/**
 * The responses the panel shows after every edit: the read assessed under each criterion, the read's own
 * criterion first. A read in progress may not be assessable yet (a target without its baseline value, EASL
 * without perpendiculars); that is shown as the criteria engine's one-line reason, never as a guessed response.
 */
import { assess } from '../criteria/assess';
import { baselineWarnings } from '../criteria/baselineWarnings';
import { parseCaseFile } from '../criteria/parseCaseFile';
import { CRITERIA_NAMES, type Assessment, type BaselineWarning, type CaseFile, type CriteriaName } from '../criteria/types';
import { InputError } from '../errors';
import { assessabilityHint } from './assessabilityHint';

export type CriterionResult =
  | { readonly criteria: CriteriaName; readonly assessment: Assessment; readonly error?: undefined; readonly hint?: undefined }
  /** `hint`: what to draw, in the reader's terms, when the engine's message names a missing line. */
  | { readonly criteria: CriteriaName; readonly assessment?: undefined; readonly error: string; readonly hint?: string };

export interface LiveResponses {
  readonly results: readonly CriterionResult[];
  /** Baseline-rule warnings under the read's criterion, by lesion id ('' for read-wide ones). */
  readonly warnings: ReadonlyMap<string, readonly BaselineWarning[]>;
}

function attempt<T>(run: () => T): { value: T } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    if (error instanceof InputError) return { error: error.message };
    throw error;
  }
}

function withHint(hint: string | null): { hint?: string } {
  return hint ? { hint } : {};
}

export function liveResponses(read: CaseFile): LiveResponses {
  const order = [read.criteria, ...CRITERIA_NAMES.filter((c) => c !== read.criteria)];
  const parsed = attempt(() => parseCaseFile(read, 'read'));
  const results = order.map((criteria): CriterionResult => {
    const failed = (error: string): CriterionResult => ({ criteria, error, ...withHint(assessabilityHint(read, criteria, error)) });
    if ('error' in parsed) return failed(parsed.error);
    const outcome = attempt(() => assess(parsed.value, criteria));
    return 'error' in outcome ? failed(outcome.error) : { criteria, assessment: outcome.value };
  });
  const warnings = new Map<string, BaselineWarning[]>();
  // The baseline rules look at baseline values: a target not yet measured there has none to check.
  const baselineId = read.timepoints.find((t) => t.baseline)?.id ?? '';
  const measured = read.lesions.filter((l) => l.role !== 'target' || l.measurements[baselineId] !== undefined);
  const listed = attempt(() => baselineWarnings({ ...read, lesions: measured }));
  if ('value' in listed) {
    for (const warning of listed.value) {
      const key = warning.lesionId ?? '';
      warnings.set(key, [...(warnings.get(key) ?? []), warning]);
    }
  }
  return { results, warnings };
}
