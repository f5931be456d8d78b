/**
 * `mrecist export CASE.json|SR.dcm --format csv|sdtm|sr --out DIR|FILE [--deidentify --key KEYFILE]
 *   [--study-id STUDYID] [--criteria LIST] [--date-shift-days N] [--accepted | --accepted-from LOG] [--method CT|MRI]
 *   [--visits FILE] [--ref-date YYYY-MM-DD]`
 * --visits maps timepoints to VISITNUM/VISIT/EPOCH (CSV "timepoint,VISITNUM,VISIT,EPOCH"); --ref-date is RFSTDTC
 * for --DY (shifted with the dates under --deidentify, so study days are unchanged).
 * --accepted-from takes the adjudicator's endorsement from the review's audit log (`mrecist adjudicate --log`),
 * matching this file by its SHA-256: Y for the endorsed read, N for the other.
 * csv: one file (FILE, or DIR/<patient>.csv). sdtm: DIR/tu.csv, tr.csv, rs.csv, supptu.csv, supptr.csv. sr: a de-identified copy of an
 * SR (needs --deidentify). An SR input exports the responses as recorded in it; a case file's come from assess.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors';
import type { CaseFile, CriteriaName } from '../../core/criteria/types';
import { CRITERIA_NAMES } from '../../core/criteria/types';
import { decodeDicom, encodeDicom } from '../../core/dicom/DicomDataset';
import { newUid } from '../../core/dicom/uid';
import { exportCsv } from '../../core/export/csv';
import { deidentifyCaseFile, deidentifyResponses, idMaps, parsePseudonymKey, shiftIsoDate, UidMap, type DeidentifyOptions } from '../../core/export/deidentify';
import { deidentifySrDataset } from '../../core/export/deidentifySr';
import { responsesFor, type ExportInput } from '../../core/export/exportInput';
import { sdtmContext } from '../../core/export/sdtm/sdtmContext';
import { csvText } from '../../core/export/csvText';
import { sdtmDatasets } from '../../core/export/sdtm/datasets';
import { xptBytes } from '../../core/export/sdtm/xpt';
import { defineXml, labelsOf } from '../../core/export/sdtm/defineXml';
import { checkReferenceDate, parseVisitSchedule, scheduleFor } from '../../core/export/sdtm/visitSchedule';
import { endorsedInLog, parseAuditLog } from '../../core/review/auditLog';
import { decodeMeasurementReport } from '../../core/sr/decodeMeasurementReport';
import { isDicomFile, readInputFile, sha256Hex } from '../io';
import { terminalText } from '../terminalText';
import { checkOutput, FORCE_HELP, writeOutput, type OutputPolicy } from '../output';
import { loadCaseFile } from './assess';

interface ExportFlags {
  format: string;
  out: string;
  deidentify?: boolean;
  key?: string;
  studyId?: string;
  criteria?: string;
  dateShiftDays?: string;
  accepted?: boolean;
  acceptedFrom?: string;
  method?: string;
  force?: boolean;
  keepText?: boolean;
  visits?: string;
  refDate?: string;
  xpt?: boolean;
}


function outDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError('--out', dir, `cannot create folder (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return dir;
}

function deidentifyOptions(f: ExportFlags): DeidentifyOptions | undefined {
  if (!f.deidentify) {
    if (f.key) throw new UsageError('--key', 'value', 'only with --deidentify');
    if (f.keepText) throw new UsageError('--keep-text', 'value', 'only with --deidentify');
    return undefined;
  }
  if (!f.key) throw new UsageError('--key', 'value', 'required with --deidentify (CSV lines "originalId,pseudonym")');
  const days = f.dateShiftDays === undefined ? 0 : Number(f.dateShiftDays);
  if (!Number.isInteger(days)) throw new UsageError('--date-shift-days', 'value', `must be a whole number of days, got "${f.dateShiftDays}"`);
  return {
    pseudonyms: parsePseudonymKey(readInputFile(f.key).toString('utf8'), f.key),
    keyFile: f.key,
    dateShiftDays: days,
    uids: new UidMap(() => newUid()),
    keepText: f.keepText === true,
  };
}

/** --accepted, or the adjudicator's endorsement of this very file (by SHA-256) in --accepted-from's audit log. */
function acceptedFlag(f: ExportFlags, bytes: Buffer, inputPath: string): boolean | undefined {
  if (f.acceptedFrom === undefined) return f.accepted ? true : undefined;
  if (f.accepted) throw new UsageError('--accepted', 'value', 'give --accepted or --accepted-from, not both');
  const sha256 = sha256Hex(bytes);
  const verdict = endorsedInLog(parseAuditLog(readInputFile(f.acceptedFrom).toString('utf8'), f.acceptedFrom), sha256);
  if (verdict === undefined) throw new UsageError('--accepted-from', f.acceptedFrom, `no endorsement in it names ${inputPath} (SHA-256 ${sha256.slice(0, 12)}…)`);
  return verdict;
}

