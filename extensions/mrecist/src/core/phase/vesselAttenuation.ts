/**
 * Attenuation of the abdominal aorta, the portal vein and the liver on a CT series, from regions found on the
 * images without a segmentation model. Method (landmarks from cross-sectional anatomy; the aorta "largest bright
 * round structure anterior-left of the vertebral body at liver level" follows the approach summarised for
 * Comp2Comp's contrast-phase features, StanfordMIMI/Comp2Comp comp2comp/contrast_phase):
 *
 * 1. Slices: up to SAMPLE_SLICES evenly spaced axial slices in the middle 60% of the series (a liver-phase CT is
 *    centred on the liver). Axial images only (slice normal within 25° of the patient's z axis).
 * 2. Body: pixels above BODY_HU; its mean x (patient left-right) is the midline, its y extent front and back.
 * 3. Vertebral body: walking backwards along the midline, the first run of BONE_RUN_MM of pixels at or above
 *    CORTICAL_BONE_HU in the posterior half of the body is the anterior cortex of the vertebral body. Contrast in
 *    the aorta (290-360 HU late arterial) stays below 400 HU except in a very early arterial bolus, and the aorta
 *    lies left of the midline, so it is not crossed. Through an intervertebral disc the walk reaches the neural
 *    arch instead, so the most anterior point over the sampled slices is used for all of them.
 * 4. Aorta: in a box in front of and left of that point (AORTA_BOX_MM), the disc of radius AORTA_DISC_MM whose
 *    median is highest. Unenhanced, every disc there is soft tissue at 30-60 HU: the median says "not enhanced"
 *    whichever structure it lands on. The aorta value is the median of the per-slice values.
 * 5. Portal vein: in a box to the patient's right of the aorta and in front of it (PORTAL_BOX_MM), the disc of
 *    radius PORTAL_DISC_MM (wider than the hepatic artery, narrower than the 11-13 mm portal vein) with the
 *    highest median, skipping discs that hold a pixel brighter than the aorta's median plus ARTERY_MARGIN_HU. The vein is seen on a few slices only, so the value is the
 *    second highest per-slice value (highest when fewer than three slices).
 * 6. Liver: median of soft-tissue pixels (−20..250 HU) in a box in the right upper quadrant (LIVER_BOX_MM).
 *
 * Pitfalls not handled (reported in the evidence as the values found): Lipiodol after TACE (about 280 HU above
 * liver, J Vasc Interv Radiol 2013;24:1837) lies in the liver, away from the boxes; aortic wall calcium
 * (≥130 HU) is rejected by the medians; oral contrast or a very low aorta position can mislead step 4.
 * Values are for phaseFromAttenuation.ts; never throws: returns a reason when it cannot measure.
 */
import { cross, type Vec3 } from '../geometry/vec3';
import type { CtVolume } from '../seeds/CtVolume';

export const SAMPLE_SLICES = 7;
export const BODY_HU = -500;
export const CORTICAL_BONE_HU = 400;
export const BONE_RUN_MM = 2.5;
/** Box relative to the vertebral point (x to the patient's left, y backwards), mm. */
export const AORTA_BOX_MM = { xFrom: -8, xTo: 40, yFrom: -45, yTo: -4 } as const;
export const AORTA_DISC_MM = 6;
/** Box relative to the aorta centre, mm: to the patient's right and in front. */
export const PORTAL_BOX_MM = { xFrom: -80, xTo: -20, yFrom: -45, yTo: 12 } as const;
export const PORTAL_DISC_MM = 5;
export const ARTERY_MARGIN_HU = 40;
/** Box relative to the body centre (midline x, mid y), mm. */
export const LIVER_BOX_MM = { xFrom: -110, xTo: -45, yFrom: -50, yTo: 20 } as const;
const MAX_TILT_COS = Math.cos((25 * Math.PI) / 180);

export interface VesselAttenuation {
  readonly aortaHu: number;
  readonly portalVeinHu: number;
  readonly liverHu?: number;
  /** Slices the values come from. */
  readonly slicesUsed: number;
}

export type VesselMeasurement = { readonly ok: true; readonly value: VesselAttenuation } | { readonly ok: false; readonly reason: string };

interface SlicePlane {
  readonly hu: (i: number, j: number) => number;
  readonly x: (i: number, j: number) => number;
  readonly y: (i: number, j: number) => number;
  /** pixel index of a patient (x, y) on this slice, rounded; may fall outside. */
  readonly pixel: (x: number, y: number) => [number, number];
}

