/**
 * The contrast phase of one image series, as the classifier reports it.
 *
 * Phases of a multiphase liver CT/MRI (ACR LI-RADS v2018 CT/MRI technique, in Santillan et al., Hepatoma Res
 * 2020;6:63): unenhanced, arterial (early or late), portal venous, delayed (extracellular agents; with gadoxetate
 * the 2-5 min phase is called transitional) and hepatobiliary (gadoxetate, about 20 min).
 */
export const CONTRAST_PHASES = ['nonContrast', 'arterial', 'portalVenous', 'delayed', 'hepatobiliary', 'unknown'] as const;
export type ContrastPhase = (typeof CONTRAST_PHASES)[number];

export const CONTRAST_SUBPHASES = ['early', 'late', 'transitional'] as const;
export type ContrastSubphase = (typeof CONTRAST_SUBPHASES)[number];

/** A phase the evidence can point to (everything but `unknown`). */
export type KnownPhase = Exclude<ContrastPhase, 'unknown'>;

/** One piece of evidence: which phase it supports, how strongly (0..1), and a short line for a person. */
export interface PhaseVote {
  readonly phase: KnownPhase;
  readonly subphase?: ContrastSubphase;
  /** Strength of this evidence on its own, 0..1 (combined by noisy-OR per phase). */
  readonly weight: number;
  readonly source: 'text' | 'agentPhase' | 'timing' | 'order' | 'image' | 'agent';
  readonly line: string;
}

export interface PhaseResult {
  readonly phase: ContrastPhase;
  readonly subphase?: ContrastSubphase;
  /** 0..1; `unknown` below MIN_CONFIDENCE. */
  readonly confidence: number;
  /** Short human-readable lines, strongest first; conflicts are listed, not hidden. */
  readonly evidence: readonly string[];
  /** True when the series is a subtraction (ImageType SUBTRACTION or a SUB token): its phase is the post-contrast one. */
  readonly subtraction?: boolean;
}

/** Human-readable phase name for viewports and tables. */
export const PHASE_LABEL: Readonly<Record<ContrastPhase, string>> = {
  nonContrast: 'non-contrast',
  arterial: 'arterial',
  portalVenous: 'portal venous',
  delayed: 'delayed',
  hepatobiliary: 'hepatobiliary',
  unknown: 'unknown',
};

export function phaseLabel(phase: ContrastPhase, subphase?: ContrastSubphase): string {
  if (!subphase) return PHASE_LABEL[phase];
  if (subphase === 'transitional') return 'transitional';
  return `${subphase} ${PHASE_LABEL[phase]}`;
}
