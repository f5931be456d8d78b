/**
 * The mRECIST reading mode (route /mrecist): the patient's baseline beside the current follow-up, arterial
 * phase, our toolbar, the series list on the left and our timepoint panel on the right. Declarative like
 * OHIF's longitudinal mode: ids and data here, behaviour in the extension.
 */
// The extension by package name: its own module at run time (import map, or the host's bundler in a source
// build), never a copy inside the mode's bundle.
import {
  BASELINE_VS_CURRENT_PROTOCOL_ID,
  COMMAND,
  COURSE_PANEL_ID,
  DOSE_PANEL_ID,
  EXTENSION_ID,
  expandToPatientStudies,
  initToolGroups,
  MODE_ID,
  NON_IMAGE_MODALITIES,
  SESSION_SERVICE_NAME,
  SR_COMPATIBILITY_CUSTOMIZATION_ID,
  TIMEPOINT_PANEL_ID,
  TOOLBAR_BUTTONS,
  TOOLBAR_SECTIONS,
  withReadHotkeys,
  type ExtensionManager,
  type HotkeyBinding,
  type MrecistSessionService,
  type Notifier,
  type ServicesManager,
  type StudySearchDataSource,
  type ToolbarButtonDefinition,
} from '@ohif-mrecist/extension';

const ohif = {
  layout: '@ohif/extension-default.layoutTemplateModule.viewerLayout',
  seriesList: '@ohif/extension-default.panelModule.seriesList',
  stackSopClassHandler: '@ohif/extension-default.sopClassHandlerModule.stack',
};
const cornerstone = { viewport: '@ohif/extension-cornerstone.viewportModule.cornerstone' };
const dicomSr = {
  sopClassHandler: '@ohif/extension-cornerstone-dicom-sr.sopClassHandlerModule.dicom-sr',
  viewport: '@ohif/extension-cornerstone-dicom-sr.viewportModule.dicom-sr',
};

const extensionDependencies = {
  '@ohif/extension-default': '^3.0.0',
  '@ohif/extension-cornerstone': '^3.0.0',
  '@ohif/extension-cornerstone-dicom-sr': '^3.0.0',
  [EXTENSION_ID]: '^0.1.0',
};

/** Modalities a liver response read can use; a study must contain at least one. */
const READABLE_MODALITIES = ['CT', 'MR'];

interface CommandsManager {
  runCommand(name: string, options?: Record<string, unknown>): unknown;
}

interface LifecycleContext {
  servicesManager: ServicesManager;
  extensionManager: ExtensionManager;
  commandsManager?: CommandsManager;
}

/** The host passes no commands manager to onModeExit: the one from onModeEnter is kept for it. */
let commands: CommandsManager | undefined;

interface ModeCustomizations {
  getCustomization(id: string): unknown;
  setCustomizations(customizations: Record<string, unknown> | string[], scope?: 'mode' | 'global' | 'default'): void;
}

/** Our extension's session service, registered by its preRegistration. */
function sessionService(servicesManager: ServicesManager): MrecistSessionService | undefined {
  return servicesManager.services[SESSION_SERVICE_NAME] as MrecistSessionService | undefined;
}