function slicePlane(v: CtVolume, k: number): SlicePlane {
  const plane = v.rows * v.columns;
  const base = k * plane;
  const r = v.rowDirection, c = v.columnDirection;
  const n = cross(r, c);
  const s = v.sliceOffsetsMm[k];
  const ox = v.originMm[0] + s * n[0], oy = v.originMm[1] + s * n[1];
  const ax = r[0] * v.columnSpacingMm, bx = c[0] * v.rowSpacingMm;
  const ay = r[1] * v.columnSpacingMm, by = c[1] * v.rowSpacingMm;
  const det = ax * by - bx * ay;
  return {
    hu: (i, j) => v.voxelsHu[base + j * v.columns + i],
    x: (i, j) => ox + i * ax + j * bx,
    y: (i, j) => oy + i * ay + j * by,
    pixel: (x, y) => {
      const dx = x - ox, dy = y - oy;
      return [Math.round((dx * by - dy * bx) / det), Math.round((ax * dy - ay * dx) / det)];
    },
  };
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
}

interface Disc {
  readonly x: number;
  readonly y: number;
  readonly medianHu: number;
}

/**
 * The disc of radius rMm with the highest median inside a patient-coordinate box, sampled on a grid of about
 * one disc radius / 2; a disc holding any pixel above `ceilingHu` (bone, an artery brighter than the aorta's
 * median) is not a vein and is skipped.
 */
function brightestDisc(p: SlicePlane, v: CtVolume, box: { x0: number; x1: number; y0: number; y1: number }, rMm: number, ceilingHu = Infinity): Disc | undefined {
  const pixelMm = Math.min(v.columnSpacingMm, v.rowSpacingMm);
  const step = Math.max(pixelMm, rMm / 2);
  const rPx = Math.ceil(rMm / pixelMm);
  let best: Disc | undefined;
  const values: number[] = [];
  for (let y = box.y0; y <= box.y1; y += step)
    for (let x = box.x0; x <= box.x1; x += step) {
      const [ci, cj] = p.pixel(x, y);
      values.length = 0;
      let outside = 0;
      for (let dj = -rPx; dj <= rPx; dj++)
        for (let di = -rPx; di <= rPx; di++) {
          const i = ci + di, j = cj + dj;
          if (i < 0 || j < 0 || i >= v.columns || j >= v.rows) { outside++; continue; }
          const dx = p.x(i, j) - x, dy = p.y(i, j) - y;
          if (dx * dx + dy * dy > rMm * rMm) continue;
          const hu = p.hu(i, j);
          if (hu > ceilingHu) {
            outside++;
            break;
          }
          values.push(hu);
        }
      if (outside > 0 || values.length < 5) continue;
      const m = median(values);
      if (!best || m > best.medianHu) best = { x, y, medianHu: m };
    }
  return best;
}

