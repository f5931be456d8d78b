/**
 * Signal intensities (arbitrary units, 12-bit range) of the MRI demo patient's tissues: fat-suppressed 3D T1
 * gradient echo before and after gadoxetate (pre, late arterial, portal venous, transitional at 3 min,
 * hepatobiliary at 20 min) and a fat-suppressed T2-weighted series.
 *
 * Patterns (ACR LI-RADS v2018 MRI technique, Santillan et al., Hepatoma Res 2020;6:63; gadoxetate kinetics,
 * Eur Radiol 2012, doi:10.1007/s00330-012-2486-2): arterial phase bright aorta and renal cortex, portal vein
 * enhancing, hepatic veins not yet; portal venous: all veins filled; transitional: vessels and liver alike, the
 * hepatocytes taking up the agent; hepatobiliary: liver clearly brighter than vessels (liver/IVC signal above
 * 1.8 marks an adequate HBP: Bashir et al., Acad Radiol 2014;21(6)), contrast in the bile, the spleen dark.
 * Viable HCC: arterial hyperenhancement, washout from the portal venous phase, hypointense in the hepatobiliary
 * phase, moderately T2-hyperintense. Seeds are susceptibility voids (seedVoids in mriVolume.ts).
 */
import type { AnatomyTable } from './abdomenAnatomy';

export const MR_SERIES_KINDS = ['t2', 'pre', 'arterial', 'portalVenous', 'transitional', 'hepatobiliary'] as const;
export type MrSeriesKind = (typeof MR_SERIES_KINDS)[number];

export interface MrSignal {
  readonly anatomy: AnatomyTable;
  readonly splenicBand: number;
  readonly viableTumour: number;
  readonly necrosis: number;
}

/** Fat-suppressed T1 before contrast. */
const T1_PRE: AnatomyTable = {
  air: 0, lung: 15, fat: 60, skin: 150, muscle: 180, cortBone: 15, cancellousBone: 110, costalCartilage: 120, disc: 140,
  csf: 60, cord: 200, aorta: 110, artery: 110, ivc: 110, portalVein: 120, hepaticVein: 110, liver: 320, spleen: 220,
  renalCortex: 260, renalMedulla: 200, pancreas: 330, bile: 70, gastricWall: 200, gastricFluid: 60, bowelWall: 190,
  myocardium: 190, leftHeartBlood: 110, rightHeartBlood: 110, table: 0, pulmonaryVessel: 60, jejunalWall: 200,
};

const t1 = (over: Partial<AnatomyTable>): AnatomyTable => ({ ...T1_PRE, ...over });

export const MR_SIGNAL: Readonly<Record<MrSeriesKind, MrSignal>> = {
  pre: { anatomy: T1_PRE, splenicBand: 0, viableTumour: 250, necrosis: 150 },
  arterial: {
    anatomy: t1({ aorta: 950, artery: 900, leftHeartBlood: 900, rightHeartBlood: 600, portalVein: 520, ivc: 200, hepaticVein: 130,
      liver: 380, spleen: 620, renalCortex: 850, renalMedulla: 320, pancreas: 620, gastricWall: 420, jejunalWall: 450, myocardium: 500, pulmonaryVessel: 500 }),
    splenicBand: 160,
    viableTumour: 720,
    necrosis: 150,
  },
  portalVenous: {
    anatomy: t1({ aorta: 560, artery: 540, leftHeartBlood: 560, rightHeartBlood: 560, portalVein: 660, ivc: 540, hepaticVein: 580,
      liver: 500, spleen: 560, renalCortex: 620, renalMedulla: 580, pancreas: 480, gastricWall: 420, jejunalWall: 400, myocardium: 420, pulmonaryVessel: 520 }),
    splenicBand: 0,
    viableTumour: 380,
    necrosis: 160,
  },
  transitional: {
    anatomy: t1({ aorta: 450, artery: 440, leftHeartBlood: 450, rightHeartBlood: 450, portalVein: 470, ivc: 450, hepaticVein: 460,
      liver: 560, spleen: 450, renalCortex: 560, renalMedulla: 560, pancreas: 430, myocardium: 380, pulmonaryVessel: 420 }),
    splenicBand: 0,
    viableTumour: 320,
    necrosis: 170,
  },
  hepatobiliary: {
    anatomy: t1({ aorta: 260, artery: 260, leftHeartBlood: 260, rightHeartBlood: 260, portalVein: 270, ivc: 260, hepaticVein: 260,
      liver: 680, spleen: 260, renalCortex: 420, renalMedulla: 420, pancreas: 360, bile: 620, myocardium: 300, pulmonaryVessel: 260 }),
    splenicBand: 0,
    viableTumour: 200,
    necrosis: 160,
  },
  t2: {
    anatomy: {
      air: 0, lung: 20, fat: 70, skin: 120, muscle: 90, cortBone: 10, cancellousBone: 90, costalCartilage: 150, disc: 300,
      csf: 950, cord: 250, aorta: 40, artery: 40, ivc: 60, portalVein: 60, hepaticVein: 60, liver: 160, spleen: 380,
      renalCortex: 420, renalMedulla: 500, pancreas: 220, bile: 950, gastricWall: 200, gastricFluid: 900, bowelWall: 200,
      myocardium: 150, leftHeartBlood: 40, rightHeartBlood: 40, table: 0, pulmonaryVessel: 40, jejunalWall: 220,
    },
    splenicBand: 0,
    viableTumour: 330,
    necrosis: 520,
  },
};
