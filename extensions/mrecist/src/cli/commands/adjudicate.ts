/**
 * `mrecist adjudicate READ_A READ_B [--criteria NAME] [--variables LIST] [--window DAYS] [--json]`: blinded
 * central review's adjudication trigger. Each read is a case file or one of our SRs; both are assessed under the
 * same criterion and the charter's variables compared (core/review/adjudication). Exit 0 either way: the answer
 * is in the output ("adjudicationNeeded" in the JSON).
 */
import type { Command } from 'commander';
import type { CaseFile } from '../../core/criteria/types';
import { UsageError } from '../../core/errors';
import { checkAdjudication, REVIEW_VARIABLES, type ReviewVariable } from '../../core/review/adjudication';
import { adjudicationText } from '../../core/review/adjudicationText';
import { readSr } from '../../core/sr/srFromCaseFile';
import { isDicomFile, printJson, readInputFile } from '../io';
import { loadCaseFile, parseCriteriaFlag } from './assess';

const SHORT_NAMES: Record<string, ReviewVariable> = { bor: 'bestOverallResponse', pd: 'progressionDate', response: 'responseDate' };

function loadRead(path: string): CaseFile {
  const bytes = readInputFile(path);
  return isDicomFile(bytes) ? readSr(bytes, path).caseFile : loadCaseFile(path);
}

function parseVariables(value: string | undefined): ReviewVariable[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((raw) => {
    const name = raw.trim();
    const variable = SHORT_NAMES[name] ?? (REVIEW_VARIABLES as readonly string[]).find((v) => v === name);
    if (!variable) throw new UsageError('--variables', 'value', `unknown variable "${name}" (expected bor, pd, response)`);
    return variable as ReviewVariable;
  });
}

function parseWindow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(days)) throw new UsageError('--window', 'value', `expected a whole number of days, got "${value}"`);
  return days;
}

export function register(program: Command): void {
  program
    .command('adjudicate')
    .description("Compare two readers' reads of one patient (central review): does the case need an adjudicator?")
    .argument('<readA>', 'first read: case file (JSON) or SR')
    .argument('<readB>', 'second read: case file (JSON) or SR')
    .option('--criteria <name>', "criterion both reads are assessed under (default: read A's)")
    .option('--variables <list>', 'charter variables compared, comma-separated: bor, pd, response (default: all)')
    .option('--window <days>', 'dates this many days apart or fewer agree (default 0: the same scan)')
    .option('--json', 'machine-readable output')
    .action((pathA: string, pathB: string, o: { criteria?: string; variables?: string; window?: string; json?: boolean }) => {
      const check = checkAdjudication(
        { source: pathA, caseFile: loadRead(pathA) },
        { source: pathB, caseFile: loadRead(pathB) },
        { criteria: parseCriteriaFlag(o.criteria), variables: parseVariables(o.variables), dateWindowDays: parseWindow(o.window) },
      );
      if (o.json) printJson(check);
      else process.stdout.write(adjudicationText(check));
    });
}
