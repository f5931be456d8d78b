import { openSync, readSync, closeSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Part 10 files start with a 128-byte preamble and then "DICM" (PS3.10 §7.1). */
const PREAMBLE_BYTES = 128;
const MAGIC = 'DICM';

/**
 * Every DICOM Part 10 file under a folder, recursively, sorted by path. Recognised by content, not by name,
 * so manifests, screenshots or README files beside the images are skipped.
 */
export function findDicomFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isPart10(full)) found.push(full);
    }
  };
  walk(folder);
  return found.sort();
}

function isPart10(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(PREAMBLE_BYTES + MAGIC.length);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return read === buffer.length && buffer.toString('latin1', PREAMBLE_BYTES) === MAGIC;
  } finally {
    closeSync(fd);
  }
}
