/**
 * `mrecist cohort DIR|FILES... [--json] [--at-days N] [--window-days N] [--criteria NAME] [--figures OUTDIR]`:
 * response per lesion and per patient at a chosen day and overall, ORR and DCR with exact intervals, time to
 * progression. --figures writes waterfall.svg, spider.svg, swimmer.svg, km-ttp.svg and cohort.pdf; --json also
 * carries each figure's data (waterfall, spider, swimmer, kmTtp, perVisit).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors';
import { formatCohortText } from '../../core/criteria/cohort/cohortText';
import { DEFAULT_AT_DAYS, DEFAULT_WINDOW_DAYS, summarizeCohort } from '../../core/criteria/cohort/cohortSummary';
import { cohortFigureData } from '../../core/board/cohortFigures';
import { writeCohortFigures } from '../board/cohortPdf';
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
    .option('--figures <dir>', 'write waterfall.svg, spider.svg, swimmer.svg, km-ttp.svg and cohort.pdf into this folder')
    .option('--json', 'machine-readable output, with each figure\'s data')
    .action(async (paths: string[], options: { atDays?: string; windowDays?: string; criteria?: string; json?: boolean; figures?: string }) => {
      const atDays = options.atDays === undefined ? DEFAULT_AT_DAYS : wholeDays('--at-days', options.atDays);
      const windowDays = options.windowDays === undefined ? DEFAULT_WINDOW_DAYS : wholeDays('--window-days', options.windowDays);
      const criteria = parseCriteriaFlag(options.criteria);
      const files = expandCaseFiles(paths);
      const cases = files.map(loadCaseFile);
      if (criteria) cases.forEach((c, i) => requireCriteriaFields(c, criteria, files[i]));
      const summary = summarizeCohort(cases, { atDays, windowDays, criteria });
      const figures = cohortFigureData(cases, summary, criteria);
      const written = options.figures === undefined ? null : await writeCohortFigures(options.figures, summary, figures, criteria ?? cases[0].criteria);
      if (options.json) {
        printJson({ ...summary, ...figures, ...(written ? { figureFiles: written } : {}) });
        return;
      }
      process.stdout.write(formatCohortText(summary));
      if (written) process.stdout.write(`figures: ${written.files.join(', ')} (cohort.pdf ${written.pdfPages} page(s), ${written.pdfMilliseconds} ms)\n`);
    });
}
