/**
 * `mrecist adjudicate READ_A READ_B [--criteria NAME] [--variables LIST] [--window DAYS] [--json]
 *   [--log FILE [--endorse A|B --reason TEXT --adjudicator NAME [--amend REASON]]]`: blinded central review's
 * adjudication trigger. Each read is a case file or one of our SRs; both are assessed under the same criterion
 * and the charter's variables compared (core/review/adjudication). Exit 0 either way: the answer is in the
 * output ("adjudicationNeeded" in the JSON). --log appends the comparison to the review's hash-chained audit
 * log (one JSON line, with both files' SHA-256); with --endorse, the adjudicator's choice and reason. A case
 * endorsed already is endorsed again only as an amendment with its reason (core/review/auditLog).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CaseFile } from '../../core/criteria/types';
import { UsageError } from '../../core/errors';
import { checkAdjudication, REVIEW_VARIABLES, type ReviewVariable } from '../../core/review/adjudication';
import { adjudicationText } from '../../core/review/adjudicationText';
import { adjudicationRecord, auditAppendText, parseAuditLog, type AuditRecord } from '../../core/review/auditLog';
import { readSr } from '../../core/sr/srFromCaseFile';
import { isDicomFile, printJson, readInputFile, sha256Hex } from '../io';
import { loadCaseFile, parseCriteriaFlag } from './assess';

const SHORT_NAMES: Record<string, ReviewVariable> = { bor: 'bestOverallResponse', pd: 'progressionDate', response: 'responseDate' };

function loadRead(path: string): { caseFile: CaseFile; sha256: string } {
  const bytes = readInputFile(path);
  const sha256 = sha256Hex(bytes);
  return { caseFile: isDicomFile(bytes) ? readSr(bytes, path).caseFile : loadCaseFile(path), sha256 };
}

interface AdjudicateFlags {
  criteria?: string;
  variables?: string;
  window?: string;
  json?: boolean;
  log?: string;
  endorse?: string;
  reason?: string;
  adjudicator?: string;
  amend?: string;
}

/** The log's text, '' for a file not there yet; an unreadable file is a usage error naming it. */
function readLogText(path: string, flag: string): string {
  if (!existsSync(path)) return '';
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(flag, path, `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Appends one record to the audit log at `path`, chained to its last line. Only a file that verifies as an
 * audit log is appended to (the error names its first broken line); a lost final newline is put back first.
 * Used by this command and by the review server.
 */
export function appendToAuditLog(path: string, record: AuditRecord, flag = '--log'): void {
  const text = auditAppendText(readLogText(path, flag), path, record);
  try {
    appendFileSync(path, text);
  } catch (e) {
    throw new UsageError(flag, path, `cannot append (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function endorsementOf(o: AdjudicateFlags): { read: 'A' | 'B'; reason: string; adjudicator: string } | undefined {
  if (o.endorse === undefined) {
    if (o.reason !== undefined || o.adjudicator !== undefined || o.amend !== undefined)
      throw new UsageError('--endorse', 'value', 'missing: --reason, --adjudicator and --amend go with --endorse A|B');
    return undefined;
  }
  const read = o.endorse.trim().toUpperCase();
  if (read !== 'A' && read !== 'B') throw new UsageError('--endorse', 'value', `expected A or B, got "${o.endorse}"`);
  if (!o.log) throw new UsageError('--log', 'value', 'missing: an endorsement is recorded in the audit log');
  return { read, reason: o.reason ?? '', adjudicator: o.adjudicator ?? '' };
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
    .option('--log <file>', 'append this comparison to the review audit log (JSON lines)')
    .option('--endorse <read>', "the adjudicator's choice, A or B (needs --log, --reason, --adjudicator)")
    .option('--reason <text>', 'why the endorsed read was chosen (a reason code or words)')
    .option('--adjudicator <name>', 'who endorses')
    .option('--amend <reason>', 'replace an earlier endorsement of the case, for this reason (recorded as an amendment)')
    .action((pathA: string, pathB: string, o: AdjudicateFlags) => {
      const endorsement = endorsementOf(o);
      const a = loadRead(pathA), b = loadRead(pathB);
      const check = checkAdjudication(
        { source: pathA, caseFile: a.caseFile },
        { source: pathB, caseFile: b.caseFile },
        { criteria: parseCriteriaFlag(o.criteria), variables: parseVariables(o.variables), dateWindowDays: parseWindow(o.window) },
      );
      if (o.log) {
        const previous = parseAuditLog(readLogText(o.log, '--log'), o.log).records;
        const record = adjudicationRecord(check, [a.sha256, b.sha256], new Date().toISOString(), { endorsement, previous, amendmentReason: o.amend });
        appendToAuditLog(o.log, record);
      }
      if (o.json) printJson(check);
      else process.stdout.write(adjudicationText(check) + (endorsement ? `Endorsed read ${endorsement.read} (${check.reads[endorsement.read === 'A' ? 0 : 1].reader}): ${endorsement.reason}; recorded in ${o.log}\n` : ''));
    });
}
