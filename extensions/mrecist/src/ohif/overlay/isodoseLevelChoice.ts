/**
 * The isodose levels the reader chose to see, remembered in browser storage for the next visit (as the reader
 * name is). Stored as a JSON array of percents; anything unreadable, or naming no level of the table, falls back
 * to the default set. Storage failures are not the reader's problem here: the choice then lasts for the visit.
 */
import { DEFAULT_VISIBLE_PERCENTS, ISODOSE_LEVEL_STYLES } from './isodoseStyle';

export interface ChoiceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const ISODOSE_LEVELS_KEY = 'ohif-mrecist-isodose-levels:v1';

/** The stored levels that exist in the table, in table order; the default set when none is stored or readable. */
export function rememberedIsodoseLevels(storage: ChoiceStorage | null): readonly number[] {
  let text: string | null = null;
  try {
    text = storage?.getItem(ISODOSE_LEVELS_KEY) ?? null;
  } catch {
    return DEFAULT_VISIBLE_PERCENTS;
  }
  if (text === null) return DEFAULT_VISIBLE_PERCENTS;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return DEFAULT_VISIBLE_PERCENTS;
  }
  if (!Array.isArray(stored)) return DEFAULT_VISIBLE_PERCENTS;
  // An empty list is a choice (every line off); a list of unknown levels is not.
  const known = ISODOSE_LEVEL_STYLES.map((l) => l.percent).filter((p) => stored.includes(p));
  return known.length || stored.length === 0 ? known : DEFAULT_VISIBLE_PERCENTS;
}

/** Remembers the levels; false when storage refused. */
export function rememberIsodoseLevels(storage: ChoiceStorage | null, percents: readonly number[]): boolean {
  if (!storage) return false;
  try {
    storage.setItem(ISODOSE_LEVELS_KEY, JSON.stringify([...percents].sort((a, b) => a - b)));
    return true;
  } catch {
    return false;
  }
}
