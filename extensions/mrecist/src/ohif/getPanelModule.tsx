/** Our right-hand panel: the read of the patient (timeline, lesions, live responses; ohif/read/ReadPanelContainer). */
import { PanelErrorBoundary } from '../ui/PanelErrorBoundary';
import { ReactRootBridge } from './ReactRootBridge';
import { ReadPanelContainer, type CommandsManagerLike } from './read/ReadPanelContainer';
import type { ServicesManager } from './hostServices';
import { TIMEPOINT_PANEL_NAME } from './ids';
import { dosePanel } from './overlay/dosePanel';

export function getPanelModule({ servicesManager, commandsManager }: { servicesManager: ServicesManager; commandsManager?: CommandsManagerLike }) {
  const services = servicesManager.services;
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
              <ReadPanelContainer services={services} commandsManager={commandsManager} />
            </PanelErrorBoundary>
          )} />
      ),
    },
    dosePanel,
  ];
}
