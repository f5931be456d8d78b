import { dicomDateToEpochDay, dicomDateToIso, dicomTimeToSeconds } from '../../../extensions/mrecist/src/core/dicom/dicomDateTime';
import { orderTimepoints, timepointsByPatient, type StudySummary } from '../../../extensions/mrecist/src/core/read/studyOrder';
import { hasStudyRole } from '../../../extensions/mrecist/src/ohif/timepoints/studyRoles';
import { hasImages, imagingStudies } from '../../../extensions/mrecist/src/ohif/timepoints/imagingStudies';
import { formatPersonName, personNameText } from '../../../extensions/mrecist/src/ohif/timepoints/studySummaries';
import type { HostStudy } from '../../../extensions/mrecist/src/ohif/hostServices';
import fc from 'fast-check';

function study(uid: string, date: string | undefined, extra: Partial<StudySummary> = {}): StudySummary {
  return { studyInstanceUid: uid, patientId: 'P12', patientName: 'Doe^Jane', studyDate: date, studyTime: undefined, studyDescription: '', modalities: ['CT'], seriesCount: 1, ...extra };
}

describe('DICOM DA/TM values', () => {
  it.each([
    ['19700101', 0],
    ['19700102', 1],
    ['20000301', 11017], // 2000 is a leap year: 30 years * 365 + 7 leap days + 59 days of Jan/Feb 2000 + 1 - 1
    ['20240229', 19782],
  ])('%s is epoch day %i', (da, day) => expect(dicomDateToEpochDay(da)).toBe(day));

  it.each(['20230229', '20241301', '20240000', '2024-01-10', '2024011', '', undefined, 20240110])('rejects %p', (da) => {
    expect(dicomDateToEpochDay(da)).toBeNull();
    expect(dicomDateToIso(da)).toBeNull();
  });

  it('formats a valid date as ISO 8601', () => expect(dicomDateToIso('20240305')).toBe('2024-03-05'));

  it.each([
    ['10', 36000],
    ['1015', 36900],
    ['101530', 36930],
    ['101530.5', 36930.5],
    ['2400', null],
    ['1060', null],
    ['abc', null],
  ])('TM %s is %p s', (tm, seconds) => expect(dicomTimeToSeconds(tm)).toBe(seconds));
});

describe('orderTimepoints', () => {
  it('puts the earliest study first as baseline and marks the latest current, with days since baseline', () => {
    const ordered = orderTimepoints([study('c', '20240509'), study('a', '20240110'), study('e', '20240708'), study('b', '20240209')]);
    expect(ordered.map((t) => t.studyInstanceUid)).toEqual(['a', 'b', 'c', 'e']);
    expect(ordered.map((t) => t.role)).toEqual(['baseline', 'follow-up', 'follow-up', 'follow-up']);
    expect(ordered.map((t) => t.isCurrent)).toEqual([false, false, false, true]);
    // 2024-01-10 -> 02-09: 30 days; -> 05-09: 21+29+31+30+9 = 120; -> 07-08: 120+22+30+8 = 180 (2024 is leap).
    expect(ordered.map((t) => t.daysSinceBaseline)).toEqual([0, 30, 120, 180]);
    expect(ordered.map((t) => t.order)).toEqual([0, 1, 2, 3]);
  });

  it('orders studies on the same day by StudyTime, then by UID', () => {
    const ordered = orderTimepoints([
      study('z', '20240110', { studyTime: '083000' }),
      study('y', '20240110', { studyTime: '141500' }),
      study('b', '20240110', { studyTime: '083000' }),
    ]);
    expect(ordered.map((t) => t.studyInstanceUid)).toEqual(['b', 'z', 'y']);
    expect(ordered.map((t) => t.daysSinceBaseline)).toEqual([0, 0, 0]);
  });

  it('puts undated studies last, says so, and never lets them be baseline or current', () => {
    const ordered = orderTimepoints([study('x', undefined), study('a', '20240110'), study('b', '20240209'), study('y', '20240231')]);
    expect(ordered.map((t) => [t.studyInstanceUid, t.role, t.isCurrent, t.daysSinceBaseline])).toEqual([
      ['a', 'baseline', false, 0],
      ['b', 'follow-up', true, 30],
      ['x', 'undated', false, null],
      ['y', 'undated', false, null],
    ]);
  });

  it('makes a single study both baseline and current', () => {
    const [only] = orderTimepoints([study('a', '20240110')]);
    expect([only.role, only.isCurrent, only.daysSinceBaseline]).toEqual(['baseline', true, 0]);
  });

  it('does not depend on input order (property)', () => {
    const dates = fc.array(fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(dates, fc.infiniteStream(fc.nat()), (ds, seeds) => {
        const studies = ds.map((d, i) => study(`1.2.${i}`, d.toISOString().slice(0, 10).replace(/-/g, '')));
        const shuffled = [...studies].sort(() => (seeds.next().value % 3) - 1);
        const a = orderTimepoints(studies).map((t) => t.studyInstanceUid);
        const b = orderTimepoints(shuffled).map((t) => t.studyInstanceUid);
        expect(b).toEqual(a);
      }),
    );
  });

  it('groups by patient', () => {
    const byPatient = timepointsByPatient([study('a', '20240110', { patientId: 'P2' }), study('b', '20240101', { patientId: 'P1' }), study('c', '20240102', { patientId: 'P2' })]);
    expect([...byPatient.keys()]).toEqual(['P1', 'P2']);
    expect(byPatient.get('P2')!.map((t) => t.studyInstanceUid)).toEqual(['c', 'a']);
  });
});

