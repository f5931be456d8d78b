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
import { getDataSourcesModule } from './ohif/demo/getDataSourcesModule';
import { getPanelModule } from './ohif/getPanelModule';
import type { ServicesManager } from './ohif/hostServices';
import { EXTENSION_ID } from './ohif/ids';
import { registerStudyRoleAttributes } from './ohif/registerStudyRoleAttributes';
import { createCtLoadWorker } from './ohif/overlay/createCtLoadWorker';
import { createOverlayWorker } from './ohif/overlay/createOverlayWorker';
import { createPhaseWorker } from './ohif/phase/createPhaseWorker';
import { MrecistSessionService, type SessionServiceConfiguration } from './ohif/session/MrecistSessionService';

interface HostServicesManager extends ServicesManager {
  registerService(registration: typeof MrecistSessionService.REGISTRATION, configuration: SessionServiceConfiguration): void;
}

const extension = {
  id: EXTENSION_ID,
  preRegistration({ servicesManager }: { servicesManager: HostServicesManager }): void {
    servicesManager.registerService(MrecistSessionService.REGISTRATION, { createOverlayWorker, createPhaseWorker, createCtLoadWorker });
    registerStudyRoleAttributes({ servicesManager });
  },
  getPanelModule,
  getHangingProtocolModule,
  getCommandsModule,
  getCustomizationModule,
  getDataSourcesModule,
};

export default extension;

// What our mode takes from the extension, by package name: the mode's bundle imports these from the
// extension's module instead of copying them (one session service, one set of ids).
export { BASELINE_VS_CURRENT_PROTOCOL_ID, COMMAND, EXTENSION_ID, MODE_ID, SR_COMPATIBILITY_CUSTOMIZATION_ID, TIMEPOINT_PANEL_ID } from './ohif/ids';
export { withReadHotkeys, READ_HOTKEYS, type HotkeyBinding } from './ohif/readHotkeys';
export { SESSION_SERVICE_NAME, type MrecistSessionService } from './ohif/session/MrecistSessionService';
export { expandToPatientStudies, type Notifier, type StudySearchDataSource } from './ohif/expandToPatientStudies';
export { DOSE_PANEL_ID } from './ohif/overlay/dosePanelId';
export { COURSE_PANEL_ID } from './ohif/board/coursePanelId';
export { initToolGroups } from './ohif/initToolGroups';
export { NON_IMAGE_MODALITIES } from './ohif/timepoints/imagingStudies';
export { TOOLBAR_BUTTONS, TOOLBAR_SECTIONS } from './ohif/toolbarButtons';
export type { ExtensionManager, ServicesManager, ToolbarButtonDefinition } from './ohif/hostServices';
