/**
 * The ohif-mrecist OHIF extension, loaded by the prebuilt OHIF 3.13 viewer at run time as an ES module
 * (module specifier = id, resolved by the viewer's import map). It contributes the timepoint panel, the
 * baseline-vs-current hanging protocol with its study-role attributes, and the CT window-preset command;
 * the mode registers our toolbar on entry.
 */
import { getHangingProtocolModule } from './ohif/baselineVsCurrentProtocol';
import { getCommandsModule } from './ohif/getCommandsModule';
import { getPanelModule } from './ohif/getPanelModule';
import type { ServicesManager } from './ohif/hostServices';
import { EXTENSION_ID } from './ohif/ids';
import { registerStudyRoleAttributes } from './ohif/registerStudyRoleAttributes';
import { reportViewerEntered, startReportService, type ReportExtensionManager } from './ohif/report/reportService';
import { createOverlayWorker } from './ohif/overlay/createOverlayWorker';
import { startOverlayService, stopOverlayService } from './ohif/overlay/overlayLifecycle';

const extension = {
  id: EXTENSION_ID,
  preRegistration({ servicesManager, extensionManager }: { servicesManager: ServicesManager; extensionManager: ReportExtensionManager }): void {
    registerStudyRoleAttributes({ servicesManager });
    startReportService({ servicesManager, extensionManager });
  },
  // Seed and isodose overlays live while our mode is open (ohif/overlay/OverlayService.ts); the read's lines are
  // drawn again on every entry (the host clears annotations when the viewer is left).
  onModeEnter({ servicesManager, extensionManager }: { servicesManager: ServicesManager; extensionManager: unknown }): void {
    startOverlayService(servicesManager, extensionManager, createOverlayWorker);
    reportViewerEntered();
  },
  onModeExit(): void {
    stopOverlayService();
  },
  getPanelModule,
  getHangingProtocolModule,
  getCommandsModule,
};

export default extension;