describe('hanging-protocol study roles', () => {
  const hostStudy = (uid: string, date: string, patientId = 'P12'): HostStudy => ({
    StudyInstanceUID: uid,
    // As the host keeps them: study-level attributes only on the instances.
    series: [{ instances: [{ StudyInstanceUID: uid, SeriesInstanceUID: `${uid}.1`, StudyDate: date, PatientID: patientId }] }],
  });
  const all = [hostStudy('t2', '20240310'), hostStudy('t0', '20240110'), hostStudy('t4', '20240708'), undefined, hostStudy('other', '20200101', 'P99')];

  it.each([
    ['t0', 'baseline', true],
    ['t0', 'current', false],
    ['t4', 'current', true],
    ['t4', 'baseline', false],
    ['t2', 'baseline', false],
    ['t2', 'current', false],
    ['other', 'baseline', true],
  ] as const)('%s is %s: %p', (uid, role, expected) => {
    expect(hasStudyRole(role, all.find((s) => s?.StudyInstanceUID === uid), all)).toBe(expected);
  });

  it('never makes a study without images (a report-only study) the baseline or the current follow-up', () => {
    const reportOnly: HostStudy = {
      StudyInstanceUID: 'sr',
      series: [{ Modality: 'SR', instances: [{ StudyInstanceUID: 'sr', SeriesInstanceUID: 'sr.1', StudyDate: '20250101', PatientID: 'P12', Modality: 'SR' }] }],
    };
    const withReport = [...all, reportOnly];
    expect(hasStudyRole('current', reportOnly, withReport)).toBe(false);
    expect(hasStudyRole('current', withReport.find((s) => s?.StudyInstanceUID === 't4'), withReport)).toBe(true);
  });

  it('is false for a study the host has not loaded yet', () => expect(hasStudyRole('baseline', undefined, all)).toBe(false));
});

describe('personNameText', () => {
  it.each([
    [[{ Alphabetic: 'Doe^Jane' }], 'Doe^Jane'],
    ['Doe^John', 'Doe^John'],
    [['Roe^Ann'], 'Roe^Ann'],
    [undefined, ''],
    [[{ Ideographic: '山田' }], ''],
  ])('%p -> %p', (value, text) => expect(personNameText(value)).toBe(text));
});

describe('formatPersonName', () => {
  it.each([
    ['MRECIST^DEMO TWELVE', 'MRECIST, DEMO TWELVE'],
    ['Doe^Jane^Q^Dr^PhD', 'Doe, Dr Jane Q PhD'],
    ['Doe', 'Doe'],
    ['^Jane', 'Jane'],
    ['Doe^^^^', 'Doe'],
    ['', ''],
  ])('%p -> %p', (pn, shown) => expect(formatPersonName(pn)).toBe(shown));
});

describe('imaging studies', () => {
  it.each([
    [['CT'], true],
    [['CT', 'SR'], true],
    [['MR', 'SEG'], true],
    [['SR'], false],
    [['RTPLAN', 'RTDOSE', 'RTSTRUCT'], false],
    [['PR', 'KO'], false],
    [[], true],
  ])('%p has images: %p', (modalities, expected) => expect(hasImages(modalities)).toBe(expected));

  it('drops report-only studies from the timepoints', () => {
    expect(imagingStudies([study('a', '20240110'), study('r', '20250101', { modalities: ['SR'] })]).map((s) => s.studyInstanceUid)).toEqual(['a']);
  });
});
