/**
 * What a cached seed-finding result (ohif/overlay/seedResultCache) is valid for. A result depends only on the
 * plan, the CT images and the seed finder itself, so the key names all three:
 *  - the plan's SOP Instance UID and the series' SOP Instance UIDs, sorted: DICOM gives a changed object a new
 *    SOP Instance UID (PS3.3 C.12.1.1.1), so the same UIDs mean the same pixels and the same planned seeds;
 *  - the image positions along the series, so a series that gained, lost or reordered images is another key;
 *  - SEED_RESULT_VERSION and the seed finder's defaults, so a changed algorithm never reads an old answer.
 * The key text is hashed (SHA-256) to keep IndexedDB keys short; the series UID stays readable beside it.
 */
import { SEED_FINDING_DEFAULTS } from '../seeds/findSeeds';

/** Raise when findSeeds or registerSeeds changes what they return for the same input. */
export const SEED_RESULT_VERSION = 1;

export interface SeedResultSource {
  readonly planSopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUids: readonly string[];
  /** Image Position (Patient) of each image, any order. */
  readonly imagePositionsMm: ReadonlyArray<readonly number[]>;
}

/** The text the key hashes: every input named above, in a fixed order. */
export function seedResultKeyText(source: SeedResultSource): string {
  if (!source.planSopInstanceUid) throw new Error('seed result key: plan SOP Instance UID missing');
  if (!source.seriesInstanceUid) throw new Error('seed result key: Series Instance UID missing');
  if (source.sopInstanceUids.length === 0 || source.sopInstanceUids.some((u) => !u)) throw new Error(`seed result key: series ${source.seriesInstanceUid} has an image without SOP Instance UID`);
  const positions = source.imagePositionsMm.map((p) => p.map((v) => Number(v).toFixed(3)).join('\\')).sort();
  return JSON.stringify({
    version: SEED_RESULT_VERSION,
    finder: SEED_FINDING_DEFAULTS,
    plan: source.planSopInstanceUid,
    series: source.seriesInstanceUid,
    images: [...source.sopInstanceUids].sort(),
    positions,
  });
}

/** SHA-256 of the key text, lower-case hex, with the series UID in front. */
export async function seedResultKey(source: SeedResultSource, subtle: SubtleCrypto): Promise<string> {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(seedResultKeyText(source)));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${source.seriesInstanceUid}:${hex}`;
}
