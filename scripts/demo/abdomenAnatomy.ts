/**
 * Static anatomy of the demo patient's upper abdomen in the body (pre-implant) frame, LPS millimetres: x to the
 * patient's left, y to the back, z to the head. Attenuations are those of a late arterial phase (about 35 s after
 * injection): aorta and arteries bright, renal cortex brighter than medulla, spleen heterogeneous (arciform),
 * portal vein moderately enhanced, liver only slightly enhanced, hepatic veins and lower IVC not yet opacified.
 * Sizes follow an adult of average build; the field covers the liver dome down to the upper renal poles.
 */
import { aboveDiaphragm, belowDiaphragm, diaphragmSheet } from './diaphragm';
import {
  ellipsoid,
  ellipticColumn,
  intersect,
  offset,
  type Shape,
  subtract,
  tube,
  tubePath,
  union,
} from './signedDistance';
import { constantHu, type Tissue } from './Tissue';

/** Representative attenuations, HU. */
export const HU = {
  air: -1000,
  lung: -860,
  fat: -100,
  skin: 35,
  muscle: 50,
  cortBone: 700,
  cancellousBone: 250,
  costalCartilage: 130,
  disc: 85,
  csf: 12,
  cord: 35,
  aorta: 310,
  artery: 280,
  ivc: 95,
  portalVein: 150,
  hepaticVein: 45,
  liver: 70,
  spleen: 120,
  renalCortex: 180,
  renalMedulla: 65,
  pancreas: 110,
  bile: 10,
  gastricWall: 85,
  gastricFluid: 15,
  bowelWall: 40,
  myocardium: 105,
  leftHeartBlood: 300,
  rightHeartBlood: 170,
  table: 200,
} as const;

/** Wall layers of the trunk as nested elliptic columns (centre y is the body centre, flatter at the back). */
const TRUNK = { cy: 6 };
const body = ellipticColumn(0, TRUNK.cy, 160, 120, 112);
const subcutaneous = ellipticColumn(0, TRUNK.cy, 157.5, 117.5, 109.5);
const muscleWall = ellipticColumn(0, TRUNK.cy, 137, 101, 100);
/** Inside the ribs and abdominal wall muscles: the thoracic and peritoneal cavity. */
const cavity = ellipticColumn(0, TRUNK.cy, 123, 89, 80);
const ribLine = ellipticColumn(0, TRUNK.cy, 130, 95, 90);

const DIAPHRAGM_HALF_MM = 1.75;

function ribcage(): Tissue {
  // Each rib leaves the spine at zStart and descends about 0.42 mm per degree as it curves forwards; the angle
  // is measured from the posterior midline (0°) to the anterior midline (180°), mirrored for left and right.
  const ribs = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({
    zStart: 84 - 26 * k,
    endDeg: [168, 166, 160, 150, 138, 115, 85, 62][k],
  }));
  const START_DEG = 26;
  const DROP_MM_PER_DEG = 0.42;
  const CARTILAGE_FROM_DEG = 125;
  const HALF_WIDTH_MM = 4.2;
  const HALF_HEIGHT_MM = 6.5;
  const angleOf = (x: number, y: number) => (Math.atan2(Math.abs(x), y - TRUNK.cy) * 180) / Math.PI;
  const shape: Shape = {
    min: [-140, -100, -200],
    max: [140, 110, 200],
    sd(x, y, z) {
      const dr = ribLine.sd(x, y, z);
      if (dr > 8 || dr < -8) return 8;
      const deg = angleOf(x, y);
      let best = 8;
      for (const rib of ribs) {
        const clamped = Math.min(rib.endDeg, Math.max(START_DEG, deg));
        const dz = z - (rib.zStart - DROP_MM_PER_DEG * (clamped - START_DEG));
        if (dz > 12 || dz < -12) continue;
        const u = dr / HALF_WIDTH_MM;
        const v = dz / HALF_HEIGHT_MM;
        const k0 = Math.sqrt(u * u + v * v);
        const k1 = Math.sqrt((u * u) / HALF_WIDTH_MM ** 2 + (v * v) / HALF_HEIGHT_MM ** 2);
        let d = k1 === 0 ? -HALF_WIDTH_MM : (k0 * (k0 - 1)) / k1;
        // Beyond either end the rib stops: add the arc distance past the end (about 2 mm per degree).
        d = Math.max(d, (Math.abs(deg - clamped) * Math.PI * 110) / 180);
        if (d < best) best = d;
      }
      return best;
    },
  };
  return {
    name: 'ribs',
    shape,
    hu: (x, y, _z, sd) =>
      angleOf(x, y) > CARTILAGE_FROM_DEG ? HU.costalCartilage : sd > -1.6 ? HU.cortBone : HU.cancellousBone,
  };
}

