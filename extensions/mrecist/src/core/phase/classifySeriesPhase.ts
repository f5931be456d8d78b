/**
 * The contrast phase of every series of a study, from all the evidence there is (the decision procedure of
 * the contrast-phase literature: structured agent phase, then timing, then text, then image; confident image
 * evidence outranks text, arXiv:2110.08424):
 *
 * - Contrast/Bolus Agent Phase (0018,9344) of enhanced objects (DICOM PS3.3 C.7.6.16.2.12): strong.
 * - Delay of the acquisition after Contrast/Bolus Start Time (0018,1042): phaseFromTiming.ts.
 * - Keywords and times written in Series Description, Protocol Name, Image Comments: phaseFromText.ts.
 * - CT only: aorta and portal vein attenuation (phaseFromAttenuation.ts) when measured.
 * - Acquisition order of the CT series of one study, when no series has a start time: weak.
 * - Gadoxetate (Primovist/Eovist) as agent turns 2-10 min into transitional and 10 min+ into hepatobiliary.
 *
 * Votes for one phase combine by noisy-OR (1 − Π(1 − w)); confidence is the best phase's score less half the
 * runner-up's, so disagreeing evidence lowers it. Below MIN_CONFIDENCE the answer is `unknown`: no guess from
 * weak evidence. Conflicts stay in the evidence. Never throws: odd input gives `unknown` with the reason.
 */
import type { ContrastPhase, ContrastSubphase, KnownPhase, PhaseResult, PhaseVote } from './ContrastPhase';
import { phaseFromAttenuation } from './phaseFromAttenuation';
import { phaseFromDelaySeconds, secondsBetween } from './phaseFromTiming';
import { phaseVotesFromText, words, normaliseText } from './phaseFromText';
import type { SeriesPhaseInput } from './SeriesPhaseInput';

export const MIN_CONFIDENCE = 0.4;
export const AGENT_PHASE_WEIGHT = 0.85;
export const TIMING_WEIGHT = 0.8;
export const IMAGE_WEIGHT = 0.85;
export const ORDER_WEIGHT = 0.3;
/** Series of one study further apart than this are not one multiphase acquisition. */
export const ORDER_SPAN_S = 15 * 60;

/** (0018,9344) defined terms with a phase; POST_CONTRAST, DYNAMIC, STEADY_STATE, CAPILLARY name none. */
const AGENT_PHASE: Readonly<Record<string, { phase: KnownPhase; weight: number }>> = {
  PRE_CONTRAST: { phase: 'nonContrast', weight: 1 },
  ARTERIAL: { phase: 'arterial', weight: 1 },
  IMMEDIATE: { phase: 'arterial', weight: 0.5 },
  PORTAL_VENOUS: { phase: 'portalVenous', weight: 1 },
  VENOUS: { phase: 'portalVenous', weight: 0.7 },
  DELAYED: { phase: 'delayed', weight: 1 },
};

/** Gadoxetic acid: Primovist (EU), Eovist (US), Gd-EOB-DTPA. */
const GADOXETATE = /gadoxet|primovist|eovist|eob/i;
const NON_IMAGE_MODALITIES = new Set(['SR', 'RTPLAN', 'RTDOSE', 'RTSTRUCT', 'RTRECORD', 'SEG', 'REG', 'PR', 'KO', 'DOC']);
const LOCALIZER_WORDS = new Set(['scout', 'topogram', 'surview', 'localizer', 'localiser', 'locator', 'smartprep', 'monitoring', 'bolus', 'tracker', 'survey']);
const SUBTRACTION_WORDS = new Set(['sub', 'subtraction', 'subtracted', 'subtr']);

export function isGadoxetate(s: SeriesPhaseInput): boolean {
  return [s.contrastBolusAgent, s.contrastBolusIngredient, s.seriesDescription, s.protocolName].some((t) => t !== undefined && GADOXETATE.test(t));
}

