/**
 * Lesion labels as readers and trials write them: T1, T2 … for targets, NT1 … for non-targets, N1 … for new
 * lesions. A label, once given, is never reused for another lesion in the same read, even after a deletion,
 * so exports and SR tracking identifiers never alias two lesions.
 */
import type { Lesion } from '../criteria/types';

export type LesionRole = Lesion['role'];

export const LESION_ID_PREFIX: Readonly<Record<LesionRole, string>> = Object.freeze({
  target: 'T',
  nonTarget: 'NT',
  new: 'N',
});

/** The next free label for a role: one above the highest number used so far with that prefix. */
export function nextLesionId(lesions: readonly Lesion[], role: LesionRole, retiredIds: readonly string[] = []): string {
  const prefix = LESION_ID_PREFIX[role];
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let highest = 0;
  for (const id of [...lesions.map((l) => l.id), ...retiredIds]) {
    const match = pattern.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${prefix}${highest + 1}`;
}
