/**
 * `npm run pacs`: a local Orthanc with the demo patient, for trying the viewer against a real DICOMweb server.
 * Loopback use only (RemoteAccessAllowed false: it refuses other machines), persistent store in .cache/orthanc,
 * runs until Ctrl-C. Options: --port N (default 8042), --reset (empty the store first), --no-demo,
 * --public-origin URL (the viewer origin that proxies it, written into DICOMweb retrieve URLs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { startOrthanc, uploadDicomFiles, OrthancNotInstalledError, OrthancStartError } from './pacs/orthanc';
import { findDicomFiles } from './pacs/findDicomFiles';

const REPO_ROOT = path.resolve(__dirname, '..');
const STORE = path.join(REPO_ROOT, '.cache', 'orthanc');
const DEMO_OUT = path.join(REPO_ROOT, 'demo-data');
const DEMO_DICOM = path.join(DEMO_OUT, 'dicom');
const DEMO_GENERATOR = path.join(REPO_ROOT, 'scripts', 'demo', 'generateDemo.ts');
const DEFAULT_PORT = 8042;

interface PacsOptions {
  port: number;
  reset: boolean;
  demo: boolean;
  publicOrigin?: string;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError('expected 1-65535');
  return port;
}

/** Runs the generator, which returns at once when demo-data is current (its stamp file) and rebuilds it if stale. */
function ensureDemo(): void {
  const present = existsSync(DEMO_DICOM) && findDicomFiles(DEMO_DICOM).length > 0;
  if (!existsSync(DEMO_GENERATOR)) {
    if (present) return;
    throw new Error(`no demo case in ${DEMO_DICOM} and no generator at ${DEMO_GENERATOR}`);
  }
  if (!present) console.log('Generating the demo case (first run)…');
  const result = spawnSync('npx', ['tsx', DEMO_GENERATOR, '--out', DEMO_OUT], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the demo generator failed (exit ${result.status ?? result.signal})`);
}

async function main(options: PacsOptions): Promise<void> {
  if (options.demo) ensureDemo();
  if (options.reset) rmSync(STORE, { recursive: true, force: true });

  const orthanc = await startOrthanc({
    port: options.port,
    storageDirectory: STORE,
    name: 'mrecist-pacs',
    publicOrigin: options.publicOrigin,
  });
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Orthanc…');
    orthanc.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`pacs: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    if (options.demo) {
      const files = findDicomFiles(DEMO_DICOM);
      const started = Date.now();
      const summary = await uploadDicomFiles(orthanc.url, files);
      console.log(
        `Loaded the demo case: ${files.length} files, ${summary.studyIds.length} studies ` +
          `(${summary.stored} new, ${summary.alreadyStored} already stored) in ${Date.now() - started} ms`,
      );
    }
  } catch (e) {
    await orthanc.stop();
    throw e;
  }

  console.log(`Orthanc (loopback only) REST:  ${orthanc.url}   store: ${path.relative(REPO_ROOT, STORE)}`);
  console.log(`DICOMweb:                      ${orthanc.dicomWebUrl}`);
  console.log(`Point the viewer at it:        npm start -- --pacs ${orthanc.dicomWebUrl}`);
  console.log('Ctrl-C stops it.');
}

const program = new Command('pacs')
  .description('Run a local Orthanc (loopback only) with the demo patient loaded')
  .option('--port <n>', 'HTTP port', parsePort, DEFAULT_PORT)
  .option('--reset', 'empty the persistent store (.cache/orthanc) first', false)
  .option('--no-demo', 'do not generate or load the demo case')
  .option('--public-origin <url>', 'origin of the viewer that proxies this PACS (for DICOMweb retrieve URLs)')
  .action(async (options: PacsOptions) => {
    try {
      await main(options);
    } catch (e) {
      const known = e instanceof OrthancNotInstalledError || e instanceof OrthancStartError;
      const message = e instanceof Error ? e.message : String(e);
      console.error(`pacs: ${known ? message : message.split('\n')[0]}`);
      if (e instanceof OrthancStartError && e.portTaken)
        console.error(`pacs: is \`npm run pacs\` already running? Choose another port: npm run pacs -- --port 8043`);
      process.exit(known ? 2 : 1);
    }
  });

program.parseAsync(process.argv);
