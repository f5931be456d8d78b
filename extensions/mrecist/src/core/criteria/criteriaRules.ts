/**
 * The numbers that differ between the three criteria, as data. Threshold ratios are integer pairs so the
 * tests stay exact: PR when `value * prValueFactor <= reference * prReferenceFactor`, PD when
 * `value * pdValueFactor >= reference * pdReferenceFactor` (and value > reference).
 *   mRECIST: Lencioni & Llovet 2010 (PR -30% vs baseline, PD +20% vs nadir).
 *   RECIST 1.1: Eisenhauer 2009 (same ratios, 5 mm floor by default).
 *   EASL: Bruix 2001 (bidimensional; PR -50% vs baseline, PD +25% vs nadir).
 */
import { deepFreeze } from '../deepFreeze';
import { formatHundredthsMm2, formatTenthsMm } from './fixedPoint';
import type { CriteriaName, NonTargetCategory } from './types';

export interface CriteriaRules {
  name: CriteriaName;
  /** Words for the target sum in the trail. */
  sumLabel: string;
  /** 'tenthsMm' for diameters, 'hundredthsMm2' for EASL products. */
  unit: 'tenthsMm' | 'hundredthsMm2';
  prValueFactor: number;
  prReferenceFactor: number;
  pdValueFactor: number;
  pdReferenceFactor: number;
  /** The PR and PD thresholds as tenths of a percent, for the trail only. */
  prThresholdPctTenths: number;
  pdThresholdPctTenths: number;
  /** Whether the absolute-increase floor (charter option, in mm) applies: EASL products have no floor. */
  floorApplies: boolean;
  /** Node targets: CR when their short axis is under 10 mm rather than 0 (RECIST 1.1, Schwartz 2009). */
  nodeCrUnder10Mm: boolean;
  /** The non-target "persisting" category in this criterion's vocabulary. */
  nonTargetPersisting: NonTargetCategory;
  /** What CR means, in the trail. */
  crWords: string;
  /** Enhancement-based criteria get the radiation caveat (section 2.9). */
  enhancementBased: boolean;
}

export const CRITERIA_RULES: Readonly<Record<CriteriaName, CriteriaRules>> = deepFreeze({
  mrecist: {
    name: 'mrecist',
    sumLabel: 'viable sum',
    unit: 'tenthsMm',
    prValueFactor: 10,
    prReferenceFactor: 7,
    pdValueFactor: 5,
    pdReferenceFactor: 6,
    prThresholdPctTenths: -300,
    pdThresholdPctTenths: 200,
    floorApplies: true,
    // mRECIST measures nodes by short axis as RECIST 1.1 does [unverified for mRECIST], so the node CR rule
    // comes along; with no node targets this is exactly "viable sum = 0".
    nodeCrUnder10Mm: true,
    nonTargetPersisting: 'IR/SD',
    crWords: 'no intratumoral arterial enhancement in any target',
    enhancementBased: true,
  },
  'recist1.1': {
    name: 'recist1.1',
    sumLabel: 'sum of diameters',
    unit: 'tenthsMm',
    prValueFactor: 10,
    prReferenceFactor: 7,
    pdValueFactor: 5,
    pdReferenceFactor: 6,
    prThresholdPctTenths: -300,
    pdThresholdPctTenths: 200,
    floorApplies: true,
    nodeCrUnder10Mm: true,
    nonTargetPersisting: 'NonCR/NonPD',
    crWords: 'every non-nodal target gone and every node target under 10 mm short axis',
    enhancementBased: false,
  },
  easl: {
    name: 'easl',
    sumLabel: 'viable sum of products',
    unit: 'hundredthsMm2',
    prValueFactor: 2,
    prReferenceFactor: 1,
    pdValueFactor: 4,
    pdReferenceFactor: 5,
    prThresholdPctTenths: -500,
    pdThresholdPctTenths: 250,
    floorApplies: false,
    nodeCrUnder10Mm: false,
    nonTargetPersisting: 'IR/SD',
    crWords: 'no enhancing tissue left in any target',
    enhancementBased: true,
  },
});

/** A sum in the criterion's integer unit, as text with its unit. */
export function formatSum(rules: CriteriaRules, value: number): string {
  return rules.unit === 'tenthsMm' ? formatTenthsMm(value) : formatHundredthsMm2(value);
}

/** A sum in the criterion's integer unit as the JSON number (mm or mm²). */
export function sumToNumber(rules: CriteriaRules, value: number): number {
  return rules.unit === 'tenthsMm' ? value / 10 : value / 100;
}
