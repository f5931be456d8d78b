/**
 * Voxelises a planar-contour ROI for the DVH (brachytherapy-dosimetry.md section 7: a grid of 1 mm or finer).
 *
 * Samples sit on a regular lattice in the ROI's own frame: in-plane every `resolutionMm` along u and v
 * (centres at (k + ½)·resolution), and along the normal each slice's slab [s − t/2, s + t/2) is split into
 * ⌈t / resolution⌉ equal sub-slabs. A sample is inside when its (u, v) lies in the slice's even-odd region
 * (scanline spans, so holes are exact). Every sample carries the same in-plane area; sub-slab thickness may differ
 * between ROIs but not within a slice, so volumes are returned per sample.
 */
import { DicomInputError } from '../errors';
import type { Vec3 } from '../geometry/vec3';
import { doseGridSampler, type DoseSource } from './isodosePlane';
import { insideSpans, type PlanarRoi } from './rtStructPlanarRoi';
import { doseVolumeMetrics, type DoseVolumeMetrics } from './dvhMetrics';

export interface RoiSamples {
  /** x, y, z per sample, mm. */
  pointsMm: Float64Array;
  volumeMm3: Float64Array;
  count: number;
}

export function sampleRoi(roi: PlanarRoi, resolutionMm = 1): RoiSamples {
  if (!(resolutionMm > 0)) throw new Error('resolution must be positive');
  const { uDirection: u, vDirection: v, normal: n } = roi;
  const t = roi.sliceThicknessMm;
  const sub = Math.max(1, Math.ceil(t / resolutionMm - 1e-9));
  const subThickness = t / sub;
  const sampleVolume = resolutionMm * resolutionMm * subThickness;
  const points: number[] = [];
  for (const slice of roi.slices) {
    let vMin = Infinity, vMax = -Infinity;
    for (const poly of slice.polygons) {
      for (let k = 1; k < poly.length; k += 2) {
        vMin = Math.min(vMin, poly[k]);
        vMax = Math.max(vMax, poly[k]);
      }
    }
    const rowFirst = Math.ceil(vMin / resolutionMm - 0.5), rowLast = Math.floor(vMax / resolutionMm - 0.5);
    for (let row = rowFirst; row <= rowLast; row++) {
      const vc = (row + 0.5) * resolutionMm;
      const spans = insideSpans(slice, vc);
      for (let s = 0; s + 1 < spans.length; s += 2) {
        const colFirst = Math.ceil(spans[s] / resolutionMm - 0.5), colLast = Math.ceil(spans[s + 1] / resolutionMm - 0.5) - 1;
        for (let col = colFirst; col <= colLast; col++) {
          const uc = (col + 0.5) * resolutionMm;
          for (let m = 0; m < sub; m++) {
            const sc = slice.positionMm - t / 2 + (m + 0.5) * subThickness;
            points.push(
              uc * u[0] + vc * v[0] + sc * n[0],
              uc * u[1] + vc * v[1] + sc * n[1],
              uc * u[2] + vc * v[2] + sc * n[2],
            );
          }
        }
      }
    }
  }
  const count = points.length / 3;
  return { pointsMm: Float64Array.from(points), volumeMm3: new Float64Array(count).fill(sampleVolume), count };
}

/** Dose at each sample; NaN where the source does not cover the point. */
export function doseAtSamples(samples: RoiSamples, source: DoseSource): Float64Array {
  const out = new Float64Array(samples.count);
  const p = samples.pointsMm;
  if (typeof source === 'function') {
    const q: Vec3 = [0, 0, 0];
    for (let i = 0; i < samples.count; i++) {
      q[0] = p[3 * i];
      q[1] = p[3 * i + 1];
      q[2] = p[3 * i + 2];
      const d = source(q);
      out[i] = d === null ? NaN : d;
    }
  } else {
    const sample = doseGridSampler(source);
    for (let i = 0; i < samples.count; i++) out[i] = sample(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
  }
  return out;
}

/**
 * DVH metrics of an ROI. A structure reaching outside the dose grid is an input error (the metrics would be
 * silently wrong), named after the dose file.
 */
export function roiDoseVolumeMetrics(
  roi: PlanarRoi,
  source: DoseSource,
  prescriptionGy: number,
  doseSourceName: string,
  resolutionMm = 1,
): DoseVolumeMetrics {
  const samples = sampleRoi(roi, resolutionMm);
  if (samples.count === 0) throw new DicomInputError(doseSourceName, `ROI "${roi.name}"`, 'no volume at the DVH resolution');
  const dose = doseAtSamples(samples, source);
  let outside = 0;
  for (let i = 0; i < dose.length; i++) if (Number.isNaN(dose[i])) outside++;
  if (outside > 0) {
    const pct = ((100 * outside) / dose.length).toFixed(1);
    throw new DicomInputError(doseSourceName, 'dose grid', `does not cover ROI "${roi.name}" (${pct} % of its volume outside)`);
  }
  return doseVolumeMetrics(dose, samples.volumeMm3, prescriptionGy);
}
