/**
 * The read's keyboard shortcuts (listed in the panel's help, ui/ReadPanel KEYBOARD_HELP). Keys typed into a
 * text field or a list of the page are the field's, never a shortcut; a checkbox, radio button or button that
 * merely has focus after a click does not take them.
 */
export type ReadKeyAction = 'nextLesion' | 'previousLesion' | 'nextTimepoint' | 'toggleOverlay' | 'markNotEvaluable' | 'deselect';

const KEYS: Readonly<Record<string, ReadKeyAction>> = {
  ']': 'nextLesion',
  '[': 'previousLesion',
  t: 'nextTimepoint',
  o: 'toggleOverlay',
  x: 'markNotEvaluable',
  Escape: 'deselect',
};

/** Inputs that take no typed text: a key pressed while one has focus (after a click on it) is still a shortcut. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

export function readKeyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): ReadKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as { tagName?: string; type?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName?.toUpperCase();
  const typesText = (tag === 'INPUT' && !NON_TEXT_INPUTS.has(String(target?.type ?? 'text').toLowerCase())) || tag === 'SELECT' || tag === 'TEXTAREA' || target?.isContentEditable;
  if (typesText) return null;
  return KEYS[event.key] ?? null;
}

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
