/**
 * The read's keys as OHIF hotkey bindings: the mode adds them to the `ohif.hotkeyBindings` customization at
 * mode scope, the host's hotkeys manager binds them, and the reader sees and rebinds them in OHIF's
 * preferences. A default binding on one of our keys is replaced, never bound twice: Esc keeps cancelling the
 * host's active operation inside our deselect command, and the brush-size keys ([ and ]) have no use here
 * (the mode has no segmentation). Labels carry no ':' or '.': the preferences pass them through i18next, which
 * reads those as namespace and key separators.
 */
import { COMMAND } from './ids';

export interface HotkeyBinding {
  readonly commandName: string;
  readonly commandOptions?: Record<string, unknown>;
  readonly label: string;
  readonly keys: readonly string[];
  readonly isEditable?: boolean;
}

export const READ_HOTKEYS: readonly HotkeyBinding[] = [
  { commandName: COMMAND.nextLesion, label: 'Next lesion (mRECIST)', keys: [']'], isEditable: true },
  { commandName: COMMAND.previousLesion, label: 'Previous lesion (mRECIST)', keys: ['['], isEditable: true },
  { commandName: COMMAND.nextTimepoint, label: 'Next timepoint against the baseline (mRECIST)', keys: ['t'], isEditable: true },
  { commandName: COMMAND.toggleOverlay, label: 'Seed and isodose overlay on or off (mRECIST)', keys: ['o'], isEditable: true },
  { commandName: COMMAND.toggleLinkedScrolling, label: 'Linked scrolling of baseline and follow-up on or off (mRECIST)', keys: ['k'], isEditable: true },
  { commandName: COMMAND.markNotEvaluable, label: 'Selected lesion not evaluable (mRECIST)', keys: ['x'], isEditable: true },
  { commandName: COMMAND.deselect, label: 'Select no lesion and cancel (mRECIST)', keys: ['esc'], isEditable: true },
];

/** The host's bindings with ours added; a host binding on a key we use is dropped. */
export function withReadHotkeys(current: readonly HotkeyBinding[] | undefined): HotkeyBinding[] {
  const ours = new Set(READ_HOTKEYS.flatMap((b) => b.keys));
  const kept = (current ?? []).filter((b) => !b.keys.some((k) => ours.has(k)) && !READ_HOTKEYS.some((r) => r.commandName === b.commandName));
  return [...kept, ...READ_HOTKEYS];
}

/** The panel's help: each key as bound now (the reader may have rebound it), with what it does. */
export function hotkeyHelp(definitions: Readonly<Record<string, { keys?: readonly string[] | string; label?: string }>> | undefined): Array<[string, string]> {
  return READ_HOTKEYS.map((b) => {
    const bound = Object.values(definitions ?? {}).find((d) => d.label === b.label)?.keys;
    const keys = bound === undefined ? b.keys : [bound].flat();
    return [keys.join(', ') || '(none)', b.label.replace(/ \(mRECIST\)$/, '')];
  });
}
