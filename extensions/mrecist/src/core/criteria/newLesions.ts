/**
 * New lesions (response-criteria.md section 2.5).
 *   mRECIST, EASL: a new intrahepatic lesion is new HCC (PD) at >= 10 mm long axis with the typical pattern
 *     (arterial hyperenhancement + washout). One that does not qualify when first seen is equivocal and
 *     followed; it qualifies later at >= 10 mm with the typical pattern, or after growing >= 10 mm over its
 *     first measurement [unverified thresholds]. New nodes: short axis >= 10 mm (porta hepatis >= 20 mm).
 *     Extrahepatic lesions follow RECIST 1.1 clinically: they count when marked unequivocal.
 *   RECIST 1.1: a new lesion counts when unequivocal (new nodes also need >= 10 mm short axis).
 * Backdating [project rule]: when an equivocal lesion qualifies, PD is declared at that timepoint but the
 * progression date is the lesion's first appearance. A qualified lesion keeps counting afterwards.
 */
import { formatTenthsMm, toTenthsMm } from './fixedPoint';
import { isIntrahepatic, isPortaHepatis } from './organ';
import type { CriteriaName, IsoDate, NewLesion, NewLesionAssessment, Timepoint } from './types';

/** New-lesion size thresholds in tenths of a mm. */
export const NEW_HCC_MIN_LONG_AXIS_TENTHS = 100;
export const EQUIVOCAL_GROWTH_TENTHS = 100;
export const NEW_NODE_MIN_SHORT_AXIS_TENTHS = 100;
export const NEW_PORTA_HEPATIS_NODE_MIN_SHORT_AXIS_TENTHS = 200;

export interface NewLesionsAtTimepoint {
  /** True when at least one new lesion counts as PD here. */
  counts: boolean;
  lines: string[];
}

export interface NewLesionsResult {
  byTimepoint: Map<string, NewLesionsAtTimepoint>;
  /** Earliest first-appearance date of a qualifying new lesion (backdated), or null. */
  progressionDate: IsoDate | null;
}

interface Verdict {
  qualifies: boolean;
  why: string;
}

/** Qualification of one assessment on its own merits (size, pattern, unequivocal flag). */
export function qualifiesOnSight(criteria: CriteriaName, lesion: NewLesion, a: NewLesionAssessment): Verdict {
  if (lesion.node === true) {
    const shortAxis = toTenthsMm(a.shortAxisMm as number);
    const porta = criteria !== 'recist1.1' && isPortaHepatis(lesion.site);
    const min = porta ? NEW_PORTA_HEPATIS_NODE_MIN_SHORT_AXIS_TENTHS : NEW_NODE_MIN_SHORT_AXIS_TENTHS;
    const size = `node short axis ${formatTenthsMm(shortAxis)}`;
    const bigEnough = shortAxis >= min;
    if (criteria === 'recist1.1' && a.unequivocal !== true) {
      return { qualifies: false, why: `${size}, not marked unequivocal` };
    }
    return {
      qualifies: bigEnough,
      why: `${size}${bigEnough ? '' : `, under ${formatTenthsMm(min)}${porta ? ' (porta hepatis)' : ''}`}`,
    };
  }
  const size = formatTenthsMm(toTenthsMm(a.longAxisMm));
  if (criteria === 'recist1.1' || !isIntrahepatic(lesion.site, lesion.node)) {
    const rule = criteria === 'recist1.1' ? '' : ' (extrahepatic: RECIST 1.1 rule)';
    return a.unequivocal === true
      ? { qualifies: true, why: `${size}, unequivocal${rule}` }
      : { qualifies: false, why: `${size}, not marked unequivocal${rule}` };
  }
  const bigEnough = toTenthsMm(a.longAxisMm) >= NEW_HCC_MIN_LONG_AXIS_TENTHS;
  const pattern = a.typicalHCC ? 'typical pattern (arterial hyperenhancement and washout)' : 'atypical pattern';
  return {
    qualifies: bigEnough && a.typicalHCC === true,
    why: `${size}${bigEnough ? '' : ` (under ${formatTenthsMm(NEW_HCC_MIN_LONG_AXIS_TENTHS)})`}, ${pattern}`,
  };
}

/** Follows every new lesion through the follow-ups (date order) and reports where each counts. */
export function evaluateNewLesions(
  criteria: CriteriaName,
  lesions: readonly NewLesion[],
  followUps: readonly Timepoint[],
): NewLesionsResult {
  const byTimepoint = new Map<string, NewLesionsAtTimepoint>(
    followUps.map((tp) => [tp.id, { counts: false, lines: [] }]),
  );
  const dateOf = new Map(followUps.map((tp) => [tp.id, tp.date]));
  let progressionDate: IsoDate | null = null;

  for (const lesion of lesions) {
    const where = lesion.site ? ` (${lesion.site})` : '';
    const first = lesion.assessments[lesion.appearsAt];
    const firstLong = toTenthsMm(first.longAxisMm);
    let started = false;
    let qualifiedAt: string | null = null;
    for (const tp of followUps) {
      if (tp.id === lesion.appearsAt) started = true;
      if (!started) continue;
      const entry = byTimepoint.get(tp.id) as NewLesionsAtTimepoint;
      if (qualifiedAt !== null) {
        entry.counts = true;
        entry.lines.push(`new lesion ${lesion.id}${where} counted as new disease since ${qualifiedAt}: PD`);
        continue;
      }
      const a = lesion.assessments[tp.id];
      if (a === undefined) {
        entry.lines.push(`new lesion ${lesion.id}${where}: equivocal, not assessed at ${tp.id}`);
        continue;
      }
      let verdict = qualifiesOnSight(criteria, lesion, a);
      const growth = toTenthsMm(a.longAxisMm) - firstLong;
      const growthRule = criteria !== 'recist1.1' && lesion.node !== true && isIntrahepatic(lesion.site, lesion.node);
      if (!verdict.qualifies && growthRule && tp.id !== lesion.appearsAt && growth >= EQUIVOCAL_GROWTH_TENTHS) {
        verdict = { qualifies: true, why: `${verdict.why}, grown +${formatTenthsMm(growth)} since first seen` };
      }
      if (!verdict.qualifies) {
        entry.lines.push(`new lesion ${lesion.id}${where}: ${verdict.why}: equivocal, followed`);
        continue;
      }
      qualifiedAt = tp.id;
      entry.counts = true;
      const appeared = dateOf.get(lesion.appearsAt) as IsoDate;
      if (tp.id === lesion.appearsAt) {
        entry.lines.push(`new lesion ${lesion.id}${where}: ${verdict.why}: new disease: PD`);
      } else {
        entry.lines.push(
          `new lesion ${lesion.id}${where}: ${verdict.why}: now qualifies: PD, progression backdated to its first appearance at ${lesion.appearsAt} (${appeared})`,
        );
      }
      if (progressionDate === null || appeared < progressionDate) progressionDate = appeared;
    }
  }
  return { byTimepoint, progressionDate };
}
