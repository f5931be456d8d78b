/**
 * The GTV's DVH for the board: the metrics from the dose engine (roiDoseVolumeMetrics: D90, V100, V150 from the
 * raw doses, TG-137 practice) and a cumulative histogram for the chart, planned and post-implant alike.
 * Display cap: 300 % of the prescription in 1 % bins [project rule]; doses near seeds are far higher, but the
 * board reads the curve up to V150 and V200, and the metrics never come from the histogram.
 */
import { cumulativeDvh } from '../dose/dvhMetrics';
import { doseAtSamples, roiDoseVolumeMetrics, sampleRoi } from '../dose/dvhSampling';
import type { DoseSource } from '../dose/isodosePlane';
import type { PlanarRoi } from '../dose/rtStructPlanarRoi';
import type { DvhCurve, DvhMarkers } from './courseCharts';

export const DVH_DISPLAY_CAP_PCT = 300;

export function gtvDvh(roi: PlanarRoi, dose: DoseSource, prescriptionGy: number, label: string, doseName: string): { curve: DvhCurve; markers: DvhMarkers } {
  const metrics = roiDoseVolumeMetrics(roi, dose, prescriptionGy, doseName);
  const samples = sampleRoi(roi);
  const histogram = cumulativeDvh(doseAtSamples(samples, dose), samples.volumeMm3, prescriptionGy / 100, (prescriptionGy * DVH_DISPLAY_CAP_PCT) / 100);
  return {
    curve: { label, doseGy: histogram.doseGy, volumePct: histogram.volumePct },
    markers: { label, D90Gy: metrics.D90Gy, V100Pct: metrics.V100Pct, V150Pct: metrics.V150Pct },
  };
}