function bodyExtent(p: SlicePlane, v: CtVolume): { midX: number; yMin: number; yMax: number } | undefined {
  let sumX = 0, count = 0, yMin = Infinity, yMax = -Infinity;
  const stride = Math.max(1, Math.round(2 / Math.min(v.columnSpacingMm, v.rowSpacingMm)));
  for (let j = 0; j < v.rows; j += stride)
    for (let i = 0; i < v.columns; i += stride) {
      if (p.hu(i, j) <= BODY_HU) continue;
      const x = p.x(i, j), y = p.y(i, j);
      sumX += x; count++;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  return count < 50 ? undefined : { midX: sumX / count, yMin, yMax };
}

/** Anterior cortex of the vertebral body on the midline (patient y), or undefined. */
function vertebralPoint(p: SlicePlane, midX: number, yMin: number, yMax: number, stepMm: number, inside: (i: number, j: number) => boolean): number | undefined {
  const yMid = (yMin + yMax) / 2;
  let run = 0;
  for (let y = yMid; y <= yMax; y += stepMm) {
    const [i, j] = p.pixel(midX, y);
    if (!inside(i, j)) return undefined;
    run = p.hu(i, j) >= CORTICAL_BONE_HU ? run + stepMm : 0;
    if (run >= BONE_RUN_MM) return y - run + stepMm;
  }
  return undefined;
}

function liverMedian(p: SlicePlane, v: CtVolume, midX: number, midY: number): number | undefined {
  const values: number[] = [];
  const x0 = midX + LIVER_BOX_MM.xFrom, x1 = midX + LIVER_BOX_MM.xTo, y0 = midY + LIVER_BOX_MM.yFrom, y1 = midY + LIVER_BOX_MM.yTo;
  for (let y = y0; y <= y1; y += 2)
    for (let x = x0; x <= x1; x += 2) {
      const [i, j] = p.pixel(x, y);
      if (i < 0 || j < 0 || i >= v.columns || j >= v.rows) continue;
      const hu = p.hu(i, j);
      if (hu >= -20 && hu <= 250) values.push(hu);
    }
  return values.length < 20 ? undefined : median(values);
}

/**
 * The slices (indices along the slice normal, ascending) step 1 samples in a series of `sliceCount` slices. A
 * viewer that holds only some images loads just these and measures them as a volume of their own.
 */
export function vesselSampleSlices(sliceCount: number): number[] {
  if (!(sliceCount >= 1)) return [];
  const first = Math.floor(sliceCount * 0.2), last = Math.max(first, Math.ceil(sliceCount * 0.8) - 1);
  const count = Math.min(SAMPLE_SLICES, last - first + 1);
  return [...new Set(Array.from({ length: count }, (_, q) => Math.round(first + (count === 1 ? 0 : (q * (last - first)) / (count - 1)))))];
}

/** `sliceIndices`: the slices to measure on; by default those vesselSampleSlices picks from the whole volume. */
export function measureVesselAttenuation(v: CtVolume, sliceIndices?: readonly number[]): VesselMeasurement {
  try {
    if (v.slices < 1 || v.rows < 16 || v.columns < 16) return { ok: false, reason: 'too few pixels to find vessels' };
    if (v.voxelsHu.length < v.slices * v.rows * v.columns) return { ok: false, reason: 'pixel data shorter than the geometry' };
    const n = cross(v.rowDirection, v.columnDirection) as Vec3;
    if (Math.abs(n[2]) < MAX_TILT_COS) return { ok: false, reason: 'not an axial series' };
    const ks = (sliceIndices ?? vesselSampleSlices(v.slices)).filter((k) => Number.isInteger(k) && k >= 0 && k < v.slices);
    if (ks.length === 0) return { ok: false, reason: 'no slice to measure on' };
    const aortas: { k: number; disc: Disc }[] = [];
    const livers: number[] = [];
    const pixelMm = Math.min(v.columnSpacingMm, v.rowSpacingMm);
    const inside = (i: number, j: number) => i >= 0 && j >= 0 && i < v.columns && j < v.rows;
    const landmarks: { k: number; midX: number; yv: number }[] = [];
    for (const k of ks) {
      const p = slicePlane(v, k);
      const body = bodyExtent(p, v);
      if (!body) continue;
      const liver = liverMedian(p, v, body.midX, (body.yMin + body.yMax) / 2);
      if (liver !== undefined) livers.push(liver);
      const yv = vertebralPoint(p, body.midX, body.yMin, body.yMax, pixelMm / 2, inside);
      if (yv !== undefined) landmarks.push({ k, midX: body.midX, yv });
    }
    // On a slice through an intervertebral disc the midline walk reaches the neural arch instead: the most
    // anterior point found is the vertebral body's front, and the spine is near straight over a liver scan.
    const yFront = Math.min(...landmarks.map((l) => l.yv));
    for (const { k, midX } of landmarks) {
      const p = slicePlane(v, k);
      const box = { x0: midX + AORTA_BOX_MM.xFrom, x1: midX + AORTA_BOX_MM.xTo, y0: yFront + AORTA_BOX_MM.yFrom, y1: yFront + AORTA_BOX_MM.yTo };
      const disc = brightestDisc(p, v, box, AORTA_DISC_MM);
      if (disc) aortas.push({ k, disc });
    }
    if (aortas.length === 0) return { ok: false, reason: 'no vertebral body or aorta found on the middle slices' };
    const aortaHu = median(aortas.map((a) => a.disc.medianHu));
    const portals: number[] = [];
    for (const { k, disc } of aortas) {
      const p = slicePlane(v, k);
      const box = { x0: disc.x + PORTAL_BOX_MM.xFrom, x1: disc.x + PORTAL_BOX_MM.xTo, y0: disc.y + PORTAL_BOX_MM.yFrom, y1: disc.y + PORTAL_BOX_MM.yTo };
      const vein = brightestDisc(p, v, box, PORTAL_DISC_MM, aortaHu + ARTERY_MARGIN_HU);
      if (vein) portals.push(vein.medianHu);
    }
    if (portals.length === 0) return { ok: false, reason: 'no portal vein region found' };
    portals.sort((a, b) => b - a);
    const portalVeinHu = portals.length >= 3 ? portals[1] : portals[0];
    const liverHu = livers.length ? median(livers) : undefined;
    return {
      ok: true,
      value: { aortaHu: Math.round(aortaHu), portalVeinHu: Math.round(portalVeinHu), ...(liverHu !== undefined ? { liverHu: Math.round(liverHu) } : {}), slicesUsed: aortas.length },
    };
  } catch (e) {
    return { ok: false, reason: `cannot measure (${e instanceof Error ? e.message : String(e)})` };
  }
}
