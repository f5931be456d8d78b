/**
 * The host's Cornerstone3D, taken from the OHIF cornerstone extension's utility module
 * ('@ohif/extension-cornerstone.utilityModule.common', getCornerstoneLibraries) when our extension is
 * registered. We never bundle a second Cornerstone: tools, annotations and rendering engines must be the
 * host's. Types come from @cornerstonejs/* 5.6.8 (the host's version) as type-only imports.
 */
import type * as CornerstoneCore from '@cornerstonejs/core';
import type * as CornerstoneTools from '@cornerstonejs/tools';

export interface CornerstoneLibraries {
  readonly cornerstone: typeof CornerstoneCore;
  readonly cornerstoneTools: typeof CornerstoneTools;
}

export const CORNERSTONE_UTILITY_MODULE = '@ohif/extension-cornerstone.utilityModule.common';

interface UtilityModuleSource {
  getModuleEntry(id: string): { exports?: unknown } | undefined;
}

let libraries: CornerstoneLibraries | null = null;

/** Binds the host's libraries (extension preRegistration); a unit test binds fakes the same way. */
export function bindHostCornerstone(source: CornerstoneLibraries | null): void {
  libraries = source;
}

/** The libraries the cornerstone extension's utility module hands out; throws naming the module when absent. */
export function cornerstoneFromUtilityModule(extensionManager: UtilityModuleSource): CornerstoneLibraries {
  const exports = extensionManager.getModuleEntry(CORNERSTONE_UTILITY_MODULE)?.exports as { getCornerstoneLibraries?: () => CornerstoneLibraries } | undefined;
  const found = exports?.getCornerstoneLibraries?.();
  if (!found?.cornerstone || !found.cornerstoneTools) throw new Error(`${CORNERSTONE_UTILITY_MODULE}: getCornerstoneLibraries is missing; list @ohif/extension-cornerstone before our extension`);
  return found;
}

function bound(): CornerstoneLibraries {
  if (!libraries) throw new Error('the host Cornerstone is not bound yet: our extension was not registered after @ohif/extension-cornerstone');
  return libraries;
}

export function hostCornerstone(): typeof CornerstoneCore {
  return bound().cornerstone;
}

export function hostCornerstoneTools(): typeof CornerstoneTools {
  return bound().cornerstoneTools;
}

/** What our glue uses of the host's Cornerstone stack viewport (typed here once, not imported: no second copy). */
export interface HostStackViewport {
  getImageIds(): string[];
  getCurrentImageId(): string | undefined;
  getCurrentImageIdIndex(): number;
  setImageIdIndex(index: number): Promise<unknown>;
  getCamera(): { focalPoint?: number[] };
}
