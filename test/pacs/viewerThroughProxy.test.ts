/**
 * The viewer against a real PACS, as a site would run it: Orthanc (temporary store) behind our server's
 * /dicom-web proxy, the demo patient opened in the mrecist mode in Debian's Chromium. Then STOW-RS through the
 * same proxy, the route the viewer uses to save structured reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stowInstances, STOW_TAGS } from '../../scripts/pacs/stowInstances';
import { parseMultipartRelated } from '../../scripts/pacs/multipartRelated';
import { pacsViewerUrl } from '../../scripts/serve/startServer';
import type { LaunchedChromium } from '../browser/launchChromium';
import { decodeDicom, encodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { newUid } from '../../extensions/mrecist/src/core/dicom/uid';
import { REPO_ROOT, DEMO_PATIENT_ID, type DemoInstance } from './demoCase';
import { luminanceStats, looksRendered, type LuminanceStats } from './viewportPixels';
import { startViewerOnPacs, type ViewerOnPacs } from './viewerOnPacs';

const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts', 'pacs');
/** Page load to first rendered image measured 8–10 s on 2 cores (ohif-host.md); SwiftShader under load is slower. */
const RENDER_TIMEOUT_MS = 120_000;

type DicomJson = Record<string, { vr: string; Value?: any[] }>;

let env: ViewerOnPacs | undefined;

