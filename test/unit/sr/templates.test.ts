/** Codes as data and the validating constructors of the template classes. */
import { DCM, LOCAL, LOCAL_SCHEME, NCIT, SCT, UCUM, UMLS, code, sameCode } from '../../../extensions/mrecist/src/core/sr/codes';
import { formatDecimalString } from '../../../extensions/mrecist/src/core/sr/ContentItem';
import { validateImageGraphic } from '../../../extensions/mrecist/src/core/sr/ImageReference';
import { LesionMeasurementGroup } from '../../../extensions/mrecist/src/core/sr/LesionMeasurementGroup';
import { ObserverContext } from '../../../extensions/mrecist/src/core/sr/ObserverContext';
import { TimePointContext } from '../../../extensions/mrecist/src/core/sr/TimePointContext';

describe('codes', () => {
  const all = [DCM, SCT, UMLS, NCIT, UCUM, LOCAL].flatMap((table) => Object.values(table));

  it('fit CodeValue (SH, 16 characters) and never repeat scheme + value under two names', () => {
    for (const c of all) expect(c.value.length).toBeLessThanOrEqual(16);
    const keys = all.map((c) => `${c.scheme}|${c.value}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the local scheme is private (PS3.16 8.2: designators starting with 99)', () => {
    expect(LOCAL_SCHEME.designator).toMatch(/^99/);
    for (const c of Object.values(LOCAL)) expect(c.scheme).toBe('99MRECIST');
  });

  it.each([
    [code('G-C0E3', 'SRT', 'Finding Site'), SCT.FindingSite, true],
    [code('G-A185', 'SRT', 'Long Axis'), SCT.LongAxis, true],
    [code('T-62000', 'SRT', 'Liver'), SCT.Liver, true],
    [code('103339001', 'SCT', 'something else entirely'), SCT.LongAxis, true],
    [code('103339001', 'SRT', 'Long Axis'), SCT.LongAxis, false],
    [code('112040', '99MRECIST', 'Tracking Unique Identifier'), DCM.TrackingUniqueIdentifier, false],
  ])('sameCode(%j, %j) is %s: scheme and value decide, meaning does not', (a, b, same) => {
    expect(sameCode(a, b)).toBe(same);
    expect(sameCode(b, a)).toBe(same);
  });
});

describe('Decimal String formatting (PS3.5: DS at most 16 characters)', () => {
  it.each([
    [38, '38', true],
    [-34.2, '-34.2', true],
    [0.1 + 0.2, '0.3', false],
    [12.345678901234567, '12.3456789012346', false],
    [1e-7, '1e-7', true],
  ])('%p -> %p (exact %p)', (x, ds, exact) => {
    const f = formatDecimalString(x);
    expect(f).toEqual({ ds, exact });
    expect(f.ds.length).toBeLessThanOrEqual(16);
  });
});

describe('validating constructors', () => {
  const tp = { timepointId: 'M1', baseline: false, order: 2, date: '2019-06-03' };

  it.each<[string, () => unknown, string]>([
    ['order 0', () => TimePointContext.create({ ...tp, order: 0 }, 'sr.dcm'), 'sr.dcm: Time Point Order (126073): must be an integer ≥ 1, got 0'],
    ['bad date', () => TimePointContext.create({ ...tp, date: '2019-13-40' }, 'sr.dcm'), 'sr.dcm: Study Date (111060): must be a date YYYY-MM-DD, got "2019-13-40"'],
    ['empty id', () => TimePointContext.create({ ...tp, timepointId: ' ' }, 'sr.dcm'), 'sr.dcm: Subject Time Point Identifier (126070): must be non-empty text, got " "'],
    ['study UID', () => TimePointContext.create({ ...tp, studyInstanceUid: '1.2.x' }, 'sr.dcm'), 'sr.dcm: Study Instance UID (110180): not a UID: "1.2.x"'],
    ['no reader', () => ObserverContext.create({ name: '' }, 'case.json'), 'case.json: Person Observer Name (121008): missing: the report must name its reader'],
    ['PN with "="', () => ObserverContext.create({ name: 'A=B' }, 'case.json'), 'case.json: Person Observer Name (121008): not a DICOM person name (PN): "A=B"'],
    [
      'frame 0',
      () =>
        validateImageGraphic(
          { referencedSopClassUid: '1.2', referencedSopInstanceUid: '1.3', referencedFrameNumber: 0, graphicType: 'POLYLINE', points: [[0, 0], [1, 1]] },
          'case.json',
          'T1 image',
        ),
      'case.json: T1 image: referenced frame number must be an integer ≥ 1, got 0',
    ],
    [
      'one point',
      () => validateImageGraphic({ referencedSopClassUid: '1.2', referencedSopInstanceUid: '1.3', graphicType: 'POLYLINE', points: [[0, 0]] }, 'case.json', 'T1 image'),
      'case.json: T1 image: a drawn diameter needs at least 2 points',
    ],
    [
      'tracking UID',
      () => LesionMeasurementGroup.create({ id: 'T1', role: 'target', trackingUid: 'abc' } as never, undefined, undefined, 'case.json'),
      'case.json: Tracking Unique Identifier (112040): not a UID: "abc"',
    ],
    [
      'negative diameter',
      () =>
        LesionMeasurementGroup.create(
          { id: 'T1', role: 'target', trackingUid: '2.25.1' } as never,
          TimePointContext.create(tp, 'case.json'),
          { role: 'target', measurement: { viableLongAxisMm: -1 } },
          'case.json',
        ),
      'case.json: Tracking Identifier (112039) "T1" Viable tumour long axis (VIABLELA): must be a finite length ≥ 0 mm, got -1',
    ],
  ])('%s', (_name, make, message) => expect(make).toThrow(message));
});
