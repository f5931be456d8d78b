/**
 * The three CT series of every demo study: non-contrast, late arterial and portal venous, with the attenuation
 * of each tissue in each phase and the series' names and times.
 *
 * Attenuations (HU): unenhanced liver 50-70 HU, about 10 HU above the spleen, blood 40-50 HU; late arterial
 * aorta 290-360 HU, portal vein 145 ± 20 HU, liver +20-30 HU (Radiopaedia "Late arterial phase"); portal venous
 * (about 70 s): hepatic veins filled, spleen homogeneous, liver near its peak of +59-63 HU while the aorta falls to
 * +117-125 HU (AJR liver MDCT bolus-tracking scan-delay study); renal cortex and medulla converge by 45 s
 * (Eur J Radiol 2007;63(3):420). Viable HCC hyperenhances in the arterial phase and washes out (lower than liver)
 * in the portal venous phase (ACR LI-RADS v2018 lexicon "washout"); unenhanced it is slightly hypoattenuating.
 */
import { type AnatomyTable, HU } from './abdomenAnatomy';

export const CT_PHASES = ['arterial', 'nonContrast', 'portalVenous'] as const;
export type CtPhase = (typeof CT_PHASES)[number];

export interface PhaseAttenuation {
  readonly anatomy: AnatomyTable;
  /** Amplitude of the arciform splenic pattern (arterial only). */
  readonly splenicBandHu: number;
  readonly viableTumourHu: number;
  readonly necrosisHu: number;
}

/** Arterial values are abdomenAnatomy's HU (the demo's original series); the others override the enhancing tissues. */
export const PHASE_ATTENUATION: Readonly<Record<CtPhase, PhaseAttenuation>> = {
  arterial: { anatomy: HU, splenicBandHu: 35, viableTumourHu: 140, necrosisHu: 26 },
  nonContrast: {
    anatomy: {
      ...HU,
      aorta: 42, artery: 42, ivc: 40, portalVein: 40, hepaticVein: 40, liver: 60, spleen: 50, renalCortex: 32,
      renalMedulla: 32, pancreas: 42, gastricWall: 40, bowelWall: 35, myocardium: 45, leftHeartBlood: 42,
      rightHeartBlood: 42, pulmonaryVessel: 42, jejunalWall: 40,
    },
    splenicBandHu: 0,
    viableTumourHu: 45,
    necrosisHu: 24,
  },
  portalVenous: {
    anatomy: {
      ...HU,
      aorta: 165, artery: 160, ivc: 150, portalVein: 185, hepaticVein: 165, liver: 115, spleen: 125, renalCortex: 175,
      renalMedulla: 150, pancreas: 100, gastricWall: 90, bowelWall: 70, myocardium: 110, leftHeartBlood: 165,
      rightHeartBlood: 165, pulmonaryVessel: 165, jejunalWall: 95,
    },
    splenicBandHu: 0,
    viableTumourHu: 88,
    necrosisHu: 28,
  },
};

export interface CtSeriesSpec {
  readonly phase: CtPhase;
  /** Folder name under the study. */
  readonly label: string;
  readonly seriesNumber: number;
  readonly description: string;
  /** Acquisition time relative to the study time (the arterial series keeps the study time), s. */
  readonly offsetS: number;
}

/** Injection starts this long before the arterial acquisition: a late arterial delay of 35 s. */
export const ARTERIAL_DELAY_S = 35;
/** Portal venous at 70 s after injection. */
export const PORTAL_VENOUS_DELAY_S = 70;

export const ARTERIAL_SERIES_LABEL = 'ct-arterial-2mm';
export const ARTERIAL_SERIES_DESCRIPTION = 'Arterial phase 2.0 mm';
/** Descriptions of the study whose series name no phase (as a scanner names series by kernel and thickness). */
export const UNNAMED_DESCRIPTION = 'Abd 2.0 B30f';

export function ctSeriesSpecs(namesPhase: boolean): CtSeriesSpec[] {
  const d = (named: string) => (namesPhase ? named : UNNAMED_DESCRIPTION);
  return [
    { phase: 'arterial', label: ARTERIAL_SERIES_LABEL, seriesNumber: 3, description: d(ARTERIAL_SERIES_DESCRIPTION), offsetS: 0 },
    { phase: 'nonContrast', label: 'ct-noncontrast-2mm', seriesNumber: 2, description: d('NON CONTRAST 2.0 mm'), offsetS: -95 },
    { phase: 'portalVenous', label: 'ct-portal-venous-2mm', seriesNumber: 4, description: d('PORTAL VENOUS 2.0 mm'), offsetS: PORTAL_VENOUS_DELAY_S - ARTERIAL_DELAY_S },
  ];
}
