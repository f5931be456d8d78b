/**
 * Our right-hand panels: the read of the patient (timeline, lesions, live responses; ohif/read/ReadPanelContainer),
 * the dose section and the patient's course (tumour board view). Each mounts our own React root (ReactRootBridge) with the visit's session in context.
 */
import { PanelErrorBoundary } from '../ui/PanelErrorBoundary';
import { ReactRootBridge } from './ReactRootBridge';
import { ReadPanelContainer, type CommandsManagerLike } from './read/ReadPanelContainer';
import type { ServicesManager } from './hostServices';
import { TIMEPOINT_PANEL_NAME } from './ids';
import { DosePanelContainer } from './overlay/DosePanelContainer';
import { DOSE_PANEL_NAME } from './overlay/dosePanelId';
import { SessionProvider } from './session/SessionContext';
import { sessionServiceOf } from './session/MrecistSessionService';
import { CoursePanelContainer } from './board/CoursePanelContainer';
import { COURSE_PANEL_NAME } from './board/coursePanelId';
import { createBoardWorker } from './board/createBoardWorker';

interface HotkeysManagerLike {
  readonly hotkeyDefinitions?: Record<string, { keys?: readonly string[] | string; label?: string }>;
}

export function getPanelModule({ servicesManager, commandsManager, hotkeysManager }: { servicesManager: ServicesManager; commandsManager?: CommandsManagerLike; hotkeysManager?: HotkeysManagerLike }) {
  const services = servicesManager.services;
  const sessionService = sessionServiceOf(servicesManager);
  return [
    {
      name: TIMEPOINT_PANEL_NAME,
      iconName: 'tab-studies',
      iconLabel: 'Timepoints',
      label: 'Timepoints',
      // A plain function component without hooks: safe under the host's React.
      component: () => (
        <ReactRootBridge testId="mrecist-timepoint-panel" renderContent={() => (
            <PanelErrorBoundary>
              <SessionProvider service={sessionService}>
                <ReadPanelContainer services={services} commandsManager={commandsManager} hotkeyDefinitions={() => hotkeysManager?.hotkeyDefinitions} />
              </SessionProvider>
            </PanelErrorBoundary>
          )} />
      ),
    },
    {
      name: DOSE_PANEL_NAME,
      iconName: 'tab-linear',
      iconLabel: 'Dose',
      label: 'Dose',
      component: () => (
        <ReactRootBridge testId="mrecist-dose-panel" renderContent={() => (
            <SessionProvider service={sessionService}>
              <DosePanelContainer />
            </SessionProvider>
          )} />
      ),
    },
    {
      name: COURSE_PANEL_NAME,
      iconName: 'tab-patient-info',
      iconLabel: 'Course',
      label: 'Course',
      component: () => (
        <ReactRootBridge testId="mrecist-course-panel" renderContent={() => (
            <PanelErrorBoundary>
              <SessionProvider service={sessionService}>
                <CoursePanelContainer services={services} createBoardWorker={createBoardWorker} />
              </SessionProvider>
            </PanelErrorBoundary>
          )} />
      ),
    },
  ];
}
