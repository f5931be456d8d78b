/**
 * The reader's window kept across a change of series. Opening another timepoint replaced the viewport's stack
 * and Cornerstone applied the new images' own window (the demo CT's first preset, W180 L60), throwing away the
 * window the reader had set. The window goes with the new series as the host's displaySetOptions.voi when both
 * series share a modality (CT numbers mean the same everywhere; MR signal too within one patient's protocol, and
 * an MR window on CT, or the reverse, would show nothing useful).
 */
export interface VoiRange {
  readonly lower: number;
  readonly upper: number;
}

export interface WindowLevel {
  readonly windowWidth: number;
  readonly windowCenter: number;
}

/**
 * Cornerstone's VOI range as DICOM window width / centre. Cornerstone maps a window to its range with the LINEAR
 * function of PS3.3 C.11.2.1.2.1 (lower = c − 0.5 − (w − 1)/2, upper = c − 0.5 + (w − 1)/2); this is its inverse,
 * so W150 L90 comes back as W150 L90, not W149 L89.5.
 */
export function windowFromVoiRange(range: VoiRange | undefined | null): WindowLevel | undefined {
  if (!range || !Number.isFinite(range.lower) || !Number.isFinite(range.upper) || range.upper <= range.lower) return undefined;
  return { windowWidth: range.upper - range.lower + 1, windowCenter: (range.upper + range.lower + 1) / 2 };
}

/** The window to carry to the new series, or none (different modality, no window yet). */
export function windowToKeep(range: VoiRange | undefined | null, shownModality: string | undefined, nextModality: string | undefined): WindowLevel | undefined {
  if (!shownModality || shownModality !== nextModality) return undefined;
  return windowFromVoiRange(range);
}
