/**
 * The DICOM data dictionary (PS3.6 Table 6-1: tag, keyword, VR) in the two directions the byte-level codec
 * needs: keyword -> tag and VR for encoding a naturalized dataset, tag -> keyword and VR for decoding one.
 * The table is dcmjs' copy of PS3.6 (the same one its reader and writer use, so both codecs name and type
 * every attribute alike); it is indexed once, on first use.
 */
import dcmjs from 'dcmjs';

export interface DictionaryEntry {
  keyword: string;
  /** group << 16 | element. */
  tag: number;
  /** "0040A730": the 8 upper-case hex digits dcmjs sorts elements by when writing. */
  tagHex: string;
  /** The dictionary VR; may be a multi-VR placeholder such as "ox" or "xs" (which the codec does not handle). */
  vr: string;
}

let byKeyword: Map<string, DictionaryEntry> | undefined;
const byTag = new Map<number, DictionaryEntry | null>();

function build(): void {
  byKeyword = new Map();
  for (const [keyword, raw] of Object.entries(dcmjs.data.DicomMetaDictionary.nameMap) as [string, { tag: string; vr: string }][]) {
    // Repeating groups ("(60xx,3000)") have no single tag; the codec leaves them to dcmjs.
    const m = /^\(([0-9A-F]{4}),([0-9A-F]{4})\)$/.exec(raw.tag);
    if (!m) continue;
    const entry: DictionaryEntry = { keyword, tag: parseInt(m[1] + m[2], 16), tagHex: m[1] + m[2], vr: raw.vr };
    byKeyword.set(keyword, entry);
  }
}

export function entryForKeyword(keyword: string): DictionaryEntry | undefined {
  if (!byKeyword) build();
  return byKeyword!.get(keyword);
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** The entry dcmjs' reader names this tag by (its dictionary keyed "(GGGG,EEEE)"), cached per tag. */
export function entryForTag(tag: number): DictionaryEntry | undefined {
  let entry = byTag.get(tag);
  if (entry === undefined) {
    const g = hex4(tag >>> 16);
    const e = hex4(tag & 0xffff);
    const raw = dcmjs.data.DicomMetaDictionary.dictionary[`(${g},${e})`] as { name: string; vr: string } | undefined;
    entry = raw ? { keyword: raw.name, tag, tagHex: g + e, vr: raw.vr } : null;
    byTag.set(tag, entry);
  }
  return entry ?? undefined;
}
