/**
 * Our commands. A window preset applies to every CT viewport at once: baseline and follow-up are compared
 * side by side, and enhancement is judged against the same window on both (HU presets mean nothing on MR,
 * so MR viewports are left alone).
 */
import type { HostServices, ServicesManager } from './hostServices';

import { COMMAND } from './ids';
import { clearSelection, markSelectedNotEvaluable, openNextFollowUp, selectNeighbourLesion } from './read/readCommands';
import { holdLines, releaseLines } from './read/lineHold';
import type { MrecistSession } from './session/MrecistSession';
import { sessionServiceOf } from './session/MrecistSessionService';

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
  // Our commands act on the open visit's session; outside our mode there is none and they do nothing.
  const withSession = (act: (session: MrecistSession) => void) => () => {
    const session = sessionServiceOf(servicesManager)?.session;
    if (session) act(session);
  };
  const actions = {
    [COMMAND.applyCtWindowPreset]: ({ windowWidth, windowCenter }: { windowWidth: number; windowCenter: number }) => {
      for (const viewportId of ctViewportIds(servicesManager.services)) {
        commandsManager.runCommand('setViewportWindowLevel', { viewportId, windowWidth, windowCenter }, 'CORNERSTONE');
      }
    },
    [COMMAND.toggleOverlay]: withSession((session) => session.overlayStore.toggleEnabled()),
    [COMMAND.nextLesion]: withSession((session) => selectNeighbourLesion(session, 1)),
    [COMMAND.previousLesion]: withSession((session) => selectNeighbourLesion(session, -1)),
    [COMMAND.nextTimepoint]: withSession((session) => openNextFollowUp(session, servicesManager.services as never)),
    [COMMAND.markNotEvaluable]: withSession(markSelectedNotEvaluable),
    [COMMAND.toggleLinkedScrolling]: withSession((session) => session.scrollLink.toggle()),
    [COMMAND.deselect]: () => {
      // Esc is the host's "cancel" too: one binding does both (ohif/readHotkeys.ts).
      commandsManager.runCommand('cancelActiveOperation', {});
      withSession(clearSelection)();
    },
    [COMMAND.holdLines]: () => holdLines(),
    [COMMAND.releaseLines]: () => releaseLines(),
  };
  return {
    actions,
    definitions: {
      ...Object.fromEntries(Object.entries(actions).map(([name, commandFn]) => [name, { commandFn }])),
    },
    defaultContext: 'VIEWER',
  };
}
