/**
 * The viewer server: dist/viewer at the root with an SPA fallback (the prebuilt OHIF uses absolute paths),
 * cross-origin isolation headers (Cornerstone then gets SharedArrayBuffer), and one data source:
 *  - default: the demo case, DICOM files as static resources under /demo/dicom/... and a dicomjson manifest
 *    generated from them at /demo/manifest.json;
 *  - with a PACS URL: /dicom-web/* (and /wado) proxied to that DICOMweb server, same origin for the browser.
 * Listens on 127.0.0.1 only. Used by `npm start` (scripts/serve/main.ts) and by the browser tests.
 */
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import httpProxy from 'http-proxy';
import { buildDicomJsonManifest, type DicomJsonManifest } from './dicomJsonManifest';
import { pacsLabel, parsePacsUrl, probePacs } from './pacsProbe';
import { resolveStaticFile, sendFile, sendText } from './staticFiles';
import { loadReviewMode } from './review/reviewMode';

export interface StartServerOptions {
  /** Folder built by scripts/build.mjs (index.html, app-config.js, our bundles). */
  readonly viewerDir: string;
  /** Root of the demo DICOM files (scanned recursively). With a PACS they are not served, but `demo` still
   *  names the demo patient so the caller can look it up on the PACS. */
  readonly demoDicomDir?: string;
  /** More demo patients, each a DICOM root of its own (e.g. the MRI patient in demo-data/mri/dicom), served
   *  beside the first under /demo/more/<n>/ and listed in the same manifest. */
  readonly extraDemoDicomDirs?: readonly string[];
  /** DICOMweb root of a PACS to proxy at /dicom-web (e.g. http://127.0.0.1:8042/dicom-web). */
  readonly pacsUrl?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /**
   * When set, proxied PACS requests must carry `Authorization: Bearer <token>` (else 401): a stand-in for an
   * authenticating PACS gateway (the viewer passes it on from `?token=`, OHIF's userAuthenticationService).
   */
  readonly requireBearerToken?: string;
  readonly host?: string;
  /** REVIEW.json: blinded central review (scripts/serve/review), with a PACS only. */
  readonly reviewConfigFile?: string;
}

export interface DemoInfo {
  readonly manifestPath: string;
  readonly patientId: string | undefined;
  /** Study UIDs of the demo patient in date order (baseline first). */
  readonly studyInstanceUids: readonly string[];
  /** Every patient of the manifest (the first is the one above), for a URL per patient. */
  readonly patients: ReadonlyArray<{ readonly patientId: string | undefined; readonly studyInstanceUids: readonly string[] }>;
}

export interface RunningServer {
  /** Origin, e.g. "http://127.0.0.1:3000". */
  readonly url: string;
  readonly port: number;
  readonly pacsUrl: string | undefined;
  readonly demo: DemoInfo | undefined;
  /** In review mode: the audit log the server appends to. */
  readonly reviewAuditLog?: string;
  close(): Promise<void>;
}

export const DEMO_MANIFEST_PATH = '/demo/manifest.json';
const DEMO_DICOM_PATH = '/demo/dicom';
/** Served path of the n-th extra demo root. */
const extraDemoPath = (n: number) => `/demo/more/${n}`;
const EXTRA_DEMO_PATH = /^\/demo\/more\/(\d+)(\/.*)$/;
const DICOMWEB_PATH = '/dicom-web';
const WADO_URI_PATH = '/wado';

/** Isolation headers on every response: COOP+COEP make the page crossOriginIsolated (SharedArrayBuffer). */
function setCommonHeaders(res: http.ServerResponse): void {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-cache');
}

function startsWithSegment(urlPath: string, prefix: string): boolean {
  return urlPath === prefix || urlPath.startsWith(prefix + '/') || urlPath.startsWith(prefix + '?');
}

