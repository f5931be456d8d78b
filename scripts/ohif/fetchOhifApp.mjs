// Fetches the prebuilt OHIF viewer with `npm pack` (its `npm install` fails: two of its dependencies are
// unpublished), checks the tarball against the pinned sha512 integrity and extracts dist/ without the
// folders we never serve. Idempotent: a verified extraction in the cache is reused.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OHIF_APP_INTEGRITY, OHIF_APP_NAME, OHIF_APP_VERSION, OHIF_DIST_EXCLUDED } from './ohifAppPackage.mjs';

/** Thrown when the tarball's digest differs from the pinned one: never host our code in an unknown viewer. */
export class OhifIntegrityError extends Error {
  constructor(file, expected, actual) {
    super(`${file}: sha512 integrity mismatch: expected ${expected}, got ${actual}`);
    this.name = 'OhifIntegrityError';
  }
}

/** Subresource-integrity form of a file's digest ("sha512-<base64>"), as npm writes dist.integrity. */
export function sha512Integrity(file) {
  return 'sha512-' + createHash('sha512').update(readFileSync(file)).digest('base64');
}

/**
 * Returns the path of the extracted dist/ folder (index.html, app bundle, chunks, codecs) of the pinned
 * @ohif/app, downloading and verifying it into `cacheDir` first if needed.
 */
export function fetchOhifApp({ cacheDir, log = () => {} }) {
  const extracted = path.join(cacheDir, `ohif-app-${OHIF_APP_VERSION}`);
  const marker = path.join(extracted, '.integrity');
  const distDir = path.join(extracted, 'dist');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === OHIF_APP_INTEGRITY && existsSync(path.join(distDir, 'index.html'))) {
    return distDir;
  }
  mkdirSync(cacheDir, { recursive: true });
  const tarball = path.join(cacheDir, `ohif-app-${OHIF_APP_VERSION}.tgz`);
  if (!existsSync(tarball) || sha512Integrity(tarball) !== OHIF_APP_INTEGRITY) {
    log(`fetching ${OHIF_APP_NAME}@${OHIF_APP_VERSION} with npm pack`);
    rmSync(tarball, { force: true });
    execFileSync('npm', ['pack', `${OHIF_APP_NAME}@${OHIF_APP_VERSION}`, '--pack-destination', cacheDir, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const actual = sha512Integrity(tarball);
  if (actual !== OHIF_APP_INTEGRITY) {
    rmSync(tarball, { force: true });
    throw new OhifIntegrityError(tarball, OHIF_APP_INTEGRITY, actual);
  }
  log(`extracting ${path.basename(tarball)} (integrity verified)`);
  const staging = `${extracted}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const excludes = OHIF_DIST_EXCLUDED.map((folder) => `--exclude=package/dist/${folder}`);
  execFileSync('tar', ['-xzf', tarball, '-C', staging, ...excludes, 'package/dist'], { stdio: 'inherit' });
  // Written last, inside the staging folder, so an interrupted extraction is never taken for a good one.
  renameSync(path.join(staging, 'package', 'dist'), path.join(staging, 'dist'));
  rmSync(path.join(staging, 'package'), { recursive: true, force: true });
  writeFileSync(path.join(staging, '.integrity'), OHIF_APP_INTEGRITY + '\n');
  rmSync(extracted, { recursive: true, force: true });
  renameSync(staging, extracted);
  return distDir;
}
