#!/usr/bin/env node
// `npm test`: the whole check from a fresh clone, in order: dependencies, system tools, typecheck, unit tests,
// viewer build, demo case, browser tests, PACS tests. Plain Node ESM with no dependencies, because it runs
// before `npm ci`. Each step prints its time; the very last line is "N passed, N failed[, N skipped]" over all
// Jest projects, where a step that fails outside Jest (install, typecheck, build, demo) counts as one failure,
// so the line never says "0 failed" when the exit code is not 0.
//
// Subsets: --unit-only, --browser-only, --pacs-only; or drop parts with --no-typecheck, --no-unit, --no-build,
// --no-browser, --no-pacs. Anything after a bare "--" goes to every Jest run (e.g. -- -t "hanging protocol").
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, '.tmp', 'test-results');
const APT_PACKAGES = ['chromium', 'orthanc', 'orthanc-dicomweb', 'dicom3tools', 'dcmtk', 'fonts-dejavu-core', 'poppler-utils', 'python3-pandas', 'python3-pydicom'];

/** What each test project needs from the system, and the Debian package providing it. */
const SYSTEM_TOOLS = {
  unit: [
    ['/usr/bin/dciodvfy', 'dicom3tools'],
    ['/usr/bin/dsrdump', 'dcmtk'],
    ['/usr/bin/pdftotext', 'poppler-utils'],
    ['/usr/lib/python3/dist-packages/pandas/__init__.py', 'python3-pandas'],
    ['/usr/lib/python3/dist-packages/pydicom/__init__.py', 'python3-pydicom'],
  ],
  browser: [['/usr/bin/chromium', 'chromium']],
  pacs: [
    ['/usr/bin/chromium', 'chromium'],
    ['/usr/sbin/Orthanc', 'orthanc'],
    ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so', 'orthanc-dicomweb'],
  ],
};

const USAGE = `usage: npm test [-- --unit-only | --browser-only | --pacs-only] [--no-typecheck] [--no-unit] [--no-build]
                [--no-browser] [--no-pacs] [-- <extra jest arguments>]`;

function parseArgs(argv) {
  const parts = { typecheck: true, unit: true, build: true, browser: true, pacs: true };
  const dashDash = argv.indexOf('--');
  const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
  const jestExtra = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
  const only = (keep) => {
    for (const key of Object.keys(parts)) parts[key] = keep.includes(key);
  };
  for (const arg of own) {
    if (arg === '--unit-only') only(['unit']);
    else if (arg === '--browser-only') only(['build', 'browser']);
    else if (arg === '--pacs-only') only(['build', 'pacs']);
    else if (arg.startsWith('--no-') && arg.slice(5) in parts) parts[arg.slice(5)] = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`test: unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return { parts, jestExtra };
}

const steps = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedTests = [];

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs one step, prints its time, records it. `body` returns true (ok) or false / throws (failed). */
function step(name, body) {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  let ok;
  let note = '';
  try {
    const result = body();
    ok = result === true || (typeof result === 'object' && result.ok);
    if (typeof result === 'object' && result.note) note = result.note;
  } catch (e) {
    ok = false;
    note = e instanceof Error ? e.message : String(e);
    console.error(`${name}: ${note}`);
  }
  const elapsed = Date.now() - started;
  steps.push({ name, ok, elapsed, note });
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds(elapsed)}${note ? ` (${note})` : ''}`);
  return ok;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', killSignal: 'SIGTERM', ...options });
  if (result.error?.code === 'ETIMEDOUT') throw new Error(`timed out after ${seconds(options.timeout)}`);
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

function isRootOnDebian() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/etc/debian_version');
}

function missingTools(parts) {
  const missing = new Map();
  for (const project of ['unit', 'browser', 'pacs']) {
    if (!parts[project]) continue;
    for (const [file, pkg] of SYSTEM_TOOLS[project]) {
      try {
        accessSync(file, constants.R_OK);
      } catch {
        missing.set(file, pkg);
      }
    }
  }
  return missing;
}

