/**
 * `mrecist cohort DIR|FILES... [--json] [--at-days N] [--window-days N] [--criteria NAME]`: response per lesion
 * and per patient at a chosen day and overall, ORR and DCR with exact intervals, time to progression.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors';
import { formatCohortText } from '../../core/criteria/cohort/cohortText';
import { DEFAULT_AT_DAYS, DEFAULT_WINDOW_DAYS, summarizeCohort } from '../../core/criteria/cohort/cohortSummary';
import { printJson } from '../io';
import { requireCriteriaFields } from '../../core/criteria/parseCaseFile';
import { loadCaseFile, parseCriteriaFlag } from './assess';

/** Directories expand to their *.json files (sorted, not recursive); files are taken as given. */
export function expandCaseFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(path, 'file', 'no such file or directory');
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    const inside = readdirSync(path).filter((name) => name.endsWith('.json')).sort();
    if (inside.length === 0) throw new UsageError(path, 'directory', 'holds no .json case files');
    files.push(...inside.map((name) => join(path, name)));
  }
  return files;
}

function wholeDays(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(flag, 'value', `expected a whole number of days, got "${text}"`);
  return Number(text);
}

export function register(program: Command): void {
  program
    .command('cohort')
    .description('Cohort response statistics over case files: per lesion, per patient, ORR/DCR with exact CIs, TTP')
    .argument('<paths...>', 'case files or directories of case files')
    .option('--at-days <n>', `report the response nearest this day from baseline (default ${DEFAULT_AT_DAYS})`)
    .option('--window-days <n>', `accept an assessment this many days either side (default ${DEFAULT_WINDOW_DAYS})`)
    .option('--criteria <name>', "override each file's criteria")
    .option('--json', 'machine-readable output')
    .action((paths: string[], options: { atDays?: string; windowDays?: string; criteria?: string; json?: boolean }) => {
      const atDays = options.atDays === undefined ? DEFAULT_AT_DAYS : wholeDays('--at-days', options.atDays);
      const windowDays = options.windowDays === undefined ? DEFAULT_WINDOW_DAYS : wholeDays('--window-days', options.windowDays);
      const criteria = parseCriteriaFlag(options.criteria);
      const files = expandCaseFiles(paths);
      const cases = files.map(loadCaseFile);
      if (criteria) cases.forEach((c, i) => requireCriteriaFields(c, criteria, files[i]));
      const summary = summarizeCohort(cases, { atDays, windowDays, criteria });
      if (options.json) printJson(summary);
      else process.stdout.write(formatCohortText(summary));
    });
}
