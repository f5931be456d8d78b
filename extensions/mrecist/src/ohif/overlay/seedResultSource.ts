/**
 * The inputs a seed-finding result depends on (core/overlay/seedResultKey), read from a host display set's
 * instance metadata: no pixel data is needed, so a cached result can be found before any image is loaded.
 * Undefined when an image lacks its SOP Instance UID or position (nothing is cached then).
 */
import type { SeedResultSource } from '../../core/overlay/seedResultKey';
import type { HostDisplaySet } from '../hostServices';

export function seedResultSourceOf(planSopInstanceUid: string, ds: HostDisplaySet): SeedResultSource | undefined {
  const instances = ds.instances ?? [];
  if (!planSopInstanceUid || !ds.SeriesInstanceUID || instances.length === 0) return undefined;
  const sopInstanceUids: string[] = [];
  const imagePositionsMm: number[][] = [];
  for (const instance of instances) {
    const position = instance.ImagePositionPatient as unknown;
    if (!instance.SOPInstanceUID || !Array.isArray(position) || position.length !== 3) return undefined;
    sopInstanceUids.push(instance.SOPInstanceUID);
    imagePositionsMm.push(position.map(Number));
  }
  return { planSopInstanceUid, seriesInstanceUid: ds.SeriesInstanceUID, sopInstanceUids, imagePositionsMm };
}
