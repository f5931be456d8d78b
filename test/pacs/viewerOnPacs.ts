/**
 * Test fixture: the demo case in a fresh Orthanc (temporary store), our viewer server proxying it at
 * /dicom-web, and optionally Debian's Chromium. For any PACS test that needs the viewer (e.g. saving an SR
 * through the host's storeMeasurements and reading it back). close() stops everything it started, each part
 * even if another fails; call it from afterAll.
 *
 *   let env: ViewerOnPacs;
 *   beforeAll(async () => { env = await startViewerOnPacs({ browser: true }); }, 300_000);
 *   afterAll(() => env?.close(), 90_000);
 *   ... await env.chromium!.page.goto(pacsViewerUrl(env.server.url, env.studies.map((s) => s.uid)));
 */
import path from 'node:path';
import { startOrthanc, uploadDicomFiles, type OrthancServer } from '../../scripts/pacs/orthanc';
import { freePort } from '../../scripts/pacs/freePort';
import { startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from '../browser/launchChromium';
import { readDemoCase, groupBy, REPO_ROOT, DEMO_PATIENT_ID, type DemoInstance } from './demoCase';

export const VIEWER_DIR = path.join(REPO_ROOT, 'dist', 'viewer');

export interface ViewerOnPacs {
  readonly orthanc: OrthancServer;
  readonly server: RunningServer;
  readonly chromium: LaunchedChromium | undefined;
  /** Every demo file with its header values, as read from disk. */
  readonly demo: readonly DemoInstance[];
  /** The demo patient's studies, earliest first (the first is the baseline). */
  readonly studies: readonly { uid: string; date: string }[];
  close(): Promise<void>;
}

/** `token`: the proxy then refuses PACS requests without `Authorization: Bearer <token>` (an authenticating PACS). */
export async function startViewerOnPacs(options: { browser?: boolean; token?: string } = {}): Promise<ViewerOnPacs> {
  const demo = readDemoCase();
  const studies = [...groupBy(demo.filter((d) => d.patientId === DEMO_PATIENT_ID), (d) => d.studyUid)]
    .map(([uid, files]) => ({ uid, date: files[0].studyDate }))
    .sort((a, b) => a.date.localeCompare(b.date));

  let orthanc: OrthancServer | undefined;
  let server: RunningServer | undefined;
  let chromium: LaunchedChromium | undefined;
  const close = async (): Promise<void> => {
    // Each in turn even if one fails: a browser or Orthanc left running would pile up across runs.
    await chromium?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await orthanc?.stop();
  };
  try {
    // The server's port must be known before Orthanc starts: it becomes DicomWeb.Host, so the retrieve URLs
    // Orthanc writes point back through the proxy.
    const serverPort = await freePort();
    orthanc = await startOrthanc({ publicOrigin: `http://127.0.0.1:${serverPort}` });
    await uploadDicomFiles(
      orthanc.url,
      demo.map((d) => d.file),
    );
    server = await startServer({ viewerDir: VIEWER_DIR, pacsUrl: orthanc.dicomWebUrl, port: serverPort, requireBearerToken: options.token });
    if (options.browser) chromium = await launchChromium();
  } catch (e) {
    await close();
    throw e;
  }
  return { orthanc, server, chromium, demo, studies, close };
}
