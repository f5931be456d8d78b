/**
 * Image evidence as the viewer gathers it: only the slices the method samples are loaded and measured as a
 * volume of their own (same answer as the whole series, as `mrecist phase` measures it), in a worker whose whole
 * job is handlePhaseRequest; SeriesPhaseBook asks for it only where metadata does not decide and classifies
 * again when it arrives. Phantom values and series metadata are written here; the expected phases follow from
 * the phantom's attenuations, not from the code under test.
 */
import type { CtVolume } from '../../../extensions/mrecist/src/core/seeds/CtVolume';
import { needsImageEvidence } from '../../../extensions/mrecist/src/core/phase/classifySeriesPhase';
import { handlePhaseRequest } from '../../../extensions/mrecist/src/core/phase/phaseWorkerMessages';
import { measureVesselAttenuation, vesselSampleSlices, type VesselMeasurement } from '../../../extensions/mrecist/src/core/phase/vesselAttenuation';
import type { HostDisplaySet, HostInstance } from '../../../extensions/mrecist/src/ohif/hostServices';
import { PhaseImageEvidence, type ImageEvidence } from '../../../extensions/mrecist/src/ohif/phase/PhaseImageEvidence';
import { SeriesPhaseBook, type ImageEvidenceSource } from '../../../extensions/mrecist/src/ohif/phase/SeriesPhaseBook';
import { phantom } from './vesselPhantom';

/** The given slices of a volume as a volume of their own (what the viewer loads). */
function sliced(v: CtVolume, ks: readonly number[]): CtVolume {
  const plane = v.rows * v.columns;
  const voxels = new Int16Array(plane * ks.length);
  ks.forEach((k, q) => voxels.set(v.voxelsHu.subarray(k * plane, (k + 1) * plane) as Int16Array, q * plane));
  return { ...v, slices: ks.length, voxelsHu: voxels, sliceOffsetsMm: ks.map((k) => v.sliceOffsetsMm[k] - v.sliceOffsetsMm[ks[0]]) };
}

const ARTERIAL = { aorta: 310, portal: 150, liver: 75 };

describe('sampled slices', () => {
  it('are few, ascending, in the middle 60 % of the series', () => {
    for (const n of [1, 2, 5, 30, 70, 300]) {
      const ks = vesselSampleSlices(n);
      expect(ks.length).toBeGreaterThan(0);
      expect(ks.length).toBeLessThanOrEqual(7);
      expect([...ks].sort((a, b) => a - b)).toEqual(ks);
      for (const k of ks) {
        expect(k).toBeGreaterThanOrEqual(Math.floor(0.2 * n));
        expect(k).toBeLessThan(Math.max(Math.floor(0.2 * n) + 1, Math.ceil(0.8 * n)));
      }
    }
    expect(vesselSampleSlices(0)).toEqual([]);
  });

  it('measured alone give the whole series’ answer; the worker measures every slice it is sent', () => {
    const whole = phantom(ARTERIAL, { slices: 20 });
    const ks = vesselSampleSlices(whole.slices);
    const expected = measureVesselAttenuation(whole);
    expect(expected).toMatchObject({ ok: true, value: { aortaHu: ARTERIAL.aorta, portalVeinHu: ARTERIAL.portal } });
    const reply = handlePhaseRequest({ jobId: 7, type: 'measureVessels', volume: sliced(whole, ks) }, () => 0);
    expect(reply).toEqual({ jobId: 7, type: 'vesselsMeasured', measurement: expected, elapsedMs: 0 });
    expect(handlePhaseRequest({ jobId: 8, type: 'other' } as never)).toMatchObject({ jobId: 8, type: 'failed' });
  });
});

describe('which series want image evidence', () => {
  it('CT whose metadata has neither agent phase nor contrast timing; never MR, localizers or timed series', () => {
    expect(needsImageEvidence({ modality: 'CT' })).toBe(true);
    expect(needsImageEvidence({ modality: 'CT', seriesDescription: 'Arterial 2 mm' })).toBe(true);
    expect(needsImageEvidence({ modality: 'CT', acquisitionTimeS: 100 })).toBe(true);
    expect(needsImageEvidence({ modality: 'CT', contrastBolusStartTimeS: 60, acquisitionTimeS: 95 })).toBe(false);
    expect(needsImageEvidence({ modality: 'CT', contrastBolusAgentPhase: 'ARTERIAL' })).toBe(false);
    expect(needsImageEvidence({ modality: 'CT', seriesDescription: 'Topogram 0.6' })).toBe(false);
    expect(needsImageEvidence({ modality: 'MR' })).toBe(false);
  });
});

/** A display set with `n` CT instances and no phase in its metadata. */
function ctDisplaySet(uid: string, extra: Record<string, unknown> = {}): HostDisplaySet {
  const instance = { StudyInstanceUID: 'S', SeriesInstanceUID: uid, Modality: 'CT', SeriesDescription: 'Abd 2.0 B30f', ...extra } as unknown as HostInstance;
  return { displaySetInstanceUID: `ds-${uid}`, StudyInstanceUID: 'S', SeriesInstanceUID: uid, instances: [instance, instance] };
}

