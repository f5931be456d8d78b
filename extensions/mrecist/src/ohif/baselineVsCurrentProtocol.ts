/**
 * Hanging protocol, as data: the patient's baseline study (left) beside the current follow-up (right),
 * arterial-phase series preferred, one row of two stack viewports. mRECIST measures the arterially enhancing
 * (viable) tumour, so the arterial phase is the series a reader compares (Lencioni & Llovet, Semin Liver Dis
 * 2010;30:52-60).
 */
import { BASELINE_VS_CURRENT_PROTOCOL_ID, STUDY_ATTRIBUTE, TOOL_GROUP, VIEWPORT_ID } from './ids';

/**
 * Series preference shared by both sides: must have images; arterial phase named in the series description
 * (CT "arterial", "late arterial", MR "arterial") outranks anything else; CT/MR outrank other modalities.
 */
const ARTERIAL_SERIES_RULES = [
  { attribute: 'numImageFrames', required: true, constraint: { greaterThan: { value: 0 } } },
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

export function getHangingProtocolModule() {
  return [{ name: BASELINE_VS_CURRENT_PROTOCOL_ID, protocol: baselineVsCurrentProtocol }];
}
