/**
 * `npm run review`: blinded central review on this machine, to try it. A local Orthanc (loopback only, its own
 * store in .cache/review/orthanc) with the demo patients, REVIEW.json in .cache/review with two readers and an
 * adjudicator on every demo patient, and the viewer server in review mode. New random passwords are made at every
 * start (REVIEW.json keeps only their scrypt hashes) and printed once; the audit log and the stored reads persist
 * until --reset. Runs until Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { startOrthanc, uploadDicomFiles } from './pacs/orthanc';
import { findDicomFiles } from './pacs/findDicomFiles';
import { freePort } from './pacs/freePort';
import { startServer } from './serve/startServer';
import { readFileSync } from 'node:fs';
import dcmjs from 'dcmjs';
import { hashPassword } from '../extensions/mrecist/src/cli/commands/reviewUser';

const REPO_ROOT = path.resolve(__dirname, '..');
const WORK = path.join(REPO_ROOT, '.cache', 'review');
const DEMO_OUT = path.join(REPO_ROOT, 'demo-data');
const DEMO_DICOM = path.join(DEMO_OUT, 'dicom');
const TRIAL = 'DEMO-01';

const DEMO_USERS = [
  { id: 'reader1', name: 'Reader One', role: 'reader' },
  { id: 'reader2', name: 'Reader Two', role: 'reader' },
  { id: 'adjudicator', name: 'Adjudicator', role: 'adjudicator' },
] as const;

/** The PatientIDs among the demo files (headers only). */
function readDemoPatientIds(files: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const file of files) {
    const bytes = readFileSync(file);
    const message = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), { untilTag: '7FE00010', includeUntilTagValue: false });
    const id = dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict).PatientID;
    if (typeof id === 'string' && id !== '') ids.add(id);
  }
  return [...ids].sort();
}

function run(label: string, command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status ?? result.signal})`);
}

async function main(options: { port?: string; reset?: boolean }): Promise<void> {
  run('build', process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs'), '--if-stale']);
  run('demo generator', process.execPath, [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(REPO_ROOT, 'scripts', 'demo', 'generateDemo.ts'), '--out', DEMO_OUT]);
  if (options.reset) rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });

  const port = options.port ? Number(options.port) : await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const orthanc = await startOrthanc({ storageDirectory: path.join(WORK, 'orthanc'), publicOrigin: origin, name: 'mrecist-review-pacs' });
  const stop = () => void orthanc.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const files = findDicomFiles(DEMO_DICOM);
  await uploadDicomFiles(orthanc.url, files);

  const passwords = new Map(DEMO_USERS.map((u) => [u.id, randomBytes(9).toString('base64url')]));
  const reviewFile = path.join(WORK, 'REVIEW.json');
  const patients = readDemoPatientIds(files);
  writeFileSync(
    reviewFile,
    `${JSON.stringify(
      {
        trial: TRIAL,
        users: DEMO_USERS.map((u) => ({ ...u, password: hashPassword(passwords.get(u.id)!) })),
        cases: patients.map((patientId) => ({ patientId, readers: ['reader1', 'reader2'], adjudicator: 'adjudicator' })),
      },
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  );
  const server = await startServer({ viewerDir: path.join(REPO_ROOT, 'dist', 'viewer'), pacsUrl: orthanc.dicomWebUrl, port, reviewConfigFile: reviewFile });
  process.stdout.write(
    [
      `Central review ${TRIAL}: patients ${patients.join(', ')}; REVIEW.json ${path.relative(REPO_ROOT, reviewFile)}, audit log ${path.relative(REPO_ROOT, server.reviewAuditLog!)}`,
      `Passwords for this run (only their scrypt hashes are kept):`,
      ...DEMO_USERS.map((u) => `  ${u.id.padEnd(12)} ${passwords.get(u.id)}   (${u.name}, ${u.role})`),
      `Log in at ${server.url}/review/   (one browser profile per user: the session is a cookie). Ctrl-C stops it.`,
      '',
    ].join('\n'),
  );
}

new Command('review')
  .description('Local blinded central review: Orthanc with the demo patients, two readers and an adjudicator')
  .option('--port <n>', 'viewer server port (default: a free one)')
  .option('--reset', 'forget the stored reads and the audit log (.cache/review) first')
  .action(async (options: { port?: string; reset?: boolean }) => {
    try {
      await main(options);
    } catch (e) {
      process.stderr.write(`review: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
      process.exit(existsSync(DEMO_DICOM) ? 1 : 2);
    }
  })
  .parseAsync(process.argv);
