/**
 * Looking up child items by concept name (scheme + value via sameCode, never by position or meaning text).
 * Errors name the item: "Time Point Order (126073): missing".
 */
import { SrContentError } from '../errors';
import { sameCode, type Code } from './codes';
import { itemLabel, type ContentItem } from './ContentItem';

type Of<T extends ContentItem['valueType']> = Extract<ContentItem, { valueType: T }>;

export function findAll<T extends ContentItem['valueType']>(
  items: readonly ContentItem[] | undefined,
  concept: Code,
  valueType: T,
  file: string,
): Of<T>[] {
  const hits = (items ?? []).filter((i) => i.concept && sameCode(i.concept, concept));
  for (const h of hits) {
    if (h.valueType !== valueType)
      throw new SrContentError(file, itemLabel(concept), `expected a ${valueType} item, got ${h.valueType}`);
  }
  return hits as Of<T>[];
}

export function findOptional<T extends ContentItem['valueType']>(
  items: readonly ContentItem[] | undefined,
  concept: Code,
  valueType: T,
  file: string,
): Of<T> | undefined {
  const hits = findAll(items, concept, valueType, file);
  if (hits.length > 1) throw new SrContentError(file, itemLabel(concept), `expected one item, got ${hits.length}`);
  return hits[0];
}

export function findRequired<T extends ContentItem['valueType']>(
  items: readonly ContentItem[] | undefined,
  concept: Code,
  valueType: T,
  file: string,
): Of<T> {
  const hit = findOptional(items, concept, valueType, file);
  if (!hit) throw new SrContentError(file, itemLabel(concept), 'missing');
  return hit;
}

/** A Yes/No coded value as a boolean; anything else is an error naming the item. */
export function yesNo(item: Of<'CODE'> | undefined, yes: Code, no: Code, file: string): boolean | undefined {
  if (!item) return undefined;
  if (sameCode(item.code, yes)) return true;
  if (sameCode(item.code, no)) return false;
  throw new SrContentError(file, itemLabel(item.concept), `expected Yes or No, got ${item.code.meaning} (${item.code.value})`);
}
