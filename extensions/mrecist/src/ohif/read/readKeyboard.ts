/**
 * Where the read's keys go (the keys themselves are OHIF hotkeys: ohif/readHotkeys.ts; the commands in
 * ohif/read/readCommands.ts).
 */

/** The lesion after (or before) the selected one, wrapping around; the first when none is selected. */
export function neighbourLesion(lesionIds: readonly string[], selected: string | undefined, step: 1 | -1): string | undefined {
  if (!lesionIds.length) return undefined;
  const index = selected === undefined ? -1 : lesionIds.indexOf(selected);
  if (index < 0) return step === 1 ? lesionIds[0] : lesionIds[lesionIds.length - 1];
  return lesionIds[(index + step + lesionIds.length) % lesionIds.length];
}

/** The follow-up after the active timepoint, wrapping to the first follow-up. */
export function nextFollowUp(timepoints: ReadonlyArray<{ id: string; baseline?: boolean }>, active: string | undefined): string | undefined {
  const followUps = timepoints.filter((t) => !t.baseline).map((t) => t.id);
  if (!followUps.length) return undefined;
  const index = active === undefined ? -1 : followUps.indexOf(active);
  return followUps[(index + 1) % followUps.length];
}
