/**
 * The stock viewer: every file of the prebuilt @ohif/app (fetched and integrity-checked by scripts/ohif) linked
 * into `viewerDir`, with the project's app-config rendered with no extension and no mode of ours. Used by the
 * stock-viewer SR test and by the open benchmark (scripts/bench/open.ts). Those scripts are ES modules, which
 * CommonJS Jest runs in a child Node.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

export function assembleStockViewer(viewerDir: string): void {
  const script = `
    import { fetchOhifApp } from ${JSON.stringify(path.join(REPO, 'scripts', 'ohif', 'fetchOhifApp.mjs'))};
    import { renderAppConfig } from ${JSON.stringify(path.join(REPO, 'scripts', 'ohif', 'appConfig.mjs'))};
    const ohifDist = fetchOhifApp({ cacheDir: ${JSON.stringify(path.join(REPO, '.cache'))} });
    process.stdout.write(JSON.stringify({ ohifDist, appConfig: renderAppConfig({ extensionSpecifiers: [], modeSpecifiers: [] }) }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not prepare the stock viewer: ${r.stderr}`);
  const { ohifDist, appConfig } = JSON.parse(r.stdout) as { ohifDist: string; appConfig: string };
  for (const entry of readdirSync(ohifDist)) if (entry !== 'app-config.js') symlinkSync(path.join(ohifDist, entry), path.join(viewerDir, entry));
  writeFileSync(path.join(viewerDir, 'app-config.js'), appConfig);
}
