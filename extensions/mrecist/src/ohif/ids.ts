/**
 * Identifiers the OHIF host resolves by string. The extension and mode ids are also their module specifiers
 * in the viewer's import map (scripts/ohif/viewerModules.json): the host `import()`s a mode's extension
 * dependencies by these keys, so they must stay equal.
 */
export const EXTENSION_ID = '@ohif-mrecist/extension';
export const MODE_ID = '@ohif-mrecist/mode';

export const TIMEPOINT_PANEL_NAME = 'timepoints';
export const TIMEPOINT_PANEL_ID = `${EXTENSION_ID}.panelModule.${TIMEPOINT_PANEL_NAME}`;

export const BASELINE_VS_CURRENT_PROTOCOL_ID = '@ohif-mrecist/hp-baseline-vs-current';

/** Hanging-protocol custom attributes (study level), registered by the extension's preRegistration. */
export const STUDY_ATTRIBUTE = {
  isBaselineStudy: 'mrecistIsBaselineStudy',
  isCurrentStudy: 'mrecistIsCurrentStudy',
} as const;

/** Tool groups the mode creates; the host's viewports name them in their viewportOptions. */
export const TOOL_GROUP = { default: 'default', structuredReport: 'SRToolGroup' } as const;

/** Viewport ids of the baseline/current layout; our panel and the browser tests read them. */
export const VIEWPORT_ID = { baseline: 'mrecist-baseline', current: 'mrecist-current' } as const;

/** Our commands (getCommandsModule); the mode and the panel run them by name. */
export const COMMAND = {
  applyCtWindowPreset: 'mrecistApplyCtWindowPreset',
  toggleOverlay: 'mrecistToggleOverlay',
  nextLesion: 'mrecistNextLesion',
  previousLesion: 'mrecistPreviousLesion',
  nextTimepoint: 'mrecistNextTimepoint',
  markNotEvaluable: 'mrecistMarkNotEvaluable',
  /** Baseline and follow-up viewports scroll together through the registration, or apart (read/scrollLink). */
  toggleLinkedScrolling: 'mrecistToggleLinkedScrolling',
  /** Selects no lesion and cancels the host's active operation (the host's own Esc binding). */
  deselect: 'mrecistDeselect',
  /** Lines removed from now on are the host clearing the images, not the reader deleting them (read/lineHold). */
  holdLines: 'mrecistHoldLines',
  releaseLines: 'mrecistReleaseLines',
} as const;

/** Our customization module's entries; the mode applies them at mode scope by full id. */
export const CUSTOMIZATION = { srCompatibility: 'srCompatibility' } as const;
export const SR_COMPATIBILITY_CUSTOMIZATION_ID = `${EXTENSION_ID}.customizationModule.${CUSTOMIZATION.srCompatibility}`;
