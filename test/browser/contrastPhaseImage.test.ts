/**
 * Contrast phase from the images in the viewer (real Chromium, real viewer): a copy of the demo patient whose CT
 * series have neither phase words nor any acquisition, content, series or contrast start time, so their metadata
 * cannot decide a phase (checked with `mrecist phase --no-image` on the copy). The viewer measures the aorta and
 * portal vein on a few slices in its phase worker; the arterial series is then hung on both sides and labelled
 * arterial, with the image evidence in the label's hover text. The attenuations shown are compared with those
 * `mrecist phase` measures on the same files (an independent reader of the pixels).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { demoViewerUrl, startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { writePhaseFreeCopy, type PhaseFreeCopy } from './phaseFreeCopy';
import { waitForReadViewer } from './readViewerReady';
import { waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DIR = process.env.MRECIST_DEMO_DIR ?? path.join(REPO, 'demo-data');
const SHOTS = process.env.MRECIST_SHOTS_DIR ?? path.join(REPO, 'artifacts', 'browser', 'phase');
const RENDER_TIMEOUT_MS = 90_000;
/** The viewer samples the same slices as the CLI; pixel decoding may differ by rounding only. */
const HU_TOLERANCE = 2;

jest.setTimeout(300_000);

let server: RunningServer;
let chromium: LaunchedChromium;
let copyDir: string;
let copy: PhaseFreeCopy;

interface CliRow {
  seriesInstanceUid: string;
  modality: string | null;
  phase: string;
  evidence: string[];
}

function cliPhase(dir: string, withImages: boolean): CliRow[] {
  const args = [path.join(REPO, 'bin', 'mrecist.js'), 'phase', dir, '--json', ...(withImages ? [] : ['--no-image'])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).series;
}

/** "aorta 316 HU, portal vein 153 HU" → [316, 153]. */
function vesselHu(text: string): [number, number] | null {
  const m = /aorta (-?\d+) HU, portal vein (-?\d+) HU/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

beforeAll(async () => {
  copyDir = mkdtempSync(path.join(os.tmpdir(), 'mrecist-phase-image-'));
  copy = writePhaseFreeCopy(path.join(DEMO_DIR, 'dicom'), copyDir, { withoutTimes: true });
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ viewerDir: path.join(REPO, 'dist', 'viewer'), demoDicomDir: copyDir, port: 0 });
  chromium = await launchChromium({ viewport: { width: 1600, height: 900 } });
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

async function shownSeries(viewportId: string): Promise<string> {
  return chromium.page.evaluate((id) => {
    const services = (window as unknown as { services: any }).services;
    try {
      const uid = services.viewportGridService.getState().viewports.get(id)?.displaySetInstanceUIDs?.[0];
      return uid ? String(services.displaySetService.getDisplaySetByUID(uid)?.SeriesInstanceUID ?? '') : '';
    } catch {
      return '';
    }
  }, viewportId);
}

async function label(viewportId: string): Promise<{ text: string; title: string; phase: string }> {
  const el = chromium.page.locator(`[data-testid="mrecist-viewport-phase-label"][data-viewport-id="${viewportId}"]`);
  return { text: await el.innerText(), title: (await el.getAttribute('title')) ?? '', phase: (await el.getAttribute('data-phase')) ?? '' };
}

it('metadata without phase words or times: the arterial series is hung and labelled arterial from the images, the evidence on hover', async () => {
  // The copy's CT metadata decides nothing: every CT series is unknown without images.
  const metadataOnly = cliPhase(copyDir, false).filter((r) => r.modality === 'CT');
  expect(metadataOnly.length).toBe(copy.phaseOfSeries.size);
  expect(metadataOnly.every((r) => r.phase === 'unknown')).toBe(true);
  const withImages = new Map(cliPhase(copyDir, true).map((r) => [r.seriesInstanceUid, r]));

  const { page } = chromium;
  await page.goto(demoViewerUrl(server.url, server.demo!));
  await waitForReadViewer(chromium, RENDER_TIMEOUT_MS);
  const viewports = [VIEWPORT_ID.baseline, VIEWPORT_ID.current];
  await waitUntil(
    async () => {
      for (const id of viewports) {
        if (copy.phaseOfSeries.get(await shownSeries(id)) !== 'arterial' || (await label(id)).phase !== 'arterial') return false;
      }
      return true;
    },
    90_000,
    async () => JSON.stringify(await Promise.all(viewports.map(async (id) => ({ id, original: copy.phaseOfSeries.get(await shownSeries(id)), label: await label(id) })))),
  );
  for (const id of viewports) {
    const series = await shownSeries(id);
    const shown = await label(id);
    expect(shown.text).toMatch(/arterial$/);
    expect(shown.title).toMatch(/^Contrast phase: (late |early )?arterial \(confidence \d+ %\)\n/);
    const line = shown.title.split('\n').find((l) => l.startsWith('• image: aorta'));
    expect(line).toBeDefined();
    const viewer = vesselHu(line!)!;
    const cli = vesselHu(withImages.get(series)!.evidence.join('\n'))!;
    expect(cli).not.toBeNull();
    expect(Math.abs(viewer[0] - cli[0])).toBeLessThanOrEqual(HU_TOLERANCE);
    expect(Math.abs(viewer[1] - cli[1])).toBeLessThanOrEqual(HU_TOLERANCE);
    expect(withImages.get(series)!.phase).toBe('arterial');
  }
  await page.locator(`[data-testid="mrecist-viewport-phase-label"][data-viewport-id="${VIEWPORT_ID.current}"]`).hover();
  await page.screenshot({ path: path.join(SHOTS, 'image-evidence-arterial.png') });
});
