/**
 * Our commands. A window preset applies to every CT viewport at once: baseline and follow-up are compared
 * side by side, and enhancement is judged against the same window on both (HU presets mean nothing on MR,
 * so MR viewports are left alone).
 */
import type { HostServices, ServicesManager } from './hostServices';

import { toggleOverlay } from './overlay/overlayLifecycle';

export const COMMAND = { applyCtWindowPreset: 'mrecistApplyCtWindowPreset', toggleOverlay: 'mrecistToggleOverlay' } as const;

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
  };
  return {
    actions,
    definitions: {
      [COMMAND.applyCtWindowPreset]: { commandFn: actions[COMMAND.applyCtWindowPreset] },
      [COMMAND.toggleOverlay]: { commandFn: actions[COMMAND.toggleOverlay] },
    },
    defaultContext: 'VIEWER',
  };
}
