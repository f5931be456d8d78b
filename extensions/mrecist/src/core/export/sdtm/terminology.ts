/**
 * CDISC Controlled Terminology used by the TU/TR/RS export, as data. Codes from CDISC SDTM CT (codelists TRTESTCD
 * "Tumor or Lesion Properties Test Code", METHOD, LOC, EPOCH) and the SDTMIG 3.3/3.4 oncology examples
 * (RECIST 1.1). Where CDISC has no term (mRECIST's viable diameter, EASL's bidimensional product), the
 * sponsor-defined value is marked here and listed in the README's export section.
 */
import { UsageError } from '../../errors';
import type { ContrastPhase } from '../../phase/ContrastPhase';

/** TRTESTCD -> TRTEST. SUMPDIAM, PCBSPD and PCNSPD are sponsor-defined (EASL: no CDISC product-sum test). */
export const TR_TEST = {
  LDIAM: 'Longest Diameter',
  LPERP: 'Longest Perpendicular',
  SUMDIAM: 'Sum of Diameters',
  PCBSD: 'Percent Change From Baseline in Sum of Diameters',
  PCNSD: 'Percent Change From Nadir in Sum of Diameters',
  TUMSTATE: 'Tumor State',
  LNSTATE: 'Lymph Node State',
  SUMPDIAM: 'Sum of Products of Diameters',
  PCBSPD: 'Percent Change From Baseline in Sum of Products of Diameters',
  PCNSPD: 'Percent Change From Nadir in Sum of Products of Diameters',
} as const;
export type TrTestCode = keyof typeof TR_TEST;
/** TRTESTCD values this export adds to the extensible CDISC code list (Define-XML def:ExtendedValue). */
export const SPONSOR_TR_TESTS: ReadonlySet<string> = new Set(['SUMPDIAM', 'PCBSPD', 'PCNSPD']);

/** METHOD codelist submission values for the two modalities this extension reads. */
const METHOD: Record<string, string> = { CT: 'CT SCAN', 'CT SCAN': 'CT SCAN', MRI: 'MRI' };

/** TUMETHOD/TRMETHOD from --method; undefined stays empty (method not known). */
export function methodTerm(method: string | undefined): string | undefined {
  if (method === undefined || method === '') return undefined;
  const term = METHOD[method.trim().toUpperCase()];
  if (!term) throw new UsageError('--method', 'value', `expected CT or MRI (CDISC METHOD "CT SCAN", "MRI"), got "${method}"`);
  return term;
}

/**
 * Free-text site -> LOC submission value, first match wins. Nodes are LYMPH NODE whatever the text says. The
 * Couinaud segment (S1-S8) is not a LOC term: it goes to SUPPTU (QNAM LIVSEG).
 */
const LOC_RULES: readonly [RegExp, string][] = [
  [/portal\s+vein/i, 'PORTAL VEIN'],
  [/hepatic\s+vein/i, 'HEPATIC VEIN'],
  [/\b(lymph|node|nodes)\b/i, 'LYMPH NODE'],
  [/\b(liver|hepatic|segment|s[1-8]|caudate)\b/i, 'LIVER'],
  [/\blung\b/i, 'LUNG'],
  [/\b(peritone\w*|ascites)\b/i, 'PERITONEUM'],
  [/\badrenal\b/i, 'ADRENAL GLAND'],
  [/\bbone\b/i, 'BONE'],
  [/\bpleura\w*\b/i, 'PLEURA'],
  [/\bspleen\b/i, 'SPLEEN'],
];

export function locTerm(site: string | undefined, node: boolean | undefined): string | undefined {
  if (node === true) return 'LYMPH NODE';
  if (site === undefined || site.trim() === '') return undefined;
  return LOC_RULES.find(([re]) => re.test(site))?.[1];
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** Couinaud segment I-VIII from "S8", "segment 8" or "seg VIII" in a liver site. */
export function liverSegment(site: string | undefined): string | undefined {
  const m = site?.match(/\b(?:s|seg|segment)\s*([1-8]|i{1,3}|iv|vi{0,3})\b/i);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isInteger(n) ? ROMAN[n - 1] : m[1].toUpperCase();
}

/** CDISC EPOCH codelist (C99079) submission values accepted in a visit schedule. */
export const EPOCHS: readonly string[] = [
  'SCREENING', 'RUN-IN', 'BASELINE', 'TREATMENT', 'BLINDED TREATMENT', 'OPEN LABEL TREATMENT', 'INDUCTION TREATMENT',
  'MAINTENANCE TREATMENT', 'CONTINUATION TREATMENT', 'WASHOUT', 'FOLLOW-UP', 'LONG-TERM FOLLOW-UP',
];

/** SUPPTR QVAL for a measurement's contrast phase (QNAM PHASE); unknown is not exported. */
export const PHASE_TERM: Readonly<Record<ContrastPhase, string | undefined>> = {
  nonContrast: 'NON-CONTRAST',
  arterial: 'ARTERIAL',
  portalVenous: 'PORTAL VENOUS',
  delayed: 'DELAYED',
  hepatobiliary: 'HEPATOBILIARY',
  unknown: undefined,
};
