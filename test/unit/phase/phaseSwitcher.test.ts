import { nearestSlice, slicePlaneOf, type SlicePlane } from '../../../extensions/mrecist/src/core/geometry/nearestSlice';
import type { PhaseResult } from '../../../extensions/mrecist/src/core/phase/ContrastPhase';
import { groupSeriesByPhase, seriesPhaseLine, type ClassifiedSeries } from '../../../extensions/mrecist/src/core/phase/seriesByPhase';

const result = (phase: PhaseResult['phase'], subphase?: PhaseResult['subphase'], confidence = 0.9): PhaseResult => ({ phase, ...(subphase ? { subphase } : {}), confidence, evidence: [] });
const series = (uid: string, phase: PhaseResult['phase'], n?: number, subphase?: PhaseResult['subphase'], description?: string): ClassifiedSeries => ({
  seriesInstanceUid: uid,
  ...(n !== undefined ? { seriesNumber: n } : {}),
  ...(description ? { seriesDescription: description } : {}),
  result: result(phase, subphase),
});

describe('series grouped by phase', () => {
  it('groups in acquisition order, unknown last, empty groups left out', () => {
    const groups = groupSeriesByPhase([series('u', 'unknown', 1), series('pv', 'portalVenous', 4), series('nc', 'nonContrast', 2), series('a', 'arterial', 3), series('hb', 'hepatobiliary', 9)]);
    expect(groups.map((g) => [g.phase, g.label, g.series.map((s) => s.seriesInstanceUid)])).toEqual([
      ['nonContrast', 'non-contrast', ['nc']],
      ['arterial', 'arterial', ['a']],
      ['portalVenous', 'portal venous', ['pv']],
      ['hepatobiliary', 'hepatobiliary', ['hb']],
      ['unknown', 'unknown', ['u']],
    ]);
  });

  it('within a group: early before late arterial, then series number, then description', () => {
    const groups = groupSeriesByPhase([series('late', 'arterial', 5, 'late'), series('none9', 'arterial', 9), series('early', 'arterial', 7, 'early'), series('none3', 'arterial', 3), series('b', 'arterial', undefined, undefined, 'B'), series('a', 'arterial', undefined, undefined, 'A')]);
    expect(groups).toHaveLength(1);
    expect(groups[0].series.map((s) => s.seriesInstanceUid)).toEqual(['early', 'late', 'none3', 'none9', 'a', 'b']);
  });

  it('keeps the caller’s extra fields (display set ids) and does not reorder the input', () => {
    const input = [{ ...series('x', 'delayed', 2), displaySetInstanceUID: 'ds-x' }, { ...series('y', 'delayed', 1), displaySetInstanceUID: 'ds-y' }];
    const groups = groupSeriesByPhase(input);
    expect(groups[0].series.map((s) => s.displaySetInstanceUID)).toEqual(['ds-y', 'ds-x']);
    expect(input.map((s) => s.seriesInstanceUid)).toEqual(['x', 'y']);
    expect(groupSeriesByPhase([])).toEqual([]);
  });

  it('a line per series: number, description as text, phase with subphase and confidence', () => {
    expect(seriesPhaseLine({ seriesInstanceUid: '1', seriesNumber: 3, seriesDescription: 'Abd 2.0 B30f', result: result('arterial', 'late', 0.97) })).toBe('#3 "Abd 2.0 B30f" · late arterial (97 %)');
    expect(seriesPhaseLine({ seriesInstanceUid: '1', result: result('unknown', undefined, 0.2) })).toBe('(no description) · unknown phase');
  });
});

const axial = (z: number, x = 0): SlicePlane => ({ imagePositionPatient: [x, -100, z], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0] });

describe('nearest slice to an anatomical position', () => {
  it('picks the slice at the same z, not the same index: phases cover different ranges and spacings', () => {
    const arterial = [-50, -48, -46, -44].map((z) => axial(z));
    const portal = [-60, -55, -50, -45, -40, -35].map((z) => axial(z));
    // Slice 2 of the arterial series (z -46) is nearest to slice 3 (z -45) of the portal venous one.
    expect(nearestSlice(portal, [10, 20, -46])).toEqual({ index: 3, distanceMm: 1 });
    expect(nearestSlice(arterial, [0, 0, -45])?.index).toBe(2);
  });

  it('measures along the slice normal: the in-plane position and a descending stack do not matter', () => {
    const descending = [0, -2, -4, -6].map((z) => axial(z, 300));
    expect(nearestSlice(descending, [-120, 77, -4.4])).toEqual({ index: 2, distanceMm: expect.closeTo(0.4, 10) });
  });

  it('tilted slices: distance along their own normal', () => {
    const c = Math.SQRT1_2;
    const tilted: SlicePlane[] = [0, 5, 10].map((d) => ({ imagePositionPatient: [0, d * c, d * c], rowCosines: [1, 0, 0], columnCosines: [0, c, -c] }));
    // Normal (0, c, c): the point (0, 0, 7.07) is 5 mm along it.
    expect(nearestSlice(tilted, [0, 0, 5 / c])?.index).toBe(1);
  });

  it('skips slices without a usable plane; none at all is null; ties go to the first', () => {
    expect(nearestSlice([null, undefined, { imagePositionPatient: [0, 0, 0], rowCosines: [1, 0, 0], columnCosines: [1, 0, 0] }, axial(3)], [0, 0, 0])).toEqual({ index: 3, distanceMm: 3 });
    expect(nearestSlice([null, undefined], [0, 0, 0])).toBeNull();
    expect(nearestSlice([axial(-1), axial(1)], [0, 0, 0])?.index).toBe(0);
  });

  it('reads a plane from loose metadata, null when any part is missing or not a number', () => {
    expect(slicePlaneOf({ imagePositionPatient: [1, 2, 3], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0] })).toEqual({ imagePositionPatient: [1, 2, 3], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0] });
    expect(slicePlaneOf({ imagePositionPatient: [1, 2], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0] })).toBeNull();
    expect(slicePlaneOf({ imagePositionPatient: [1, 2, NaN], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0] })).toBeNull();
    expect(slicePlaneOf(undefined)).toBeNull();
  });
});
