/**
 * UIDs. Random UIDs use the 2.25 root (ITU-T X.667: a UUID as a decimal integer), so no organisation root is
 * needed. Deterministic UIDs (demo data, golden files) derive the integer from a name with a hash.
 * Pure: runs in Node and in the browser (Web Crypto's randomUUID exists in both).
 */

export function newUid(): string {
  const hex = globalThis.crypto.randomUUID().replace(/-/g, '');
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

const FNV_PRIME_64 = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a over UTF-16 code units, from a chosen offset basis. */
function fnv1a64(text: string, basis: bigint): bigint {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * FNV_PRIME_64) & MASK_64;
  }
  return h;
}

/** Same name, same UID: for reproducible generated objects. Not cryptographic; collisions are not a threat here. */
export function uidFromName(name: string): string {
  const hi = fnv1a64(name, 0xcbf29ce484222325n);
  const lo = fnv1a64(`${name}\u0000salt`, 0x84222325cbf29ce4n);
  // 127 bits keeps the decimal form short enough for a 64-character UID.
  const n = ((hi << 64n) | lo) & ((1n << 127n) - 1n);
  return `2.25.${n.toString(10)}`;
}
