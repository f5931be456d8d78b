/**
 * The overlay service reads the plan again when its study gains an RT Structure Set, also when the structure
 * set's metadata arrive while the first read is still in the worker and no display-set event follows (series
 * metadata come one series at a time from a PACS; the last one may land mid-read). The host is faked: display
 * sets, their events, the data source and a worker whose replies the test releases by hand.
 */
import type { OverlayWorkerRequest, PlanOverlaySummary } from '../../../extensions/mrecist/src/core/overlay/overlayMessages';
import { bindHostCornerstone } from '../../../extensions/mrecist/src/ohif/hostCornerstone';
import type { HostDisplaySet } from '../../../extensions/mrecist/src/ohif/hostServices';
import { OverlayService } from '../../../extensions/mrecist/src/ohif/overlay/OverlayService';
import { OverlayStore } from '../../../extensions/mrecist/src/ohif/overlay/OverlayStore';
import { ImplantInfoBook } from '../../../extensions/mrecist/src/ohif/read/implantInfo';

const STUDY = '2.25.100';
const set = (modality: string, uid: string): HostDisplaySet =>
  ({ displaySetInstanceUID: `ds-${uid}`, StudyInstanceUID: STUDY, Modality: modality, instances: [{ SOPInstanceUID: uid, StudyInstanceUID: STUDY, Modality: modality, url: `dicomweb:/pacs/${uid}` }] }) as unknown as HostDisplaySet;

/** A worker that keeps every loadPlan request until the test answers it. */
class HeldWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly loadPlans: Array<Extract<OverlayWorkerRequest, { type: 'loadPlan' }>> = [];
  postMessage(message: OverlayWorkerRequest): void {
    if (message.type === 'loadPlan') this.loadPlans.push(message);
  }
  answer(index: number): void {
    const request = this.loadPlans[index];
    const summary: PlanOverlaySummary = {
      planKey: request.plan.name, planFile: request.plan.name, frameOfReferenceUid: '2.25.7', isotopeName: 'I-125', halfLifeDays: 59.4,
      seedsMm: [[0, 0, 0]], doseSource: request.dose ? 'rtDose' : 'computed', notes: [],
      ...(request.structureSet ? { targetRoiName: 'GTV', targetContoursMm: [] } : { targetProblem: 'no RT Structure Set' }),
    };
    this.onmessage?.({ data: { type: 'planLoaded', jobId: request.jobId, summary, elapsedMs: 1 } } as MessageEvent);
  }
  terminate(): void {}
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('plan re-read', () => {
  let sets: HostDisplaySet[];
  const listeners = new Set<() => void>();
  let worker: HeldWorker;
  let service: OverlayService;

  beforeEach(() => {
    bindHostCornerstone({
      cornerstone: { eventTarget: new EventTarget(), Enums: { Events: { ELEMENT_ENABLED: 'enabled', ELEMENT_DISABLED: 'disabled', IMAGE_RENDERED: 'rendered' } }, getRenderingEngines: () => [] },
      cornerstoneTools: {},
    } as never);
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(new Uint8Array(8)));
    sets = [set('RTPLAN', '2.25.1'), set('RTDOSE', '2.25.2')];
    const subscribe = (_event: string, callback: () => void) => {
      listeners.add(callback);
      return { unsubscribe: () => listeners.delete(callback) };
    };
    const servicesManager = {
      services: {
        displaySetService: { EVENTS: { DISPLAY_SETS_ADDED: 'added' }, subscribe, getActiveDisplaySets: () => sets },
        viewportGridService: { EVENTS: {}, subscribe: () => ({ unsubscribe() {} }) },
      },
    };
    worker = new HeldWorker();
    service = new OverlayService(new OverlayStore(), new ImplantInfoBook(), servicesManager as never, { getActiveDataSource: () => [{}] }, () => worker as unknown as Worker);
  });
  afterEach(() => {
    service.stop();
    listeners.clear();
    bindHostCornerstone(null);
    jest.restoreAllMocks();
  });

  const arrive = (ds: HostDisplaySet) => {
    sets = [...sets, ds];
    for (const l of [...listeners]) l();
  };

  it('uses a structure set that arrived during the first read, with no event after it', async () => {
    service.start();
    await settle();
    expect(worker.loadPlans).toHaveLength(1);
    expect(worker.loadPlans[0].structureSet).toBeUndefined();
    arrive(set('RTSTRUCT', '2.25.3'));
    await settle();
    expect(worker.loadPlans).toHaveLength(1);
    worker.answer(0);
    await settle();
    expect(worker.loadPlans).toHaveLength(2);
    expect(worker.loadPlans[1].structureSet?.name).toBe('RT Structure Set 2.25.3');
    worker.answer(1);
    await settle();
    expect(service.getState().plan).toMatchObject({ targetRoiName: 'GTV', doseSource: 'rtDose' });
    expect(worker.loadPlans).toHaveLength(2);
  });

  it('reads once when everything is there from the start, however many events come during the read', async () => {
    sets = [...sets, set('RTSTRUCT', '2.25.3')];
    service.start();
    await settle();
    for (const l of [...listeners]) l();
    await settle();
    worker.answer(0);
    await settle();
    expect(worker.loadPlans).toHaveLength(1);
    expect(service.getState().plan?.targetRoiName).toBe('GTV');
  });
});
