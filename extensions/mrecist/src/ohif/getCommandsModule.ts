/**
 * Our commands. A window preset applies to every CT viewport at once: baseline and follow-up are compared
 * side by side, and enhancement is judged against the same window on both (HU presets mean nothing on MR,
 * so MR viewports are left alone).
 */
import type { HostServices, ServicesManager } from './hostServices';

import { COMMAND } from './ids';
import { toggleOverlay } from './overlay/overlayLifecycle';
import { holdLines, releaseLines } from './read/lineHold';

export { COMMAND };

interface CommandsManager {
  runCommand(name: string, options: Record<string, unknown>, context?: string): unknown;
}

export function ctViewportIds(services: Pick<HostServices, 'viewportGridService' | 'displaySetService'>): string[] {
  return [...services.viewportGridService.getState().viewports.values()]
    .filter((viewport) =>
      (viewport.displaySetInstanceUIDs ?? []).some((uid) => {
        const displaySet = services.displaySetService.getDisplaySetByUID(uid);
        return (displaySet?.Modality ?? displaySet?.instances?.[0]?.Modality) === 'CT';
      }),
    )
    .map((viewport) => viewport.viewportId);
}

export function getCommandsModule({ servicesManager, commandsManager }: { servicesManager: ServicesManager; commandsManager: CommandsManager }) {
  const actions = {
    [COMMAND.applyCtWindowPreset]: ({ windowWidth, windowCenter }: { windowWidth: number; windowCenter: number }) => {
      for (const viewportId of ctViewportIds(servicesManager.services)) {
        commandsManager.runCommand('setViewportWindowLevel', { viewportId, windowWidth, windowCenter }, 'CORNERSTONE');
      }
    },
    [COMMAND.toggleOverlay]: () => toggleOverlay(),
    [COMMAND.holdLines]: () => holdLines(),
    [COMMAND.releaseLines]: () => releaseLines(),
  };
  return {
    actions,
    definitions: {
      [COMMAND.applyCtWindowPreset]: { commandFn: actions[COMMAND.applyCtWindowPreset] },
      [COMMAND.toggleOverlay]: { commandFn: actions[COMMAND.toggleOverlay] },
      [COMMAND.holdLines]: { commandFn: actions[COMMAND.holdLines] },
      [COMMAND.releaseLines]: { commandFn: actions[COMMAND.releaseLines] },
    },
    defaultContext: 'VIEWER',
  };
}
