/**
 * Assesses one case under one criterion (response-criteria.md sections 2 to 4 and 7): per follow-up timepoint
 * the target, non-target, new-lesion and overall calls with a decision trail, then best overall response and
 * the progression date. Pure: the same case file always gives the same Assessment.
 */
import { classifyBestOverallResponse } from './bestOverallResponse';
import { caseFileSource } from './caseFileSource';
import { daysBetween } from './calendarDate';
import { resolveCharter } from './charter';
import { baselineWarnings } from './baselineWarnings';
import { CRITERIA_RULES, formatSum, sumToNumber } from './criteriaRules';
import { percentTenthsToNumber, toTenthsMm } from './fixedPoint';
import { nadirOf, type SumRecord } from './nadir';
import { evaluateNewLesions } from './newLesions';
import { classifyNonTargetResponse } from './nonTargetResponse';
import { classifyOverallResponse } from './overallResponse';
import { radiationCaveat } from './radiationCaveat';
import { classifyTargetResponse, type TargetReading } from './targetResponse';
import { targetQuantity } from './targetQuantity';
import { viablePhaseWarnings } from './viablePhaseWarnings';
import type {
  Assessment,
  CaseFile,
  CriteriaName,
  IsoDate,
  NewLesion,
  NonTargetLesion,
  TargetLesion,
  Timepoint,
  TimepointAssessment,
} from './types';
import { isNotEvaluable } from './types';

/** Kept for callers that imported it: Assessment now carries the optional bestOverallResponseTrace itself. */
export type AssessmentWithBorTrace = Assessment;

/** Follow-up timepoints in date order (file order among equal dates) and the baseline. */
export function caseTimeline(caseFile: CaseFile): { baseline: Timepoint; followUps: Timepoint[] } {
  const baseline = caseFile.timepoints.find((tp) => tp.baseline === true);
  if (!baseline) throw new Error(`caseTimeline: ${caseFileSource(caseFile)} has no baseline (parse it first)`);
  const followUps = caseFile.timepoints
    .filter((tp) => tp !== baseline)
    .map((tp, order) => ({ tp, order }))
    .sort((a, b) => (a.tp.date < b.tp.date ? -1 : a.tp.date > b.tp.date ? 1 : a.order - b.order))
    .map((x) => x.tp);
  return { baseline, followUps };
}

/** Each target's value at a timepoint in the criterion's integer unit (null when not evaluable or missing). */
export function targetReadings(
  caseFile: CaseFile,
  targets: readonly TargetLesion[],
  timepointId: string,
  criteria: CriteriaName,
): TargetReading[] {
  const source = caseFileSource(caseFile);
  return targets.map((lesion) => {
    const m = lesion.measurements[timepointId];
    if (m === undefined) return { lesionId: lesion.id, node: lesion.node === true, value: null, reason: 'not measured' };
    if (isNotEvaluable(m)) return { lesionId: lesion.id, node: lesion.node === true, value: null, reason: m.reason };
    const path = `lesions[${caseFile.lesions.indexOf(lesion)}].measurements.${timepointId}`;
    return { lesionId: lesion.id, node: lesion.node === true, value: targetQuantity(lesion, m, criteria, { source, path }) };
  });
}

export function assess(caseFile: CaseFile, criteria: CriteriaName = caseFile.criteria): Assessment {
  const source = caseFileSource(caseFile);
  const rules = CRITERIA_RULES[criteria];
  const charter = resolveCharter(caseFile.options, criteria, source);
  const floor = rules.floorApplies ? toTenthsMm(charter.absoluteIncreaseMm) : 0;
  const { baseline, followUps } = caseTimeline(caseFile);
  const targets = caseFile.lesions.filter((l): l is TargetLesion => l.role === 'target');
  const nonTargets = caseFile.lesions.filter((l): l is NonTargetLesion => l.role === 'nonTarget');
  const newLesions = evaluateNewLesions(
    criteria,
    caseFile.lesions.filter((l): l is NewLesion => l.role === 'new'),
    followUps,
  );

  const baselineReadings = targetReadings(caseFile, targets, baseline.id, criteria);
  const baselineSum = baselineReadings.reduce((total, r) => total + (r.value as number), 0);
  const history: SumRecord[] = [{ timepointId: baseline.id, sum: baselineSum }];

  const timepoints: TimepointAssessment[] = [];
  let firstPdDate: IsoDate | null = null;
  for (const tp of followUps) {
    const day = daysBetween(baseline.date, tp.date);
    const trace: string[] = [];
    let target: TimepointAssessment['target'] = 'NE';
    let sum: number | null = null;
    let pctB: number | null = null;
    let pctN: number | null = null;
    if (targets.length === 0) {
      trace.push('no target lesions: target response NE; the overall follows the non-target lesions [project rule]');
    } else {
      const readings = targetReadings(caseFile, targets, tp.id, criteria);
      const response = classifyTargetResponse({ rules, readings, baselineSum, nadir: nadirOf(history), floor });
      ({ category: target, sum } = response);
      pctB = response.changeFromBaselinePctTenths;
      pctN = response.changeFromNadirPctTenths;
      trace.push(response.line);
      const caveat = rules.enhancementBased ? radiationCaveat(targets, readings, day) : null;
      if (caveat) trace.push(caveat);
      if (rules.enhancementBased) trace.push(...viablePhaseWarnings(targets, tp.id));
      history.push({ timepointId: tp.id, sum });
    }
    const nonTarget = classifyNonTargetResponse(rules, nonTargets, tp.id);
    trace.push(nonTarget.line);
    const fresh = newLesions.byTimepoint.get(tp.id) ?? { counts: false, lines: [] };
    trace.push(...fresh.lines);
    const overall = classifyOverallResponse(target, nonTarget.category, fresh.counts, targets.length > 0);
    trace.push(
      `overall: target ${target}, non-target ${nonTarget.category}, new lesions ${fresh.counts ? 'yes' : 'no'}: ${overall}`,
    );
    if (overall === 'PD' && firstPdDate === null) firstPdDate = tp.date;
    timepoints.push({
      id: tp.id,
      date: tp.date,
      targetSum: sum === null ? null : sumToNumber(rules, sum),
      changeFromBaselinePct: percentTenthsToNumber(pctB),
      changeFromNadirPct: percentTenthsToNumber(pctN),
      target,
      nonTarget: nonTarget.category,
      newLesions: fresh.counts,
      overall,
      trace,
    });
  }

  // The first PD, or earlier when an equivocal new lesion that later qualified is backdated (section 2.5).
  const candidates = [firstPdDate, newLesions.progressionDate].filter((d): d is IsoDate => d !== null);
  const progressionDate = candidates.length === 0 ? null : candidates.sort()[0];
  const bor = classifyBestOverallResponse(
    timepoints.map((t) => ({ id: t.id, date: t.date, day: daysBetween(baseline.date, t.date), overall: t.overall })),
    progressionDate,
    charter,
  );
  const baselineLine = `baseline ${baseline.id}: ${rules.sumLabel} ${formatSum(rules, baselineSum)}`;
  return {
    criteria,
    baselineTargetSum: sumToNumber(rules, baselineSum),
    timepoints,
    bestOverallResponse: bor.category,
    progressionDate,
    warnings: [
      ...baselineWarnings(caseFile, criteria).map((w) => w.message),
      ...(rules.enhancementBased ? viablePhaseWarnings(targets, baseline.id) : []),
    ],
    bestOverallResponseTrace: [baselineLine, bor.line],
  };
}
