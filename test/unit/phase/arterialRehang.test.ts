/**
 * Re-hanging on image evidence: a protocol viewport that showed a non-arterial series of a study while the
 * study's image evidence was measured gets the arterial series once it is known; a viewport whose series the
 * reader changes afterwards, or a study whose metadata decides (no evidence wanted), is left alone. Fake host
 * services and a fake evidence source; the phantom's attenuations make the arterial series arterial.
 */
import { measureVesselAttenuation } from '../../../extensions/mrecist/src/core/phase/vesselAttenuation';
import type { HostDisplaySet, HostInstance } from '../../../extensions/mrecist/src/ohif/hostServices';
import { VIEWPORT_ID } from '../../../extensions/mrecist/src/ohif/ids';
import { ArterialRehang } from '../../../extensions/mrecist/src/ohif/phase/ArterialRehang';
import type { ImageEvidence } from '../../../extensions/mrecist/src/ohif/phase/PhaseImageEvidence';
import { SeriesPhaseBook } from '../../../extensions/mrecist/src/ohif/phase/SeriesPhaseBook';
import { phantom } from './vesselPhantom';

const measured = {
  arterial: measureVesselAttenuation(phantom({ aorta: 310, portal: 150, liver: 75 })),
  unenhanced: measureVesselAttenuation(phantom({ aorta: 40, portal: 40, liver: 60 })),
};

function ct(study: string, uid: string, extra: Record<string, unknown> = {}): HostDisplaySet {
  const instance = { StudyInstanceUID: study, SeriesInstanceUID: uid, Modality: 'CT', SeriesDescription: 'Abd 2.0 B30f', ...extra } as unknown as HostInstance;
  return { displaySetInstanceUID: `ds-${uid}`, StudyInstanceUID: study, SeriesInstanceUID: uid, instances: [instance, instance] };
}

function setup(sets: HostDisplaySet[], shown: Record<string, string>) {
  const results = new Map<string, ImageEvidence>();
  const listeners = new Set<() => void>();
  const evidence = {
    version: 0,
    of: (uid: string) => results.get(uid),
    request: (ds: HostDisplaySet) => void results.set(ds.SeriesInstanceUID, { state: 'pending' }),
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
  };
  const arrive = (uid: string, m: (typeof measured)[keyof typeof measured]) => {
    results.set(uid, { state: 'done', measurement: m });
    evidence.version++;
    for (const l of listeners) l();
  };
  const gridListeners = new Set<() => void>();
  const services = {
    displaySetService: { EVENTS: {}, subscribe: () => ({ unsubscribe() {} }), getActiveDisplaySets: () => sets, getDisplaySetByUID: (uid: string) => sets.find((d) => d.displaySetInstanceUID === uid) },
    viewportGridService: {
      EVENTS: { changed: 'changed' },
      subscribe: (_e: string, l: () => void) => (gridListeners.add(l), { unsubscribe: () => void gridListeners.delete(l) }),
      getState: () => ({ viewports: new Map(Object.entries(shown).map(([id, uid]) => [id, { viewportId: id, displaySetInstanceUIDs: [uid] }])) }),
    },
  };
  const switched: Array<[string, string]> = [];
  const book = new SeriesPhaseBook(services.displaySetService as never, evidence);
  const rehang = new ArterialRehang(services as never, book, (viewportId, uid) => switched.push([viewportId, uid]));
  const gridChanged = () => gridListeners.forEach((l) => l());
  return { rehang, arrive, switched, shown, gridChanged };
}

describe('ArterialRehang', () => {
  it('puts the arterial series where the protocol hung another while evidence was pending, once', () => {
    const sets = [ct('S', 'plain'), ct('S', 'art')];
    const t = setup(sets, { [VIEWPORT_ID.current]: 'ds-plain' });
    t.rehang.start();
    t.arrive('plain', measured.unenhanced);
    expect(t.switched).toEqual([]);
    t.arrive('art', measured.arterial);
    expect(t.switched).toEqual([[VIEWPORT_ID.current, 'ds-art']]);
    t.arrive('art', measured.arterial);
    expect(t.switched).toHaveLength(1);
  });

  it('never replaces the series the reader shows afterwards, and leaves studies whose metadata decides alone', () => {
    const sets = [ct('S', 'plain'), ct('S', 'art'), ct('S', 'pv')];
    const t = setup(sets, { [VIEWPORT_ID.current]: 'ds-plain' });
    t.rehang.start();
    t.arrive('plain', measured.unenhanced);
    t.arrive('pv', measured.unenhanced);
    t.arrive('art', measured.arterial);
    expect(t.switched).toEqual([[VIEWPORT_ID.current, 'ds-art']]);
    // The reader then goes to the portal venous series: it stays.
    t.shown[VIEWPORT_ID.current] = 'ds-pv';
    t.gridChanged();
    expect(t.switched).toHaveLength(1);

    const timed = { ContrastBolusStartTime: '100000' };
    const decided = [ct('D', 'a', { ...timed, AcquisitionTime: '100035' }), ct('D', 'p', { ...timed, AcquisitionTime: '100110' })];
    const u = setup(decided, { [VIEWPORT_ID.current]: 'ds-p' });
    u.rehang.start();
    u.gridChanged();
    expect(u.switched).toEqual([]);
  });
});
