/**
 * Chart specifications of one patient's course (the Course tab and the board PDF): spider plot, sum of target
 * values, response strip per criterion, dose delivered by scan date, and the GTV's DVH. Pure data in, Vega-Lite
 * spec out; the numbers come from the criteria engine and the dose metrics, never recomputed here.
 */
import type { CriteriaName, ResponseCategory } from '../criteria/types';
import { CRITERIA_TITLES } from '../criteria/assessmentText';
import { CRITERIA_RULES } from '../criteria/criteriaRules';
import { RESPONSE_COLOUR_SCALE } from './responseColours';
import { chart, type ChartSpec } from './chartStyle';
import type { DoseDeliveredPoint } from './doseByScanDate';
import type { LesionCoursePoint } from './lesionCourse';

/** The criterion's PR and PD thresholds in percent (PR against baseline, PD against the nadir). */
export function responseThresholdsPct(criteria: CriteriaName): { prPct: number; pdPct: number } {
  const rules = CRITERIA_RULES[criteria];
  return { prPct: rules.prThresholdPctTenths / 10, pdPct: rules.pdThresholdPctTenths / 10 };
}

export function criterionLabel(criteria: CriteriaName): string {
  return CRITERIA_TITLES[criteria];
}

/** Percentage change from baseline per target against days, with the PR and PD thresholds as rules. */
export function spiderSpec(points: readonly LesionCoursePoint[], criteria: CriteriaName, dayTitle: string, title?: string): ChartSpec {
  const { prPct, pdPct } = responseThresholdsPct(criteria);
  const values = points
    .filter((p) => p.changeFromBaselinePct !== null)
    .map((p) => ({ ...p, lesion: `${p.patientId} ${p.lesionId}` }));
  const thresholds = [
    { pct: prPct, label: `PR ${prPct} %` },
    { pct: pdPct, label: `PD +${pdPct} % (vs nadir)` },
  ];
  return chart(title ?? `Change from baseline per target (${criterionLabel(criteria)})`, {
    layer: [
      {
        data: { values: thresholds },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#555555' },
        encoding: { y: { field: 'pct', type: 'quantitative' } },
      },
      {
        data: { values: thresholds },
        mark: { type: 'text', align: 'left', dx: 3, dy: -5, fontSize: 9, color: '#555555' },
        encoding: { y: { field: 'pct', type: 'quantitative' }, x: { datum: 0 }, text: { field: 'label' } },
      },
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'day', type: 'quantitative', title: dayTitle },
          y: { field: 'changeFromBaselinePct', type: 'quantitative', title: '% change from baseline' },
          color: { field: 'lesion', type: 'nominal', title: 'Target' },
          tooltip: [
            { field: 'lesion' },
            { field: 'timepointId', title: 'timepoint' },
            { field: 'date' },
            { field: 'changeFromBaselinePct', title: '%' },
          ],
        },
      },
    ],
  });
}

export interface SumPoint {
  timepointId: string;
  date: string;
  day: number;
  sum: number;
  response: ResponseCategory | 'BL';
}

/** Sum of target values over time, each point coloured by the timepoint's overall response. */
export function sumSpec(points: readonly SumPoint[], criteria: CriteriaName, dayTitle: string): ChartSpec {
  const unit = CRITERIA_RULES[criteria].unit === 'hundredthsMm2' ? 'mm²' : 'mm';
  return chart(`Target ${CRITERIA_RULES[criteria].sumLabel} (${criterionLabel(criteria)}, ${unit})`, {
    data: { values: points },
    layer: [
      { mark: { type: 'line', color: '#333333' }, encoding: { x: { field: 'day', type: 'quantitative', title: dayTitle }, y: { field: 'sum', type: 'quantitative', title: unit } } },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x: { field: 'day', type: 'quantitative' },
          y: { field: 'sum', type: 'quantitative' },
          color: { field: 'response', type: 'nominal', title: 'Overall', scale: { domain: ['BL', ...RESPONSE_COLOUR_SCALE.domain], range: ['#000000', ...RESPONSE_COLOUR_SCALE.range] } },
        },
      },
      {
        mark: { type: 'text', dy: -10, fontSize: 9 },
        encoding: { x: { field: 'day', type: 'quantitative' }, y: { field: 'sum', type: 'quantitative' }, text: { field: 'sum', format: '.1f' } },
      },
    ],
  });
}

