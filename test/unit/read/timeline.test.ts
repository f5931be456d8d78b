import { buildTimeline, deliveredDoseFraction, isoDateFromDicom } from '../../../extensions/mrecist/src/core/read/timeline';

const study = (uid: string, studyDate: string) => ({ studyInstanceUid: uid, studyDate });

describe('timeline', () => {
  const studies = [
    study('1.5', '2019-11-04'),
    study('1.2', '2019-06-03'),
    study('1.1', '2019-05-02'),
    study('1.3', '2019-07-08'),
    study('1.4', '2019-09-02'),
  ];

  it('orders by date, marks the pre-implant baseline and labels follow-ups by months since implant', () => {
    const timeline = buildTimeline(studies, { implantDate: '2019-05-06', halfLifeDays: 59.4 });
    expect(timeline.map((t) => [t.id, t.studyInstanceUid, t.baseline])).toEqual([
      ['BL', '1.1', true],
      ['M1', '1.2', false],
      ['M2', '1.3', false],
      ['M4', '1.4', false],
      ['M6', '1.5', false],
    ]);
    expect(timeline.map((t) => t.daysSinceImplant)).toEqual([-4, 28, 63, 119, 182]);
    expect(timeline[0].deliveredDoseFraction).toBeNull();
  });

  it('gives the delivered share of the final dose from the half-life', () => {
    // After one half-life half of the activity is gone, so half of the final dose has been delivered;
    // after two half-lives, three quarters.
    expect(deliveredDoseFraction(59.4, 59.4)).toBeCloseTo(0.5, 12);
    expect(deliveredDoseFraction(118.8, 59.4)).toBeCloseTo(0.75, 12);
    expect(deliveredDoseFraction(0, 59.4)).toBe(0);
    const timeline = buildTimeline(studies, { implantDate: '2019-05-06', halfLifeDays: 59.4 });
    expect(timeline[1].deliveredDoseFraction).toBeCloseTo(1 - Math.pow(2, -28 / 59.4), 12);
  });

  it('lets the reader move the baseline; earlier studies become PRE, repeated labels get a letter', () => {
    const timeline = buildTimeline([...studies, study('1.6', '2019-06-05')], { baselineStudyUid: '1.2' });
    expect(timeline.map((t) => t.id)).toEqual(['PRE1', 'BL', 'M0', 'M1', 'M3', 'M5']);
    const twins = buildTimeline([study('a', '2019-05-02'), study('b', '2019-06-03'), study('c', '2019-06-04')]);
    expect(twins.map((t) => t.id)).toEqual(['BL', 'M1', 'M1b']);
  });

  it.each([
    ['20190603', '2019-06-03'],
    ['2019-06-03', '2019-06-03'],
    ['20190230', null],
    ['', null],
    ['June', null],
  ])('reads the DICOM date %j as %j', (input, expected) => {
    expect(isoDateFromDicom(input)).toBe(expected);
  });
});
