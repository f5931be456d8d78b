/**
 * A follow-up CT loaded by the CT load worker (ohif/overlay/workerCtLoad), with the worker run in process (the
 * real job, core/seeds/ctLoadJob, over a fake fetch) and a fake host: image ids become instance URLs, the volume
 * takes its geometry from the host's metadata and its HU from the worker, a worker is reused after a load that
 * ended, and a slice the worker cannot use hands the series to the host's image loader.
 */
import { encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import { runCtLoad, type CtLoadReply, type CtLoadRequest } from '../../../extensions/mrecist/src/core/seeds/ctLoadJob';
import { bindHostCornerstone } from '../../../extensions/mrecist/src/ohif/hostCornerstone';
import { CtLoadWorkers } from '../../../extensions/mrecist/src/ohif/overlay/ctLoadWorkers';
import { instanceUrlOfImageId } from '../../../extensions/mrecist/src/ohif/overlay/fetchInstanceBytes';
import { WorkerCtLoad } from '../../../extensions/mrecist/src/ohif/overlay/workerCtLoad';

const ROWS = 4, COLUMNS = 5, SLICES = 12;
/** Slice k's stored values: 100·k + pixel index; HU = stored − 1000. */
const stored = (k: number) => Int16Array.from({ length: ROWS * COLUMNS }, (_, i) => 100 * k + i);
// Image ids in scrambled order, relative URLs as a dicomjson manifest gives them; z = 3 mm × k.
const order = [5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6];
const imageIdOf = (k: number) => `dicomweb:/demo/ct/${k}.dcm`;
const imageIds = order.map(imageIdOf);

function file(k: number, rows = ROWS): Uint8Array {
  return encodeDicom({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: uidFromName(`worker ct ${k} ${rows}`), Modality: 'CT',
    StudyInstanceUID: uidFromName('worker ct'), SeriesInstanceUID: uidFromName('worker ct series'),
    Rows: rows, Columns: COLUMNS, PixelSpacing: ['0.7', '0.7'], ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    ImagePositionPatient: ['-10', '-20', String(3 * k)], SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 1, RescaleSlope: '1', RescaleIntercept: '-1000',
    PixelData: (rows === ROWS ? stored(k) : new Int16Array(rows * COLUMNS)).buffer, _vrMap: { PixelData: 'OW' },
  });
}

let hostLoads: string[] = [];
const host = globalThis as Record<string, any>;

beforeAll(() => {
  const planeOf = (id: string) => {
    const k = Number(/(\d+)\.dcm/.exec(id)![1]);
    return { imagePositionPatient: [-10, -20, 3 * k], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0], rowPixelSpacing: 0.7, columnPixelSpacing: 0.7, rows: ROWS, columns: COLUMNS, frameOfReferenceUID: '2.25.9' };
  };
  const cornerstone = {
    metaData: { get: (type: string, id: string) => (type === 'imagePlaneModule' ? planeOf(id) : undefined) },
    imageLoader: {
      loadAndCacheImage: async (id: string) => {
        hostLoads.push(id);
        const k = Number(/(\d+)\.dcm/.exec(id)![1]);
        return { rows: ROWS, columns: COLUMNS, slope: 1, intercept: -1000, getPixelData: () => stored(k) };
      },
    },
  };
  bindHostCornerstone({ cornerstone, cornerstoneTools: {} } as never);
});

afterAll(() => bindHostCornerstone(null));

