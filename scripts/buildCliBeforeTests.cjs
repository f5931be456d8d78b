// Jest globalSetup of the unit tests: compiles the CLI (scripts/buildCli.mjs, under a second) so tests that run
// bin/mrecist.js exercise the current sources, never an older build.
'use strict';
module.exports = async () => {
  const { buildCli } = await import('./buildCli.mjs');
  await buildCli();
};
