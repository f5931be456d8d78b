import type { Shape } from './signedDistance';

/**
 * One painted layer of the synthetic CT: a shape and its attenuation. Layers are painted in order, each blended
 * over what is below by its partial-volume fraction, so a later layer (an organ) replaces an earlier one (fat).
 * `hu` receives the signed distance so a layer can vary with depth (a cortex, a bowel wall, a cortical bone shell).
 */
export interface Tissue {
  readonly name: string;
  readonly shape: Shape;
  hu(x: number, y: number, z: number, sdMm: number): number;
}

export const constantHu =
  (value: number) =>
  (): number =>
    value;
