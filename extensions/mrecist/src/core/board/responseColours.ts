/**
 * One colour per response category in every chart and table, so a board reads CR green and PD red everywhere.
 * Colour-blind-safe hues from Okabe & Ito (2008), "Color Universal Design".
 */
import { deepFreeze } from '../deepFreeze';
import type { ResponseCategory } from '../criteria/types';

export const RESPONSE_ORDER: readonly ResponseCategory[] = deepFreeze(['CR', 'PR', 'SD', 'PD', 'NE']);

export const RESPONSE_COLOURS: Readonly<Record<ResponseCategory, string>> = deepFreeze({
  CR: '#009E73', // bluish green
  PR: '#56B4E9', // sky blue
  SD: '#E69F00', // orange
  PD: '#D55E00', // vermillion
  NE: '#999999', // grey
});

/** Vega-Lite colour scale with the fixed domain, so an absent category never shifts the others' colours. */
export const RESPONSE_COLOUR_SCALE = {
  domain: [...RESPONSE_ORDER],
  range: RESPONSE_ORDER.map((r) => RESPONSE_COLOURS[r]),
};
