/**
 * Lets the host's own SR loader (OHIF 3.13 @ohif/extension-cornerstone-dicom-sr) open our reports.
 *
 * Its loader merges measurement groups by Tracking Unique Identifier and then reads `measurement.coords[0]`
 * of every merged measurement without checking that there is one (getSopClassHandlerModule,
 * _checkIfCanAddMeasurementsToDisplaySet). TID 1500 allows groups without image geometry, and our reports
 * have them: non-target lesions (a status, no line) and targets measured without a drawn line. The loader
 * then throws "Cannot read properties of undefined (reading 'ReferencedSOPSequence')" and the SR does not
 * open. The host offers one hook on exactly that path, the `onBeforeSRAddMeasurement` customization: we give
 * a geometry-free measurement a single empty coordinate, which the loader already skips ("no
 * ReferencedSOPSequence: continue"). Measurements with lines are passed through untouched.
 */

export interface SrMeasurementLike {
  readonly coords?: readonly unknown[];
  readonly [key: string]: unknown;
}

export function padGeometryFreeMeasurement({ measurement }: { measurement: SrMeasurementLike }): SrMeasurementLike {
  return measurement.coords && measurement.coords.length > 0 ? measurement : { ...measurement, coords: [{}] };
}
