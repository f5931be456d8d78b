/**
 * `npm start`'s server process: serves the built viewer and the demo case (or proxies a PACS) on 127.0.0.1 and
 * prints the URL that opens the demo patient in our mode. Exit codes: 2 for a bad option or an unusable PACS
 * (ONE line on stderr), 1 for an internal fault. Runs until interrupted.
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { PacsUnavailableError, parsePacsUrl, patientStudyUids } from './pacsProbe';
import { demoPatientViewerUrl, demoStudyListUrl, demoViewerUrl, pacsViewerUrl, ReviewModeWithoutPacsError, startServer } from './startServer';
import { isInputError } from '../../extensions/mrecist/src/core/errors';

const repoRoot = path.resolve(__dirname, '..', '..');
export const DEFAULT_PORT = 3000;
const DEFAULT_DEMO_DIR = path.join(repoRoot, 'demo-data', 'dicom');
/** The MRI demo patient (P13), written by the same generator; served beside the CT patient unless --demo-dir is given. */
const DEFAULT_MRI_DEMO_DIR = path.join(repoRoot, 'demo-data', 'mri', 'dicom');
export const PACS_URL_ENV = 'MRECIST_PACS_URL';

class UsageProblem extends Error {}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`not a TCP port: ${value}`);
  return port;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('mrecist-serve')
    .description('Serve the OHIF viewer with the mRECIST mode on 127.0.0.1')
    .option('--port <n>', 'TCP port (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--pacs <url>', `DICOMweb root of a PACS to proxy at /dicom-web (or set ${PACS_URL_ENV})`)
    .option('--viewer-dir <dir>', 'built viewer', path.join(repoRoot, 'dist', 'viewer'))
    .option('--demo-dir <dir>', 'demo DICOM root (default: the CT patient in demo-data/dicom and the MRI patient in demo-data/mri/dicom)', DEFAULT_DEMO_DIR)
    .option('--patient <id>', 'with --pacs: PatientID whose studies the printed URL opens (default: the demo patient)')
    .option('--review <file>', 'with --pacs: blinded central review set up by REVIEW.json (login, worklists, blinding, audit log)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' ? 0 : 2;
    throw e;
  }
  const opts = program.opts<{ port: number; pacs?: string; viewerDir: string; demoDir: string; patient?: string; review?: string }>();
  const pacsUrl = opts.pacs ?? (process.env[PACS_URL_ENV] || undefined);
  const extraDemoDicomDirs = program.getOptionValueSource('demoDir') === 'default' ? [DEFAULT_MRI_DEMO_DIR] : [];
  const server = await startServer({ viewerDir: opts.viewerDir, demoDicomDir: opts.demoDir, extraDemoDicomDirs, pacsUrl, port: opts.port, reviewConfigFile: opts.review }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE') throw new UsageProblem(`port ${opts.port} on 127.0.0.1 is in use: choose another with --port`);
    throw e;
  });
  let openUrl = `${server.url}/`;
  if (server.reviewAuditLog) {
    process.stdout.write(`Central review of ${opts.review} on PACS ${server.pacsUrl}; audit log ${server.reviewAuditLog}\n`);
    openUrl = `${server.url}/review/`;
  } else if (server.pacsUrl) {
    process.stdout.write(`Proxying PACS ${server.pacsUrl} at ${server.url}/dicom-web\n`);
    const patientId = opts.patient ?? server.demo?.patientId;
    if (patientId) {
      const uids = await patientStudyUids(parsePacsUrl(server.pacsUrl), patientId);
      if (uids.length) openUrl = pacsViewerUrl(server.url, uids);
      else process.stdout.write(`Patient ${patientId} has no studies on the PACS (npm run pacs loads the demo); opening the study list\n`);
    }
  } else if (server.demo?.studyInstanceUids.length) {
    openUrl = demoViewerUrl(server.url, server.demo);
    if (server.demo.patients.length > 1) {
      for (const p of server.demo.patients) process.stdout.write(`Demo patient ${p.patientId}: ${demoPatientViewerUrl(server.url, server.demo, p.patientId ?? '')}\n`);
      openUrl = demoStudyListUrl(server.url);
    }
  } else {
    process.stdout.write(`No demo case under ${opts.demoDir}: generate it with npm run demo -- --out demo-data\n`);
  }
  process.stdout.write(`mRECIST viewer: ${openUrl}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof PacsUnavailableError || e instanceof UsageProblem || e instanceof ReviewModeWithoutPacsError || isInputError(e)) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`internal error: ${e instanceof Error ? (process.env.MRECIST_DEBUG ? e.stack : e.message) : String(e)}\n`);
    process.exit(1);
  },
);
