/**
 * `mrecist assess CASE.json [--criteria mrecist|recist1.1|easl] [--json]`: response assessment of one case
 * file (response-criteria.md section 7). Without --json a readable table with the decision trail.
 */
import type { Command } from 'commander';
import { CriteriaInputError, UsageError } from '../../core/errors';
import { assess } from '../../core/criteria/assess';
import { formatAssessmentText } from '../../core/criteria/assessmentText';
import { resolveCharter } from '../../core/criteria/charter';
import { parseCaseFile, requireCriteriaFields } from '../../core/criteria/parseCaseFile';
import type { CaseFile, CriteriaName } from '../../core/criteria/types';
import { CRITERIA_NAMES } from '../../core/criteria/types';
import { printJson, readTextFile } from '../io';
import { LIRADS_TR, printLiradsTr } from './liradsTrOutput';

/** Reads and validates a case file; every failure is one line naming the file and field. */
export function loadCaseFile(path: string): CaseFile {
  const text = readTextFile(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CriteriaInputError(path, 'document', `invalid JSON (${(e as Error).message})`);
  }
  return parseCaseFile(json, path);
}

/** Validates a --criteria value. */
export function parseCriteriaFlag(value: string | undefined): CriteriaName | undefined {
  if (value === undefined) return undefined;
  if (!CRITERIA_NAMES.includes(value as CriteriaName)) {
    throw new UsageError('--criteria', 'value', `unknown criteria "${value}" (expected ${CRITERIA_NAMES.join(', ')})`);
  }
  return value as CriteriaName;
}

export function register(program: Command): void {
  program
    .command('assess')
    .description('Classify response per timepoint and overall for one case file, with the decision trail')
    .argument('<case>', 'case file (JSON, schema version 1)')
    .option('--criteria <name>', `override the file's criteria: ${CRITERIA_NAMES.join(', ')}; or ${LIRADS_TR} (LI-RADS CT/MRI Treatment Response per treated lesion)`)
    .option('--json', 'machine-readable output')
    .option('--csv', `with --criteria ${LIRADS_TR}: CSV, one row per lesion and timepoint`)
    .action((casePath: string, options: { criteria?: string; json?: boolean; csv?: boolean }) => {
      if (options.criteria === LIRADS_TR) return printLiradsTr(loadCaseFile(casePath), options.json, options.csv);
      if (options.csv) throw new UsageError('--csv', 'value', `only with --criteria ${LIRADS_TR} (response CSV: mrecist export)`);
      const criteriaOverride = parseCriteriaFlag(options.criteria);
      const caseFile = loadCaseFile(casePath);
      const criteria = criteriaOverride ?? caseFile.criteria;
      requireCriteriaFields(caseFile, criteria, casePath);
      const assessment = assess(caseFile, criteria);
      if (options.json) {
        printJson(assessment);
        return;
      }
      process.stdout.write(
        formatAssessmentText(caseFile.patientId, assessment, resolveCharter(caseFile.options, criteria, casePath)),
      );
    });
}
