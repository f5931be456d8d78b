/**
 * Charter options (response-criteria.md section 6) as data with their defaults, validated on load.
 * A blinded central review fixes these in its charter; the case file may carry them under `options`.
 */
import { CriteriaInputError } from '../errors';
import type { CharterOptions, CriteriaName, PatchyEnhancementMethod } from './types';
import { PATCHY_ENHANCEMENT_METHODS } from './types';

export type ResolvedCharter = Required<CharterOptions>;

/** Default PD floor over the nadir: 5 mm under RECIST 1.1 (Eisenhauer 2009); none in the mRECIST 2010 text. */
export function defaultAbsoluteIncreaseMm(criteria: CriteriaName): number {
  return criteria === 'recist1.1' ? 5 : 0;
}

export const DEFAULT_CHARTER: Omit<ResolvedCharter, 'absoluteIncreaseMm'> = Object.freeze({
  requireConfirmation: false,
  confirmationMinDays: 28,
  minStableDiseaseDays: 42,
  patchyEnhancementMethod: 'longestContinuousSegment' as PatchyEnhancementMethod,
});

/**
 * Fills defaults and validates every option. `source` names the file in errors; fields are reported as
 * `options.<name>`. Unknown option names are ignored, like unknown fields elsewhere in the case file.
 */
export function resolveCharter(options: unknown, criteria: CriteriaName, source: string): ResolvedCharter {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new CriteriaInputError(source, 'options', `must be an object, got ${describe(options)}`);
  }
  const given = (options ?? {}) as Record<string, unknown>;
  const fail = (name: string, problem: string): never => {
    throw new CriteriaInputError(source, `options.${name}`, `${problem}, got ${describe(given[name])}`);
  };

  const requireConfirmation = given.requireConfirmation ?? DEFAULT_CHARTER.requireConfirmation;
  if (typeof requireConfirmation !== 'boolean') fail('requireConfirmation', 'must be true or false');

  const wholeDays = (name: 'confirmationMinDays' | 'minStableDiseaseDays'): number => {
    const value = given[name] ?? DEFAULT_CHARTER[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      fail(name, 'must be a whole number of days, 0 or more');
    }
    return value as number;
  };
  const confirmationMinDays = wholeDays('confirmationMinDays');
  const minStableDiseaseDays = wholeDays('minStableDiseaseDays');

  const absoluteIncreaseMm = given.absoluteIncreaseMm ?? defaultAbsoluteIncreaseMm(criteria);
  if (typeof absoluteIncreaseMm !== 'number' || !Number.isFinite(absoluteIncreaseMm) || absoluteIncreaseMm < 0) {
    fail('absoluteIncreaseMm', 'must be a number of mm, 0 or more');
  }

  const patchyEnhancementMethod = given.patchyEnhancementMethod ?? DEFAULT_CHARTER.patchyEnhancementMethod;
  if (!PATCHY_ENHANCEMENT_METHODS.includes(patchyEnhancementMethod as PatchyEnhancementMethod)) {
    fail('patchyEnhancementMethod', `must be one of ${PATCHY_ENHANCEMENT_METHODS.join(', ')}`);
  }

  return Object.freeze({
    requireConfirmation: requireConfirmation as boolean,
    confirmationMinDays,
    minStableDiseaseDays,
    absoluteIncreaseMm: absoluteIncreaseMm as number,
    patchyEnhancementMethod: patchyEnhancementMethod as PatchyEnhancementMethod,
  });
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
