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
  smoothUnion,
  subtract,
  tube,
  trunkColumn,
  tubePath,
  union,
} from './signedDistance';
import { seededRandom } from './seededRandom';
import { constantHu, type Tissue } from './Tissue';

// Bound once per module: Jest's vm context makes every global `Math` lookup slow in per-voxel loops,
// and re-exported bindings from another module are getter calls under tsx.
const { abs, atan2, cos, max, min, PI, sin, sqrt } = Math;

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
  pulmonaryVessel: 160,
  jejunalWall: 115,
} as const;

/** A value per tissue of HU's keys: HU on CT, signal intensity on the MRI demo (mriSignal.ts). */
export type AnatomyTable = { readonly [K in keyof typeof HU]: number };

/** Wall layers of the trunk as nested elliptic columns (centre y is the body centre, flatter at the back). */
const TRUNK = { cy: 6 };
const layer = (rx: number, ryAnterior: number, ryPosterior: number) => trunkColumn(0, TRUNK.cy, rx, ryAnterior, ryPosterior);
const body = layer(160, 118, 112);
const subcutaneous = layer(157.5, 115.5, 109.5);
const muscleWall = layer(145, 104, 101);
/** Inside the ribs and abdominal wall muscles: the thoracic and peritoneal cavity. */
const cavity = layer(134, 96, 84);
const ribLine = layer(139.5, 100, 92);

const DIAPHRAGM_HALF_MM = 1.75;

function ribcage(hu: AnatomyTable): Tissue {
  // Each rib leaves the spine at zStart and descends about 0.8 mm per degree as it curves forwards; the angle
  // is measured from the posterior midline (0°) to the anterior midline (180°), mirrored for left and right.
  const ribs = [170, 170, 168, 165, 160, 150, 135, 115, 95, 80].map((endDeg, k) => ({ zStart: 124 - 24 * k, endDeg }));
  const START_DEG = 26;
  const DROP_MM_PER_DEG = 0.8;
  const CARTILAGE_FROM_DEG = 125;
  const HALF_WIDTH_MM = 4.2;
  const HALF_HEIGHT_MM = 6.5;
  const angleOf = (x: number, y: number) => (atan2(abs(x), y - TRUNK.cy) * 180) / PI;
  const shape: Shape = {
    min: [-140, -100, -200],
    max: [140, 110, 200],
    sd(x, y, z) {
      const dr = ribLine.sd(x, y, z);
      if (dr > 8 || dr < -8) return 8;
      const deg = angleOf(x, y);
      let best = 8;
      for (const rib of ribs) {
        const clamped = min(rib.endDeg, max(START_DEG, deg));
        const dz = z - (rib.zStart - DROP_MM_PER_DEG * (clamped - START_DEG));
        if (dz > 12 || dz < -12) continue;
        const u = dr / HALF_WIDTH_MM;
        const v = dz / HALF_HEIGHT_MM;
        const k0 = sqrt(u * u + v * v);
        const k1 = sqrt((u * u) / HALF_WIDTH_MM ** 2 + (v * v) / HALF_HEIGHT_MM ** 2);
        let d = k1 === 0 ? -HALF_WIDTH_MM : (k0 * (k0 - 1)) / k1;
        // Beyond either end the rib stops: add the arc distance past the end (about 2 mm per degree).
        d = max(d, (abs(deg - clamped) * PI * 110) / 180);
        if (d < best) best = d;
      }
      return best;
    },
  };
  return {
    name: 'ribs',
    shape,
    hu: (x, y, _z, sd) =>
      angleOf(x, y) > CARTILAGE_FROM_DEG ? hu.costalCartilage : sd > -1.6 ? hu.cortBone : hu.cancellousBone,
  };
}

/** Vertebral levels repeat every 32 mm with a 7 mm disc; the bodies lie a little anterior of the canal. */
const VERTEBRA_PITCH_MM = 32;
const DISC_MM = 7;
const boneHu = (cortexMm: number, hu: AnatomyTable) => (_x: number, _y: number, _z: number, sd: number) =>
  sd > -cortexMm ? hu.cortBone : hu.cancellousBone;

