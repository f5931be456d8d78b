/**
 * Tool groups of our mode, built from the host's Cornerstone tool names (the host registered the tools
 * with its Cornerstone instance; we only group them). Mouse: left = window/level, middle = pan,
 * right = zoom, wheel = stack scroll; Length and Bidirectional wait passive until chosen in the toolbar.
 */
import type { CornerstoneToolsUtility, ExtensionManager, ToolGroupService, ToolGroupTools } from './hostServices';
import { TOOL_GROUP } from './ids';
import { lengthToolTextLines } from './measurementLabel';

const CORNERSTONE_TOOLS_UTILITY = '@ohif/extension-cornerstone.utilityModule.tools';
const SR_TOOLS_UTILITY = '@ohif/extension-cornerstone-dicom-sr.utilityModule.tools';

function navigationTools({ toolNames, Enums }: CornerstoneToolsUtility): ToolGroupTools['active'] {
  const mouse = Enums.MouseBindings;
  return [
    { toolName: toolNames.WindowLevel, bindings: [{ mouseButton: mouse.Primary }] },
    { toolName: toolNames.Pan, bindings: [{ mouseButton: mouse.Auxiliary }] },
    { toolName: toolNames.Zoom, bindings: [{ mouseButton: mouse.Secondary }, { numTouchPoints: 2 }] },
    { toolName: toolNames.StackScroll, bindings: [{ mouseButton: mouse.Wheel }, { numTouchPoints: 3 }] },
  ];
}

function utility(extensionManager: ExtensionManager, id: string): { toolNames: Record<string, string> } & Partial<CornerstoneToolsUtility> {
  const entry = extensionManager.getModuleEntry(id);
  if (!entry?.exports) throw new Error(`OHIF host lacks ${id}: is its extension loaded?`);
  return entry.exports as CornerstoneToolsUtility;
}

export function initToolGroups({ extensionManager, toolGroupService }: { extensionManager: ExtensionManager; toolGroupService: ToolGroupService }): void {
  const cs = utility(extensionManager, CORNERSTONE_TOOLS_UTILITY) as CornerstoneToolsUtility;
  const { toolNames } = cs;
  toolGroupService.createToolGroupAndAddTools(TOOL_GROUP.default, {
    active: navigationTools(cs),
    // Length's text box shows the lesion and diameter with the value (Bidirectional prints its label already).
    passive: [{ toolName: toolNames.Length, configuration: { getTextLines: lengthToolTextLines } }, { toolName: toolNames.Bidirectional }],
    // No reference lines: baseline and follow-up have different frames of reference, so lines would lie.
  });
  // SR viewports (the host's dicom-sr viewport) look for this group to display stored measurements.
  const sr = utility(extensionManager, SR_TOOLS_UTILITY);
  toolGroupService.createToolGroupAndAddTools(TOOL_GROUP.structuredReport, {
    active: navigationTools(cs),
    passive: [{ toolName: sr.toolNames.SRLength }, { toolName: sr.toolNames.SRBidirectional }],
    enabled: [{ toolName: sr.toolNames.DICOMSRDisplay }],
  });
}
