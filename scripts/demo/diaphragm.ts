/**
 * The diaphragm as a height field z = domeHeightMm(x, y) in the body (pre-implant) frame: a higher right dome
 * over the liver, a lower left dome over stomach and spleen, both falling steeply towards the back so the
 * posterior costophrenic recesses (lung bases) reach well below the domes, as on real axial CT.
 */
import type { Shape } from './signedDistance';

// Bound once per module: Jest's vm context makes every global `Math` lookup slow in per-voxel loops,
// and re-exported bindings from another module are getter calls under tsx.
const { abs, max, min, sqrt } = Math;

const RIGHT_DOME = { apexZ: 60, x: -65, spreadX: 100 };
const LEFT_DOME = { apexZ: 49, x: 70, spreadX: 90 };
const DOME_Y = 5;
const SPREAD_Y = 110;
/** Anterior and posterior fall-off (mm over the y spread): the recesses are deep at the back. */
const FALL_ANTERIOR = 35;
const FALL_POSTERIOR = 62;
const FALL_LATERAL = 40;
/** Width over which the two domes merge smoothly in the middle. */
const BLEND_MM = 10;

interface Height {
  z: number;
  gx: number;
  gy: number;
}

function dome(apexZ: number, cx: number, spreadX: number, x: number, y: number): Height {
  const fy = y < DOME_Y ? FALL_ANTERIOR : FALL_POSTERIOR;
  const u = (x - cx) / spreadX;
  const v = (y - DOME_Y) / SPREAD_Y;
  return {
    z: apexZ - FALL_LATERAL * u * u - fy * v * v,
    gx: (-2 * FALL_LATERAL * u) / spreadX,
    gy: (-2 * fy * v) / SPREAD_Y,
  };
}

export function diaphragmHeight(x: number, y: number): Height {
  const a = dome(RIGHT_DOME.apexZ, RIGHT_DOME.x, RIGHT_DOME.spreadX, x, y);
  const b = dome(LEFT_DOME.apexZ, LEFT_DOME.x, LEFT_DOME.spreadX, x, y);
  // Polynomial smooth maximum (Quilez): continuous slope where the domes meet.
  const h = min(1, max(0, 0.5 + (a.z - b.z) / (2 * BLEND_MM)));
  return {
    z: b.z + h * (a.z - b.z) + BLEND_MM * h * (1 - h),
    gx: h * a.gx + (1 - h) * b.gx,
    gy: h * a.gy + (1 - h) * b.gy,
  };
}

/** Distance below (negative) or above the diaphragm, measured along its normal, with the surface moved by `liftMm`. */
function signedHeight(x: number, y: number, z: number, liftMm: number): number {
  const d = diaphragmHeight(x, y);
  return (z - d.z - liftMm) / sqrt(1 + d.gx * d.gx + d.gy * d.gy);
}

const EVERYWHERE = { min: [-1e4, -1e4, -1e4] as const, max: [1e4, 1e4, 1e4] as const };

/** The abdomen: below the diaphragm's lower surface (half its thickness under the mid-surface). */
export function belowDiaphragm(halfThicknessMm: number): Shape {
  return { ...EVERYWHERE, sd: (x, y, z) => signedHeight(x, y, z, -halfThicknessMm) };
}

/** The thorax: above the diaphragm's upper surface. */
export function aboveDiaphragm(halfThicknessMm: number): Shape {
  return { ...EVERYWHERE, sd: (x, y, z) => -signedHeight(x, y, z, halfThicknessMm) };
}

/** The muscular sheet itself. */
export function diaphragmSheet(halfThicknessMm: number): Shape {
  return { ...EVERYWHERE, sd: (x, y, z) => abs(signedHeight(x, y, z, 0)) - halfThicknessMm };
}