function spine(hu: AnatomyTable): Tissue[] {
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
      return max(transverse.sd(x, y, 0), abs(phase) - 5);
    },
  };
  return [
    {
      name: 'paraspinal muscles',
      shape: union(ellipticColumn(-38, 93, 25, 19, 15), ellipticColumn(38, 93, 25, 19, 15)),
      hu: constantHu(hu.muscle),
    },
    {
      name: 'vertebral body',
      shape: vertebralBody,
      hu: (_x, _y, z, sd) => {
        const phase = ((z % VERTEBRA_PITCH_MM) + VERTEBRA_PITCH_MM) % VERTEBRA_PITCH_MM;
        if (phase < DISC_MM) return hu.disc;
        return sd > -2 ? hu.cortBone : hu.cancellousBone;
      },
    },
    { name: 'neural arch', shape: arch, hu: boneHu(1.5, hu) },
    { name: 'spinous process', shape: ellipticColumn(0, 101, 5, 14, 12), hu: boneHu(1.5, hu) },
    { name: 'transverse processes', shape: transverseAtLevel, hu: boneHu(1.5, hu) },
    { name: 'spinal canal', shape: canal, hu: constantHu(hu.csf) },
    { name: 'spinal cord', shape: ellipticColumn(0, 81, 5, 4.5, 4.5), hu: constantHu(hu.cord) },
  ];
}

/** Organs that the liver must leave room for, with a thin fat plane between. */
const stomach = union(ellipsoid([62, 16, 22], [35, 33, 28]), ellipsoid([48, -24, -20], [38, 30, 42], -20));
const rightKidney = ellipsoid([-72, 66, -94], [30, 25, 58], 20);
const leftKidney = ellipsoid([74, 64, -80], [29, 24, 58], -20);
const gallbladder = ellipsoid([-40, -55, -48], [15, 20, 28], 30);
const hepaticFlexure = tubePath([[-118, -20, -72], [-100, -40, -58], [-70, -55, -75]], 17);
const splenicFlexure = tubePath([[60, -60, -75], [92, -38, -42], [110, 0, -50], [112, 20, -80]], 16);
const spleenShape = ellipsoid([100, 34, 2], [68, 29, 58], -63);
const aortaShape = ellipticColumn(15, 19, 11.5, 11.5, 11.5);
const ivcShape = ellipticColumn(-25, 12, 14, 11, 11, -1e4, 48);
const heartShape = ellipsoid([20, -30, 106], [66, 50, 60], 20);

/** Spine, crura and great vessels behind the liver's bare area: the liver wraps round the IVC but not these. */
const RETROPERITONEUM = ellipticColumn(0, 56, 30, 30, 40);

/** Jejunal loops in the left upper quadrant below the stomach (fluid-filled, feathery enhancing wall). */
const SMALL_BOWEL = union(
  tubePath([[30, -70, -40], [70, -62, -46], [100, -40, -58], [80, -20, -70]], 11),
  tubePath([[20, -45, -62], [55, -40, -52], [75, -10, -40], [98, -12, -30]], 10),
  tubePath([[10, -78, -58], [40, -88, -66], [70, -84, -74]], 12),
);

/**
 * Lung-base vessels: from each hilum, main branches run down and out towards the bases and split into thinner
 * twigs. Drawn from a fixed generator, so the anatomy never depends on the demo's seed value.
 */
function pulmonaryVessels(): Shape {
  const random = seededRandom(20190506);
  const tubes: Shape[] = [];
  for (const side of [-1, 1]) {
    const hilum = [side * 48, 12, 112];
    for (let b = 0; b < 7; b++) {
      const angle = (b / 7) * PI * 1.6 - 0.3 * PI;
      const reach = random.uniform(45, 80);
      const end = [side * (55 + reach * abs(cos(angle))), 10 + reach * sin(angle), random.uniform(50, 72)];
      tubes.push(tube(hilum, end, 4, 2.4));
      for (let c = 0; c < 3; c++) {
        const twig = [end[0] + side * random.uniform(0, 25), end[1] + random.uniform(-25, 25), end[2] - random.uniform(15, 50)];
        tubes.push(tube(end, twig, 2.2, random.uniform(0.7, 1.2)));
      }
    }
  }
  return union(...tubes);
}
const PULMONARY_VESSELS = pulmonaryVessels();

export const LIVER_SHAPE: Shape = intersect(
  subtract(
    smoothUnion(ellipsoid([-70, 8, 8], [82, 100, 80], 0), ellipsoid([28, -46, 22], [72, 40, 38], -12), 12),
    [stomach, rightKidney, hepaticFlexure, splenicFlexure, spleenShape, aortaShape, heartShape, RETROPERITONEUM],
    3,
  ),
  cavity,
  belowDiaphragm(DIAPHRAGM_HALF_MM),
);