export function register(program: Command): void {
  program
    .command('export')
    .description('Export a read as CSV, CDISC SDTM (TU, TR, RS, SUPPTU, SUPPTR) or a de-identified SR')
    .argument('<input>', 'case file (JSON) or SR (DICOM)')
    .requiredOption('--format <format>', 'csv, sdtm or sr')
    .requiredOption('--out <path>', 'output file (csv, sr) or folder (sdtm; csv also accepts a folder)')
    .option('--deidentify', 'PS3.15 Annex E basic profile (allow-list; Clean Descriptors, Clean Structured Content, Modified Dates): pseudonyms from --key, new UIDs, reading slot for every person name, free text removed')
    .option('--key <file>', 'key file, CSV lines "originalId,pseudonym"')
    .option('--keep-text', 'with --deidentify: keep free text (lesion names, sites as written, reasons); by default it is removed')
    .option('--date-shift-days <n>', 'with --deidentify: shift every date by N days (default 0: dates kept)')
    .option('--study-id <id>', 'STUDYID for SDTM (required for --format sdtm)')
    .option('--criteria <list>', 'criteria to export, comma-separated (default: recorded ones, else the case file\'s)')
    .option('--accepted', 'this read was endorsed by the adjudicator (*ACPTFL = Y)')
    .option('--accepted-from <log>', "*ACPTFL from the review's audit log: Y for the endorsed read, N for the other")
    .option('--method <method>', 'imaging method for TUMETHOD/TRMETHOD: CT (written "CT SCAN") or MRI')
    .option('--visits <file>', 'SDTM visit schedule, CSV "timepoint,VISITNUM,VISIT,EPOCH" (one row per timepoint; EPOCH a CDISC term)')
    .option('--ref-date <date>', 'SDTM reference start date RFSTDTC (YYYY-MM-DD) for --DY study days')
    .option('--xpt', 'with --format sdtm: also write each dataset as SAS transport v5 (tu.xpt, ...) and define.xml (Define-XML 2.1)')
    .option('--force', FORCE_HELP)
    .action((inputPath: string, f: ExportFlags) => {
      if (!['csv', 'sdtm', 'sr'].includes(f.format))
        throw new UsageError('--format', 'value', `unknown format "${f.format}" (expected csv, sdtm or sr)`);
      const policy: OutputPolicy = { inputs: [inputPath, f.key, f.acceptedFrom, f.visits], force: f.force };
      const write = (file: string, data: string | Uint8Array) => writeOutput(file, data, policy);
      for (const [flag, v] of [['--visits', f.visits], ['--ref-date', f.refDate], ['--xpt', f.xpt]] as const)
        if (v !== undefined && f.format !== 'sdtm') throw new UsageError(flag, 'value', 'only with --format sdtm');
      const deid = deidentifyOptions(f);
      const bytes = readInputFile(inputPath);
      const dicom = isDicomFile(bytes);

      if (f.format === 'sr') {
        if (!dicom) throw new UsageError(inputPath, 'file', '--format sr needs an SR as input');
        if (!deid) throw new UsageError('--deidentify', 'value', '--format sr writes a de-identified copy: give --deidentify --key KEYFILE');
        const ds = decodeDicom(bytes, inputPath).raw;
        decodeMeasurementReport(ds, inputPath); // refuse to copy an SR we cannot read
        write(f.out, encodeDicom(deidentifySrDataset(ds, deid, inputPath)));
        process.stdout.write(`${f.out}: de-identified SR written\n`);
        return;
      }

      let caseFile: CaseFile;
      if (dicom) {
        const read = decodeMeasurementReport(decodeDicom(bytes, inputPath).raw, inputPath);
        for (const s of read.skipped) process.stderr.write(terminalText(`mrecist: ${inputPath}: skipped: ${s}`) + '\n');
        caseFile = read.caseFile;
      } else caseFile = loadCaseFile(inputPath);
      // Resolved on the original timepoint ids, kept by position: de-identification may rename the ids.
      const visits = f.visits ? scheduleFor(caseFile, parseVisitSchedule(readInputFile(f.visits).toString('utf8'), f.visits), f.visits) : undefined;
      let criteria: CriteriaName[] = f.criteria
        ? f.criteria.split(',').map((s) => s.trim() as CriteriaName)
        : caseFile.recordedResponses
          ? (Object.keys(caseFile.recordedResponses) as CriteriaName[])
          : [caseFile.criteria];
      for (const c of criteria)
        if (!CRITERIA_NAMES.includes(c)) throw new UsageError('--criteria', 'value', `unknown criteria "${c}" (expected ${CRITERIA_NAMES.join(', ')})`);
      criteria = [...new Set(criteria)];
      let responses = responsesFor(caseFile, criteria);
      if (deid) {
        responses = deidentifyResponses(responses, deid.dateShiftDays, idMaps(caseFile).timepoints);
        caseFile = deidentifyCaseFile(caseFile, deid);
      }
      const input: ExportInput = { caseFile, responses, accepted: acceptedFlag(f, bytes, inputPath), method: f.method };

      if (f.format === 'csv') {
        let file = f.out;
        try {
          if (statSync(file).isDirectory()) file = path.join(file, `${caseFile.patientId}.csv`);
        } catch {
          /* a new file */
        }
        write(file, exportCsv(input));
        process.stdout.write(`${file}: CSV written\n`);
        return;
      }
      if (!f.studyId) throw new UsageError('--study-id', 'value', 'required for SDTM (STUDYID)');
      // Shifted with every other date under --deidentify, so study days stay what they were.
      const refDate = f.refDate === undefined ? undefined : shiftIsoDate(checkReferenceDate(f.refDate), deid?.dateShiftDays ?? 0);
      const ctx = sdtmContext(input, f.studyId, { visits, referenceDate: refDate });
      const datasets = sdtmDatasets(input, ctx);
      const outputs: [string, string | Uint8Array][] = datasets.map((d) => [`${d.name.toLowerCase()}.csv`, csvText(d.columns, d.rows)]);
      if (f.xpt) {
        for (const d of datasets) outputs.push([`${d.name.toLowerCase()}.xpt`, xptBytes({ ...d, labels: labelsOf(d) })]);
        outputs.push(['define.xml', defineXml(f.studyId, datasets)]);
      }
      const dir = outDir(f.out);
      // All are checked before the first is written: a refusal leaves no partial export behind.
      for (const [name] of outputs) checkOutput(path.join(dir, name), policy);
      for (const [name, text] of outputs) write(path.join(dir, name), text);
      process.stdout.write(`${dir}: ${outputs.map(([name]) => name).join(', ')} written\n`);
    });
}
