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

/** An external whose evaluation throws, naming the import that should have been `import type`. */
function throwingHostExternal({ request }, callback) {
  if (!HOST_PROVIDED.test(request)) return callback();
  const message = `${request} is provided by the OHIF host: use \`import type\` and read window.cornerstone*`;
  return callback(null, `var (() => { throw new Error(${JSON.stringify(message)}); })()`);
}

module.exports = (env = {}, argv = {}) => {
  const production = (argv.mode ?? 'production') === 'production';
  return {
    mode: production ? 'production' : 'development',
    context: __dirname,
    entry: Object.fromEntries(viewerModules.map((m) => [m.file.replace(/\.js$/, ''), m.entry])),
    experiments: { outputModule: true },
    output: {
      // scripts/build.mjs builds into a staging folder (env.outDir) and swaps it in when complete.
      path: env.outDir ? path.resolve(env.outDir) : path.join(__dirname, 'dist', 'viewer'),
      filename: '[name].js',
      library: { type: 'module' },
      module: true,
      chunkFormat: 'module',
      // Keep webpack from emptying dist/viewer: the prebuilt OHIF lives there too (scripts/build.mjs).
      clean: false,
    },
    target: ['web', 'es2022'],
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
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
};
