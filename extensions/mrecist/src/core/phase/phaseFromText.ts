/**
 * Phase votes from free text (Series Description, Protocol Name, Image Comments): keywords of PHASE_KEYWORDS,
 * and times written into the text ("Late Art 35s", "Venous 70s", "Delay 3 min").
 *
 * Free text is site-specific and often wrong (IV-contrast tags missing or wrong in 75.6% of 1,979 CTs,
 * arXiv:2110.08424), so a keyword is one vote among others, never the answer on its own authority.
 */
import type { ContrastSubphase, KnownPhase, PhaseVote } from './ContrastPhase';
import { KEYWORD_WEIGHT, PHASE_KEYWORDS, type PhaseKeyword } from './phaseKeywords';
import { phaseFromDelaySeconds } from './phaseFromTiming';

/** Lower case, compatibility forms folded (full-width letters), accents removed: "Portalvenös" → "portalvenos". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

export function words(normalised: string): string[] {
  return normalised.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

interface CompiledKeyword {
  readonly keyword: PhaseKeyword;
  readonly words?: readonly string[];
  readonly cjk?: string;
}

const COMPILED: readonly CompiledKeyword[] = PHASE_KEYWORDS.map((keyword) => {
  const n = normaliseText(keyword.term);
  return CJK.test(n) ? { keyword, cjk: n } : { keyword, words: words(n) };
});

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Every keyword found in the text (one field), longest term first. */
export function keywordsIn(text: string): PhaseKeyword[] {
  const n = normaliseText(text);
  const ws = words(n);
  return COMPILED.filter((c) => (c.cjk !== undefined ? n.includes(c.cjk) : containsRun(ws, c.words ?? [])))
    .map((c) => c.keyword)
    .sort((a, b) => b.term.length - a.term.length);
}

/** "35s", "35 s", "35 sec", "3 min", "3min", "20MIN": a delay written into the text, in seconds. */
const TIME_IN_TEXT = /(?:^|[^\p{L}\p{N}.])(\d{1,3}(?:\.\d)?)\s?(s|sec|secs|seconds|min|mins|minutes|minuten)(?![\p{L}\p{N}])/u;
/** A time in a description is the protocol's nominal delay, weaker than a measured one. */
const TEXT_TIME_WEIGHT = 0.45;

export function delayInText(text: string): number | undefined {
  const m = TIME_IN_TEXT.exec(normaliseText(text));
  if (!m) return undefined;
  const value = Number(m[1]);
  return m[2].startsWith('m') ? value * 60 : value;
}

export interface TextField {
  /** Attribute name for the evidence line, e.g. "SeriesDescription". */
  readonly name: string;
  readonly value: string | undefined;
}

/**
 * One vote per phase named in the fields (the strongest, most specific term per phase), plus a vote from a
 * delay written in the text. Weights: KEYWORD_WEIGHT; fields other than the description count a little less,
 * because protocol names often name the whole exam ("Liver 3 phase") rather than the series.
 */
export function phaseVotesFromText(fields: readonly TextField[], options: { gadoxetate: boolean; modality?: string }): PhaseVote[] {
  const best = new Map<KnownPhase, PhaseVote & { termLength: number }>();
  fields.forEach((field, index) => {
    if (!field.value) return;
    const fieldFactor = index === 0 ? 1 : 0.85;
    for (const kw of keywordsIn(field.value)) {
      const weight = KEYWORD_WEIGHT[kw.strength] * fieldFactor;
      const prior = best.get(kw.phase);
      if (prior && (prior.weight > weight || (prior.weight === weight && prior.termLength >= kw.term.length))) continue;
      best.set(kw.phase, {
        phase: kw.phase,
        ...(kw.subphase ? { subphase: kw.subphase } : {}),
        weight,
        source: 'text',
        line: `${field.name} "${field.value}": "${kw.term}" (${kw.language}) → ${kw.phase}${kw.subphase ? ` (${kw.subphase})` : ''}`,
        termLength: kw.term.length,
      });
    }
  });
  const votes: PhaseVote[] = [...best.values()].map(({ termLength: _t, ...v }) => v);
  for (const field of fields) {
    const seconds = field.value ? delayInText(field.value) : undefined;
    if (seconds === undefined) continue;
    const timed = phaseFromDelaySeconds(seconds, options);
    if (!timed) continue;
    const subphase: ContrastSubphase | undefined = timed.subphase;
    votes.push({
      phase: timed.phase,
      ...(subphase ? { subphase } : {}),
      weight: TEXT_TIME_WEIGHT * timed.certainty,
      source: 'text',
      line: `${field.name} "${field.value}": ${seconds} s written in the text → ${timed.phase}${subphase ? ` (${subphase})` : ''}`,
    });
    break;
  }
  return votes;
}