/** A Worker whose job runs in this process; `bad` slices answer 404. */
class InProcessWorker {
  onmessage: ((event: MessageEvent<CtLoadReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  jobs: CtLoadRequest[] = [];

  constructor(private readonly bad: ReadonlySet<number> = new Set()) {}

  postMessage(request: CtLoadRequest): void {
    this.jobs.push(request);
    void runCtLoad(
      request,
      (reply) => setTimeout(() => !this.terminated && this.onmessage?.({ data: reply } as MessageEvent<CtLoadReply>)),
      async (url) => {
        const k = Number(/(\d+)\.dcm/.exec(url)![1]);
        const body = file(k);
        return { ok: !this.bad.has(k), status: this.bad.has(k) ? 404 : 200, headers: new Headers({ 'content-type': 'application/dicom' }), arrayBuffer: async () => body.slice().buffer };
      },
    );
  }

  terminate(): void {
    this.terminated = true;
  }
}

function start(workers: CtLoadWorkers, centre = 6) {
  return WorkerCtLoad.start({ imageIds, centreImageId: imageIdOf(centre), slab: true, workers, headers: { Authorization: 'Bearer x' }, baseUrl: 'http://viewer.test/mrecist/dicomjson?x=1' })!;
}

beforeEach(() => {
  hostLoads = [];
});

describe('WorkerCtLoad', () => {
  it('sends absolute URLs in slice order with the centre and headers, and builds the volume from host geometry and worker HU', async () => {
    const worker = new InProcessWorker();
    const workers = new CtLoadWorkers(() => worker as unknown as Worker);
    const load = start(workers);
    const progress: number[] = [];
    load.onProgress((n) => progress.push(n));
    const volume = await load.whole();
    const job = worker.jobs[0];
    expect(job.urls).toEqual(Array.from({ length: SLICES }, (_, k) => `http://viewer.test/demo/ct/${k}.dcm`));
    expect(job.centre).toBe(6);
    expect(job.headers).toEqual({ Authorization: 'Bearer x' });
    expect(job.offsetsMm).toEqual(Array.from({ length: SLICES }, (_, k) => 3 * k));
    expect(volume.originMm).toEqual([-10, -20, 0]);
    expect(volume.sliceOffsetsMm).toEqual(job.offsetsMm);
    expect(volume.voxelsHu[7 * ROWS * COLUMNS + 3]).toBe(700 + 3 - 1000);
    expect(progress[progress.length - 1]).toBe(SLICES);
    expect(load.loadedBy).toBe('worker');
    expect(hostLoads).toEqual([]);
    // No seed-bright voxels: no slab, and the load that ended hands its worker back for the next one.
    expect(await load.slab()).toBeUndefined();
    let created = 0;
    const reuse = new CtLoadWorkers(() => (created++, new InProcessWorker() as unknown as Worker));
    await start(reuse).whole();
    await start(reuse).whole();
    expect(created).toBe(1);
  });

  it('hands the series to the host loader when the worker cannot use a slice', async () => {
    const worker = new InProcessWorker(new Set([4]));
    const workers = new CtLoadWorkers(() => worker as unknown as Worker);
    const load = start(workers, 5);
    const volume = await load.whole();
    expect(load.loadedBy).toBe('host loader');
    expect(load.fellBackBecause).toBe('http://viewer.test/demo/ct/4.dcm: HTTP 404');
    expect(worker.terminated).toBe(true);
    expect(new Set(hostLoads).size).toBe(SLICES);
    expect(volume.voxelsHu[4 * ROWS * COLUMNS]).toBe(400 - 1000);
  });

  it('leaves to the host loader a series whose images are frames of multi-frame instances', () => {
    expect(instanceUrlOfImageId('wadors:http://pacs/dicom-web/studies/1/series/2/instances/3/frames/1')).toEqual({ url: 'http://pacs/dicom-web/studies/1/series/2/instances/3', wado: true });
    expect(instanceUrlOfImageId('wadors:http://pacs/dicom-web/studies/1/series/2/instances/3/frames/2')).toBeUndefined();
    expect(instanceUrlOfImageId('dicomweb:/demo/enhanced.dcm?frame=3')).toBeUndefined();
    expect(instanceUrlOfImageId('streaming-wadors:http://pacs/x')).toBeUndefined();
    expect(WorkerCtLoad.start({ imageIds: imageIds.map((id) => `${id}?frame=1`), slab: true, workers: new CtLoadWorkers(() => new InProcessWorker() as unknown as Worker), headers: {}, baseUrl: 'http://viewer.test/' })).toBeUndefined();
  });
});
