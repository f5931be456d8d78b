/**
 * A small seeded pseudo-random generator for the demo case: the same seed gives the same patient, byte for byte,
 * on every machine. mulberry32 (Tommy Ettinger, public domain) has a 2^32 period, plenty for a few million noise
 * samples per study, and is a handful of integer operations.
 */

// Bound once per module: Jest's vm context makes every global `Math` lookup slow in per-voxel loops,
// and re-exported bindings from another module are getter calls under tsx.
const { PI, cos, imul, log, sin, sqrt } = Math;
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box–Muller; both values of a pair are used). */
  gaussian(): number;
}

export function seededRandom(seed: number): SeededRandom {
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  let state = seed >>> 0;
  let spare: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    gaussian: () => {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      // 1 - u keeps the logarithm finite.
      const r = sqrt(-2 * log(1 - next()));
      const phi = 2 * PI * next();
      spare = r * sin(phi);
      return r * cos(phi);
    },
  };
}

/** A child stream named by a label, so adding draws in one part of the model does not shift another's values. */
export function derivedRandom(seed: number, label: string): SeededRandom {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) h = imul(h ^ label.charCodeAt(i), 0x01000193);
  return seededRandom(h >>> 0);
}
