/**
 * `mrecist review-stats LOG [--json]`: verifies the review's hash-chained audit log (written by the review
 * server and `mrecist adjudicate --log`) and gives its statistics: cases, adjudication rate, endorsements,
 * disagreement per charter variable, and per reader the Reader Disagreement Index (core/review). A log that
 * fails verification exits 2 naming its first broken line.
 */
import type { Command } from 'commander';
import { parseAuditLog } from '../../core/review/auditLog';
import { reviewStatistics, type ReviewStatistics } from '../../core/review/reviewStatistics';
import { textTable } from '../../core/review/textTable';
import { printJson, readInputFile } from '../io';

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);

const VARIABLE_LABELS: Readonly<Record<string, string>> = {
  bestOverallResponse: 'best overall response',
  progressionDate: 'progression date',
  responseDate: 'response date',
};

/** The statistics as the plain-text report `review-stats` prints. */
export function reviewStatisticsText(stats: ReviewStatistics): string[] {
  return [
    `${stats.cases} case(s); adjudication needed in ${stats.adjudicationNeeded} (${pct(stats.adjudicationRate)}); endorsed ${stats.endorsed}`,
    '',
    ...textTable(
      ['reader', 'cases', 'adjudicated', 'other read endorsed', 'disagreement index'],
      stats.readers.map((r) => [r.reader, String(r.cases), String(r.adjudicated), String(r.otherEndorsed), pct(r.disagreementIndex)]),
    ),
    '',
    ...textTable(
      ['variable', 'cases differing', 'rate'],
      stats.variables.map((v) => [VARIABLE_LABELS[v.variable] ?? v.variable, String(v.cases), pct(v.rate)]),
    ),
  ];
}

export function register(program: Command): void {
  program
    .command('review-stats')
    .description('Verify the review audit log (hash chain) and give its statistics: adjudication rate, Reader Disagreement Index')
    .argument('<log>', 'audit log written by the review server or `mrecist adjudicate --log`')
    .option('--json', 'machine-readable output')
    .action((logPath: string, o: { json?: boolean }) => {
      const log = parseAuditLog(readInputFile(logPath).toString('utf8'), logPath);
      const stats = reviewStatistics(log);
      const chain = { verified: true, lines: log.records.length, head: log.head };
      if (o.json) {
        printJson({ chain, ...stats });
        return;
      }
      const lines = [`${logPath}: chain verified, ${chain.lines} line(s), head ${chain.head}`, ...reviewStatisticsText(stats), ''];
      process.stdout.write(lines.join('\n'));
    });
}