/**
 * Installs the Debian packages. The orthanc package's postinst would start a system Orthanc on 8042; a
 * temporary policy-rc.d (the Debian mechanism for "do not start services during install") prevents that.
 */
function aptInstall(packages) {
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!run('apt-get', ['update'], { env })) return false;
    return run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env });
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
}

function countFailure() {
  totals.failed += 1;
}

/** " — <message head>": up to three lines before the stack (e.g. matcher, Expected, Received), for the summary. */
function firstLineOf(message) {
  // eslint-disable-next-line no-control-regex
  const lines = (message ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim());
  const stack = lines.findIndex((l) => l.startsWith('at '));
  const head = lines.slice(0, stack < 0 ? lines.length : stack).filter((l) => l !== '').slice(0, 3).join(' | ');
  if (!head) return '';
  return ` — ${head.length > 200 ? `${head.slice(0, 197)}...` : head}`;
}

/** Reads Jest's --json output: counts, plus names of failed tests and of suites that failed to run at all. */
function collectJest(project, outputFile) {
  if (!existsSync(outputFile)) return false;
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  for (const suite of report.testResults) {
    const file = path.relative(ROOT, suite.name);
    const failing = suite.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failing) failedTests.push(`${project}: ${file} › ${a.fullName}${firstLineOf(a.failureMessages?.[0])}`);
    // A suite that fails before any test runs (import error, syntax error, beforeAll throwing with no tests
    // reported) has no failing assertion; count it once so it cannot pass unnoticed.
    if (suite.status === 'failed' && failing.length === 0) {
      totals.failed += 1;
      const firstLine = (suite.message || '').split('\n').find((l) => l.trim() !== '') ?? '';
      failedTests.push(`${project}: ${file} (suite failed to run: ${firstLine.trim()})`);
    }
  }
  return report.numFailedTests === 0 && report.numFailedTestSuites === 0 && report.success !== false;
}

/**
 * A Jest project that hangs (a browser or server left open) must not eat the CI budget (30 min in all):
 * each run is killed after this long and counted as a failure.
 */
const JEST_PROJECT_TIMEOUT_MS = 15 * 60_000;

