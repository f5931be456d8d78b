import type { CaseFile, ImageGraphic } from '../../../extensions/mrecist/src/core/criteria/types';
import { attachMeasurement, detachMeasurement, distanceMm, roundToTenthMm } from '../../../extensions/mrecist/src/core/read/measurementEdits';
import { addLesion } from '../../../extensions/mrecist/src/core/read/readOperations';
import { twoTimepointRead } from './fixtures';

const read: CaseFile = twoTimepointRead({ patientId: 'P', followUpDate: '2019-06-05' });
const line = (x: number): ImageGraphic => ({ referencedSopClassUid: '1.2.840.10008.5.1.4.1.1.2', referencedSopInstanceUid: '9.9', graphicType: 'POLYLINE', points: [[x, 10], [x + 20, 10]] });

describe('drawn measurements', () => {
  it('distance in mm and rounding to tenths (half away from zero for the usual positive lengths)', () => {
    expect(distanceMm([0, 0, 0], [3, 4, 12])).toBe(13);
    expect([roundToTenthMm(37.94), roundToTenthMm(37.95), roundToTenthMm(0.04)]).toEqual([37.9, 38, 0]);
  });

  it('with no lesion selected, a line at the baseline creates target T1 with the value and the drawn line', () => {
    const { read: next, lesionId } = attachMeasurement(read, undefined, { timepointId: 'BL', longAxisMm: 37.94, longAxisGraphic: line(1) }, []);
    expect(lesionId).toBe('T1');
    expect(next.lesions[0]).toMatchObject({ role: 'target', site: 'liver', measurements: { BL: { viableLongAxisMm: 37.9, graphics: { viableLongAxisMm: line(1) } } } });
  });

  it('with no lesion selected, a line at a follow-up creates a new lesion appearing there, pattern not yet typical', () => {
    const { read: next, lesionId } = attachMeasurement(read, undefined, { timepointId: 'M1', longAxisMm: 14.06 }, ['N1']);
    expect(lesionId).toBe('N2');
    expect(next.lesions[0]).toMatchObject({ role: 'new', appearsAt: 'M1', assessments: { M1: { longAxisMm: 14.1, typicalHCC: false } } });
  });

  it('a bidirectional line records the perpendicular; a later line replaces the value and keeps the other drawn axis', () => {
    let r = attachMeasurement(read, undefined, { timepointId: 'BL', longAxisMm: 30, perpendicularMm: 20, longAxisGraphic: line(1), perpendicularGraphic: line(2) }, []).read;
    r = attachMeasurement(r, 'T1', { timepointId: 'BL', longAxisMm: 31, longAxisGraphic: line(3) }, []).read;
    expect(r.lesions[0]).toMatchObject({ measurements: { BL: { viableLongAxisMm: 31, viablePerpendicularMm: 20, graphics: { viableLongAxisMm: line(3), viablePerpendicularMm: line(2) } } } });
  });

  it('a line replaces a not-evaluable mark, and keeps a new lesion’s typical pattern', () => {
    let r = addLesion(read, { role: 'new', appearsAt: 'M1' }).read;
    r = attachMeasurement(r, 'N1', { timepointId: 'M1', longAxisMm: 12 }, []).read;
    r = { ...r, lesions: r.lesions.map((l) => (l.role === 'new' ? { ...l, assessments: { M1: { ...l.assessments.M1, typicalHCC: true } } } : l)) };
    r = attachMeasurement(r, 'N1', { timepointId: 'M1', longAxisMm: 13 }, []).read;
    expect(r.lesions[0]).toMatchObject({ assessments: { M1: { longAxisMm: 13, typicalHCC: true } } });
  });

  it('refuses to measure a non-target or a new lesion before it appears, in words for the reader', () => {
    const withNt = addLesion(read, { role: 'nonTarget' }).read;
    expect(() => attachMeasurement(withNt, 'NT1', { timepointId: 'M1', longAxisMm: 12 }, [])).toThrow(
      'NT1 is a non-target lesion: set its status in the panel; to measure, select a target or new lesion, or none to create one.',
    );
    const withNew = addLesion(read, { role: 'new', appearsAt: 'M1' }).read;
    expect(() => attachMeasurement(withNew, 'N1', { timepointId: 'BL', longAxisMm: 12 }, [])).toThrow('N1 first appears at M1: it cannot be measured on an earlier study.');
  });

  it('deleting the line clears the value at that timepoint only', () => {
    let r = attachMeasurement(read, undefined, { timepointId: 'BL', longAxisMm: 30 }, []).read;
    r = attachMeasurement(r, 'T1', { timepointId: 'M1', longAxisMm: 20 }, []).read;
    const cleared = detachMeasurement(r, 'T1', 'M1');
    expect(cleared.lesions[0]).toMatchObject({ measurements: { BL: { viableLongAxisMm: 30 } } });
    expect(Object.keys((cleared.lesions[0] as { measurements: object }).measurements)).toEqual(['BL']);
    expect(detachMeasurement(r, 'T9', 'M1')).toBe(r);
  });
});

