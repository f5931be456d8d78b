/**
 * The sign a viewport shows when it draws no seed or isodose overlay, so a reader never takes a hidden or
 * missing overlay for "no dose here": the overlay is switched off (with the key that brings it back), or the
 * patient has no implant plan at all. Nothing while the overlay is shown or the plan is still being looked for.
 */
import { COMMAND } from '../ids';
import { READ_HOTKEYS } from '../readHotkeys';
import type { OverlayState } from './OverlayStore';

export type OverlaySignReason = 'hidden' | 'noPlan';

export interface OverlaySign {
  readonly reason: OverlaySignReason;
  readonly text: string;
}

/** The default key of the overlay toggle as the reader reads it on a keyboard ("O"). */
export function overlayToggleKeyLabel(): string {
  const keys = READ_HOTKEYS.find((b) => b.commandName === COMMAND.toggleOverlay)?.keys ?? [];
  return keys.map((k) => (k.length === 1 ? k.toUpperCase() : k)).join(', ');
}

export function overlaySign(state: Pick<OverlayState, 'enabled' | 'planStatus'>, toggleKey: string = overlayToggleKeyLabel()): OverlaySign | null {
  // No plan outranks hidden: switching the overlay on would show nothing.
  if (state.planStatus === 'none') return { reason: 'noPlan', text: 'No implant plan for this patient' };
  if (!state.enabled) return { reason: 'hidden', text: toggleKey ? `Overlays hidden (${toggleKey})` : 'Overlays hidden' };
  return null;
}
