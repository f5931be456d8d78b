/**
 * Overlay state and the study-to-study point mapping the reading panel's jump-to-lesion uses. Matrices are
 * written by hand (rotation about z by a known angle plus a translation); the expected points are computed
 * from them directly, not through the code under test.
 */
import fc from 'fast-check';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { OverlayStore } from '../../../extensions/mrecist/src/ohif/overlay/OverlayStore';
import { ISODOSE_LEVELS_KEY } from '../../../extensions/mrecist/src/ohif/overlay/isodoseLevelChoice';
import { DEFAULT_VISIBLE_PERCENTS, ISODOSE_LEVEL_STYLES } from '../../../extensions/mrecist/src/ohif/overlay/isodoseStyle';
import { overlaySign } from '../../../extensions/mrecist/src/ohif/overlay/overlaySign';
import * as placements from '../../../extensions/mrecist/src/ohif/overlay/overlayPlacements';

const rotZ = (deg: number, t: Vec3): number[] => {
  const c = Math.cos((deg * Math.PI) / 180), s = Math.sin((deg * Math.PI) / 180);
  return [c, -s, 0, t[0], s, c, 0, t[1], 0, 0, 1, t[2], 0, 0, 0, 1];
};

const store = new OverlayStore();
const mapWorldPointBetweenStudies = (from: string, to: string, p: Vec3) => placements.mapWorldPointBetweenStudies(store.getState(), from, to, p);
const mapWorldPointBetweenFrames = (from: string, to: string, p: Vec3) => placements.mapWorldPointBetweenFrames(store.getState(), from, to, p);
const toggleOverlay = () => {
  store.toggleEnabled();
  return store.getState().enabled;
};
const PLAN_TO_A = rotZ(5, [2, -3, 4]);
const PLAN_TO_B = rotZ(-3, [-1, 6, -2]);

beforeEach(() => {
  store.reset();
  store.update({
    plan: { frameOfReferenceUid: 'F-plan' } as never,
    placements: {
      'S-base': { studyInstanceUid: 'S-base', frameOfReferenceUid: 'F-plan', method: 'sameFrame', planToStudyMatrix: rotZ(0, [0, 0, 0]) },
      'S-a': { studyInstanceUid: 'S-a', frameOfReferenceUid: 'F-a', method: 'seedRegistration', planToStudyMatrix: PLAN_TO_A },
      'S-b': { studyInstanceUid: 'S-b', frameOfReferenceUid: 'F-b', method: 'spatialRegistration', planToStudyMatrix: PLAN_TO_B },
      'S-pending': { studyInstanceUid: 'S-pending', frameOfReferenceUid: 'F-p', method: 'pending' },
    },
  });
});

describe('mapWorldPointBetweenStudies', () => {
  it('maps a baseline (plan frame) point into a registered follow-up by that follow-up’s matrix', () => {
    // Rotation by 5° about z of (10, 0, 1), then + (2, −3, 4).
    const c = Math.cos((5 * Math.PI) / 180), s = Math.sin((5 * Math.PI) / 180);
    const mapped = mapWorldPointBetweenStudies('S-base', 'S-a', [10, 0, 1])!;
    [10 * c + 2, 10 * s - 3, 5].forEach((v, i) => expect(mapped[i]).toBeCloseTo(v, 9));
  });

  it('returns to the starting point after A → B → A (property)', () => {
    fc.assert(
      fc.property(fc.tuple(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -200, max: 200, noNaN: true })), (p) => {
        const there = mapWorldPointBetweenStudies('S-a', 'S-b', p)!;
        const back = mapWorldPointBetweenStudies('S-b', 'S-a', there)!;
        back.forEach((v, i) => expect(v).toBeCloseTo(p[i], 6));
      }),
    );
  });

  it('gives null while a study is not placed, and the point itself within one study', () => {
    expect(mapWorldPointBetweenStudies('S-a', 'S-pending', [1, 2, 3])).toBeNull();
    expect(mapWorldPointBetweenStudies('S-a', 'S-unknown', [1, 2, 3])).toBeNull();
    expect(mapWorldPointBetweenStudies('S-unknown', 'S-unknown', [1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('maps by Frame of Reference UID the same way (plan frame included)', () => {
    expect(mapWorldPointBetweenFrames('F-a', 'F-b', [5, 6, 7])).toEqual(mapWorldPointBetweenStudies('S-a', 'S-b', [5, 6, 7]));
    expect(mapWorldPointBetweenFrames('F-plan', 'F-a', [5, 6, 7])).toEqual(mapWorldPointBetweenStudies('S-base', 'S-a', [5, 6, 7]));
    expect(mapWorldPointBetweenFrames('F-a', 'F-p', [5, 6, 7])).toBeNull();
  });
});

describe('overlay state', () => {
  it('toggles every overlay, each level, and takes only positive prescriptions', () => {
    expect(toggleOverlay()).toBe(false);
    expect(toggleOverlay()).toBe(true);
    const shown = DEFAULT_VISIBLE_PERCENTS;
    store.toggleLevel(150);
    expect(store.getState().visiblePercents).toEqual(shown.filter((p) => p !== 150));
    store.toggleLevel(150);
    expect(store.getState().visiblePercents).toEqual(shown);
    store.toggleLevel(200);
    expect(store.getState().visiblePercents).toEqual([...shown, 200].sort((a, b) => a - b));
    store.setPrescription(160);
    expect(store.getState()).toMatchObject({ prescriptionGy: 160, prescriptionEdited: true });
    expect(() => store.setPrescription(0)).toThrow('prescription must be a positive number of Gy, got 0');
    expect(() => store.setPrescription(Number.NaN)).toThrow('prescription must be a positive number of Gy, got NaN');
  });
});

/** A Map-backed stand-in for window.localStorage; `refuse` makes every write throw (quota, disabled storage). */
function memoryStorage(initial: Record<string, string> = {}, refuse = false) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new Error('QuotaExceededError');
      items.set(k, v);
    },
  };
}