/** Vertebral levels repeat every 32 mm with a 7 mm disc; the bodies lie a little anterior of the canal. */
const VERTEBRA_PITCH_MM = 32;
const DISC_MM = 7;
const boneHu = (cortexMm: number) => (_x: number, _y: number, _z: number, sd: number) =>
  sd > -cortexMm ? HU.cortBone : HU.cancellousBone;

function spine(): Tissue[] {
  const vertebralBody = ellipticColumn(0, 52, 22, 18, 18);
  const canal = ellipticColumn(0, 82, 9, 9, 9);
  const arch = subtract(ellipticColumn(0, 82, 15, 15, 15), [canal], 0);
  const transverse = union(tube([-12, 80, 0], [-33, 84, 0], 5.5), tube([12, 80, 0], [33, 84, 0], 5.5));
  // The transverse processes are short in z: repeat them per level.
  const transverseAtLevel: Shape = {
    min: [-40, 70, -1e4],
    max: [40, 92, 1e4],
    sd(x, y, z) {
      const phase = (((z % VERTEBRA_PITCH_MM) + VERTEBRA_PITCH_MM) % VERTEBRA_PITCH_MM) - 20;
      return Math.max(transverse.sd(x, y, 0), Math.abs(phase) - 5);
    },
  };
  return [
    {
      name: 'paraspinal muscles',
      shape: union(ellipticColumn(-38, 93, 25, 19, 15), ellipticColumn(38, 93, 25, 19, 15)),
      hu: constantHu(HU.muscle),
    },
    {
      name: 'vertebral body',
      shape: vertebralBody,
      hu: (_x, _y, z, sd) => {
        const phase = ((z % VERTEBRA_PITCH_MM) + VERTEBRA_PITCH_MM) % VERTEBRA_PITCH_MM;
        if (phase < DISC_MM) return HU.disc;
        return sd > -2 ? HU.cortBone : HU.cancellousBone;
      },
    },
    { name: 'neural arch', shape: arch, hu: boneHu(1.5) },
    { name: 'spinous process', shape: ellipticColumn(0, 101, 5, 14, 12), hu: boneHu(1.5) },
    { name: 'transverse processes', shape: transverseAtLevel, hu: boneHu(1.5) },
    { name: 'spinal canal', shape: canal, hu: constantHu(HU.csf) },
    { name: 'spinal cord', shape: ellipticColumn(0, 81, 5, 4.5, 4.5), hu: constantHu(HU.cord) },
  ];
}

/** Organs that the liver must leave room for, with a thin fat plane between. */
const stomach = union(ellipsoid([68, 22, 22], [36, 34, 30]), ellipsoid([52, -18, -22], [38, 30, 42], -20));
const rightKidney = ellipsoid([-72, 66, -94], [30, 25, 58], 20);
const leftKidney = ellipsoid([74, 64, -80], [29, 24, 58], -20);
const gallbladder = ellipsoid([-40, -55, -48], [15, 20, 28], 30);
const hepaticFlexure = tubePath([[-118, -20, -72], [-100, -40, -58], [-70, -55, -75]], 17);
const splenicFlexure = tubePath([[60, -60, -75], [92, -38, -42], [110, 0, -50], [112, 20, -80]], 16);
const spleenShape = ellipsoid([98, 56, 2], [28, 52, 56], -35);
const aortaShape = ellipticColumn(16, 28, 12, 12, 12);
const ivcShape = ellipticColumn(-24, 17, 14, 11, 11, -1e4, 48);
const heartShape = ellipsoid([22, -32, 108], [78, 58, 66], 20);