function textWords(s: SeriesPhaseInput): Set<string> {
  return new Set(words(normaliseText([s.seriesDescription, s.protocolName].filter(Boolean).join(' '))));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Weak votes from the order of acquisition of the study's CT series (no start time in any of them). */
function orderVotes(study: readonly SeriesPhaseInput[]): Map<SeriesPhaseInput, PhaseVote> {
  const votes = new Map<SeriesPhaseInput, PhaseVote>();
  if (study.some((s) => s.contrastBolusStartTimeS !== undefined)) return votes;
  const timed = study
    .filter((s) => s.modality === 'CT' && s.acquisitionTimeS !== undefined && !isLocalizer(s) && !isSubtraction(s))
    .sort((a, b) => (a.acquisitionTimeS ?? 0) - (b.acquisitionTimeS ?? 0));
  // One acquisition per time: reformats of one acquisition share its time and phase.
  const times = [...new Set(timed.map((s) => s.acquisitionTimeS as number))];
  if (times.length < 3 || secondsBetween(times[0], times[times.length - 1]) > ORDER_SPAN_S) return votes;
  const arterialTime = times[1];
  timed.forEach((s) => {
    const rank = times.indexOf(s.acquisitionTimeS as number);
    const after = secondsBetween(arterialTime, s.acquisitionTimeS as number);
    let phase: KnownPhase;
    if (rank === 0) phase = 'nonContrast';
    else if (rank === 1) phase = 'arterial';
    else if (after < 120) phase = 'portalVenous';
    else phase = 'delayed';
    votes.set(s, {
      phase,
      weight: ORDER_WEIGHT,
      source: 'order',
      line: `acquired ${rank + 1} of ${times.length} CT acquisitions of the study (${rank === 0 ? 'first' : `${Math.round(secondsBetween(times[0], s.acquisitionTimeS as number))} s after the first`}) → ${phase}`,
    });
  });
  return votes;
}

function isLocalizer(s: SeriesPhaseInput): boolean {
  if ((s.imageType ?? []).some((t) => t.toUpperCase() === 'LOCALIZER')) return true;
  const w = textWords(s);
  return [...LOCALIZER_WORDS].some((x) => w.has(x));
}

function isSubtraction(s: SeriesPhaseInput): boolean {
  if ((s.imageType ?? []).some((t) => t.toUpperCase() === 'SUBTRACTION')) return true;
  const w = textWords(s);
  return [...SUBTRACTION_WORDS].some((x) => w.has(x));
}

function votesFor(s: SeriesPhaseInput, order: PhaseVote | undefined): PhaseVote[] {
  const gadoxetate = isGadoxetate(s);
  const votes: PhaseVote[] = [];
  const agentPhase = s.contrastBolusAgentPhase?.toUpperCase();
  if (agentPhase && AGENT_PHASE[agentPhase]) {
    const a = AGENT_PHASE[agentPhase];
    votes.push({ phase: a.phase, weight: AGENT_PHASE_WEIGHT * a.weight, source: 'agentPhase', line: `Contrast/Bolus Agent Phase ${agentPhase} → ${a.phase}` });
  }
  if (s.contrastBolusStartTimeS !== undefined && s.acquisitionTimeS !== undefined) {
    const delay = secondsBetween(s.contrastBolusStartTimeS, s.acquisitionTimeS);
    const timed = phaseFromDelaySeconds(delay, { gadoxetate, modality: s.modality });
    if (timed)
      votes.push({
        phase: timed.phase,
        ...(timed.subphase ? { subphase: timed.subphase } : {}),
        weight: TIMING_WEIGHT * timed.certainty,
        source: 'timing',
        line: `${s.acquisitionTimeSource ?? 'AcquisitionTime'} ${fmtDelay(delay)} after ContrastBolusStartTime${gadoxetate ? ' (gadoxetate)' : ''} → ${timed.phase}${timed.subphase ? ` (${timed.subphase})` : ''}`,
      });
  }
  votes.push(
    ...phaseVotesFromText(
      [
        { name: 'SeriesDescription', value: s.seriesDescription },
        { name: 'ProtocolName', value: s.protocolName },
        { name: 'ImageComments', value: s.imageComments },
      ],
      { gadoxetate, modality: s.modality },
    ),
  );
  if (s.vessels) {
    const image = phaseFromAttenuation(s.vessels);
    votes.push({
      phase: image.phase,
      ...(image.subphase ? { subphase: image.subphase } : {}),
      weight: IMAGE_WEIGHT * image.certainty,
      source: 'image',
      line: `image: ${image.reason}`,
    });
  }
  if (order) votes.push(order);
  return votes;
}

function fmtDelay(seconds: number): string {
  if (Math.abs(seconds) < 120) return `${Math.round(seconds)} s`;
  return `${round2(seconds / 60)} min`;
}

function unknown(evidence: string[], extra: Partial<PhaseResult> = {}): PhaseResult {
  return { phase: 'unknown', confidence: 0, evidence, ...extra };
}

function combine(s: SeriesPhaseInput, votes: PhaseVote[], subtraction: boolean): PhaseResult {
  const evidence: string[] = [];
  if (subtraction) {
    evidence.push('subtraction series: its phase is that of the post-contrast images');
    votes = votes.filter((v) => v.phase !== 'nonContrast');
  }
  if (isGadoxetate(s)) evidence.push(`agent: gadoxetate (${s.contrastBolusAgent ?? s.contrastBolusIngredient ?? 'named in the text'})`);
  if (s.temporalPositions !== undefined && s.temporalPositions > 1)
    evidence.push(`dynamic series with ${s.temporalPositions} temporal positions (0020,0100): one phase per position`);
  if (s.vesselsUnavailable) evidence.push(`image: ${s.vesselsUnavailable}`);
  const score = new Map<KnownPhase, number>();
  for (const v of votes) score.set(v.phase, 1 - (1 - (score.get(v.phase) ?? 0)) * (1 - Math.min(1, Math.max(0, v.weight))));
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  const sorted = [...votes].sort((a, b) => b.weight - a.weight);
  const lines = sorted.map((v) => v.line);
  if (ranked.length === 0) return unknown([...evidence, 'no phase named, no contrast timing, no image evidence'], subtraction ? { subtraction } : {});
  const [bestPhase, bestScore] = ranked[0];
  const second = ranked[1]?.[1] ?? 0;
  const confidence = round2(Math.max(0, bestScore - 0.5 * second));
  const conflicts = ranked.slice(1).filter(([, sc]) => sc >= 0.3).map(([p]) => p);
  const conflictLines = conflicts.map((p) => {
    const against = sorted.filter((v) => v.phase === p).map((v) => v.source).join(', ');
    return `conflict: ${against} says ${p}; ${sorted.filter((v) => v.phase === bestPhase).map((v) => v.source).join(', ')} says ${bestPhase}`;
  });
  if (confidence < MIN_CONFIDENCE)
    return unknown([...evidence, ...lines, ...conflictLines, `evidence too weak (best ${bestPhase} at ${confidence} < ${MIN_CONFIDENCE})`], {
      confidence,
      ...(subtraction ? { subtraction } : {}),
    });
  const subphase: ContrastSubphase | undefined = sorted.find((v) => v.phase === bestPhase && v.subphase)?.subphase;
  const phase: ContrastPhase = bestPhase;
  const fixedSubphase = phase === 'delayed' && isGadoxetate(s) ? 'transitional' : subphase;
  return {
    phase,
    ...(fixedSubphase && (phase === 'arterial' || phase === 'delayed') ? { subphase: fixedSubphase } : {}),
    confidence,
    evidence: [...evidence, ...lines, ...conflictLines],
    ...(subtraction ? { subtraction } : {}),
  };
}

/**
 * Whether a series' phase should be checked on its images: a CT series (the attenuation method is CT's) whose
 * metadata holds neither a structured agent phase nor contrast timing, the two sources that decide on their own.
 * Text alone may be wrong or absent (scanner-style descriptions), and confident image evidence outranks it: a
 * measurement either decides the phase or shows the conflict.
 */
export function needsImageEvidence(s: SeriesPhaseInput): boolean {
  if (s.modality?.toUpperCase() !== 'CT' || isLocalizer(s)) return false;
  const agentPhase = s.contrastBolusAgentPhase?.toUpperCase();
  if (agentPhase && AGENT_PHASE[agentPhase]) return false;
  return !(s.contrastBolusStartTimeS !== undefined && s.acquisitionTimeS !== undefined);
}

/** Phase of one series seen alone (no study context: no acquisition-order evidence). */
export function classifySeriesPhase(s: SeriesPhaseInput): PhaseResult {
  return classifyStudyPhases([s])[0];
}

/** Phases of the series of one study (order evidence needs the whole study); same order as the input. */
export function classifyStudyPhases(study: readonly SeriesPhaseInput[]): PhaseResult[] {
  let order: Map<SeriesPhaseInput, PhaseVote>;
  try {
    order = orderVotes(study);
  } catch {
    order = new Map();
  }
  return study.map((s) => {
    try {
      const modality = s.modality?.toUpperCase();
      if (modality && NON_IMAGE_MODALITIES.has(modality)) return unknown([`${modality}: not an image series`]);
      if (isLocalizer(s)) return unknown(['localizer or bolus-tracking monitoring series: no contrast phase']);
      return combine(s, votesFor(s, order.get(s)), isSubtraction(s));
    } catch (e) {
      return unknown([`cannot classify (${e instanceof Error ? e.message : String(e)})`]);
    }
  });
}

/** Groups series by Study Instance UID and classifies each study; results in input order. */
export function classifySeriesPhases(series: readonly SeriesPhaseInput[]): PhaseResult[] {
  const byStudy = new Map<string, number[]>();
  series.forEach((s, i) => {
    const key = s.studyInstanceUid ?? `(no study ${i})`;
    byStudy.set(key, [...(byStudy.get(key) ?? []), i]);
  });
  const out: PhaseResult[] = new Array(series.length);
  for (const indices of byStudy.values()) {
    const results = classifyStudyPhases(indices.map((i) => series[i]));
    indices.forEach((i, q) => (out[i] = results[q]));
  }
  return out;
}
