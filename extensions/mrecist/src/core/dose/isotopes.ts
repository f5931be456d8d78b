/**
 * Half-lives of the isotopes used in permanent seed implants, in days, used when a plan's Source Sequence item
 * gives a known isotope name without Source Isotope Half Life (300A,0228).
 * I-125 59.40 d (TG-43U1, Rivard et al. 2004); Pd-103 16.991 d (TG-43U1); Cs-131 9.689 d (NNDC / Rivard et al.
 * TG-43 Cs-131 reports).
 */
export const ISOTOPE_HALF_LIFE_DAYS: Readonly<Record<string, number>> = Object.freeze({
  'I-125': 59.4,
  'PD-103': 16.991,
  'CS-131': 9.689,
});

/** "I125", "125I", "Iodine-125", "I-125" → "I-125"; unknown names are returned upper-cased. */
export function normaliseIsotopeName(name: string): string {
  const s = name.trim().toUpperCase().replace(/\s+/g, '');
  const element: Record<string, string> = { IODINE: 'I', PALLADIUM: 'PD', CESIUM: 'CS', CAESIUM: 'CS' };
  const m = /^([A-Z]+)-?(\d+)$/.exec(s) ?? /^(\d+)-?([A-Z]+)$/.exec(s);
  if (!m) return s;
  const [sym, mass] = /^\d/.test(m[1]) ? [m[2], m[1]] : [m[1], m[2]];
  return `${element[sym] ?? sym}-${mass}`;
}

export function knownHalfLifeDays(isotopeName: string): number | undefined {
  return ISOTOPE_HALF_LIFE_DAYS[normaliseIsotopeName(isotopeName)];
}