export const LIVER_SHAPE: Shape = intersect(
  subtract(
    union(ellipsoid([-64, 6, 4], [94, 100, 88], 0), ellipsoid([30, -46, 22], [72, 40, 38], -12)),
    [stomach, rightKidney, hepaticFlexure, splenicFlexure, spleenShape, aortaShape, heartShape],
    3,
  ),
  offset(cavity, -1.5),
  belowDiaphragm(DIAPHRAGM_HALF_MM),
);

/** Slow, gentle parenchymal texture (a few HU) so the liver does not look like a flat fill. */
const parenchyma = (base: number, amp: number) => (x: number, y: number, z: number) =>
  base + amp * Math.sin(0.11 * x + 1.3) * Math.sin(0.13 * y + 0.4) * Math.sin(0.09 * z + 0.7);

const liverVessel = (s: Shape) => intersect(s, offset(LIVER_SHAPE, -1));

export function abdomenTissues(): Tissue[] {
  const belowD = belowDiaphragm(DIAPHRAGM_HALF_MM);
  return [
    {
      name: 'table',
      shape: {
        min: [-240, 120, -1e4],
        max: [240, 200, 1e4],
        sd: (x, y) => Math.max(Math.abs(y - (130 + (x * x) / 2600)) - 3, Math.abs(x) - 230),
      },
      hu: constantHu(HU.table),
    },
    { name: 'skin', shape: body, hu: constantHu(HU.skin) },
    { name: 'subcutaneous fat', shape: subcutaneous, hu: constantHu(HU.fat) },
    { name: 'trunk wall muscles', shape: muscleWall, hu: constantHu(HU.muscle) },
    { name: 'extraperitoneal fat', shape: cavity, hu: constantHu(HU.fat - 5) },
    ribcage(),
    { name: 'diaphragm', shape: intersect(diaphragmSheet(DIAPHRAGM_HALF_MM), cavity), hu: constantHu(HU.muscle - 5) },
    { name: 'lung bases', shape: intersect(cavity, aboveDiaphragm(DIAPHRAGM_HALF_MM)), hu: constantHu(HU.lung) },
    ...spine(),
    {
      name: 'pericardial fat',
      shape: intersect(offset(heartShape, 4), aboveDiaphragm(DIAPHRAGM_HALF_MM)),
      hu: constantHu(HU.fat - 10),
    },
    { name: 'myocardium', shape: intersect(heartShape, aboveDiaphragm(DIAPHRAGM_HALF_MM)), hu: constantHu(HU.myocardium) },
    { name: 'left ventricle', shape: ellipsoid([48, -22, 112], [34, 26, 44], 30), hu: constantHu(HU.leftHeartBlood) },
    { name: 'right ventricle', shape: intersect(ellipsoid([2, -62, 100], [42, 17, 36], 15), aboveDiaphragm(4)), hu: constantHu(HU.rightHeartBlood) },
    { name: 'right atrium', shape: intersect(ellipsoid([-36, -8, 98], [26, 26, 36]), aboveDiaphragm(4)), hu: constantHu(HU.rightHeartBlood) },
    { name: 'oesophagus', shape: tubePath([[14, 18, 120], [18, 14, 44], [40, 6, 28]], 7), hu: constantHu(HU.muscle - 10) },
    { name: 'liver', shape: LIVER_SHAPE, hu: parenchyma(HU.liver, 4) },
    {
      name: 'hepatic veins',
      shape: liverVessel(
        union(
          tube([-18, 16, 44], [-112, 26, 2], 6, 2.5),
          tube([-18, 12, 44], [-36, -72, -6], 5, 2.5),
          tube([-12, 10, 46], [46, -44, 30], 4.5, 2),
        ),
      ),
      hu: constantHu(HU.hepaticVein),
    },
    { name: 'inferior vena cava', shape: ivcShape, hu: constantHu(HU.ivc) },
    { name: 'hepatic confluence', shape: tube([-24, 17, 40], [-30, 0, 62], 13, 15), hu: constantHu(HU.ivc) },
    {
      name: 'portal vein',
      shape: union(
        tube([-4, 22, -90], [-24, 6, -32], 8, 7),
        liverVessel(
          union(
            tube([-24, 6, -32], [-68, 2, -20], 6.5, 5),
            tube([-68, 2, -20], [-74, -30, -2], 4.5, 2.5),
            tube([-68, 2, -20], [-96, 34, -28], 4.5, 2.5),
            tube([-24, 6, -32], [14, -26, -18], 5, 3),
          ),
        ),
      ),
      hu: constantHu(HU.portalVein),
    },
    { name: 'aorta', shape: aortaShape, hu: constantHu(HU.aorta) },
    {
      name: 'visceral arteries',
      shape: union(
        tubePath([[16, 18, -66], [16, 2, -62], [40, 10, -58], [66, 30, -50], [86, 42, -30]], 3.2),
        tubePath([[16, 2, -62], [-6, -4, -52], [-24, -2, -36], [-60, -2, -24]], 2.6, 1.8),
      ),
      hu: constantHu(HU.artery),
    },
    { name: 'gallbladder', shape: intersect(gallbladder, belowD), hu: (_x, _y, _z, sd) => (sd > -1.5 ? HU.bowelWall : HU.bile) },
    { name: 'spleen', shape: intersect(spleenShape, offset(cavity, -1.5), belowD), hu: splenicArterialPattern },
    { name: 'stomach', shape: intersect(stomach, belowD), hu: hollowOrgan(HU.gastricWall, 3.5, -28, HU.gastricFluid) },
    { name: 'colon', shape: union(hepaticFlexure, splenicFlexure), hu: hollowOrgan(HU.bowelWall, 2.5, 0, -60) },
    { name: 'pancreas', shape: ellipsoid([56, 22, -66], [52, 12, 11], -28), hu: parenchyma(HU.pancreas, 6) },
    { name: 'right kidney', shape: rightKidney, hu: kidneyHu },
    { name: 'left kidney', shape: leftKidney, hu: kidneyHu },
  ];
}

/** Corticomedullary phase: a bright cortex about 7 mm thick around darker medullary pyramids. */
function kidneyHu(_x: number, _y: number, _z: number, sd: number): number {
  return sd > -7 ? HU.renalCortex : HU.renalMedulla;
}

/** Arterial-phase spleen: alternating bands of faster and slower red-pulp enhancement (arciform pattern). */
function splenicArterialPattern(x: number, y: number, z: number): number {
  const band = Math.sin(0.22 * (0.6 * x + 0.8 * y) + 2.5 * Math.sin(z / 9) + 1.5 * Math.sin(x / 7));
  return HU.spleen + 35 * band;
}

/**
 * A gas-containing viscus: an enhancing wall, then gas in front (the patient lies supine, so gas rises to the
 * anterior, lower-y side) and fluid behind, with a horizontal level at y = levelY.
 */
function hollowOrgan(wallHu: number, wallMm: number, levelY: number, fluidHu: number) {
  return (_x: number, y: number, _z: number, sd: number): number => {
    if (sd > -wallMm) return wallHu;
    const t = Math.min(1, Math.max(0, 0.5 + (y - levelY) / 1.5));
    return HU.air + t * (fluidHu - HU.air);
  };
}
