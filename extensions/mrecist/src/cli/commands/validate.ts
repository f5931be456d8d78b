/**
 * `mrecist validate PATH... [--json]`: every file (folders are walked) read with the reader its content calls
 * for, in one process: case files with the case-file reader, DICOM objects by SOP class (RT Plan, RT Dose,
 * RT Structure Set, SR, CT or MR image, Spatial Registration). One result per file: a line `ok  FILE (kind)` or
 * `bad FILE (kind): problem`; with --json one JSON object per line, {"file","kind","ok":true,"ms"} or
 * {"file","kind","ok":false,"error","ms"} (ms: time taken on that file). Exit 0 when every file is valid, 2 when
 * any is not. What a site runs over a folder before a read.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { validateObject, type Verdict } from '../../core/dicom/validateObject';
import { UsageError } from '../../core/errors';
import { readInputFile } from '../io';
import { terminalText } from '../terminalText';

type Result = { file: string; ms: number } & Verdict;

/** Files under each path, folders walked in name order (hidden entries skipped); a missing path is a result. */
function expand(paths: readonly string[]): { file: string; missing?: string }[] {
  const out: { file: string; missing?: string }[] = [];
  const visit = (path: string, top: boolean) => {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      if (top) out.push({ file: path, missing: 'no such file' });
      return;
    }
    if (!isDir) return void out.push({ file: path });
    for (const name of readdirSync(path).sort()) if (!name.startsWith('.')) visit(join(path, name), false);
  };
  for (const p of paths) visit(p, true);
  return out;
}

function validateFile(file: string): Verdict {
  let bytes: Buffer;
  try {
    bytes = readInputFile(file);
  } catch (e) {
    return { kind: 'unknown', ok: false, error: (e as Error).message };
  }
  return validateObject(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('Check case files and DICOM objects (RT Plan/Dose/Structure Set, SR, CT/MR, Spatial Registration) before a read')
    .argument('<paths...>', 'files or folders')
    .option('--json', 'one JSON object per file and line: {"file","kind","ok","error"?,"ms"}')
    .addHelpText('after', '\nExit status 0 when every file is valid, 2 when any is not (each result is on stdout; stderr has one summary line).')
    .action((paths: string[], o: { json?: boolean }) => {
      if (paths.length === 0) throw new UsageError('validate', 'PATH', 'give at least one file or folder');
      let bad = 0;
      for (const { file, missing } of expand(paths)) {
        const started = performance.now();
        const verdict: Verdict = missing ? { kind: 'unknown', ok: false, error: `${file}: file: ${missing}` } : validateFile(file);
        const result: Result = { file, ...verdict, ms: Math.round((performance.now() - started) * 10) / 10 };
        if (!result.ok) bad++;
        if (o.json) process.stdout.write(`${JSON.stringify(result.ok ? result : { ...result, error: terminalText(result.error) })}\n`);
        else process.stdout.write(terminalText(result.ok ? `ok  ${file} (${result.kind})` : `bad ${file} (${result.kind}): ${result.error}`) + '\n');
      }
      if (bad > 0) throw new ValidationFailed(bad);
    });
}

/** Exit 2 with a one-line count when any file is invalid (the per-file lines are already on stdout). */
export class ValidationFailed extends UsageError {
  constructor(count: number) {
    super('validate', 'result', `${count} file(s) not valid`);
  }
}
