#!/usr/bin/env node
// Entry point of the `mrecist` command-line program. The sources are TypeScript; tsx compiles them on load
// so `npx mrecist ...` works right after `npm ci`, with no build step.
'use strict';
require('tsx/cjs/api').register();
require('../extensions/mrecist/src/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => { process.exitCode = code; });
