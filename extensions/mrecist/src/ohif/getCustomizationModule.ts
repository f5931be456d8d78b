/**
 * Our customizations, applied by our mode at mode scope (never globally: another mode, and a site's own
 * global `onBeforeSRAddMeasurement`, stay as they were outside our mode).
 *   srCompatibility  lets the host's SR loader open our reports (ohif/report/ohifSrCompatibility.ts)
 */
import { CUSTOMIZATION } from './ids';
import { padGeometryFreeMeasurement } from './report/ohifSrCompatibility';

export function getCustomizationModule() {
  return [
    {
      name: CUSTOMIZATION.srCompatibility,
      value: { onBeforeSRAddMeasurement: { $set: padGeometryFreeMeasurement } },
    },
  ];
}
