#!/usr/bin/env node
// Compiles the `mrecist` command-line program to plain JavaScript in dist/cli, so `npx mrecist` starts without
// compiling TypeScript (bin/mrecist.js loads dist/cli/mrecist.cjs). Run by `npm ci` (the prepare script), by
// `npm run build:cli`, and before the unit tests (jest globalSetup), so tests never run a stale build.
// Two entry points: the program, and the dose worker thread the program's worker pool starts
// (cli/doseWorkerPool.ts looks for doseWorkerEntry.cjs beside itself). Dependencies stay in node_modules;
// those costly to load (LAZY_DEPENDENCIES) are loaded on first use, so `mrecist --help` or a command that never
// reads DICOM does not pay for them.
// The output is written to a staging folder and swapped in whole, so a concurrent run never sees half of it.
import { renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist', 'cli');
const CLI_SRC = path.join(ROOT, 'extensions', 'mrecist', 'src', 'cli');

/** dcmjs builds its data dictionaries when loaded, pdfkit loads fontkit and its tables: most of the start-up time. */
const LAZY_DEPENDENCIES = ['dcmjs', 'pdfkit', 'svg-to-pdfkit'];

/**
 * Replaces `require(name)` of a lazy dependency by a stand-in whose properties load the real module on first
 * access. Its own property names (what the bundler's import helper copies) and its __esModule flag are read here,
 * at build time, so copying them loads nothing. A module that exports a function or class (pdfkit's PDFDocument,
 * svg-to-pdfkit) gets a stand-in that is itself called or constructed, loading the module then.
 */
function lazyDependencies(names) {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const filter = new RegExp(`^(${names.join('|')})$`);
  return {
    name: 'lazy-dependencies',
    setup(b) {
      b.onResolve({ filter }, (args) =>
        args.namespace === 'lazy-dependency' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-dependency' },
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-dependency' }, (args) => {
        const real = require(args.path);
        const callable = typeof real === 'function';
        // A function target keeps its own non-configurable "prototype", which a proxy must report as it is.
        const keys = [...new Set([...Object.getOwnPropertyNames(real), ...(callable ? ['prototype'] : [])])];
        return {
          contents: `
let loaded;
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
const keys = ${JSON.stringify(keys)};
const target = ${callable ? 'function lazyDependency() {}' : '{}'};
const standIn = new Proxy(target, {
  get: (_, key) => (key === '__esModule' ? ${JSON.stringify(Boolean(real.__esModule))} : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => keys,
  getOwnPropertyDescriptor: (_, key) =>
    key === 'prototype' && ${callable} ? Reflect.getOwnPropertyDescriptor(target, key)
    : keys.includes(key) ? { configurable: true, enumerable: true, writable: true, value: undefined } : undefined,
  apply: (_, self, params) => Reflect.apply(load(), self, params),
  construct: (_, params, newTarget) => Reflect.construct(load(), params, newTarget === standIn ? load() : newTarget),
});
module.exports = standIn;
`,
          loader: 'js',
        };
      });
    },
  };
}

export async function buildCli() {
  const staging = `${OUT_DIR}.staging-${process.pid}`;
  const retired = `${OUT_DIR}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: { mrecist: path.join(CLI_SRC, 'main.ts'), doseWorkerEntry: path.join(CLI_SRC, 'doseWorkerThread.ts') },
    outdir: staging,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    plugins: [lazyDependencies(LAZY_DEPENDENCIES)],
    logLevel: 'warning',
  });
  try {
    renameSync(OUT_DIR, retired);
  } catch {
    // no earlier build
  }
  renameSync(staging, OUT_DIR);
  rmSync(retired, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().catch((e) => {
    process.stderr.write(`build:cli: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
