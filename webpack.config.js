// Builds our OHIF extension and mode as ES modules that the prebuilt OHIF viewer imports at run time through
// the import map written by scripts/ohif/assembleViewer.mjs (see ohif-host.md).
// - @cornerstonejs/* and @ohif/* are TYPE-ONLY for us: the host's Cornerstone3D instance is read lazily from
//   the cornerstone extension's utility module (getCornerstoneLibraries). They are externals that throw if a value import ever slips
//   in, so a second Cornerstone can never be bundled by accident.
// - React and react-dom ARE bundled: the host does not expose React; our panel mounts its own React 18 root
//   from a hook-free class component (extensions/mrecist/src/ohif/ReactRootBridge.tsx).
const path = require('node:path');
const { readFileSync } = require('node:fs');

const viewerModules = JSON.parse(readFileSync(path.join(__dirname, 'scripts/ohif/viewerModules.json'), 'utf8')).modules;
const HOST_PROVIDED = /^@(cornerstonejs|ohif)\//;
/** Our extension, imported by the mode by package name: an ES module import kept as is (import map, host bundler). */
const EXTENSION_PACKAGE = '@ohif-mrecist/extension';

/** The two installable packages (npm pack in each folder; `npm run build:packages` at the root). */
const PACKAGES = {
  extension: { entry: './extensions/mrecist/src/index.ts', outDir: 'extensions/mrecist/dist' },
  mode: { entry: './modes/mrecist/src/index.ts', outDir: 'modes/mrecist/dist' },
};

/** An external whose evaluation throws, naming the import that should have been `import type`. */
function throwingHostExternal({ request }, callback) {
  if (request === EXTENSION_PACKAGE) return callback(null, `module ${EXTENSION_PACKAGE}`);
  if (!HOST_PROVIDED.test(request)) return callback();
  const message = `${request} is provided by the OHIF host: use \`import type\` and read window.cornerstone*`;
  return callback(null, `var (() => { throw new Error(${JSON.stringify(message)}); })()`);
}

/**
 * `--env packages=extension,mode` builds each package's dist/index.js (what its package.json main/module name);
 * otherwise the viewer's modules under dist/viewer (scripts/build.mjs).
 */
module.exports = (env = {}, argv = {}) => {
  const production = (argv.mode ?? 'production') === 'production';
  if (env.packages) {
    const names = String(env.packages).split(',');
    for (const name of names) if (!PACKAGES[name]) throw new Error(`--env packages: unknown package ${name} (known: ${Object.keys(PACKAGES).join(', ')})`);
    // A package is one file: the site's own bundler takes it in whole (a chunk loaded by URL would not follow).
    return names.map((name) => bundleConfig(production, { index: PACKAGES[name].entry }, path.join(__dirname, PACKAGES[name].outDir), { oneFile: true }));
  }
  const entries = Object.fromEntries(viewerModules.map((m) => [m.file.replace(/\.js$/, ''), m.entry]));
  // scripts/build.mjs builds into a staging folder (env.outDir) and swaps it in when complete.
  return bundleConfig(production, entries, env.outDir ? path.resolve(env.outDir) : path.join(__dirname, 'dist', 'viewer'));
};

/**
 * `oneFile`: dynamic imports stay in the entry's file (worker bundles are still files of their own). Otherwise (the served viewer) each dynamic import is a chunk of
 * its own beside the entry, fetched on first use (ohif/dicomCodecs.ts: dcmjs is not needed to open the viewer).
 */
function bundleConfig(production, entry, outPath, { oneFile = false } = {}) {
  return {
    mode: production ? 'production' : 'development',
    context: __dirname,
    entry,
    experiments: { outputModule: true },
    output: {
      path: outPath,
      filename: '[name].js',
      asyncChunks: !oneFile,
      library: { type: 'module' },
      module: true,
      chunkFormat: 'module',
      // Keep webpack from emptying dist/viewer: the prebuilt OHIF lives there too (scripts/build.mjs).
      clean: false,
    },
    target: ['web', 'es2022'],
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    externalsType: 'module',
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: true } },
          },
        },
      ],
    },
    externals: [throwingHostExternal],
    // One self-contained file per module specifier: the host imports each by its own URL.
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}
