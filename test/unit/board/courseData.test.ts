/** Per-visit tumour responses (Table 2 layout), the Kaplan-Meier band, dose by scan date, and the chart specs. */
import { summarizeCohort } from '../../../extensions/mrecist/src/core/criteria/cohort/cohortSummary';
import { kaplanMeier } from '../../../extensions/mrecist/src/core/criteria/cohort/kaplanMeier';
import { perVisitResponses } from '../../../extensions/mrecist/src/core/board/perVisitResponses';
import { kaplanMeierBand } from '../../../extensions/mrecist/src/core/board/kaplanMeierBand';
import { doseByScanDate, doseDeliveredFraction } from '../../../extensions/mrecist/src/core/board/doseByScanDate';
import { boardContent } from '../../../extensions/mrecist/src/core/board/boardContent';
import { cohortFigureData, cohortFigureSpecs } from '../../../extensions/mrecist/src/core/board/cohortFigures';
import { pdfText, svgForStandardFonts } from '../../../extensions/mrecist/src/core/board/pdfCanvas';
import { svgSize } from '../../../extensions/mrecist/src/core/board/pdfTable';
import { referenceStudyCases } from './referenceStudy';

const cases = referenceStudyCases();

describe('reference study, per tumour at each visit (Table 2 layout)', () => {
  const table = perVisitResponses(cases, (c) => c.criteria);
  const row = (label: string) => table.rows.find((r) => r.visit.label === label)!.tally;

  it('6 months: CR 12, PR 7, SD 2 of 21; ORR 90.5 %, DCR 100 %', () => {
    const t = row('6 months');
    expect([t.n, t.counts.CR, t.counts.PR, t.counts.SD, t.counts.PD]).toEqual([21, 12, 7, 2, 0]);
    expect(Number((100 * (t.objectiveResponse.rate as number)).toFixed(1))).toBe(90.5);
    expect(t.diseaseControl.rate).toBe(1);
    expect(t.diseaseControl.ci?.[1]).toBe(1);
  });

  it('every tumour has a cell at every visit', () => {
    expect(table.cells).toHaveLength(21 * 4);
    expect(table.cells.filter((c) => c.response === 'none in window')).toHaveLength(0);
  });

  it('median TTP of the observed progressions is 264 days', () => {
    const summary = summarizeCohort(cases, { atDays: 182, windowDays: 30 });
    expect(summary.timeToProgression.medianObservedDays).toBe(264);
    expect(summary.timeToProgression.progressed).toBe(7);
  });
});

describe('Kaplan-Meier band (Greenwood, log-log)', () => {
  it('four patients, one progression at day 10: S = 0.75 with the hand-computed 95 % band', () => {
    const km = kaplanMeier([
      { days: 10, progressed: true },
      { days: 20, progressed: false },
      { days: 30, progressed: false },
      { days: 40, progressed: false },
    ]);
    const band = kaplanMeierBand(km.steps, km.medianDays);
    // v = 1/(4·3); lower = 0.75^exp(z·√v/|ln 0.75|), upper = 0.75^exp(−z·√v/|ln 0.75|)
    expect(band.curve[1].survival).toBe(0.75);
    expect(band.curve[1].lower).toBeCloseTo(0.12795, 4);
    expect(band.curve[1].upper).toBeCloseTo(0.96055, 4);
    expect(band.censored).toEqual([
      { days: 20, survival: 0.75 },
      { days: 30, survival: 0.75 },
      { days: 40, survival: 0.75 },
    ]);
    expect(band.curve[band.curve.length - 1].days).toBe(40);
  });

  it('the reference cohort: the band holds the curve, inside [0, 1]; 12 censoring marks', () => {
    const summary = summarizeCohort(cases, { atDays: 182, windowDays: 30 });
    const band = kaplanMeierBand(summary.timeToProgression.kaplanMeier, summary.timeToProgression.kaplanMeierMedianDays);
    for (const p of band.curve) {
      expect(p.lower).toBeLessThanOrEqual(p.survival);
      expect(p.upper).toBeGreaterThanOrEqual(p.survival);
      expect(p.lower).toBeGreaterThanOrEqual(0);
      expect(p.upper).toBeLessThanOrEqual(1);
    }
    expect(band.censored).toHaveLength(12);
  });

  it('all at risk progress: S = 0 and the band collapses to 0', () => {
    const km = kaplanMeier([{ days: 5, progressed: true }]);
    expect(kaplanMeierBand(km.steps, km.medianDays).curve[1]).toEqual({ days: 5, survival: 0, lower: 0, upper: 0 });
  });
});

