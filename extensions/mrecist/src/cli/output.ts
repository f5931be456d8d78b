/**
 * Writing a command's output without destroying anything: an output is never one of the command's inputs
 * (same file by device and inode, so a second path or a link to an input is caught too), and an existing file
 * is replaced only with --force. Without --force the file is created exclusively ('wx'), so a file that
 * appears between the check and the write is not overwritten either.
 */
import { statSync, writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors';

export interface OutputPolicy {
  /** Files the command reads (undefined entries are ignored: optional flags). */
  inputs: readonly (string | undefined)[];
  force?: boolean;
  /** The flag that named the output, for messages (default --out). */
  flag?: string;
}

function identity(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** Refuses an output that is one of the inputs, or that exists when --force is not given. */
export function checkOutput(file: string, policy: OutputPolicy): void {
  const flag = policy.flag ?? '--out';
  const id = identity(file);
  if (id === undefined) return;
  for (const input of policy.inputs)
    if (input !== undefined && identity(input) === id) throw new UsageError(flag, file, `is an input of this command (${input}); choose another output`);
  if (!policy.force) throw new UsageError(flag, file, 'exists; give --force to replace it');
}

export function writeOutput(file: string, data: string | Uint8Array, policy: OutputPolicy): void {
  checkOutput(file, policy);
  try {
    writeFileSync(file, data, { flag: policy.force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(policy.flag ?? '--out', file, code === 'EEXIST' ? 'exists; give --force to replace it' : `cannot write (${code})`);
  }
}

export const FORCE_HELP = 'replace an existing output file (never one of the inputs)';
