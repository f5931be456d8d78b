/**
 * Lines the host takes off the images are not always the reader deleting them. Leaving the viewer (mode exit)
 * and entering it (the mode clears the host's measurements) remove every annotation, and the read must keep its
 * values through both. The mode holds lines around those steps (commands mrecistHoldLines and
 * mrecistReleaseLines); annotationSync ignores removals while they are held.
 */
let held = false;

export function holdLines(): void {
  held = true;
}

export function releaseLines(): void {
  held = false;
}

export function linesHeld(): boolean {
  return held;
}
