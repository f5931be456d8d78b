/** Runs dicom3tools' dciodvfy on bytes and returns its "Error" lines (empty = valid). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function dciodvfyErrors(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-dose-'));
  try {
    const file = join(dir, 'object.dcm');
    writeFileSync(file, bytes);
    const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    const out = `${run.stdout}${run.stderr}`;
    if (run.error) throw run.error;
    if (/Assertion .* failed/.test(out)) throw new Error(`dciodvfy aborted: ${out.trim().split('\n').pop()}`);
    return out.split('\n').filter((l) => l.startsWith('Error'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
