/**
 * `mrecist sr-read SR.dcm [--json]`: prints the read as a case file (schema v1 + reader + recorded responses)
 * that `mrecist assess` accepts unchanged. For another tool's SR it reads what it can and lists what it
 * skipped on stderr, one line per item (and as a "skipped" field in the JSON). A VERIFIED report's sign-off
 * is given as "signedOff": { by, at }.
 */
import type { Command } from 'commander';
import { readSr } from '../../core/sr/srFromCaseFile';
import { printJson, readInputFile } from '../io';
import { terminalText } from '../terminalText';

export function register(program: Command): void {
  program
    .command('sr-read')
    .description('Read a TID 1500 SR back into a case file (with reader and recorded responses)')
    .argument('<sr>', 'DICOM SR file')
    .option('--json', 'machine-readable output (the default; kept for symmetry with the other commands)')
    .action((srPath: string) => {
      const read = readSr(readInputFile(srPath), srPath);
      for (const s of read.skipped) process.stderr.write(terminalText(`mrecist: ${srPath}: skipped: ${s}`) + '\n');
      printJson({ ...read.caseFile, ...(read.signOff ? { signedOff: read.signOff } : {}), ...(read.skipped.length > 0 ? { skipped: read.skipped } : {}) });
    });
}
