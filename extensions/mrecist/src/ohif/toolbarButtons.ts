/**
 * Our toolbar, registered by us: the host's `cornerstone.toolbarButtons` pack needs the segmentation
 * extension (its evaluators) and shows a black screen without it. Button ids that activate a tool are the
 * Cornerstone tool names: the host's `setToolActiveToolbar` command takes the tool from the button id.
 */
import type { ToolbarButtonDefinition } from './hostServices';
import { COMMAND } from './ids';
import { TOOL_GROUP } from './ids';
import { CT_WINDOW_PRESETS } from './windowPresets';

const activateTool = {
  commandName: 'setToolActiveToolbar',
  commandOptions: { toolGroupIds: [TOOL_GROUP.default] },
};

function toolButton(id: string, icon: string, label: string, tooltip = label): ToolbarButtonDefinition {
  return { id, uiType: 'ohif.toolButton', props: { icon, label, tooltip, commands: activateTool, evaluate: 'evaluate.cornerstoneTool' } };
}

export const WINDOW_PRESET_SECTION = 'mrecistWindowPresets';

export const TOOLBAR_BUTTONS: readonly ToolbarButtonDefinition[] = [
  toolButton('Length', 'tool-length', 'Length', 'Length (longest diameter)'),
  toolButton('Bidirectional', 'tool-bidirectional', 'Bidirectional', 'Bidirectional (long and short axis)'),
  toolButton('WindowLevel', 'tool-window-level', 'Window level'),
  toolButton('Pan', 'tool-move', 'Pan'),
  toolButton('Zoom', 'tool-zoom', 'Zoom'),
  toolButton('StackScroll', 'tool-stack-scroll', 'Stack scroll'),
  {
    id: 'mrecistLinkScrolling',
    uiType: 'ohif.toolButton',
    props: {
      icon: 'tool-stack-scroll',
      label: 'Link scrolling',
      tooltip: 'Link scrolling (K): the other viewport follows to the same anatomical position, through the registration between the studies',
      commands: { commandName: COMMAND.toggleLinkedScrolling },
      evaluate: 'evaluate.action',
    },
  },
  { id: WINDOW_PRESET_SECTION, uiType: 'ohif.toolButtonList', props: { buttonSection: true } },
  ...CT_WINDOW_PRESETS.map((preset) => ({
    id: preset.id,
    uiType: 'ohif.toolButton',
    props: {
      icon: 'tool-window-level',
      label: `${preset.label} W${preset.windowWidthHu} L${preset.windowCenterHu}`,
      tooltip: `${preset.label}: window ${preset.windowWidthHu} HU, level ${preset.windowCenterHu} HU (all CT viewports)`,
      commands: {
        commandName: COMMAND.applyCtWindowPreset,
        commandOptions: { windowWidth: preset.windowWidthHu, windowCenter: preset.windowCenterHu },
      },
      evaluate: 'evaluate.action',
    },
  })),
];

/** Section key -> button ids, applied with the toolbar service's updateSection. */
export const TOOLBAR_SECTIONS: Readonly<Record<string, readonly string[]>> = {
  primary: ['Length', 'Bidirectional', 'WindowLevel', WINDOW_PRESET_SECTION, 'Pan', 'Zoom', 'StackScroll', 'mrecistLinkScrolling'],
  [WINDOW_PRESET_SECTION]: CT_WINDOW_PRESETS.map((preset) => preset.id),
};