describe('whole-lesion lines (RECIST 1.1 alongside)', () => {
  it('a whole-lesion line fills the long (and short) axis beside the viable values, and deleting it keeps them', () => {
    let r = attachMeasurement(read, undefined, { timepointId: 'BL', longAxisMm: 30, longAxisGraphic: line(1) }, []).read;
    r = attachMeasurement(r, 'T1', { timepointId: 'BL', axis: 'whole', longAxisMm: 41.26, perpendicularMm: 35.04, longAxisGraphic: line(5), perpendicularGraphic: line(6) }, []).read;
    expect(r.lesions[0]).toMatchObject({
      measurements: { BL: { viableLongAxisMm: 30, longAxisMm: 41.3, shortAxisMm: 35, graphics: { viableLongAxisMm: line(1), longAxisMm: line(5), shortAxisMm: line(6) } } },
    });
    const withoutWhole = detachMeasurement(r, 'T1', 'BL', 'whole');
    expect((withoutWhole.lesions[0] as { measurements: Record<string, unknown> }).measurements.BL).toEqual({ viableLongAxisMm: 30, graphics: { viableLongAxisMm: line(1) } });
    const withoutViable = detachMeasurement(r, 'T1', 'BL', 'viable');
    expect((withoutViable.lesions[0] as { measurements: Record<string, unknown> }).measurements.BL).toEqual({ longAxisMm: 41.3, shortAxisMm: 35, graphics: { longAxisMm: line(5), shortAxisMm: line(6) } });
  });
});

describe('arterial enhancement at the baseline', () => {
  const enhancing = (r: CaseFile, id: string) => (r.lesions.find((l) => l.id === id) as { arteriallyEnhancing?: boolean }).arteriallyEnhancing;

  it('a viable diameter drawn at the baseline marks the target arterially enhancing', () => {
    const { read: r, lesionId } = attachMeasurement(read, undefined, { timepointId: 'BL', longAxisMm: 38, longAxisGraphic: line(0) }, []);
    expect(enhancing(r, lesionId)).toBe(true);
  });

  it('a whole-lesion line, a follow-up line or the reader’s own "not enhancing" leave it as it is', () => {
    const whole = attachMeasurement(read, undefined, { timepointId: 'BL', longAxisMm: 40, longAxisGraphic: line(0), axis: 'whole' }, []);
    expect(enhancing(whole.read, whole.lesionId)).toBeUndefined();
    const { read: withTarget, lesionId } = addLesion(read, { role: 'target', site: 'liver', arteriallyEnhancing: false }, []);
    expect(enhancing(attachMeasurement(withTarget, lesionId, { timepointId: 'BL', longAxisMm: 38, longAxisGraphic: line(0) }, []).read, lesionId)).toBe(false);
    const { read: plain, lesionId: t } = addLesion(read, { role: 'target', site: 'liver' }, []);
    expect(enhancing(attachMeasurement(plain, t, { timepointId: 'M1', longAxisMm: 30, longAxisGraphic: line(0) }, []).read, t)).toBeUndefined();
  });
});
