/**
 * Referenced Frame Number is only allowed for multi-frame images (PS3.3 C.18.3.1 / 10.3: "shall not be present
 * for a Referenced SOP Class that is not multi-frame"; dciodvfy reports it as an error). WADO-RS image ids
 * name a frame even for single-frame images (".../frames/1"), so a line drawn on one can arrive with frame 1.
 * Before writing the SR, a frame number on an image the host knows to be single-frame is dropped.
 */
import type { CaseFile, ImageGraphic } from '../../core/criteria/types';
import type { HostInstance } from '../hostServices';

function isMultiFrame(instance: HostInstance | undefined): boolean {
  const frames = Number(Array.isArray(instance?.NumberOfFrames) ? instance?.NumberOfFrames[0] : instance?.NumberOfFrames);
  return Number.isFinite(frames) && frames > 1;
}

function fixGraphic(g: ImageGraphic | undefined, instances: ReadonlyMap<string, HostInstance>): ImageGraphic | undefined {
  if (!g || g.referencedFrameNumber === undefined) return g;
  const instance = instances.get(g.referencedSopInstanceUid);
  if (!instance || isMultiFrame(instance)) return g;
  const { referencedFrameNumber: _dropped, ...rest } = g;
  return rest;
}

function fixGraphics<T extends Partial<Record<string, ImageGraphic>>>(graphics: T | undefined, instances: ReadonlyMap<string, HostInstance>): T | undefined {
  if (!graphics) return graphics;
  return Object.fromEntries(Object.entries(graphics).map(([field, g]) => [field, fixGraphic(g, instances)])) as T;
}

/** A copy of the read without frame numbers on single-frame images. */
export function dropSingleFrameNumbers(read: CaseFile, instances: ReadonlyMap<string, HostInstance>): CaseFile {
  return {
    ...read,
    lesions: read.lesions.map((lesion) => {
      if (lesion.role === 'target')
        return {
          ...lesion,
          measurements: Object.fromEntries(
            Object.entries(lesion.measurements).map(([tp, m]) => [tp, 'graphics' in m && m.graphics ? { ...m, graphics: fixGraphics(m.graphics, instances) } : m]),
          ),
        };
      if (lesion.role === 'new')
        return {
          ...lesion,
          assessments: Object.fromEntries(Object.entries(lesion.assessments).map(([tp, a]) => [tp, a.graphics ? { ...a, graphics: fixGraphics(a.graphics, instances) } : a])),
        };
      return lesion;
    }),
  };
}
