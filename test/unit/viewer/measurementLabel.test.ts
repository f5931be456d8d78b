import { lengthTextLines, lengthToolTextLines, measurementLabel } from '../../../extensions/mrecist/src/ohif/measurementLabel';

describe('labels of lines on the image', () => {
  it.each([
    ['T1', 'viableLongAxisMm', 'T1 viable'],
    ['T2', 'longAxisMm', 'T2 long axis'],
    ['N1', 'longAxisMm', 'N1 long axis'],
    ['T1', 'viablePerpendicularMm', 'T1 viable perpendicular'],
  ] as const)('%s %s is "%s"', (lesionId, field, expected) => {
    expect(measurementLabel(lesionId, field)).toBe(expected);
  });

  it('prints the lesion and diameter with the value, one decimal', () => {
    expect(lengthTextLines('T1 viable', 23.449, 'mm')).toEqual(['T1 viable: 23.4 mm']);
    expect(lengthToolTextLines({ label: 'T2 long axis', cachedStats: { 'imageId:1': { length: 40, unit: 'mm' } } }, 'imageId:1')).toEqual(['T2 long axis: 40.0 mm']);
  });

  it('prints the value alone before the line belongs to a lesion, the label alone before it has a length', () => {
    expect(lengthTextLines(undefined, 12.06, 'mm')).toEqual(['12.1 mm']);
    expect(lengthTextLines('T1 viable', undefined, 'mm')).toEqual(['T1 viable']);
    expect(lengthTextLines(undefined, Number.NaN, 'mm')).toBeUndefined();
    expect(lengthToolTextLines({ cachedStats: {} }, 'other')).toBeUndefined();
  });
});
