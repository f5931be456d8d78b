/** Runs dicom3tools' dciodvfy on bytes and returns its "Error" lines (empty when the object is valid). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function dciodvfyErrors(bytes: Uint8Array): { errors: string[]; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dciodvfy-'));
  const file = join(dir, 'object.dcm');
  writeFileSync(file, bytes);
  const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (run.error) throw run.error;
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  return { errors: output.split('\n').filter((l) => /^Error/.test(l)), output };
}