export interface ResponseStripCell {
  criteria: string;
  timepointId: string;
  day: number;
  response: ResponseCategory;
}

/** One row of coloured cells per criterion, one cell per follow-up, the category written in it. */
export function responseStripSpec(cells: readonly ResponseStripCell[], dayTitle: string): ChartSpec {
  const rows = new Set(cells.map((c) => c.criteria)).size;
  return chart(
    'Timepoint response per criterion',
    {
      data: { values: cells },
      encoding: {
        x: { field: 'day', type: 'ordinal', title: dayTitle },
        y: { field: 'criteria', type: 'nominal', title: null, sort: null },
      },
      layer: [
        { mark: { type: 'rect', stroke: 'white' }, encoding: { color: { field: 'response', type: 'nominal', title: 'Response', scale: RESPONSE_COLOUR_SCALE } } },
        { mark: { type: 'text', fontSize: 10, fontWeight: 'bold', color: 'white' }, encoding: { text: { field: 'response' } } },
      ],
    },
    { height: Math.max(1, rows) * 24 },
  );
}

/** Dose delivered by each scan date, in Gy, with the percentage of the final dose written beside each point. */
export function doseDeliveredSpec(points: readonly DoseDeliveredPoint[], finalLabel: string): ChartSpec {
  const values = points.map((p) => ({ ...p, label: `${p.deliveredGy.toFixed(0)} Gy (${p.percentOfFinal.toFixed(0)} %)` }));
  return chart(`Dose delivered by scan date (final: ${finalLabel})`, {
    data: { values },
    encoding: { x: { field: 'daysSinceImplant', type: 'quantitative', title: 'Days since implant' } },
    layer: [
      { mark: { type: 'line', point: true, color: '#CC79A7' }, encoding: { y: { field: 'deliveredGy', type: 'quantitative', title: 'Gy delivered' } } },
      { mark: { type: 'text', dy: -10, fontSize: 9 }, encoding: { y: { field: 'deliveredGy', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  });
}

export interface DvhCurve {
  /** "planned", "post-implant". */
  label: string;
  doseGy: ArrayLike<number>;
  volumePct: ArrayLike<number>;
}

export interface DvhMarkers {
  label: string;
  D90Gy: number;
  V100Pct: number;
  V150Pct: number;
}

/**
 * Cumulative DVH of the GTV, one line per curve (planned against post-implant when both exist), with D90 as a
 * vertical rule and V100/V150 read at 100 % and 150 % of the prescription.
 */
export function dvhSpec(curves: readonly DvhCurve[], markers: readonly DvhMarkers[], prescriptionGy: number): ChartSpec {
  const line = curves.flatMap((c) => Array.from(c.doseGy, (d, i) => ({ curve: c.label, doseGy: d, volumePct: c.volumePct[i] })));
  const rules = markers.flatMap((m) => [
    { curve: m.label, doseGy: m.D90Gy, volumePct: 90, text: `D90 ${m.D90Gy.toFixed(0)} Gy` },
    { curve: m.label, doseGy: prescriptionGy, volumePct: m.V100Pct, text: `V100 ${m.V100Pct.toFixed(1)} %` },
    { curve: m.label, doseGy: 1.5 * prescriptionGy, volumePct: m.V150Pct, text: `V150 ${m.V150Pct.toFixed(1)} %` },
  ]);
  return chart(`GTV dose-volume histogram (prescription ${prescriptionGy} Gy)`, {
    layer: [
      {
        data: { values: line },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'doseGy', type: 'quantitative', title: 'Dose (Gy)' },
          y: { field: 'volumePct', type: 'quantitative', title: '% of GTV volume', scale: { domain: [0, 100] } },
          color: { field: 'curve', type: 'nominal', title: 'DVH' },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'point', shape: 'diamond', filled: true, size: 60 },
        encoding: { x: { field: 'doseGy', type: 'quantitative' }, y: { field: 'volumePct', type: 'quantitative' }, color: { field: 'curve', type: 'nominal' } },
      },
      {
        data: { values: rules },
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 9 },
        encoding: { x: { field: 'doseGy', type: 'quantitative' }, y: { field: 'volumePct', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  });
}
