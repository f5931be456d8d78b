/**
 * Freezes an object graph so that tables shipped as data (TG-43 sources, code lists) cannot be edited
 * at run time by accident. Typed arrays are left alone: they cannot be frozen.
 * Pattern after Cornerstone3D's `utilities/deepFreeze`.
 */
export function deepFreeze<T>(value: T): Readonly<T> {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  for (const key of Object.getOwnPropertyNames(value)) {
    deepFreeze((value as Record<string, unknown>)[key]);
  }
  return Object.freeze(value);
}
