/**
 * The ohif-mrecist OHIF extension, loaded by the prebuilt OHIF 3.13 viewer at run time as an ES module
 * (module specifier = id, resolved by the viewer's import map) or built into a source OHIF through
 * pluginConfig.json. It contributes the timepoint and dose panels, the baseline-vs-current hanging protocol
 * with its study-role attributes, our commands, the SR compatibility customization and the session service;
 * the mode registers our toolbar and hotkeys on entry.
 *
 * Wiring: preRegistration registers MrecistSessionService; our mode's onModeEnter starts a MrecistSession
 * (host Cornerstone from the cornerstone extension's utility module, read stores, annotation binding, report
 * controllers, overlay) and its onModeExit disposes it.
 */
import { getHangingProtocolModule } from './ohif/baselineVsCurrentProtocol';
import { getCommandsModule } from './ohif/getCommandsModule';
import { getCustomizationModule } from './ohif/getCustomizationModule';
import { getPanelModule } from './ohif/getPanelModule';
import type { ServicesManager } from './ohif/hostServices';
import { EXTENSION_ID } from './ohif/ids';
import { registerStudyRoleAttributes } from './ohif/registerStudyRoleAttributes';
import { createOverlayWorker } from './ohif/overlay/createOverlayWorker';
import { MrecistSessionService, type SessionServiceConfiguration } from './ohif/session/MrecistSessionService';

interface HostServicesManager extends ServicesManager {
  registerService(registration: typeof MrecistSessionService.REGISTRATION, configuration: SessionServiceConfiguration): void;
}

const extension = {
  id: EXTENSION_ID,
  preRegistration({ servicesManager }: { servicesManager: HostServicesManager }): void {
    servicesManager.registerService(MrecistSessionService.REGISTRATION, { createOverlayWorker });
    registerStudyRoleAttributes({ servicesManager });
  },
  getPanelModule,
  getHangingProtocolModule,
  getCommandsModule,
  getCustomizationModule,
};

export default extension;