/** Slow, gentle parenchymal texture (a few HU) so the liver does not look like a flat fill. */
const parenchyma = (base: number, amp: number) => (x: number, y: number, z: number) =>
  base + amp * sin(0.11 * x + 1.3) * sin(0.13 * y + 0.4) * sin(0.09 * z + 0.7);

const liverVessel = (s: Shape) => intersect(s, offset(LIVER_SHAPE, -1));

/**
 * The anatomy's layers with the attenuations of one contrast phase (default the late arterial values of HU;
 * scripts/demo/ctPhases.ts has the others). Shapes do not depend on the phase.
 */
export function abdomenTissues(hu: AnatomyTable = HU, splenicBandHu = 35): Tissue[] {
  const belowD = belowDiaphragm(DIAPHRAGM_HALF_MM);
  return [
    {
      name: 'table',
      shape: {
        min: [-240, 120, -1e4],
        max: [240, 200, 1e4],
        sd: (x, y) => max(abs(y - (124 + (x * x) / 2600)) - 3, abs(x) - 230),
      },
      hu: constantHu(hu.table),
    },
    { name: 'skin', shape: body, hu: constantHu(hu.skin) },
    { name: 'subcutaneous fat', shape: subcutaneous, hu: constantHu(hu.fat) },
    { name: 'trunk wall muscles', shape: muscleWall, hu: constantHu(hu.muscle) },
    { name: 'intra-abdominal fat', shape: cavity, hu: constantHu(hu.fat - 5) },
    ribcage(hu),
    { name: 'diaphragm', shape: intersect(cavity, diaphragmSheet(DIAPHRAGM_HALF_MM)), hu: constantHu(hu.muscle - 5) },
    { name: 'lung bases', shape: intersect(cavity, aboveDiaphragm(DIAPHRAGM_HALF_MM)), hu: constantHu(hu.lung) },
    { name: 'pulmonary vessels', shape: intersect(PULMONARY_VESSELS, aboveDiaphragm(DIAPHRAGM_HALF_MM + 1)), hu: constantHu(hu.pulmonaryVessel) },
    {
      name: 'diaphragmatic crura',
      shape: intersect(union(tube([-6, 12, 34], [-8, 42, -70], 5, 6), tube([36, 16, 34], [30, 44, -70], 4, 5)), belowDiaphragm(0)),
      hu: constantHu(hu.muscle),
    },
    ...spine(hu),
    {
      name: 'pericardial fat',
      shape: intersect(offset(heartShape, 4), aboveDiaphragm(DIAPHRAGM_HALF_MM)),
      hu: constantHu(hu.fat - 10),
    },
    { name: 'myocardium', shape: intersect(heartShape, aboveDiaphragm(DIAPHRAGM_HALF_MM)), hu: constantHu(hu.myocardium) },
    { name: 'left ventricle', shape: ellipsoid([48, -22, 112], [34, 26, 44], 30), hu: constantHu(hu.leftHeartBlood) },
    { name: 'right ventricle', shape: intersect(ellipsoid([2, -62, 100], [42, 17, 36], 15), aboveDiaphragm(4)), hu: constantHu(hu.rightHeartBlood) },
    { name: 'right atrium', shape: intersect(ellipsoid([-36, -8, 98], [26, 26, 36]), aboveDiaphragm(4)), hu: constantHu(hu.rightHeartBlood) },
    { name: 'oesophagus', shape: tubePath([[14, 18, 120], [18, 14, 44], [40, 6, 28]], 7), hu: constantHu(hu.muscle - 10) },
    { name: 'liver', shape: LIVER_SHAPE, hu: parenchyma(hu.liver, 4) },
    {
      name: 'hepatic veins',
      shape: liverVessel(
        union(
          tube([-18, 16, 44], [-112, 26, 2], 6, 2.5),
          tube([-18, 12, 44], [-36, -72, -6], 5, 2.5),
          tube([-12, 10, 46], [46, -44, 30], 4.5, 2),
        ),
      ),
      hu: constantHu(hu.hepaticVein),
    },
    { name: 'inferior vena cava', shape: ivcShape, hu: constantHu(hu.ivc) },
    { name: 'hepatic confluence', shape: tube([-25, 12, 40], [-30, 0, 62], 13, 15), hu: constantHu(hu.ivc) },
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
      hu: constantHu(hu.portalVein),
    },
    { name: 'aorta', shape: aortaShape, hu: constantHu(hu.aorta) },
    {
      name: 'visceral arteries',
      shape: union(
        tubePath([[15, 10, -66], [15, -4, -62], [40, 4, -58], [66, 30, -50], [86, 42, -30]], 3.2),
        tubePath([[15, -4, -62], [-6, -8, -52], [-24, -4, -36], [-60, -2, -24]], 2.6, 1.8),
      ),
      hu: constantHu(hu.artery),
    },
    { name: 'gallbladder', shape: intersect(gallbladder, belowD), hu: (_x, _y, _z, sd) => (sd > -1.5 ? hu.bowelWall : hu.bile) },
    { name: 'spleen', shape: intersect(spleenShape, offset(cavity, -1.5), belowD), hu: splenicPattern(hu.spleen, splenicBandHu) },
    {
      name: 'stomach',
      shape: intersect(stomach, belowD),
      hu: hollowOrgan(hu.air, hu.gastricWall, 3, -28, hu.gastricFluid, { centreX: 56, centreY: 0, count: 9, depthMm: 5 }),
    },
    { name: 'colon', shape: union(hepaticFlexure, splenicFlexure), hu: hollowOrgan(hu.air, hu.bowelWall, 2.5, 0, hu.fat + 40) },
    { name: 'pancreas', shape: ellipsoid([44, 18, -50], [56, 11, 10], -24), hu: parenchyma(hu.pancreas, 6) },
    { name: 'splenic vein', shape: tubePath([[-4, 22, -60], [30, 30, -52], [70, 40, -42], [84, 42, -30]], 4), hu: constantHu(hu.portalVein) },
    { name: 'jejunum', shape: SMALL_BOWEL, hu: hollowOrgan(hu.air, hu.jejunalWall, 2.5, -1e3, hu.gastricFluid + 10) },
    {
      name: 'adrenal glands',
      shape: union(tube([-32, 38, -22], [-42, 56, -52], 3), tube([-32, 38, -22], [-24, 50, -48], 2.5), tube([40, 36, -26], [52, 54, -56], 3)),
      hu: constantHu(hu.muscle),
    },
    { name: 'right kidney', shape: rightKidney, hu: kidneyHu(hu.renalCortex, hu.renalMedulla) },
    { name: 'left kidney', shape: leftKidney, hu: kidneyHu(hu.renalCortex, hu.renalMedulla) },
  ];
}