describe('isodose levels shown', () => {
  it('starts with a lighter set than every level: the 100 % line and at most two others', () => {
    expect(DEFAULT_VISIBLE_PERCENTS).toContain(100);
    expect(DEFAULT_VISIBLE_PERCENTS.length).toBeLessThanOrEqual(3);
    expect(DEFAULT_VISIBLE_PERCENTS.length).toBeLessThan(ISODOSE_LEVEL_STYLES.length);
    for (const level of ISODOSE_LEVEL_STYLES) {
      expect(level.widthPx).toBeLessThanOrEqual(1.5);
      expect(level.opacity).toBeGreaterThan(0);
      expect(level.opacity).toBeLessThan(1);
    }
    expect(new OverlayStore(memoryStorage()).getState().visiblePercents).toEqual(DEFAULT_VISIBLE_PERCENTS);
  });

  it('remembers the reader’s choice for the next visit', () => {
    const storage = memoryStorage();
    const first = new OverlayStore(storage);
    first.setVisibleLevels(ISODOSE_LEVEL_STYLES.map((l) => l.percent));
    first.toggleLevel(80);
    const expected = ISODOSE_LEVEL_STYLES.map((l) => l.percent).filter((p) => p !== 80);
    expect(new OverlayStore(storage).getState().visiblePercents).toEqual(expected);
    // Every line off is a choice too.
    first.setVisibleLevels([]);
    expect(new OverlayStore(storage).getState().visiblePercents).toEqual([]);
  });

  it('falls back to the default set for a damaged or foreign stored value, and keeps working when storage refuses', () => {
    for (const stored of ['not json', '{"a":1}', '[7, 999]', '"100"'])
      expect(new OverlayStore(memoryStorage({ [ISODOSE_LEVELS_KEY]: stored })).getState().visiblePercents).toEqual(DEFAULT_VISIBLE_PERCENTS);
    expect(new OverlayStore(memoryStorage({ [ISODOSE_LEVELS_KEY]: '[200, 7, 50]' })).getState().visiblePercents).toEqual([50, 200]);
    const refusing = new OverlayStore(memoryStorage({}, true));
    refusing.toggleLevel(200);
    expect(refusing.getState().visiblePercents).toContain(200);
  });
});

describe('viewport sign', () => {
  it('says the overlay is hidden with its key, or that there is no plan; nothing while shown or still looking', () => {
    expect(overlaySign({ enabled: false, planStatus: 'ready' })).toEqual({ reason: 'hidden', text: 'Overlays hidden (O)' });
    expect(overlaySign({ enabled: true, planStatus: 'none' })).toEqual({ reason: 'noPlan', text: 'No implant plan for this patient' });
    expect(overlaySign({ enabled: false, planStatus: 'none' })?.reason).toBe('noPlan');
    expect(overlaySign({ enabled: true, planStatus: 'ready' })).toBeNull();
    expect(overlaySign({ enabled: true, planStatus: 'searching' })).toBeNull();
  });
});
