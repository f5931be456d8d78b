/**
 * Our SR in stock OHIF: the prebuilt @ohif/app with only its own extensions and modes (no mrecist extension, no
 * import map), opened in the stock `viewer` mode from a dicomjson manifest holding one demo CT series and an SR we
 * wrote for it. The SR has what our reads have: a target lesion drawn on this series (long and short axis), its
 * baseline values typed in (no line), a not-evaluable target, a non-target status and responses under two
 * criteria. OHIF's cornerstone-dicom-sr loader must open it in its SR viewport without throwing and hydrate the
 * drawn lines with their values; geometry-free content must not reach it as measurements.
 * Expected values come from the case file and the DICOM files, never from the viewer.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { parseCaseFile } from '../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { uidFromName } from '../../extensions/mrecist/src/core/dicom/uid';
import { observationTrackingUid } from '../../extensions/mrecist/src/core/sr/LesionMeasurementGroup';
import { writeSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { startServer, type RunningServer } from '../../scripts/serve/startServer';
import { launchChromium, type LaunchedChromium } from './launchChromium';
import { assembleStockViewer } from './stockViewer';
import { waitUntil } from './viewerPage';

const REPO = path.resolve(__dirname, '..', '..');
const DEMO_DICOM_DIR = process.env.MRECIST_DEMO_DICOM_DIR ?? path.join(REPO, 'demo-data', 'dicom');
const ARTIFACTS = path.join(REPO, 'artifacts', 'browser');
const LOAD_TIMEOUT_MS = 120_000;

jest.setTimeout(300_000);

interface CtImage {
  file: string;
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
  studyDate: string;
  instanceNumber: number;
  patientId: string;
}

function readHeader(file: string): CtImage {
  const bytes = readFileSync(file);
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(ab, { untilTag: '7FE00010' }).dict);
  return {
    file,
    sopClassUid: ds.SOPClassUID,
    sopInstanceUid: ds.SOPInstanceUID,
    seriesInstanceUid: ds.SeriesInstanceUID,
    studyInstanceUid: ds.StudyInstanceUID,
    studyDate: ds.StudyDate,
    instanceNumber: Number(ds.InstanceNumber),
    patientId: ds.PatientID,
  };
}

/** The latest demo study's arterial CT series, sorted by instance number. */
function latestArterialSeries(): CtImage[] {
  const studies = readdirSync(DEMO_DICOM_DIR).filter((d) => d.startsWith('month-')).sort();
  const dir = path.join(DEMO_DICOM_DIR, studies[studies.length - 1], 'ct-arterial-2mm');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => readHeader(path.join(dir, f)))
    .sort((a, b) => a.instanceNumber - b.instanceNumber);
}

const iso = (da: string) => `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}`;

function caseFileFor(image: CtImage) {
  const graphic = (points: [number, number][]) => ({
    referencedSopClassUid: image.sopClassUid,
    referencedSopInstanceUid: image.sopInstanceUid,
    referencedSeriesInstanceUid: image.seriesInstanceUid,
    graphicType: 'POLYLINE',
    points,
  });
  return parseCaseFile(
    {
      patientId: image.patientId,
      criteria: 'recist1.1',
      timepoints: [
        { id: 'BL', date: '2019-01-02', baseline: true },
        { id: 'FU', date: iso(image.studyDate), studyInstanceUid: image.studyInstanceUid },
      ],
      lesions: [
        {
          id: 'T1',
          role: 'target',
          site: 'liver S8',
          trackingUid: uidFromName('stock viewer T1'),
          measurements: {
            BL: { longAxisMm: 42 },
            FU: {
              longAxisMm: 31.5,
              shortAxisMm: 20.25,
              graphics: { longAxisMm: graphic([[200, 240], [260, 250]]), shortAxisMm: graphic([[228, 225], [232, 265]]) },
            },
          },
        },
        {
          id: 'T2',
          role: 'target',
          site: 'liver S3',
          trackingUid: uidFromName('stock viewer T2'),
          measurements: { BL: { longAxisMm: 15 }, FU: { notEvaluable: true, reason: 'motion' } },
        },
        { id: 'NT1', role: 'nonTarget', site: 'portal vein', trackingUid: uidFromName('stock viewer NT1'), status: { BL: 'present', FU: 'present' } },
      ],
      reader: { name: 'Reader^One', role: 'Reader 1' },
    },
    'stock-viewer.case.json',
  );
}