/** Corticomedullary phase: a bright cortex about 7 mm thick around darker medullary pyramids. */
function kidneyHu(cortexHu: number, medullaHu: number) {
  return (_x: number, _y: number, _z: number, sd: number): number => (sd > -7 ? cortexHu : medullaHu);
}

/**
 * Arterial-phase spleen: alternating bands of faster and slower red-pulp enhancement (arciform pattern);
 * homogeneous (band 0) unenhanced and from the portal venous phase on.
 */
function splenicPattern(spleenHu: number, bandHu: number) {
  if (bandHu === 0) return constantHu(spleenHu);
  return (x: number, y: number, z: number): number => {
    const band = sin(0.22 * (0.6 * x + 0.8 * y) + 2.5 * sin(z / 9) + 1.5 * sin(x / 7));
    return spleenHu + bandHu * band;
  };
}

/**
 * A gas-containing viscus: an enhancing wall, then gas in front (the patient lies supine, so gas rises to the
 * anterior, lower-y side) and fluid behind, with a horizontal level at y = levelY. Optional rugal folds: the
 * wall thickens in ridges around the organ's axis, as in a partly distended stomach.
 */
function hollowOrgan(
  airHu: number,
  wallHu: number,
  wallMm: number,
  levelY: number,
  fluidHu: number,
  folds?: { centreX: number; centreY: number; count: number; depthMm: number },
) {
  return (x: number, y: number, z: number, sd: number): number => {
    let wall = wallMm;
    if (folds) {
      const ridge = sin(folds.count * atan2(y - folds.centreY, x - folds.centreX) + z / 9);
      wall += folds.depthMm * max(0, ridge) ** 3;
    }
    if (sd > -wall) return wallHu;
    const t = min(1, max(0, 0.5 + (y - levelY) / 1.5));
    return airHu + t * (fluidHu - airHu);
  };
}