function jestProject(project, extraArgs, jestExtra) {
  const outputFile = path.join(RESULTS_DIR, `jest-${project}.json`);
  rmSync(outputFile, { force: true });
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const args = [jest, '--selectProjects', project, '--passWithNoTests', '--json', '--outputFile', outputFile, ...extraArgs, ...jestExtra];
  try {
    run(process.execPath, args, { timeout: JEST_PROJECT_TIMEOUT_MS });
  } catch (e) {
    failedTests.push(`${project}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const collected = existsSync(outputFile);
  const ok = collectJest(project, outputFile);
  if (!collected) {
    countFailure();
    failedTests.push(`${project}: Jest produced no results (crashed or misconfigured)`);
  }
  return ok;
}

/**
 * True when node_modules holds exactly the versions package-lock.json pins. npm records what it installed in
 * node_modules/.package-lock.json; comparing contents (not file times, which a checkout resets) avoids a
 * needless `npm ci`, which would empty node_modules under anyone else using this tree.
 */
function installedMatchesLock() {
  const installedFile = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(installedFile)) return false;
  const wanted = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages ?? {};
  for (const [name, entry] of Object.entries(wanted)) {
    // Extraneous entries are in the lock but not installed by npm ci.
    if (name === '' || entry.link || entry.extraneous) continue;
    // Platform-specific optional packages (esbuild's binaries for other systems) are legitimately absent.
    if (installed[name] === undefined && entry.optional) continue;
    if (installed[name]?.version !== entry.version) return false;
  }
  return true;
}

function demoPresent() {
  const folder = path.join(ROOT, 'demo-data', 'dicom');
  return existsSync(folder) && readdirSync(folder).length > 0;
}

function finish() {
  console.log('\n=== Summary');
  for (const s of steps) console.log(`  ${s.ok ? 'ok    ' : 'FAILED'} ${s.name.padEnd(28)} ${seconds(s.elapsed).padStart(9)}`);
  const total = steps.reduce((sum, s) => sum + s.elapsed, 0);
  console.log(`  total ${seconds(total)}`);
  if (failedTests.length > 0) {
    console.log('Failed tests:');
    for (const name of failedTests) console.log(`  ${name}`);
  }
  const failedSteps = steps.filter((s) => !s.ok).map((s) => s.name);
  if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(', ')}`);
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(failedSteps.length > 0 || totals.failed > 0 ? 1 : 0);
}

function main() {
  const { parts, jestExtra } = parseArgs(process.argv.slice(2));
  mkdirSync(RESULTS_DIR, { recursive: true });

  const depsOk = step('dependencies', () => {
    if (installedMatchesLock()) return { ok: true, note: 'present' };
    return run('npm', ['ci', '--no-audit', '--no-fund']);
  });
  if (!depsOk) {
    countFailure();
    finish();
  }

  const toolsOk = step('system tools', () => {
    const missing = missingTools(parts);
    if (missing.size === 0) return { ok: true, note: 'present' };
    const packages = [...new Set([...missing.values(), ...APT_PACKAGES])];
    if (!isRootOnDebian()) {
      throw new Error(
        `missing ${[...missing.keys()].join(', ')}: install with \`sudo apt-get install ${[...new Set(missing.values())].join(' ')}\``,
      );
    }
    if (!aptInstall(packages)) throw new Error(`apt-get install ${packages.join(' ')} failed`);
    const still = missingTools(parts);
    if (still.size > 0) throw new Error(`still missing after apt-get: ${[...still.keys()].join(', ')}`);
    return { ok: true, note: `installed ${packages.join(' ')}` };
  });
  if (!toolsOk) {
    countFailure();
    finish();
  }

  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  if (parts.typecheck && !step('typecheck', () => run(process.execPath, [tsc, '-p', '.', '--noEmit']))) countFailure();

  if (parts.unit) step('unit tests', () => jestProject('unit', [], jestExtra));

  const needsViewer = parts.browser || parts.pacs;
  if (parts.build && needsViewer) {
    const built = step('build viewer', () => {
      const build = path.join(ROOT, 'scripts', 'build.mjs');
      if (!existsSync(build)) throw new Error('scripts/build.mjs is missing');
      return run(process.execPath, [build]);
    });
    if (!built) countFailure();
  }

  // The generator is idempotent (a stamp file records its version and seed): it returns at once when the
  // demo is current and rebuilds it when the generator changed, so stale demo data never reaches the tests.
  if (needsViewer) {
    const generated = step('demo case', () => {
      const generator = path.join(ROOT, 'scripts', 'demo', 'generateDemo.ts');
      if (!existsSync(generator)) {
        if (demoPresent()) return { ok: true, note: 'generator missing; using the existing demo-data' };
        throw new Error('scripts/demo/generateDemo.ts is missing and demo-data/dicom is empty');
      }
      const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
      return run(process.execPath, [tsx, generator, '--out', 'demo-data']);
    });
    if (!generated) countFailure();
  }

  // One browser at a time on 2 cores: each Chromium with SwiftShader wants a core of its own.
  // --forceExit: these suites hold browsers, servers and Orthanc; their afterAll hooks close them, and if one
  // is missed, exiting still runs the Orthanc exit hook rather than waiting forever on an open handle.
  if (parts.browser) step('browser tests', () => jestProject('browser', ['--runInBand', '--forceExit'], jestExtra));
  if (parts.pacs) step('PACS tests', () => jestProject('pacs', ['--runInBand', '--forceExit'], jestExtra));

  finish();
}

main();
