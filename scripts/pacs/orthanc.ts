/**
 * Lifecycle of a private Orthanc (Debian's /usr/sbin/Orthanc with the DICOMweb plugin): generated config in a
 * temporary folder, a free HTTP port, readiness on /system, clean shutdown. Used by `npm run pacs` and the
 * PACS tests. Every Orthanc started here is stopped by stop(), by the exit hook below if the caller forgets,
 * and (through setpriv's parent-death signal) by the kernel if this Node process is killed outright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildOrthancConfig, DICOMWEB_PLUGIN_PATH, DICOMWEB_ROOT } from './orthancConfig';
import { freePort, portInUse } from './freePort';

export { uploadDicomFiles, type UploadSummary, type DicomUpload } from './uploadDicomFiles';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
const SETPRIV = '/usr/bin/setpriv';

/** Orthanc 1.10 takes 1–3 s to answer on 2 cores; a cold page cache or a busy CI runner can take far longer. */
const DEFAULT_START_TIMEOUT_MS = 60_000;
/** It flushes and closes its SQLite index on SIGTERM; a large store takes a few seconds. */
const STOP_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 150;
const STDERR_LINES_KEPT = 40;
/** When we pick the port ourselves, another process may grab it between probe and bind: try again. */
const PORT_ATTEMPTS = 3;

export class OrthancNotInstalledError extends Error {
  constructor(missing: string) {
    super(`Orthanc not installed (${missing} missing): apt-get install orthanc orthanc-dicomweb`);
    this.name = 'OrthancNotInstalledError';
  }
}

export class OrthancStartError extends Error {
  constructor(message: string, readonly portTaken = false) {
    super(message);
    this.name = 'OrthancStartError';
  }
}

export interface StartOrthancOptions {
  /** HTTP port; default: a free one. A port already in use is an error, never "reuse what answers". */
  port?: number;
  /** Persistent store (created if absent). Default: a fresh temporary folder, deleted by stop(). */
  storageDirectory?: string;
  /** Origin of the proxy in front of it (e.g. "http://127.0.0.1:3000"): becomes DicomWeb.Host. */
  publicOrigin?: string;
  /** Orthanc's "Name" (also checked on /system, so we never mistake another server for ours). */
  name?: string;
  startTimeoutMs?: number;
  /** Receives Orthanc's log lines (stdout and stderr). Default: kept only for error messages. */
  log?: (line: string) => void;
}

export interface OrthancServer {
  /** http://127.0.0.1:<port> (the REST API root). */
  readonly url: string;
  /** http://127.0.0.1:<port>/dicom-web (no trailing slash). */
  readonly dicomWebUrl: string;
  readonly port: number;
  readonly pid: number;
  readonly storageDirectory: string;
  /** SIGTERM, wait for exit (SIGKILL after 30 s), remove temporary folders. Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: we can only signal. Orthanc then shuts itself down.
  process.on('exit', () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
}

export function assertOrthancInstalled(): void {
  for (const file of [ORTHANC_BINARY, DICOMWEB_PLUGIN_PATH]) {
    try {
      accessSync(file, file === ORTHANC_BINARY ? constants.X_OK : constants.R_OK);
    } catch {
      throw new OrthancNotInstalledError(file);
    }
  }
}

export async function startOrthanc(options: StartOrthancOptions = {}): Promise<OrthancServer> {
  assertOrthancInstalled();
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOnPort(port, options);
    } catch (e) {
      const retry = e instanceof OrthancStartError && e.portTaken && options.port === undefined;
      if (!retry || attempt >= PORT_ATTEMPTS) throw e;
    }
  }
}

async function startOnPort(port: number, options: StartOrthancOptions): Promise<OrthancServer> {
  if (await portInUse(port))
    throw new OrthancStartError(`Orthanc: port ${port} is already in use (another Orthanc or server?)`, true);

  const workDirectory = mkdtempSync(path.join(os.tmpdir(), 'mrecist-orthanc-'));
  const temporaryStore = options.storageDirectory === undefined;
  const storageDirectory = options.storageDirectory ?? path.join(workDirectory, 'storage');
  mkdirSync(storageDirectory, { recursive: true });
  const name = options.name ?? `mrecist-${process.pid}-${port}`;
  const configPath = path.join(workDirectory, 'orthanc.json');
  const config = buildOrthancConfig({ name, httpPort: port, storageDirectory, publicOrigin: options.publicOrigin });
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  // setpriv --pdeathsig: the kernel sends SIGTERM to Orthanc if we die without running exit hooks (SIGKILL,
  // OOM, a Jest worker torn down). setpriv execs Orthanc, so the pid is Orthanc's own.
  const [command, args] = existsSync(SETPRIV)
    ? [SETPRIV, ['--pdeathsig', 'SIGTERM', '--', ORTHANC_BINARY, configPath]]
    : [ORTHANC_BINARY, [configPath]];
  const child = spawn(command, args, { cwd: workDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
  installExitHook();
  running.add(child);

  const recentLines: string[] = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      recentLines.push(line);
      if (recentLines.length > STDERR_LINES_KEPT) recentLines.shift();
      options.log?.(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (e) => {
    spawnError = e;
    running.delete(child);
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (!stopped) {
      stopped = true;
      if (child.exitCode === null && child.signalCode === null && spawnError === undefined) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const tooSlow = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
        if (tooSlow) {
          child.kill('SIGKILL');
          await exited;
        }
      }
    }
    rmSync(workDirectory, { recursive: true, force: true });
    if (temporaryStore) rmSync(storageDirectory, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  for (;;) {
    if (spawnError !== undefined) {
      await stop();
      throw new OrthancStartError(`Orthanc: could not run ${command}: ${spawnError.message}`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      const log = recentLines.join('\n');
      const portTaken = /port.*(in use|privileged)|address already in use/i.test(log);
      throw new OrthancStartError(
        `Orthanc exited during start-up (code ${child.exitCode ?? child.signalCode}):\n${log}`,
        portTaken,
      );
    }
    const answeredName = await systemName(url);
    if (answeredName === name) break;
    if (answeredName !== undefined) {
      await stop();
      throw new OrthancStartError(`Orthanc: port ${port} is answered by another server ("${answeredName}")`, true);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new OrthancStartError(`Orthanc did not answer ${url}/system in time:\n${recentLines.join('\n')}`);
    }
    await delay(POLL_INTERVAL_MS);
  }

  return {
    url,
    dicomWebUrl: `${url}${DICOMWEB_ROOT.replace(/\/$/, '')}`,
    port,
    pid: child.pid!,
    storageDirectory,
    stop,
  };
}

/** The Name from GET /system, or undefined while nothing answers yet. */
async function systemName(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/system`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { Name?: unknown };
    return typeof body.Name === 'string' ? body.Name : '(unnamed)';
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
