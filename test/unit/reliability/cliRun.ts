/** Runs `mrecist` as a user does (a child process), so exit codes and stderr are the real ones. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/mrecist.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mrecist-${prefix}-`));
}

/** One line on stderr, no stack trace: what every refusal must look like. */
export function isOneLine(stderr: string): boolean {
  return /^mrecist: [^\n]+\n$/.test(stderr) && !/\n\s+at /.test(stderr);
}
