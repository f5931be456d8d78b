/** Runs DCMTK / dicom3tools on bytes we wrote (unit tests only). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function writeTemp(bytes: Uint8Array, name = 'sr.dcm'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mrecist-sr-'));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** dciodvfy's output lines (it writes to stderr). */
export function dciodvfy(file: string): string[] {
  const r = spawnSync('/usr/bin/dciodvfy', [file], { encoding: 'utf8' });
  return `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
}

export function dsrdump(file: string): string {
  const r = spawnSync('/usr/bin/dsrdump', [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dsrdump failed: ${r.stderr}`);
  return r.stdout;
}

/** DCMTK's diagnostics while reading the SR (stderr of dsrdump -v): E: errors and W: warnings. */
export function dsrdumpDiagnostics(file: string): string[] {
  const r = spawnSync('/usr/bin/dsrdump', ['-v', file], { encoding: 'utf8' });
  return r.stderr.split('\n').filter((l) => /^[EW]: /.test(l));
}
