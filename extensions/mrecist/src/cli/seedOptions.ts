/** Option parsing shared by `seeds` and `register`: HU threshold, seed-position JSON files. */
import { UsageError } from '../core/errors';
import type { Vec3 } from '../core/geometry/vec3';
import { readInputFile } from './io';

export function parseNumberOption(text: string | undefined, flag: string, fallback: number, check: (n: number) => boolean, expected: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(flag, 'value', `expected ${expected}, got "${text}"`);
  return n;
}

/** Reads {"seeds":[{"x","y","z"}]} (the `seeds --json` output) or a bare [[x,y,z], …] array. */
export function readSeedPositionsJson(path: string): Vec3[] {
  let value: unknown;
  try {
    value = JSON.parse(readInputFile(path).toString('utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(path, 'file', 'not valid JSON');
  }
  const list = Array.isArray(value) ? value : (value as { seeds?: unknown })?.seeds;
  if (!Array.isArray(list)) throw new UsageError(path, 'seeds', 'expected {"seeds":[{"x","y","z"}]} or [[x,y,z], …]');
  return list.map((s, i) => {
    const p = Array.isArray(s) ? s : [s?.x, s?.y, s?.z];
    if (p.length !== 3 || p.some((v: unknown) => typeof v !== 'number' || !Number.isFinite(v)))
      throw new UsageError(path, `seeds[${i}]`, 'expected three finite coordinates in mm');
    return p as Vec3;
  });
}

export const roundMm = (v: number): number => Math.round(v * 1000) / 1000;
export const pointJson = (p: Vec3) => ({ x: roundMm(p[0]), y: roundMm(p[1]), z: roundMm(p[2]) });