let server: RunningServer;
let chromium: LaunchedChromium;
let work: string;
let image: CtImage;
let t1Uid: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'mrecist-stock-sr-'));
  const viewerDir = path.join(work, 'viewer');
  mkdirSync(viewerDir);
  assembleStockViewer(viewerDir);

  const series = latestArterialSeries();
  image = series[Math.floor(series.length / 2)];
  const dicomDir = path.join(work, 'dicom');
  mkdirSync(path.join(dicomDir, 'ct'), { recursive: true });
  for (const s of series) copyFileSync(s.file, path.join(dicomDir, 'ct', path.basename(s.file)));
  const caseFile = caseFileFor(image);
  const { bytes } = writeSr({
    caseFile,
    criteria: ['recist1.1'],
    document: { contentDate: image.studyDate, contentTime: '120000', studyInstanceUid: image.studyInstanceUid },
    file: 'stock-viewer.case.json',
  });
  mkdirSync(path.join(dicomDir, 'sr'));
  writeFileSync(path.join(dicomDir, 'sr', 'sr.dcm'), bytes);
  t1Uid = observationTrackingUid(uidFromName('stock viewer T1'), 'FU');

  server = await startServer({ viewerDir, demoDicomDir: dicomDir, port: 0 });
  chromium = await launchChromium({ viewport: { width: 1600, height: 900 } });
  const params = new URLSearchParams({ url: server.demo!.manifestPath, StudyInstanceUIDs: image.studyInstanceUid });
  await chromium.page.goto(`${server.url}/viewer/dicomjson?${params.toString()}`);
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface SrState {
  srDisplaySets: number;
  isLoaded: boolean;
  measurements: { TrackingUniqueIdentifier: string; TrackingIdentifier: string; labels: { label: string; value: string }[]; coords: number; loaded: boolean }[];
  annotations: { uid: string; toolName: string; lines: number; label: string; labels: string[] }[];
}

/** What the host's services and Cornerstone hold about the SR (read in the page; nothing of ours is loaded there). */
async function srState(): Promise<SrState> {
  return chromium.page.evaluate(() => {
    const w = window as any;
    const sets = (w.services?.displaySetService?.getActiveDisplaySets?.() ?? []).filter((d: any) => d.Modality === 'SR');
    const sr = sets[0];
    const all = w.cornerstoneTools?.annotation?.state?.getAllAnnotations?.() ?? [];
    return {
      srDisplaySets: sets.length,
      isLoaded: sr?.isLoaded === true,
      measurements: (sr?.measurements ?? []).map((m: any) => ({
        TrackingUniqueIdentifier: m.TrackingUniqueIdentifier,
        TrackingIdentifier: m.TrackingIdentifier,
        labels: m.labels,
        coords: m.coords.length,
        loaded: m.loaded,
      })),
      annotations: all
        .filter((a: any) => a.metadata?.toolName === 'DICOMSRDisplay')
        .map((a: any) => ({
          uid: a.annotationUID,
          toolName: a.metadata.toolName,
          lines: (a.data?.renderableData?.POLYLINE ?? []).length,
          label: a.data?.label,
          labels: (a.data?.labels ?? []).map((l: any) => `${l.label}: ${l.value}`),
        })),
    };
  });
}

describe('our SR in the stock OHIF viewer mode (no mrecist extension)', () => {
  it('opens the SR in the SR viewport and hydrates the drawn lines with their values', async () => {
    const { page } = chromium;
    await waitUntil(async () => (await srState()).srDisplaySets === 1, LOAD_TIMEOUT_MS, async () => JSON.stringify({ errors: chromium.consoleErrors.slice(-5) }));
    // Put the SR in the active viewport through the host's own command (what a thumbnail double-click runs).
    await page.evaluate(() => {
      const w = window as any;
      const sr = w.services.displaySetService.getActiveDisplaySets().find((d: any) => d.Modality === 'SR');
      const viewportId = w.services.viewportGridService.getActiveViewportId();
      w.commandsManager.runCommand('setDisplaySetsForViewports', { viewportsToUpdate: [{ viewportId, displaySetInstanceUIDs: [sr.displaySetInstanceUID] }] });
    });
    await waitUntil(
      async () => (await srState()).annotations.length > 0,
      LOAD_TIMEOUT_MS,
      async () => JSON.stringify({ state: await srState(), errors: chromium.consoleErrors.slice(-8) }),
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'stock-viewer-sr.png') });
    const state = await srState();
    expect(state.isLoaded).toBe(true);
    // Only the drawn group reaches the loader as a measurement: typed-in, not-evaluable, non-target and response
    // groups live under Qualitative Evaluations.
    expect(state.measurements).toEqual([
      {
        TrackingUniqueIdentifier: t1Uid,
        TrackingIdentifier: 'T1',
        labels: [
          { label: 'Long Axis', value: '31.50 mm' },
          { label: 'Short Axis', value: '20.25 mm' },
          // TID 1502's Time Point Order, a NUM, follows the values so that it never labels the line.
          { label: 'Time Point Order', value: '2.00 1' },
        ],
        coords: 2,
        loaded: true,
      },
    ]);
    expect(state.annotations).toEqual([
      { uid: t1Uid, toolName: 'DICOMSRDisplay', lines: 2, label: '31.50 mm', labels: ['Long Axis: 31.50 mm', 'Short Axis: 20.25 mm', 'Time Point Order: 2.00 1'] },
    ]);
  });

  it('shows the image the lines were drawn on', async () => {
    const shown = await chromium.page.evaluate(() => {
      const w = window as any;
      const engine = w.cornerstone?.getRenderingEngines?.()[0];
      return (engine?.getViewports?.() ?? []).map((v: any) => v.getCurrentImageId?.() ?? '');
    });
    expect(shown.some((id: string) => id.includes(path.basename(image.file)))).toBe(true);
  });

  it('logs no error and throws nothing while loading the SR', () => {
    expect(chromium.consoleErrors).toEqual([]);
  });
});