describe('dose delivered by scan date (I-125, T½ 59.4 d)', () => {
  it.each([
    [0, 0],
    [-10, 0],
    [59.4, 0.5],
    [118.8, 0.75],
  ])('%s days after the implant: fraction %s', (days, fraction) => {
    expect(doseDeliveredFraction(days, 59.4)).toBeCloseTo(fraction, 10);
  });

  it('gives Gy and percent of the final dose per timepoint, in date order', () => {
    const points = doseByScanDate(
      [
        { id: 'M2', date: '2020-03-01' },
        { id: 'BL', date: '2020-01-01', baseline: true },
      ],
      { implantDate: '2020-01-01', finalDoseGy: 140, halfLifeDays: 59.4, label: 'prescription' },
    );
    expect(points.map((p) => p.timepointId)).toEqual(['BL', 'M2']);
    expect(points[0].deliveredGy).toBe(0);
    expect(points[1].daysSinceImplant).toBe(60);
    expect(points[1].percentOfFinal).toBeCloseTo(100 * (1 - Math.pow(2, -60 / 59.4)), 10);
    expect(points[1].deliveredGy).toBeCloseTo(140 * (1 - Math.pow(2, -60 / 59.4)), 10);
  });
});

describe('board content and chart specs', () => {
  const p01 = cases.find((c) => c.patientId === 'P01')!;

  it('the spider spec draws the criterion thresholds (mRECIST: -30 % and +20 %) and every target', () => {
    const content = boardContent({ caseFile: p01 });
    const json = JSON.stringify(content.charts.spider);
    expect(json).toContain('"pct":-30');
    expect(json).toContain('"pct":20');
    expect(new Set(content.course.map((p) => p.lesionId))).toEqual(new Set(['T1', 'T2']));
    expect(content.sums[0]).toMatchObject({ timepointId: 'BL', sum: 78, response: 'BL' });
    expect(content.results.map((r) => r.criteria)).toEqual(['mrecist', 'recist1.1', 'easl']);
    expect(content.dose).toBeNull();
  });

  it('with the implant date the days count from the implant and the dose chart appears', () => {
    const content = boardContent({ caseFile: p01, implant: { implantDate: '2014-02-20', finalDoseGy: 145, halfLifeDays: 59.4, label: 'prescription' } });
    expect(content.dayTitle).toBe('Days since implant');
    expect(content.timeline[0].day).toBe(12);
    expect(content.charts.dose).not.toBeNull();
  });

  it('a criterion the read does not support is listed with the reason, not an error', () => {
    const viableOnly = { ...p01, lesions: p01.lesions.map((l) => (l.role === 'target' ? { ...l, measurements: Object.fromEntries(Object.entries(l.measurements).map(([k, m]) => [k, { viableLongAxisMm: (m as { viableLongAxisMm: number }).viableLongAxisMm }])) } : l)) };
    const content = boardContent({ caseFile: viableOnly });
    expect(content.results[0]).toHaveProperty('assessment');
    expect(content.results[1]).toHaveProperty('problem');
  });

  it('cohort figure specs carry their data inline', () => {
    const summary = summarizeCohort(cases, { atDays: 182, windowDays: 30 });
    const specs = cohortFigureSpecs(cohortFigureData(cases, summary), summary, 'mrecist');
    expect(Object.keys(specs)).toEqual(['waterfall.svg', 'spider.svg', 'swimmer.svg', 'km-ttp.svg']);
    expect(JSON.stringify(specs['km-ttp.svg'])).toContain('median of observed progressions 264 days');
  });
});

describe('PDF text helpers', () => {
  it('keeps WinAnsi, spells out symbols, and replaces other scripts with ?', () => {
    expect(pdfText('−30 % ≥ 5 mm² é')).toBe('-30 % >= 5 mm² é');
    expect(pdfText('患者')).toBe('??');
  });
  it('turns U+2212 in chart SVG into a hyphen-minus, and reads the SVG size', () => {
    expect(svgForStandardFonts('<text>\u221230</text>')).toBe('<text>-30</text>');
    expect(svgSize('<svg width="360" height="180.5" class="marks">')).toEqual({ width: 360, height: 180.5 });
    expect(() => svgSize('<svg>')).toThrow('no width and height');
  });
});
