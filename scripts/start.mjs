#!/usr/bin/env node
// `npm start` from a fresh clone: installs dependencies if node_modules is missing, builds the viewer if its
// inputs changed, generates the demo case if absent (not needed with --pacs), then runs the server, which
// prints the URL that opens the demo patient in our mode and keeps running until Ctrl-C.
// Plain Node with no dependencies: it runs before `npm ci`.
//   npm start [-- --port 3000] [-- --pacs http://127.0.0.1:8042/dicom-web]   (or MRECIST_PACS_URL=...)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_DIR = path.join(ROOT, 'demo-data');
const DEMO_GENERATOR = path.join(ROOT, 'scripts', 'demo', 'generateDemo.ts');

function say(message) {
  process.stdout.write(`[start] ${message}\n`);
}

/** Runs a step to completion; a failure ends `npm start` with that step's exit code. */
function runStep(label, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`${label} could not start: ${result.error.message}\n`);
    process.exit(1);
  }
  if (result.status !== 0) {
    process.stderr.write(`${label} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
  return Date.now() - started;
}

const args = process.argv.slice(2);
const ownDemoDir = args.includes('--demo-dir') || args.some((a) => a.startsWith('--demo-dir='));
const usesPacs = args.includes('--pacs') || args.some((a) => a.startsWith('--pacs=')) || !!process.env.MRECIST_PACS_URL;

/** npm writes node_modules/.package-lock.json on install; a newer package-lock.json means new dependencies. */
function dependenciesInstalled() {
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  return existsSync(installed) && statSync(installed).mtimeMs >= statSync(path.join(ROOT, 'package-lock.json')).mtimeMs;
}

if (!dependenciesInstalled()) {
  say('installing dependencies (npm ci)');
  const ms = runStep('npm ci', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
  say(`npm ci took ${(ms / 1000).toFixed(1)} s`);
}

runStep('build', process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--if-stale']);

if (!usesPacs && !ownDemoDir && !existsSync(path.join(DEMO_DIR, 'dicom'))) {
  if (!existsSync(DEMO_GENERATOR)) {
    process.stderr.write(`no demo case in demo-data/dicom and no generator at ${path.relative(ROOT, DEMO_GENERATOR)}\n`);
    process.exit(1);
  }
  say('generating the demo case (first run only)');
  const tsxCli = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  runStep('demo generator', process.execPath, [tsxCli, DEMO_GENERATOR, '--out', DEMO_DIR]);
}

// The server prints the URL itself. Forward Ctrl-C / SIGTERM so it closes its sockets, and mirror its exit code
// (2 with one line on stderr for an unreachable PACS or a busy port).
const server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'serve', 'main.ts'), ...args], {
  cwd: ROOT,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
