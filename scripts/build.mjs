#!/usr/bin/env node
// Builds the served viewer into dist/viewer: the prebuilt OHIF (fetched with npm pack, integrity-checked,
// cached in .cache/) plus our app-config.js, import map and webpack-built extension and mode.
// Non-interactive and idempotent; `--if-stale` skips the work when nothing it depends on changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleViewer } from './ohif/assembleViewer.mjs';
import { fetchOhifApp } from './ohif/fetchOhifApp.mjs';
import { buildInputsDigest } from './ohif/buildInputsDigest.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, 'dist', 'viewer');
const stampFile = path.join(outDir, '.build-inputs');

function log(message) {
  process.stdout.write(`[build] ${message}\n`);
}

/** True when dist/viewer was built from exactly the current sources, config and OHIF version. */
export function isBuildFresh() {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === buildInputsDigest(repoRoot);
}

/**
 * Builds into a staging folder and swaps it in only when complete: a server or browser test using dist/viewer
 * while someone rebuilds (several engineers share one tree) never sees a half-written viewer.
 */
export function build() {
  const started = Date.now();
  const digest = buildInputsDigest(repoRoot);
  const ohifDist = fetchOhifApp({ cacheDir: path.join(repoRoot, '.cache'), log });
  const staging = `${outDir}.staging-${process.pid}`;
  const retired = `${outDir}.old-${process.pid}`;
  try {
    assembleViewer({ repoRoot, ohifDist, outDir: staging });
    log('bundling extension and mode (webpack)');
    const webpackCli = path.join(repoRoot, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
    const args = [webpackCli, '--config', path.join(repoRoot, 'webpack.config.js'), '--mode', 'production', '--env', `outDir=${staging}`];
    const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`webpack failed (exit ${result.status ?? result.signal})`);
    writeFileSync(path.join(staging, path.basename(stampFile)), digest + '\n');
    if (existsSync(outDir)) renameSync(outDir, retired);
    renameSync(staging, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(retired, { recursive: true, force: true });
  }
  log(`dist/viewer ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    if (process.argv.includes('--if-stale') && isBuildFresh()) {
      log('dist/viewer is up to date');
    } else {
      build();
    }
  } catch (e) {
    process.stderr.write(`build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