/** With a PACS, the app config's default data source becomes the proxied DICOMweb one. */
const PACS_APP_CONFIG_OVERRIDE = "\nwindow.config.defaultDataSourceName = 'dicomweb';\n";

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const viewerDir = path.resolve(options.viewerDir);
  const indexFile = path.join(viewerDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${indexFile} missing: run node scripts/build.mjs first`);
  const host = options.host ?? '127.0.0.1';
  const pacs = options.pacsUrl ? parsePacsUrl(options.pacsUrl) : undefined;
  if (pacs) await probePacs(pacs);

  let manifestJson: string | undefined;
  let demo: DemoInfo | undefined;
  const extraDemoDirs = (options.extraDemoDicomDirs ?? []).map((d) => path.resolve(d));
  if (options.demoDicomDir && existsSync(options.demoDicomDir)) {
    const manifest: DicomJsonManifest = {
      studies: [
        ...buildDicomJsonManifest(path.resolve(options.demoDicomDir), DEMO_DICOM_PATH).studies,
        ...extraDemoDirs.flatMap((dir, n) => (existsSync(dir) ? buildDicomJsonManifest(dir, extraDemoPath(n)).studies : [])),
      ],
    };
    manifestJson = JSON.stringify(manifest);
    const patientIds = [...new Set(manifest.studies.map((s) => s.PatientID))];
    const patients = patientIds.map((patientId) => ({
      patientId,
      studyInstanceUids: manifest.studies.filter((s) => s.PatientID === patientId).map((s) => s.StudyInstanceUID),
    }));
    demo = { manifestPath: DEMO_MANIFEST_PATH, patientId: patients[0]?.patientId, studyInstanceUids: patients[0]?.studyInstanceUids ?? [], patients };
  }

  const proxy = pacs ? httpProxy.createProxyServer({ changeOrigin: true, xfwd: true }) : undefined;
  proxy?.on('error', (error, _req, res) => {
    const response = res as http.ServerResponse;
    if ('headersSent' in response && !response.headersSent) sendText(response, 502, `PACS at ${pacsLabel(pacs!)} failed: ${error.message}\n`);
    else (res as { destroy?: () => void }).destroy?.();
  });

  if (options.reviewConfigFile && !pacs) throw new ReviewModeWithoutPacsError();
  const review =
    options.reviewConfigFile && pacs
      ? loadReviewMode({ configFile: options.reviewConfigFile, pacsRoot: pacsLabel(pacs), pacsOrigin: pacs.origin, viewerUrl: (uids) => pacsViewerUrl('', uids) })
      : undefined;

  const server = http.createServer((req, res) => {
    setCommonHeaders(res);
    // Review mode answers every request itself (authentication, blinding) and hands only the viewer's files on.
    if (review) void review.handle(req, res, () => serve(req, res));
    else serve(req, res);
  });

  const serve = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = req.url ?? '/';
    const urlPath = url.split('?')[0];
    if (pacs && proxy && (startsWithSegment(urlPath, DICOMWEB_PATH) || startsWithSegment(urlPath, WADO_URI_PATH))) {
      if (options.requireBearerToken !== undefined && req.headers.authorization !== `Bearer ${options.requireBearerToken}`) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="pacs"');
        sendText(res, 401, 'PACS: authentication required\n');
        return;
      }
      const isWado = startsWithSegment(urlPath, WADO_URI_PATH);
      // /dicom-web/<rest> -> <pacs root>/<rest>; /wado -> <pacs origin>/wado (WADO-URI lives at the server root).
      req.url = isWado ? url : pacs.pathname + url.slice(DICOMWEB_PATH.length);
      proxy.web(req, res, { target: pacs.origin });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed\n');
      return;
    }
    if (urlPath === DEMO_MANIFEST_PATH) {
      if (!manifestJson || pacs) sendText(res, 404, 'no demo case: generate it (npm run demo) or start with --pacs\n');
      else sendText(res, 200, manifestJson, 'application/json; charset=utf-8');
      return;
    }
    if (startsWithSegment(urlPath, DEMO_DICOM_PATH)) {
      const file = options.demoDicomDir && !pacs ? resolveStaticFile(options.demoDicomDir, urlPath.slice(DEMO_DICOM_PATH.length)) : null;
      if (file) sendFile(res, file, req.method, 'application/dicom');
      else sendText(res, 404, 'not found\n');
      return;
    }
    const extra = EXTRA_DEMO_PATH.exec(urlPath);
    if (extra) {
      const root = pacs ? undefined : extraDemoDirs[Number(extra[1])];
      const file = root ? resolveStaticFile(root, extra[2]) : null;
      if (file) sendFile(res, file, req.method, 'application/dicom');
      else sendText(res, 404, 'not found\n');
      return;
    }
    if (startsWithSegment(urlPath, DICOMWEB_PATH) || startsWithSegment(urlPath, WADO_URI_PATH)) {
      sendText(res, 404, 'no PACS configured: start with --pacs URL\n');
      return;
    }
    if (startsWithSegment(urlPath, '/review')) {
      // Not a central review: the viewer's identity probe (/review/api/me) must get a 404, not the SPA page.
      sendText(res, 404, 'not a central review (start with --review REVIEW.json)\n');
      return;
    }
    if (urlPath === '/app-config.js' && pacs) {
      const file = path.join(viewerDir, 'app-config.js');
      const body = readFileSync(file, 'utf8') + PACS_APP_CONFIG_OVERRIDE;
      sendText(res, 200, body, 'text/javascript; charset=utf-8');
      return;
    }
    if (urlPath === '/' && demo && !pacs && demo.patients.length === 1) {
      // One demo patient: the root opens it. With several, the root is the study list (our demo data source lists
      // the manifest's studies; ohif/demo/getDataSourcesModule.ts).
      res.statusCode = 302;
      res.setHeader('Location', demoViewerUrl('', demo));
      res.end();
      return;
    }
    const file = resolveStaticFile(viewerDir, urlPath);
    // SPA fallback: client-side routes (/mrecist/dicomjson, /viewer, ...) get index.html.
    sendFile(res, file ?? indexFile, req.method);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    pacsUrl: pacs ? pacsLabel(pacs) : undefined,
    demo,
    reviewAuditLog: review?.auditPath,
    close: () =>
      new Promise<void>((resolve) => {
        proxy?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Review mode serves the reads of a PACS: it has nothing to serve without one. */
export class ReviewModeWithoutPacsError extends Error {
  constructor() {
    super('--review needs --pacs URL (the PACS holding the images and the reads)');
    this.name = 'ReviewModeWithoutPacsError';
  }
}

/** The viewer URL that opens the demo patient in our mode (all studies of the patient). */
export function demoViewerUrl(origin: string, demo: DemoInfo): string {
  const params = new URLSearchParams({ url: demo.manifestPath, StudyInstanceUIDs: demo.studyInstanceUids.join(',') });
  return `${origin}/mrecist/dicomjson?${params.toString()}`;
}

/** The study list of the demo manifest (served at the root when there are several demo patients). */
export function demoStudyListUrl(origin: string): string {
  return `${origin}/`;
}

/** The viewer URL that opens one demo patient's studies in our mode. */
export function demoPatientViewerUrl(origin: string, demo: DemoInfo, patientId: string): string {
  const patient = demo.patients.find((p) => p.patientId === patientId);
  return demoViewerUrl(origin, { ...demo, studyInstanceUids: patient?.studyInstanceUids ?? [] });
}

/** The viewer URL that opens the given studies from the proxied PACS in our mode. */
export function pacsViewerUrl(origin: string, studyInstanceUids: readonly string[], token?: string): string {
  const query = new URLSearchParams({ StudyInstanceUIDs: studyInstanceUids.join(',') });
  // OHIF takes `token` as the user's bearer token for every request (and removes it from the address bar).
  if (token !== undefined) query.set('token', token);
  return `${origin}/mrecist/dicomweb?${query.toString()}`;
}