function fakeEvidence(): ImageEvidenceSource & { results: Map<string, ImageEvidence>; requested: string[]; notify(): void } {
  const results = new Map<string, ImageEvidence>();
  const listeners = new Set<() => void>();
  const source = {
    version: 0,
    results,
    requested: [] as string[],
    of: (uid: string) => results.get(uid),
    request(ds: HostDisplaySet) {
      source.requested.push(ds.SeriesInstanceUID);
      results.set(ds.SeriesInstanceUID, { state: 'pending' });
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    notify() {
      source.version++;
      for (const l of listeners) l();
    },
  };
  return source;
}

describe('SeriesPhaseBook with image evidence', () => {
  it('asks only for undecided CT series, says it is measuring, then classifies with the measurement', () => {
    const timed = ctDisplaySet('timed', { ContrastBolusStartTime: '100000', AcquisitionTime: '100035' });
    const silent = ctDisplaySet('silent');
    const evidence = fakeEvidence();
    const book = new SeriesPhaseBook({ getActiveDisplaySets: () => [timed, silent] }, evidence);
    let heard = 0;
    book.subscribe(() => heard++);
    const before = book.forStudy('S');
    expect(evidence.requested).toEqual(['silent']);
    expect(before.find((c) => c.seriesInstanceUid === 'silent')).toMatchObject({ wantsImageEvidence: true, imageEvidencePending: true, result: { phase: 'unknown' } });
    expect(before.find((c) => c.seriesInstanceUid === 'silent')!.result.evidence).toContain('image: aorta and portal vein being measured…');
    expect(before.find((c) => c.seriesInstanceUid === 'timed')).toMatchObject({ wantsImageEvidence: false, imageEvidencePending: false, result: { phase: 'arterial' } });

    const measured = measureVesselAttenuation(phantom(ARTERIAL, { slices: 20 })) as Extract<VesselMeasurement, { ok: true }>;
    evidence.results.set('silent', { state: 'done', measurement: measured });
    evidence.notify();
    expect(heard).toBe(1);
    const after = book.forStudy('S').find((c) => c.seriesInstanceUid === 'silent')!;
    expect(after).toMatchObject({ imageEvidencePending: false, result: { phase: 'arterial', subphase: 'late' } });
    expect(after.result.evidence).toContain(`image: aorta ${ARTERIAL.aorta} HU, portal vein ${ARTERIAL.portal} HU (ratio 2.1 ≥ 1.5): late arterial`);
    expect(evidence.requested).toEqual(['silent']);

    evidence.results.set('silent', { state: 'done', measurement: { ok: false, reason: 'not an axial series' } });
    evidence.notify();
    expect(book.forStudy('S').find((c) => c.seriesInstanceUid === 'silent')!.result).toMatchObject({ phase: 'unknown' });
    expect(book.forStudy('S').find((c) => c.seriesInstanceUid === 'silent')!.result.evidence).toContain('image: not an axial series');
  });
});

describe('PhaseImageEvidence', () => {
  /** A worker stand-in that answers through handlePhaseRequest, asynchronously, as a real one would. */
  function inlineWorker(): Worker {
    const worker = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null,
      postMessage(data: unknown) {
        setTimeout(() => worker.onmessage?.({ data: handlePhaseRequest(data as never) } as MessageEvent), 0);
      },
      terminate() {},
    };
    return worker as unknown as Worker;
  }

  it('loads only the sampled slices, measures them in the worker, once per series, and reports load failures as reasons', async () => {
    const whole = phantom(ARTERIAL, { slices: 20 });
    const picked: number[][] = [];
    const evidence = new PhaseImageEvidence({
      createWorker: inlineWorker,
      imageIdsOf: (ds) => (ds.SeriesInstanceUID === 'broken' ? [] : Array.from({ length: whole.slices }, (_, k) => `img:${k}`)),
      loadSlices: async (ids, _progress, pick) => {
        if (ids.length < 2) throw new Error('a CT volume needs a series of at least 2 images');
        const ks = [...pick!(ids.length)];
        picked.push(ks);
        return sliced(whole, ks);
      },
    });
    const done = new Promise<void>((resolve) => evidence.subscribe(() => evidence.of('broken')?.state === 'done' && resolve()));
    evidence.request(ctDisplaySet('good'));
    evidence.request(ctDisplaySet('good'));
    evidence.request(ctDisplaySet('broken'));
    expect(evidence.of('good')).toEqual({ state: 'pending' });
    await done;
    expect(picked).toEqual([vesselSampleSlices(whole.slices)]);
    expect(evidence.of('good')).toEqual({ state: 'done', measurement: measureVesselAttenuation(whole) });
    expect(evidence.of('broken')).toEqual({ state: 'done', measurement: { ok: false, reason: 'not measured (a CT volume needs a series of at least 2 images)' } });
    expect(evidence.version).toBe(2);
    evidence.stop();
  });

  it('loads nothing before the viewer has shown its first images, then measures what was asked meanwhile', async () => {
    const whole = phantom(ARTERIAL, { slices: 20 });
    let shown!: () => void;
    const startAfter = new Promise<void>((resolve) => (shown = resolve));
    const loads: string[][] = [];
    const evidence = new PhaseImageEvidence({
      createWorker: inlineWorker,
      startAfter,
      imageIdsOf: () => Array.from({ length: whole.slices }, (_, k) => `img:${k}`),
      loadSlices: async (ids, _progress, pick) => {
        loads.push([...ids]);
        return sliced(whole, [...pick!(ids.length)]);
      },
    });
    const done = new Promise<void>((resolve) => evidence.subscribe(() => evidence.of('late')?.state === 'done' && resolve()));
    evidence.request(ctDisplaySet('early'));
    evidence.request(ctDisplaySet('late'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(loads).toEqual([]);
    expect(evidence.of('early')).toEqual({ state: 'pending' });
    shown();
    await done;
    expect(loads).toHaveLength(2);
    expect(evidence.of('early')).toEqual({ state: 'done', measurement: measureVesselAttenuation(whole) });
    evidence.stop();
  });
});
