/** Small Node-side helpers shared by the commands: reading inputs with errors that name the file. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors';

export function readInputFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(path, 'file', code === 'ENOENT' ? 'no such file' : `cannot read (${code})`);
  }
}

/** A text file as UTF-8, without the byte order mark some editors write first (JSON itself forbids one). */
export function readTextFile(path: string): string {
  return readInputFile(path).toString('utf8').replace(/^\uFEFF/, '');
}

/** Parses "X,Y,Z" (mm) into a point; the flag name goes into the error. */
export function parsePoint(text: string, flag = '--point'): [number, number, number] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.length !== 3 || parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v))) {
    throw new UsageError(flag, 'value', `expected X,Y,Z in mm, got "${text}"`);
  }
  return values as [number, number, number];
}

/** A DICOM Part 10 file: "DICM" after the 128-byte preamble. */
export function isDicomFile(bytes: Buffer): boolean {
  return bytes.length > 132 && bytes.toString('latin1', 128, 132) === 'DICM';
}

/** SHA-256 of a file's bytes, hex: how the review's audit log names the reads it compared. */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
