/** Writing an output file or folder of the board commands, with the one-line error that names it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { UsageError } from '../../core/errors';

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

export function writeOutputFile(path: string, content: string | Uint8Array): string {
  try {
    writeFileSync(path, content);
  } catch (e) {
    throw new UsageError(path, 'file', `cannot write (${code(e)})`);
  }
  return path;
}

export function makeOutputFolder(dir: string, flag: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(dir, flag, `cannot create the folder (${code(e)})`);
  }
}
