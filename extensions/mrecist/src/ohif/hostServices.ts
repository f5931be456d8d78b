/**
 * The slice of the OHIF 3.13 host's service API our glue uses, typed structurally. The host publishes no
 * usable typings (see ohif-host.md); these interfaces name only what we call, so a fake
 * satisfying them is enough to test the glue.
 */

export interface Unsubscribable {
  unsubscribe(): void;
}

export interface PubSub {
  readonly EVENTS: Record<string, string>;
  subscribe(event: string, callback: (payload: unknown) => void): Unsubscribable;
}

/** A DICOM instance as the host's metadata store keeps it (naturalized attributes). */
export interface HostInstance {
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly SOPInstanceUID?: string;
  readonly StudyDate?: string;
  readonly StudyTime?: string;
  readonly StudyDescription?: string;
  readonly PatientID?: string;
  readonly PatientName?: unknown;
  readonly Modality?: string;
  readonly [attribute: string]: unknown;
}

export interface HostDisplaySet {
  readonly displaySetInstanceUID: string;
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly SeriesDescription?: string;
  readonly SeriesNumber?: number | string;
  readonly Modality?: string;
  readonly instances?: readonly HostInstance[];
  readonly instance?: HostInstance;
  readonly unsupported?: boolean;
}

export interface DisplaySetService extends PubSub {
  getActiveDisplaySets(): HostDisplaySet[];
  getDisplaySetByUID(displaySetInstanceUID: string): HostDisplaySet | undefined;
}

export interface HostViewport {
  readonly viewportId: string;
  readonly displaySetInstanceUIDs: readonly string[];
  /** Position of the viewport in the grid as fractions of its size (host's viewport grid state). */
  readonly x?: number;
  readonly y?: number;
}

export interface ViewportGridService extends PubSub {
  getState(): { viewports: Map<string, HostViewport> };
}

/** A study as the hanging-protocol service hands it to custom attributes (DicomMetadataStore study). */
export interface HostStudy {
  readonly StudyInstanceUID: string;
  readonly StudyDate?: string;
  readonly StudyTime?: string;
  readonly PatientID?: string;
  readonly series?: ReadonlyArray<{ readonly instances?: readonly HostInstance[]; readonly [k: string]: unknown }>;
  readonly [attribute: string]: unknown;
}

export interface HangingProtocolService extends PubSub {
  addCustomAttribute(
    attributeId: string,
    attributeName: string,
    callback: (study: HostStudy, options: { studies?: ReadonlyArray<HostStudy | undefined> }) => unknown,
  ): void;
}

export interface ToolbarButtonDefinition {
  readonly id: string;
  readonly uiType: string;
  readonly props: Record<string, unknown>;
}

export interface ToolbarService {
  register(buttons: readonly ToolbarButtonDefinition[]): void;
  updateSection(section: string, buttonIds: readonly string[]): void;
}

export interface ToolGroupService {
  createToolGroupAndAddTools(toolGroupId: string, tools: ToolGroupTools): void;
}

export interface ToolBinding {
  readonly mouseButton?: number;
  readonly numTouchPoints?: number;
}

export interface ToolGroupTools {
  readonly active?: ReadonlyArray<{ toolName: string; bindings: readonly ToolBinding[] }>;
  readonly passive?: ReadonlyArray<{ toolName: string; configuration?: Record<string, unknown> }>;
  readonly enabled?: ReadonlyArray<{ toolName: string }>;
  readonly disabled?: ReadonlyArray<{ toolName: string }>;
}

export interface CustomizationService {
  getCustomization(id: string): unknown;
}

export interface MeasurementService {
  clearMeasurements(): void;
}

export interface HostServices {
  displaySetService: DisplaySetService;
  viewportGridService: ViewportGridService;
  hangingProtocolService: HangingProtocolService;
  toolbarService: ToolbarService;
  toolGroupService: ToolGroupService;
  customizationService: CustomizationService;
  measurementService: MeasurementService;
  [service: string]: unknown;
}

export interface ServicesManager {
  services: HostServices;
}

/** What the host's '@ohif/extension-cornerstone.utilityModule.tools' exports (tool names, binding enums). */
export interface CornerstoneToolsUtility {
  toolNames: Record<string, string>;
  Enums: { MouseBindings: Record<'Primary' | 'Secondary' | 'Auxiliary' | 'Wheel', number> };
}

export interface ExtensionManager {
  getModuleEntry(id: string): { exports?: unknown } | undefined;
}
