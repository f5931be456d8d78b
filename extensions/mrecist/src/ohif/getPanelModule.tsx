/** Our right-hand panel: the patient's timepoints (more reading workflow arrives with issue 5). */
import { ReactRootBridge } from './ReactRootBridge';
import { TimepointPanelContainer } from './TimepointPanelContainer';
import type { ServicesManager } from './hostServices';
import { TIMEPOINT_PANEL_NAME } from './ids';

export function getPanelModule({ servicesManager }: { servicesManager: ServicesManager }) {
  const services = servicesManager.services;
  return [
    {
      name: TIMEPOINT_PANEL_NAME,
      iconName: 'tab-studies',
      iconLabel: 'Timepoints',
      label: 'Timepoints',
      // A plain function component without hooks: safe under the host's React.
      component: () => (
        <ReactRootBridge testId="mrecist-timepoint-panel" renderContent={() => <TimepointPanelContainer services={services} />} />
      ),
    },
  ];
}
