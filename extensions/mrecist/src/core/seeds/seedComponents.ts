/**
 * 3D connected components (26-connectivity) of the voxels strictly above a threshold. Seeds occupy a tiny
 * fraction of a CT, so only the bright voxels are stored: one pass collects them in scan order, a union-find over
 * that sparse list joins each voxel to its 13 already-visited neighbours (looked up in a hash map).
 */
import { DicomInputError } from '../errors';
import type { CtVolume } from './CtVolume';

/** Above this many bright voxels the threshold is certainly too low for seeds (it is selecting bone or contrast). */
export const MAX_BRIGHT_VOXELS = 2_000_000;

export interface BrightComponent {
  /** Linear voxel indices (k·rows·columns + j·columns + i), in scan order. */
  voxels: number[];
  peakHu: number;
}

export function brightComponents(volume: CtVolume, thresholdHu: number, source: string): BrightComponent[] {
  const { columns, rows, slices, voxelsHu } = volume;
  const plane = rows * columns;
  if (voxelsHu.length !== plane * slices) throw new Error('CT voxel count does not match its dimensions');
  const bright: number[] = [];
  for (let idx = 0; idx < voxelsHu.length; idx++) {
    if (voxelsHu[idx] > thresholdHu) {
      bright.push(idx);
      if (bright.length > MAX_BRIGHT_VOXELS)
        throw new DicomInputError(source, 'seed threshold', `${thresholdHu} HU selects more than ${MAX_BRIGHT_VOXELS} voxels: too low for seeds`);
    }
  }
  const position = new Map<number, number>();
  bright.forEach((idx, n) => position.set(idx, n));
  const parent = new Int32Array(bright.length);
  for (let n = 0; n < parent.length; n++) parent[n] = n;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let n = 0; n < bright.length; n++) {
    const idx = bright[n];
    const k = Math.floor(idx / plane), rem = idx - k * plane, j = Math.floor(rem / columns), i = rem - j * columns;
    // The 13 neighbours that come earlier in scan order: previous slice (9), previous row (3), previous column (1).
    for (let dk = -1; dk <= 0; dk++) {
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) {
          if (dk === 0 && (dj > 0 || (dj === 0 && di >= 0))) continue;
          const ii = i + di, jj = j + dj, kk = k + dk;
          if (ii < 0 || jj < 0 || kk < 0 || ii >= columns || jj >= rows) continue;
          const m = position.get(kk * plane + jj * columns + ii);
          if (m === undefined) continue;
          const a = find(n), b = find(m);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
  }
  const byRoot = new Map<number, BrightComponent>();
  for (let n = 0; n < bright.length; n++) {
    const root = find(n);
    let c = byRoot.get(root);
    if (!c) byRoot.set(root, (c = { voxels: [], peakHu: -Infinity }));
    c.voxels.push(bright[n]);
    c.peakHu = Math.max(c.peakHu, voxelsHu[bright[n]]);
  }
  return [...byRoot.values()];
}
