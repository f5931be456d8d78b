/**
 * dcmjs 0.52 decodes text in the top-level dataset with its Specific Character Set but text inside sequence
 * items as Latin-1 ("Läsion" comes back as "LÃ¤sion"). SR content lives entirely in nested items, so for a
 * UTF-8 object (ISO_IR 192) we re-decode nested strings: each code unit is one original byte, and the bytes
 * are UTF-8. Strings with code units above 255 were decoded correctly already and are left alone, as are
 * byte runs that are not valid UTF-8. Returns a repaired copy; the input is not changed.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function repairString(s: string): string {
  // Pure ASCII needs no work; anything above 0xFF was not a Latin-1 mis-decode.
  if (!/[\u0080-\u00ff]/.test(s) || /[^\u0000-\u00ff]/.test(s)) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  try {
    return utf8.decode(bytes);
  } catch {
    return s;
  }
}

/** A sequence item: a plain object, not bulk data (an ArrayBuffer or a view of one) nor a person name. */
function isItem(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !ArrayBuffer.isView(x) && !(x instanceof ArrayBuffer) && !Array.isArray(x);
}

function repair(value: unknown): unknown {
  if (typeof value === 'string') return repairString(value);
  if (Array.isArray(value)) return value.map(repair);
  if (isItem(value)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, repair(v)]));
  }
  return value;
}

export function repairNestedUtf8(ds: Record<string, any>): Record<string, any> {
  const charset = String(Array.isArray(ds.SpecificCharacterSet) ? ds.SpecificCharacterSet.join('\\') : ds.SpecificCharacterSet ?? '');
  if (!charset.includes('ISO_IR 192')) return ds;
  const out: Record<string, any> = { ...ds };
  for (const [k, v] of Object.entries(ds)) {
    // Only sequences are affected; top-level strings were decoded with the right character set.
    // Pixel Data and other bulk data (lists of ArrayBuffers) are not sequences and are left as they are.
    if (Array.isArray(v) && v.some((x) => isItem(x) && !('Alphabetic' in x))) out[k] = repair(v);
  }
  return out;
}
