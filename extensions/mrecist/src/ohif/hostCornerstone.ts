/**
 * The host's Cornerstone3D, read lazily from the globals the OHIF cornerstone extension sets when it
 * evaluates. We never bundle a second Cornerstone: tools, annotations and rendering engines must be the host's.
 * Types come from @cornerstonejs/* 5.6.8 (the host's version) as type-only imports.
 */
import type * as CornerstoneCore from '@cornerstonejs/core';
import type * as CornerstoneTools from '@cornerstonejs/tools';

type HostWindow = Window & { cornerstone?: typeof CornerstoneCore; cornerstoneTools?: typeof CornerstoneTools };

export function hostCornerstone(): typeof CornerstoneCore {
  const core = (window as HostWindow).cornerstone;
  if (!core) throw new Error('window.cornerstone is not set: the OHIF cornerstone extension has not loaded yet');
  return core;
}

export function hostCornerstoneTools(): typeof CornerstoneTools {
  const tools = (window as HostWindow).cornerstoneTools;
  if (!tools) throw new Error('window.cornerstoneTools is not set: the OHIF cornerstone extension has not loaded yet');
  return tools;
}
