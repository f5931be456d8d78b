import { linkedSlice, mapThroughCommonFrame, pointOnSlice, type FrameMapping } from '../../../extensions/mrecist/src/core/geometry/linkedSlice';
import type { SlicePlane } from '../../../extensions/mrecist/src/core/geometry/nearestSlice';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';

const axial = (z: number): SlicePlane => ({ imagePositionPatient: [-200, -200, z], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0] });
/** An axial stack from z0 upwards, `count` slices `spacing` mm apart. */
const stack = (z0: number, spacing: number, count: number) => Array.from({ length: count }, (_, i) => axial(z0 + i * spacing));

// Plan (common) frame into each study: the follow-up lies 7.3 mm higher and is turned 10° about z.
const PLAN_TO_BASELINE = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const c = Math.cos(Math.PI / 18), s = Math.sin(Math.PI / 18);
const PLAN_TO_FOLLOW_UP = [c, -s, 0, 4, s, c, 0, -2, 0, 0, 1, 7.3, 0, 0, 0, 1];

describe('mapThroughCommonFrame', () => {
  it('maps a point of one study into the other through the plan frame, and back', () => {
    const p: Vec3 = [10, 20, 30];
    const there = mapThroughCommonFrame(PLAN_TO_BASELINE, PLAN_TO_FOLLOW_UP, p);
    // Baseline is the plan frame here, so the point is just the follow-up placement applied to it.
    expect(there[0]).toBeCloseTo(c * 10 - s * 20 + 4, 10);
    expect(there[1]).toBeCloseTo(s * 10 + c * 20 - 2, 10);
    expect(there[2]).toBeCloseTo(37.3, 10);
    const back = mapThroughCommonFrame(PLAN_TO_FOLLOW_UP, PLAN_TO_BASELINE, there);
    back.forEach((x, k) => expect(x).toBeCloseTo(p[k], 10));
  });

  it('refuses a singular placement rather than mapping to nonsense', () => {
    expect(() => mapThroughCommonFrame([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], PLAN_TO_BASELINE, [0, 0, 0])).toThrow('singular');
  });
});

describe('pointOnSlice', () => {
  it('drops the view centre onto the slice along its normal', () => {
    expect(pointOnSlice(axial(12), [3, 4, 15.5])).toEqual([3, 4, 12]);
  });

  it('works for an oblique slice and returns null for a degenerate one', () => {
    const tilted: SlicePlane = { imagePositionPatient: [0, 0, 0], rowCosines: [1, 0, 0], columnCosines: [0, Math.SQRT1_2, Math.SQRT1_2] };
    const p = pointOnSlice(tilted, [0, 0, 2])!;
    // Normal (0, -1/√2, 1/√2): the point moves back by its height 2/√2 along it.
    expect(p[0]).toBeCloseTo(0, 12);
    expect(p[1]).toBeCloseTo(1, 12);
    expect(p[2]).toBeCloseTo(1, 12);
    expect(pointOnSlice({ imagePositionPatient: [0, 0, 0], rowCosines: [1, 0, 0], columnCosines: [1, 0, 0] }, [0, 0, 1])).toBeNull();
  });
});

describe('linkedSlice', () => {
  const noRegistration: FrameMapping = () => null;
  const throughPlan: FrameMapping = (from, to, p) =>
    from === 'BL' && to === 'FU' ? mapThroughCommonFrame(PLAN_TO_BASELINE, PLAN_TO_FOLLOW_UP, p) : from === 'FU' && to === 'BL' ? mapThroughCommonFrame(PLAN_TO_FOLLOW_UP, PLAN_TO_BASELINE, p) : null;

  it('same frame: the slice at the same z, whatever the slice indices', () => {
    // The other series starts 30 mm lower with 2.5 mm slices: index 12 is z = 0.
    const r = linkedSlice({ point: [0, 0, 0.9], frameUid: 'BL' }, { frameUid: 'BL', planes: stack(-30, 2.5, 40) }, noRegistration);
    expect(r).toEqual({ index: 12, distanceMm: expect.closeTo(0.9, 9), mappedPoint: [0, 0, 0.9], basis: 'sameFrame' });
  });

  it('other frames: through the registration, to the slice nearest the mapped point (within half a slice)', () => {
    const r = linkedSlice({ point: [0, 0, 20], frameUid: 'BL' }, { frameUid: 'FU', planes: stack(-50, 2, 60) }, throughPlan);
    if ('problem' in r) throw new Error(r.problem);
    expect(r.basis).toBe('registration');
    expect(r.mappedPoint[2]).toBeCloseTo(27.3, 10);
    // z 27.3 in a stack from -50 every 2 mm: nearest is 28 (index 39), 0.7 mm away.
    expect(r.index).toBe(39);
    expect(r.distanceMm).toBeCloseTo(0.7, 10);
    expect(r.distanceMm).toBeLessThanOrEqual(1);
  });

  it('other frames without a registration: no link, and says why', () => {
    const r = linkedSlice({ point: [0, 0, 20], frameUid: 'BL' }, { frameUid: 'MR', planes: stack(-50, 2, 60) }, throughPlan);
    expect(r).toEqual({ problem: expect.stringContaining('no registration links them') });
  });

  it('a missing frame UID or slice geometry is not linked either', () => {
    expect(linkedSlice({ point: [0, 0, 0], frameUid: '' }, { frameUid: 'BL', planes: stack(0, 2, 3) }, throughPlan)).toEqual({ problem: expect.stringContaining('no Frame of Reference UID') });
    expect(linkedSlice({ point: [0, 0, 0], frameUid: 'BL' }, { frameUid: 'BL', planes: [null, undefined] }, throughPlan)).toEqual({ problem: expect.stringContaining('no slice geometry') });
  });
});
