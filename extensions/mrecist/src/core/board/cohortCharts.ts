/**
 * Chart specifications of a cohort (cohort --figures, cohort.pdf): waterfall of each tumour's best change,
 * spider plot of every tumour, swimmer lanes per patient, and the Kaplan-Meier curve of time to progression with
 * its 95 % band and censoring marks. The reference study's Fig. and Table layout (Xu, Ding et al.).
 */
import type { CriteriaName } from '../criteria/types';
import { chart, type ChartSpec } from './chartStyle';
import { criterionLabel, responseThresholdsPct, spiderSpec } from './courseCharts';
import type { KaplanMeierFigureData } from './kaplanMeierBand';
import type { LesionCoursePoint } from './lesionCourse';
import { RESPONSE_COLOUR_SCALE } from './responseColours';
import type { SwimmerData } from './swimmer';
import { sortWaterfall, type WaterfallEntry } from './waterfall';

export const DAYS_FROM_BASELINE = 'Days from baseline scan';

export function waterfallSpec(entries: readonly WaterfallEntry[], criteria: CriteriaName): ChartSpec {
  const { prPct, pdPct } = responseThresholdsPct(criteria);
  const values = sortWaterfall(entries)
    .filter((e) => e.bestChangePct !== null)
    .map((e, rank) => ({ ...e, tumour: `${e.patientId} ${e.lesionId}`, rank }));
  return chart(`Best change from baseline per tumour (${criterionLabel(criteria)})`, {
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'tumour', type: 'nominal', sort: { field: 'rank' }, title: 'Tumour', axis: { labelAngle: -60, labelFontSize: 8 } },
          y: { field: 'bestChangePct', type: 'quantitative', title: 'Best % change', scale: { domain: [-100, Math.max(pdPct + 10, ...values.map((v) => v.bestChangePct as number))] } },
          color: { field: 'bestResponse', type: 'nominal', title: 'Best response', scale: RESPONSE_COLOUR_SCALE },
        },
      },
      {
        data: { values: [{ pct: prPct }, { pct: pdPct }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#555555' },
        encoding: { y: { field: 'pct', type: 'quantitative' } },
      },
    ],
  });
}

export function cohortSpiderSpec(points: readonly LesionCoursePoint[], criteria: CriteriaName): ChartSpec {
  const spec = spiderSpec(points, criteria, DAYS_FROM_BASELINE, `Change from baseline, every tumour (${criterionLabel(criteria)})`);
  // Twenty tumours' names in a legend crowd the page; the waterfall names them.
  const layers = (spec as { layer: Record<string, any>[] }).layer;
  layers[2].encoding.color.legend = null;
  return spec;
}

export function swimmerSpec(data: SwimmerData): ChartSpec {
  const lanes = data.lanes.map((l) => ({ ...l, end: l.progressionDays ?? l.followUpDays }));
  const progressions = data.lanes.filter((l) => l.progressionDays !== null).map((l) => ({ patientId: l.patientId, day: l.progressionDays, event: 'progression' }));
  const censored = data.lanes.filter((l) => l.progressionDays === null).map((l) => ({ patientId: l.patientId, day: l.followUpDays, event: 'censored' }));
  const patientAxis = { field: 'patientId', type: 'nominal', title: 'Patient', sort: null };
  return chart(
    'Follow-up per patient: overall response at each visit, progression (x), censored (>)',
    {
      layer: [
        { data: { values: lanes }, mark: { type: 'bar', color: '#e8e8e8', height: 10 }, encoding: { y: patientAxis, x: { field: 'end', type: 'quantitative', title: DAYS_FROM_BASELINE }, x2: { datum: 0 } } },
        { data: { values: data.marks }, mark: { type: 'point', filled: true, size: 45 }, encoding: { y: patientAxis, x: { field: 'day', type: 'quantitative' }, color: { field: 'response', type: 'nominal', title: 'Response', scale: RESPONSE_COLOUR_SCALE } } },
        { data: { values: progressions }, mark: { type: 'point', shape: 'cross', size: 110, color: '#000000', filled: true, angle: 45 }, encoding: { y: patientAxis, x: { field: 'day', type: 'quantitative' } } },
        { data: { values: censored }, mark: { type: 'point', shape: 'triangle-right', size: 60, color: '#000000', filled: true }, encoding: { y: patientAxis, x: { field: 'day', type: 'quantitative' } } },
      ],
    },
    { height: Math.max(120, data.lanes.length * 16) },
  );
}

/**
 * The curve with its band and censoring ticks; the subtitle gives both medians, since a small cohort with much
 * censoring (the reference study's 7 of 19) reports the median of the observed progressions while the
 * Kaplan-Meier median may not be reached.
 */
export function kaplanMeierSpec(km: KaplanMeierFigureData, medianObservedDays: number | null): ChartSpec {
  const median = km.medianDays === null ? [] : [{ days: km.medianDays, label: `KM median ${km.medianDays} days` }];
  const observed = medianObservedDays === null ? 'no progression observed' : `median of observed progressions ${medianObservedDays} days`;
  const kmWords = km.medianDays === null ? 'Kaplan-Meier median not reached' : `Kaplan-Meier median ${km.medianDays} days`;
  const x = { field: 'days', type: 'quantitative', title: DAYS_FROM_BASELINE };
  return chart(['Time to progression (Kaplan-Meier, 95 % band, | censored)', `${observed}; ${kmWords}`], {
    layer: [
      { data: { values: km.curve }, mark: { type: 'area', interpolate: 'step-after', opacity: 0.25, color: '#0072B2' }, encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } } },
      { data: { values: km.curve }, mark: { type: 'line', interpolate: 'step-after', color: '#0072B2' }, encoding: { x, y: { field: 'survival', type: 'quantitative', title: 'Progression-free', scale: { domain: [0, 1] }, axis: { format: '.0%' } } } },
      { data: { values: km.censored }, mark: { type: 'tick', orient: 'vertical', color: '#000000', size: 10, thickness: 1.5 }, encoding: { x, y: { field: 'survival', type: 'quantitative' } } },
      { data: { values: median }, mark: { type: 'rule', strokeDash: [4, 3], color: '#555555' }, encoding: { x } },
      { data: { values: median }, mark: { type: 'text', align: 'left', dx: 4, y: 8, fontSize: 9 }, encoding: { x, text: { field: 'label' } } },
    ],
  });
}
