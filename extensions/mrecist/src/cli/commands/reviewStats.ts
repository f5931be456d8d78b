/**
 * `mrecist review-stats LOG [--json]`: the central review's statistics from its audit log (written by
 * `mrecist adjudicate --log`): cases, adjudication rate, endorsements, and per reader the Reader Disagreement
 * Index (core/review/auditLog).
 */
import type { Command } from 'commander';
import { parseAuditLog, reviewStatistics } from '../../core/review/auditLog';
import { textTable } from '../../core/review/textTable';
import { printJson, readInputFile } from '../io';

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);

export function register(program: Command): void {
  program
    .command('review-stats')
    .description('Central review statistics from the audit log: adjudication rate and Reader Disagreement Index')
    .argument('<log>', 'audit log written by `mrecist adjudicate --log`')
    .option('--json', 'machine-readable output')
    .action((logPath: string, o: { json?: boolean }) => {
      const stats = reviewStatistics(parseAuditLog(readInputFile(logPath).toString('utf8'), logPath));
      if (o.json) {
        printJson(stats);
        return;
      }
      const lines = [
        `${stats.cases} case(s); adjudication needed in ${stats.adjudicationNeeded} (${pct(stats.adjudicationRate)}); endorsed ${stats.endorsed}`,
        '',
        ...textTable(
          ['reader', 'cases', 'adjudicated', 'other read endorsed', 'disagreement index'],
          stats.readers.map((r) => [r.reader, String(r.cases), String(r.adjudicated), String(r.otherEndorsed), pct(r.disagreementIndex)]),
        ),
        '',
      ];
      process.stdout.write(lines.join('\n'));
    });
}
