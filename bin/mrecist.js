#!/usr/bin/env node
// Entry point of the `mrecist` command-line program. It runs the compiled JavaScript in dist/cli, built by
// scripts/buildCli.mjs (npm ci's prepare step, `npm run build:cli`, and before the unit tests), so start-up
// costs no TypeScript compilation. In a checkout that was never built it falls back to compiling the sources on
// load with tsx, which is slower to start but gives the same program.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'cli', 'mrecist.cjs');
let cli;
if (existsSync(built)) cli = require(built);
else {
  require('tsx/cjs/api').register();
  cli = require('../extensions/mrecist/src/cli/main.ts');
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
