/**
 * CT phase from the attenuation of the aorta and the portal vein (vesselAttenuation.ts).
 *
 * Reference values: unenhanced blood and liver 40-70 HU (liver about 50-70 HU, ~10 HU above spleen); late
 * arterial aorta 290-360 HU with the portal vein at 145 ± 20 HU (Radiopaedia "Late arterial phase"); 10-15 s
 * after a +50 HU bolus-tracking trigger the aorta gains 300-336 HU and the portal vein 75-104 HU, and by 45-55 s
 * the aorta has fallen to +117-125 HU while the liver peaks at +59-63 HU (AJR liver MDCT bolus-tracking
 * scan-delay study). Aorta over portal vein ≳ 2 is arterial, about 1 portal venous; vessels near the liver are
 * delayed (a heuristic, not validated across sites: the main error of published classifiers is portal venous
 * against delayed, DIAG Nijmegen "jong22").
 *
 * The thresholds sit between those reference ranges; CERTAINTY_MARGIN_HU around each lowers the certainty.
 */
import type { ContrastSubphase, KnownPhase } from './ContrastPhase';
import type { VesselAttenuation } from './vesselAttenuation';

/** Aorta below this is unenhanced blood (40-50 HU) or soft tissue; enhanced aorta exceeds 110 HU in every phase. */
export const AORTA_UNENHANCED_MAX_HU = 90;
/** Arterial: the aorta at least this bright... */
export const ARTERIAL_AORTA_MIN_HU = 180;
/** ...and at least this many times the portal vein (late arterial about 2-2.5). */
export const ARTERIAL_AORTA_PORTAL_RATIO = 1.5;
/** Portal vein at or above this is enhancing: late rather than early arterial (late arterial 145 ± 20 HU). */
export const PORTAL_ENHANCED_MIN_HU = 100;
/** With the aorta and portal vein alike, the brighter of the two at or above this is portal venous, below delayed. */
export const PORTAL_VENOUS_MIN_HU = 140;
export const CERTAINTY_MARGIN_HU = 15;
const RATIO_MARGIN = 0.3;

export interface AttenuationPhase {
  readonly phase: KnownPhase;
  readonly subphase?: ContrastSubphase;
  readonly certainty: number;
  readonly reason: string;
}

const near = (value: number, threshold: number) => Math.abs(value - threshold) < CERTAINTY_MARGIN_HU;

export function phaseFromAttenuation(a: VesselAttenuation): AttenuationPhase {
  const { aortaHu, portalVeinHu } = a;
  if (aortaHu < AORTA_UNENHANCED_MAX_HU)
    return {
      phase: 'nonContrast',
      certainty: near(aortaHu, AORTA_UNENHANCED_MAX_HU) ? 0.6 : 1,
      reason: `aorta ${aortaHu} HU < ${AORTA_UNENHANCED_MAX_HU} HU: unenhanced`,
    };
  const ratio = aortaHu / Math.max(1, portalVeinHu);
  if (ratio >= ARTERIAL_AORTA_PORTAL_RATIO) {
    const strongAorta = aortaHu >= ARTERIAL_AORTA_MIN_HU;
    const subphase: ContrastSubphase = portalVeinHu >= PORTAL_ENHANCED_MIN_HU ? 'late' : 'early';
    const edge = near(portalVeinHu, PORTAL_ENHANCED_MIN_HU) || ratio < ARTERIAL_AORTA_PORTAL_RATIO + RATIO_MARGIN;
    return {
      phase: 'arterial',
      subphase,
      certainty: !strongAorta ? 0.5 : edge ? 0.7 : 1,
      reason: `aorta ${aortaHu} HU, portal vein ${portalVeinHu} HU (ratio ${ratio.toFixed(1)} ≥ ${ARTERIAL_AORTA_PORTAL_RATIO}): ${subphase} arterial`,
    };
  }
  const brighter = Math.max(aortaHu, portalVeinHu);
  const edge = near(brighter, PORTAL_VENOUS_MIN_HU) || ratio > ARTERIAL_AORTA_PORTAL_RATIO - RATIO_MARGIN / 2;
  if (brighter >= PORTAL_VENOUS_MIN_HU)
    return {
      phase: 'portalVenous',
      certainty: edge ? 0.6 : 1,
      reason: `aorta ${aortaHu} HU ≈ portal vein ${portalVeinHu} HU (ratio ${ratio.toFixed(1)}), ≥ ${PORTAL_VENOUS_MIN_HU} HU: portal venous`,
    };
  return {
    phase: 'delayed',
    certainty: edge ? 0.5 : 0.8,
    reason: `aorta ${aortaHu} HU ≈ portal vein ${portalVeinHu} HU, both < ${PORTAL_VENOUS_MIN_HU} HU${a.liverHu !== undefined ? ` (liver ${a.liverHu} HU)` : ''}: delayed`,
  };
}
