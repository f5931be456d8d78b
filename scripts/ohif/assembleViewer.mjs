// Produces the served viewer folder: the prebuilt OHIF dist/ (copied), our app-config.js, and an import map
// that resolves our extension and mode specifiers to the ES modules webpack writes beside it.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderAppConfig } from './appConfig.mjs';

/** Files of the OHIF package meant for its own deployments (Netlify redirects/headers, `serve` config). */
const OHIF_DEPLOYMENT_FILES = new Set(['_redirects', '_headers', 'serve.json']);

/** Reads scripts/ohif/viewerModules.json: our module specifiers, webpack entries and output files. */
export function readViewerModules(repoRoot) {
  const text = readFileSync(path.join(repoRoot, 'scripts', 'ohif', 'viewerModules.json'), 'utf8');
  return JSON.parse(text).modules;
}

/**
 * Inserts `<script type="importmap">` before the first <script> of the host's index.html. An import map
 * must precede every module load (the service-worker module script and the host's `import()` calls).
 */
export function insertImportMap(indexHtml, imports) {
  const firstScript = indexHtml.indexOf('<script');
  if (firstScript < 0) throw new Error('OHIF index.html has no <script> element: unexpected viewer build');
  const importMap = `<script type="importmap">${JSON.stringify({ imports })}</script>`;
  return indexHtml.slice(0, firstScript) + importMap + indexHtml.slice(firstScript);
}

/**
 * Copies `ohifDist` into `outDir` (emptied first, but keeping our webpack output folder `keep`, if any)
 * and writes app-config.js and the patched index.html.
 */
export function assembleViewer({ repoRoot, ohifDist, outDir }) {
  const modules = readViewerModules(repoRoot);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(ohifDist, outDir, {
    recursive: true,
    filter: (source) => !OHIF_DEPLOYMENT_FILES.has(path.relative(ohifDist, source)),
  });
  const imports = Object.fromEntries(modules.map((m) => [m.specifier, '/' + m.file]));
  const isMode = (m) => m.specifier.endsWith('/mode');
  writeFileSync(
    path.join(outDir, 'app-config.js'),
    renderAppConfig({
      extensionSpecifiers: modules.filter((m) => !isMode(m)).map((m) => m.specifier),
      modeSpecifiers: modules.filter(isMode).map((m) => m.specifier),
    }),
  );
  const indexFile = path.join(outDir, 'index.html');
  writeFileSync(indexFile, insertImportMap(readFileSync(indexFile, 'utf8'), imports));
}
