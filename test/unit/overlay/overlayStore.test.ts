/**
 * Overlay state and the study-to-study point mapping the reading panel's jump-to-lesion uses. Matrices are
 * written by hand (rotation about z by a known angle plus a translation); the expected points are computed
 * from them directly, not through the code under test.
 */
import fc from 'fast-check';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { OverlayStore } from '../../../extensions/mrecist/src/ohif/overlay/OverlayStore';
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
    store.toggleLevel(150);
    expect(store.getState().visiblePercents).toEqual([50, 80, 90, 100, 200]);
    store.toggleLevel(150);
    expect(store.getState().visiblePercents).toEqual([50, 80, 90, 100, 200, 150]);
    store.setPrescription(160);
    expect(store.getState()).toMatchObject({ prescriptionGy: 160, prescriptionEdited: true });
    expect(() => store.setPrescription(0)).toThrow('prescription must be a positive number of Gy, got 0');
    expect(() => store.setPrescription(Number.NaN)).toThrow('prescription must be a positive number of Gy, got NaN');
  });
});
