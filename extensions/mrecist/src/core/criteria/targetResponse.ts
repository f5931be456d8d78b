/**
 * Target response at one timepoint (response-criteria.md sections 2.3, 3, 4), in integer units:
 *   NE  some target not evaluable, unless the evaluable targets alone already meet PD
 *   PD  S > N and pdValueFactor*S >= pdReferenceFactor*N and S - N >= floor   (N = nadir)
 *   CR  every target gone (node targets: short axis under 10 mm where the criterion says so)
 *   PR  prValueFactor*S <= prReferenceFactor*B                                 (B = baseline)
 *   SD  otherwise
 * tested in that order. The explicit S > N makes reappearance after a zero nadir PD and 0 after 0 not PD.
 */
import type { CriteriaRules } from './criteriaRules';
import { formatSum } from './criteriaRules';
import { formatPercentTenths, formatTenthsMm, percentChangeTenths } from './fixedPoint';
import type { Nadir } from './nadir';
import type { ResponseCategory } from './types';

/** Node targets count as normal below this short axis (RECIST 1.1; Schwartz 2009), in tenths of a mm. */
export const NODE_NORMAL_SHORT_AXIS_TENTHS = 100;

export interface TargetReading {
  lesionId: string;
  node: boolean;
  /** Value in the criterion's integer unit, or null when not evaluable (or not measured) here. */
  value: number | null;
  /** Why it is not evaluable, when given. */
  reason?: string;
}

export interface TargetResponseInput {
  rules: CriteriaRules;
  readings: readonly TargetReading[];
  baselineSum: number;
  nadir: Nadir;
  /** Absolute-increase floor over the nadir in the criterion's integer unit (0 when none). */
  floor: number;
}

export interface TargetResponse {
  category: ResponseCategory;
  /** Full sum, or null when a target was not evaluable. */
  sum: number | null;
  changeFromBaselinePctTenths: number | null;
  changeFromNadirPctTenths: number | null;
  /** One trail line explaining the call. */
  line: string;
}

export function meetsProgression(rules: CriteriaRules, sum: number, nadir: number, floor: number): boolean {
  return sum > nadir && rules.pdValueFactor * sum >= rules.pdReferenceFactor * nadir && sum - nadir >= floor;
}

export function meetsPartialResponse(rules: CriteriaRules, sum: number, baseline: number): boolean {
  return rules.prValueFactor * sum <= rules.prReferenceFactor * baseline;
}

export function meetsCompleteResponse(rules: CriteriaRules, readings: readonly TargetReading[]): boolean {
  return readings.every((r) =>
    r.node && rules.nodeCrUnder10Mm ? (r.value as number) < NODE_NORMAL_SHORT_AXIS_TENTHS : r.value === 0,
  );
}

export function classifyTargetResponse(input: TargetResponseInput): TargetResponse {
  const { rules, readings, baselineSum: B, nadir, floor } = input;
  const N = nadir.sum;
  const fmt = (v: number) => formatSum(rules, v);
  const nadirText = `nadir ${fmt(N)} at ${nadir.timepointId}`;
  const missing = readings.filter((r) => r.value === null);
  const S = readings.reduce((total, r) => total + (r.value ?? 0), 0);
  const increase = () => {
    const pct = percentChangeTenths(S, N);
    const absolute = rules.floorApplies ? ` (+${formatTenthsMm(S - N)})` : '';
    return pct === null
      ? `up from the ${nadirText}${absolute}, reappearance after a zero nadir`
      : `${formatPercentTenths(pct)} from ${nadirText}${absolute}`;
  };

  if (missing.length > 0) {
    const which = missing.map((r) => `${r.lesionId} not evaluable${r.reason ? ` (${r.reason})` : ''}`).join(', ');
    if (missing.length === readings.length) return result('NE', null, `${which}: no target evaluable: NE`);
    const evaluable = `the evaluable targets alone sum ${fmt(S)}`;
    if (meetsProgression(rules, S, N, floor)) {
      return result('PD', null, `${which}, but ${evaluable}, ${increase()}: PD`);
    }
    return result('NE', null, `${which}; ${evaluable}, not enough for PD over the ${nadirText}: NE`);
  }

  const pctB = percentChangeTenths(S, B);
  const pctN = percentChangeTenths(S, N);
  const head = `${rules.sumLabel} ${fmt(S)}`;
  const fromBaseline = pctB === null ? `baseline ${fmt(B)}` : `${formatPercentTenths(pctB)} from baseline ${fmt(B)}`;
  const full = (category: ResponseCategory, line: string): TargetResponse => ({
    category,
    sum: S,
    changeFromBaselinePctTenths: pctB,
    changeFromNadirPctTenths: pctN,
    line,
  });

  if (meetsProgression(rules, S, N, floor)) return full('PD', `${head}, ${increase()}: PD`);
  if (meetsCompleteResponse(rules, readings)) return full('CR', `${head}: ${rules.crWords}: CR`);
  if (meetsPartialResponse(rules, S, B)) return full('PR', `${head}, ${fromBaseline}: PR`);

  const prNeeds = `PR needs ${formatPercentTenths(rules.prThresholdPctTenths)}`;
  let vsNadir: string;
  if (pctN === null) vsNadir = `${nadirText}`;
  else if (S > N && rules.pdValueFactor * S >= rules.pdReferenceFactor * N) {
    // The relative threshold is met; only the absolute floor keeps this out of PD.
    vsNadir = `${formatPercentTenths(pctN)} from ${nadirText} but only +${formatTenthsMm(S - N)} (PD needs +${formatTenthsMm(floor)})`;
  } else {
    vsNadir = `${formatPercentTenths(pctN)} from ${nadirText} (PD needs ${formatPercentTenths(rules.pdThresholdPctTenths)})`;
  }
  return full('SD', `${head}, ${fromBaseline} (${prNeeds}), ${vsNadir}: SD`);
}

function result(category: ResponseCategory, sum: null, line: string): TargetResponse {
  return { category, sum, changeFromBaselinePctTenths: null, changeFromNadirPctTenths: null, line };
}
