/**
 * The dose section as a panel of its own ("Dose" tab beside the reading panel), for hosts whose reading panel
 * does not embed DosePanelContainer. Hook-free outside, our React root inside (ReactRootBridge).
 */
import { ReactRootBridge } from '../ReactRootBridge';
import { DosePanelContainer } from './DosePanelContainer';
import { DOSE_PANEL_NAME } from './dosePanelId';

export const dosePanel = {
  name: DOSE_PANEL_NAME,
  iconName: 'tab-linear',
  iconLabel: 'Dose',
  label: 'Dose',
  component: () => <ReactRootBridge testId="mrecist-dose-panel" renderContent={() => <DosePanelContainer />} />,
};
