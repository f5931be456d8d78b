/**
 * Hanging protocol, as data: the patient's baseline study (left) beside the current follow-up (right),
 * arterial-phase series preferred (found by the contrast-phase classifier, so also where no description names it), one row of two stack viewports. mRECIST measures the arterially enhancing
 * (viable) tumour, so the arterial phase is the series a reader compares (Lencioni & Llovet, Semin Liver Dis
 * 2010;30:52-60).
 */
import { phaseLabel } from '../core/phase/ContrastPhase';
import { classifyStudyPhases } from '../core/phase/classifySeriesPhase';
import { seriesPhaseInput, type NaturalInstance } from '../core/phase/SeriesPhaseInput';
import type { ServicesManager } from './hostServices';
import { BASELINE_VS_CURRENT_PROTOCOL_ID, STUDY_ATTRIBUTE, TOOL_GROUP, VIEWPORT_ID } from './ids';

/** Series-level hanging-protocol attribute: the display set's contrast phase label (core/phase). */
export const SERIES_PHASE_ATTRIBUTE = 'mrecistContrastPhase';

/** A display set as the hanging-protocol service hands it to a series-level custom attribute. */
export interface PhaseDisplaySet {
  readonly StudyInstanceUID?: string;
  readonly instances?: readonly NaturalInstance[];
  readonly instance?: NaturalInstance;
}

const instancesOf = (d: PhaseDisplaySet): readonly NaturalInstance[] => d.instances ?? (d.instance ? [d.instance] : []);

/**
 * The display set's phase as a label ("late arterial", "portal venous", "unknown", ...), classified from
 * metadata with the other display sets of its study (acquisition order needs them). No pixels are loaded when
 * protocols are matched, so image evidence is not used here: where no description names a phase, the contrast
 * timing decides; where nothing in the metadata does, phase/ArterialRehang corrects the viewports once the
 * images have been measured.
 */
export function displaySetPhaseLabel(displaySet: PhaseDisplaySet, displaySets?: readonly PhaseDisplaySet[]): string {
  const study = (displaySets ?? []).filter((d) => d !== displaySet && d.StudyInstanceUID === displaySet.StudyInstanceUID);
  const inputs = [displaySet, ...study].map((d) => seriesPhaseInput(instancesOf(d)));
  const r = classifyStudyPhases(inputs)[0];
  return r.phase === 'unknown' ? 'unknown' : phaseLabel(r.phase, r.subphase);
}

/**
 * Series preference shared by both sides: must have images; the arterial phase found by the classifier (late
 * arterial first: LI-RADS v2018 prefers late arterial for HCC) outranks an "arterial" series description, which
 * outranks anything else; CT/MR outrank other modalities.
 */
const ARTERIAL_SERIES_RULES = [
  { attribute: 'numImageFrames', required: true, constraint: { greaterThan: { value: 0 } } },
  { attribute: SERIES_PHASE_ATTRIBUTE, weight: 30, constraint: { containsI: 'arterial' } },
  { attribute: SERIES_PHASE_ATTRIBUTE, weight: 5, constraint: { equals: { value: 'late arterial' } } },
  { attribute: 'SeriesDescription', weight: 20, constraint: { containsI: 'arterial' } },
  { attribute: 'Modality', weight: 5, constraint: { equals: { value: 'CT' } } },
  { attribute: 'Modality', weight: 4, constraint: { equals: { value: 'MR' } } },
];

function studyRoleRule(attribute: string) {
  return { attribute, required: true, constraint: { equals: { value: true } } };
}

/**
 * Open each stack at its middle image: a liver-phase CT covers the liver, so the middle slice shows liver
 * parenchyma rather than the lung bases or the pelvis. The reader then scrolls to the target lesion.
 */
const MIDDLE_IMAGE = { preset: 'middle' };

function viewport(viewportId: string, displaySetId: string) {
  return {
    viewportOptions: { viewportId, viewportType: 'stack', toolGroupId: TOOL_GROUP.default, allowUnmatchedView: true, initialImageOptions: MIDDLE_IMAGE },
    displaySets: [{ id: displaySetId }],
  };
}

export const baselineVsCurrentProtocol = {
  id: BASELINE_VS_CURRENT_PROTOCOL_ID,
  name: 'Baseline | current follow-up (arterial phase)',
  description: 'Earliest study of the patient on the left, latest on the right, arterial-phase series',
  // Not -1: matching must look at every opened study, not only the active one.
  numberOfPriorsReferenced: 1,
  protocolMatchingRules: [
    { id: 'CT or MR study', attribute: 'ModalitiesInStudy', weight: 1, constraint: { contains: ['CT', 'MR'] } },
  ],
  toolGroupIds: [TOOL_GROUP.default],
  displaySetSelectors: {
    baselineArterial: {
      studyMatchingRules: [studyRoleRule(STUDY_ATTRIBUTE.isBaselineStudy)],
      seriesMatchingRules: ARTERIAL_SERIES_RULES,
    },
    currentArterial: {
      studyMatchingRules: [studyRoleRule(STUDY_ATTRIBUTE.isCurrentStudy)],
      seriesMatchingRules: ARTERIAL_SERIES_RULES,
    },
  },
  defaultViewport: {
    viewportOptions: { viewportType: 'stack', toolGroupId: TOOL_GROUP.default, allowUnmatchedView: true },
    displaySets: [{ id: 'currentArterial', matchedDisplaySetsIndex: -1 }],
  },
  stages: [
    {
      id: 'baseline-current-1x2',
      name: 'Baseline | current',
      viewportStructure: { layoutType: 'grid', properties: { rows: 1, columns: 2 } },
      viewports: [viewport(VIEWPORT_ID.baseline, 'baselineArterial'), viewport(VIEWPORT_ID.current, 'currentArterial')],
    },
  ],
};

/** Registers SERIES_PHASE_ATTRIBUTE with the host's hanging-protocol service. */
export function registerSeriesPhaseAttribute(servicesManager: ServicesManager): void {
  servicesManager.services.hangingProtocolService.addCustomAttribute(
    SERIES_PHASE_ATTRIBUTE,
    'Contrast phase of the series (late arterial, portal venous, ...)',
    (displaySet, options) =>
      displaySetPhaseLabel(displaySet as PhaseDisplaySet, (options as { displaySets?: readonly PhaseDisplaySet[] })?.displaySets),
  );
}

/** The host passes its managers to every module getter; the phase attribute is registered with the protocol. */
export function getHangingProtocolModule(hostManagers?: { servicesManager?: ServicesManager }) {
  if (hostManagers?.servicesManager) registerSeriesPhaseAttribute(hostManagers.servicesManager);
  return [{ name: BASELINE_VS_CURRENT_PROTOCOL_ID, protocol: baselineVsCurrentProtocol }];
}