beforeAll(async () => {
  env = await startViewerOnPacs({ browser: true });
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 90_000);

describe('DICOMweb through the viewer server', () => {
  it('QIDO-RS at /dicom-web finds the demo patient, with retrieve URLs on the viewer origin', async () => {
    const response = await fetch(`${env!.server.url}/dicom-web/studies?PatientID=${DEMO_PATIENT_ID}`, {
      headers: { Accept: 'application/dicom+json' },
    });
    expect(response.status).toBe(200);
    const found = (await response.json()) as DicomJson[];
    expect(found.map((s) => s['0020000D'].Value![0]).sort()).toEqual(env!.studies.map((s) => s.uid).sort());
    for (const study of found) {
      expect(study['00081190'].Value![0]).toBe(`${env!.server.url}/dicom-web/studies/${study['0020000D'].Value![0]}`);
    }
  });
});

describe('the viewer on a PACS', () => {
  it(
    'opens the demo patient in the mrecist mode and renders the baseline beside a follow-up',
    async () => {
      const { page } = env!.chromium!;
      const frameRequests: string[] = [];
      page.on('request', (request) => {
        if (/\/frames\/\d+/.test(request.url())) frameRequests.push(request.url());
      });
      await page.goto(pacsViewerUrl(env!.server.url, env!.studies.map((s) => s.uid)));

      const shown = await waitForTwoRenderedViewports(env!.chromium!);
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      writeFileSync(path.join(ARTIFACTS_DIR, 'viewer-through-orthanc.png'), await page.screenshot());

      const shownStudies = shown.map((v) => studyOfImageId(v.imageId));
      expect(new Set(shownStudies).size).toBe(2);
      expect(shownStudies).toContain(env!.studies[0].uid);
      for (const uid of shownStudies) expect(env!.studies.map((s) => s.uid)).toContain(uid);
      // Pixels came from the PACS through our origin, not from the static demo files.
      expect(frameRequests.length).toBeGreaterThan(0);
      for (const url of frameRequests) expect(url.startsWith(`${env!.server.url}/dicom-web/studies/`)).toBe(true);
    },
    RENDER_TIMEOUT_MS + 60_000,
  );

  it('calls a black viewport with only overlay text blank (the check above can fail)', async () => {
    const page = await env!.chromium!.context.newPage();
    try {
      await page.setContent(
        '<div id="v" style="width:600px;height:700px;background:#000;color:#ddd;font:14px sans-serif;position:relative">' +
          '<div style="position:absolute;left:8px;top:8px">05-Jan-2024<br>Arterial phase 2.0 mm</div>' +
          '<div style="position:absolute;left:8px;bottom:8px">W: 400 L: 40</div>' +
          '<div style="position:absolute;right:8px;bottom:8px">I: 36 (36/70)</div></div>',
      );
      expect(looksRendered(await luminanceStats(page, page.locator('#v')))).toBe(false);
    } finally {
      await page.close();
    }
  });
});

describe('STOW-RS through the viewer server', () => {
  it('stores a generated structured report in the baseline study and returns it by WADO-RS', async () => {
    const baseline = env!.demo.find((d) => d.studyUid === env!.studies[0].uid)!;
    const report = commentReport(baseline, 'mRECIST STOW-RS round trip');
    const stored = await stowInstances(`${env!.server.url}/dicom-web`, [encodeDicom(report)]);

    expect(stored.status).toBe(200);
    // Orthanc writes an empty Failed SOP Sequence when nothing failed.
    expect(stored.response[STOW_TAGS.FailedSOPSequence]?.Value ?? []).toEqual([]);
    const referenced = stored.response[STOW_TAGS.ReferencedSOPSequence].Value as DicomJson[];
    expect(referenced.map((r) => r['00081155'].Value![0])).toEqual([report.SOPInstanceUID]);

    const url =
      `${env!.server.url}/dicom-web/studies/${report.StudyInstanceUID}/series/${report.SeriesInstanceUID}` +
      `/instances/${report.SOPInstanceUID}`;
    const response = await fetch(url, { headers: { Accept: 'multipart/related; type="application/dicom"' } });
    expect(response.status).toBe(200);
    const parts = parseMultipartRelated(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type') ?? '');
    expect(parts).toHaveLength(1);
    const readBack = decodeDicom(parts[0].body, 'WADO-RS instance');
    expect(readBack.string('SOPInstanceUID')).toBe(report.SOPInstanceUID);
    expect(readBack.string('SOPClassUID')).toBe(COMPREHENSIVE_SR);
    expect(readBack.string('PatientID')).toBe(DEMO_PATIENT_ID);
    const text = readBack.requiredSequence('ContentSequence')[0];
    expect(text.string('TextValue')).toBe('mRECIST STOW-RS round trip');
  });
});

interface ShownViewport {
  readonly viewportId: string;
  readonly imageId: string;
  readonly stats: LuminanceStats;
}

/** Polls the host's Cornerstone until two viewports show an image and both look rendered on screen. */
async function waitForTwoRenderedViewports(browser: LaunchedChromium): Promise<ShownViewport[]> {
  const { page } = browser;
  const deadline = Date.now() + RENDER_TIMEOUT_MS;
  let last: ShownViewport[] = [];
  while (Date.now() < deadline) {
    const viewports = await page.evaluate(() => {
      const cs = (window as unknown as { cornerstone?: any }).cornerstone;
      if (!cs?.getRenderingEngines) return [];
      return cs
        .getRenderingEngines()
        .flatMap((engine: any) => engine.getViewports())
        .map((v: any) => ({ viewportId: String(v.id), imageId: v.getCurrentImageId?.() ?? null }))
        .filter((v: { imageId: string | null }) => typeof v.imageId === 'string');
    });
    if (viewports.length >= 2) {
      last = [];
      for (const v of viewports as { viewportId: string; imageId: string }[]) {
        const element = page.locator(`[data-viewport-uid="${v.viewportId}"]`).first();
        if ((await element.count()) === 0) continue;
        last.push({ ...v, stats: await luminanceStats(page, element) });
      }
      if (last.length >= 2 && last.every((v) => looksRendered(v.stats))) return last;
    }
    await page.waitForTimeout(1000);
  }
  throw new Error(
    `two rendered viewports not seen within ${RENDER_TIMEOUT_MS} ms; last: ${JSON.stringify(last)}; ` +
      `console errors: ${browser.consoleErrors.slice(-5).join(' | ')}`,
  );
}

/** wadors:<origin>/dicom-web/studies/<uid>/series/... → <uid> */
function studyOfImageId(imageId: string): string {
  const match = /\/studies\/([^/]+)\//.exec(imageId);
  if (!match) throw new Error(`not a WADO-RS image id: ${imageId}`);
  return match[1];
}

const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';

/** A minimal Comprehensive SR (a titled container with one text item) placed in an existing study. */
function commentReport(inStudyOf: DemoInstance, comment: string): Record<string, any> {
  const code = (value: string, meaning: string) => [{ CodeValue: value, CodingSchemeDesignator: 'DCM', CodeMeaning: meaning }];
  return {
    SOPClassUID: COMPREHENSIVE_SR,
    SOPInstanceUID: newUid(),
    StudyInstanceUID: inStudyOf.studyUid,
    SeriesInstanceUID: newUid(),
    PatientID: inStudyOf.patientId,
    PatientName: 'STOW^Test',
    Modality: 'SR',
    SeriesNumber: 900,
    InstanceNumber: 1,
    ContentDate: '20260101',
    ContentTime: '120000',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: code('126000', 'Imaging Measurement Report'),
    ContinuityOfContent: 'SEPARATE',
    CompletionFlag: 'PARTIAL',
    VerificationFlag: 'UNVERIFIED',
    ContentSequence: [
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'TEXT',
        ConceptNameCodeSequence: code('121106', 'Comment'),
        TextValue: comment,
      },
    ],
  };
}