function onModeEnter({ servicesManager, extensionManager, commandsManager }: LifecycleContext): void {
  const { measurementService, toolbarService, toolGroupService } = servicesManager.services;
  const customizationService = servicesManager.services.customizationService as unknown as ModeCustomizations;
  commands = commandsManager;
  // Mode scope: the host resets it on every mode entry, so nothing here reaches another mode. The host reads
  // 'ohif.hotkeyBindings' right after onModeEnter; our keys replace the defaults bound to the same keys.
  customizationService.setCustomizations([SR_COMPATIBILITY_CUSTOMIZATION_ID], 'mode');
  const hostHotkeys = customizationService.getCustomization('ohif.hotkeyBindings') as HotkeyBinding[] | undefined;
  customizationService.setCustomizations({ 'ohif.hotkeyBindings': { $set: withReadHotkeys(hostHotkeys) } }, 'mode');
  sessionService(servicesManager)?.start(extensionManager as never);
  // Lines cleared here are left over from the last visit, not deleted by the reader: the read keeps them.
  commands?.runCommand(COMMAND.holdLines);
  measurementService.clearMeasurements();
  commands?.runCommand(COMMAND.releaseLines);
  initToolGroups({ extensionManager, toolGroupService });
  // The route seeded the mode's toolbarButtons/toolbarSections as customizations; reading them back lets a
  // site customization extend our toolbar without editing the mode.
  const buttons = (customizationService.getCustomization('toolbarButtons') ?? TOOLBAR_BUTTONS) as ToolbarButtonDefinition[];
  const sectionBlocks = (customizationService.getCustomization('toolbarSections') ?? [TOOLBAR_SECTIONS]) as Array<Record<string, string[]>>;
  toolbarService.register(buttons);
  for (const [section, ids] of Object.entries(Object.assign({}, ...[sectionBlocks].flat()))) {
    toolbarService.updateSection(section, ids as string[]);
  }
}

function onModeExit({ servicesManager }: { servicesManager: ServicesManager }): void {
  // First, before the host destroys viewports and clears measurements: the read keeps every line it had.
  // Held until the next onModeEnter has cleared what is left.
  commands?.runCommand(COMMAND.holdLines);
  sessionService(servicesManager)?.stop();
  const services = servicesManager.services as unknown as Record<string, { destroy?: () => void }>;
  // Same clean-up as the host's own modes: tool groups and viewports belong to one mode visit.
  for (const name of ['toolGroupService', 'syncGroupService', 'segmentationService', 'cornerstoneViewportService']) {
    services[name]?.destroy?.();
  }
}

const modeInstance = {
  id: MODE_ID,
  routeName: 'mrecist',
  displayName: 'mRECIST liver follow-up',
  hide: false,
  onModeEnter,
  onModeExit,
  validationTags: { study: [], series: [] },
  isValidMode({ modalities }: { modalities: string }) {
    const list = (modalities ?? '').split('\\');
    const valid = READABLE_MODALITIES.some((m) => list.includes(m));
    return { valid, description: valid ? 'CT or MR study' : 'mRECIST reading needs a CT or MR study' };
  },
  routes: [
    {
      path: 'mrecist',
      // Opening one study of a patient opens all of them: the read compares baseline and follow-ups.
      init: async ({ servicesManager, studyInstanceUIDs, dataSource }: { servicesManager: ServicesManager; studyInstanceUIDs: string[]; dataSource: StudySearchDataSource }) => {
        await expandToPatientStudies(studyInstanceUIDs, dataSource, servicesManager.services.uiNotificationService as Notifier | undefined);
      },
      layoutTemplate: () => ({
        id: ohif.layout,
        props: {
          leftPanels: [ohif.seriesList],
          leftPanelResizable: true,
          leftPanelClosed: true,
          rightPanels: [TIMEPOINT_PANEL_ID, DOSE_PANEL_ID, COURSE_PANEL_ID],
          rightPanelResizable: true,
          // The read panel holds a lesion × timepoint table and three response tables: 280 px (the default) is too narrow.
          rightPanelInitialExpandedWidth: 440,
          rightPanelClosed: false,
          viewports: [
            { namespace: cornerstone.viewport, displaySetsToDisplay: [ohif.stackSopClassHandler] },
            { namespace: dicomSr.viewport, displaySetsToDisplay: [dicomSr.sopClassHandler] },
          ],
        },
      }),
    },
  ],
  extensions: extensionDependencies,
  hangingProtocol: BASELINE_VS_CURRENT_PROTOCOL_ID,
  // Order matters when two handlers accept one SOP class: the specific one (SR) before the general stack.
  sopClassHandlers: [dicomSr.sopClassHandler, ohif.stackSopClassHandler],
  toolbarButtons: TOOLBAR_BUTTONS,
  toolbarSections: [TOOLBAR_SECTIONS],
  nonModeModalities: NON_IMAGE_MODALITIES,
};

const mode = {
  id: MODE_ID,
  modeFactory: () => modeInstance,
  modeInstance,
  extensionDependencies,
};

export default mode;
