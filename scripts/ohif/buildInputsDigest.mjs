// A digest of everything dist/viewer is built from, so `npm start` rebuilds only when something changed:
// our extension/mode sources, the webpack and OHIF assembly scripts, the pinned OHIF version and the lockfile.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const INPUT_ROOTS = ['extensions/mrecist/src', 'modes/mrecist/src', 'scripts/ohif', 'webpack.config.js', 'scripts/build.mjs', 'package-lock.json', 'tsconfig.json'];
/** Node-only code never reaches the browser bundles; editing it must not force a viewer rebuild. */
const IGNORED_DIRS = new Set(['cli', 'node_modules']);

function listFiles(absolute, out) {
  if (!existsSync(absolute)) return;
  if (statSync(absolute).isFile()) {
    out.push(absolute);
    return;
  }
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    if (entry.isDirectory() && IGNORED_DIRS.has(entry.name)) continue;
    listFiles(path.join(absolute, entry.name), out);
  }
}

export function buildInputsDigest(repoRoot) {
  const files = [];
  for (const root of INPUT_ROOTS) listFiles(path.join(repoRoot, root), files);
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(path.relative(repoRoot, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
