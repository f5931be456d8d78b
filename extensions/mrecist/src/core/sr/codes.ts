/**
 * Coded concepts used by our TID 1500 measurement reports, as data. Keys are the CodeMeaning in PascalCase.
 *
 * Sources: DICOM PS3.16 (meanings and CID membership checked against pydicom's generated sr/_concepts_dict.py and
 * sr/_cid_dict.py): TID 1500/1501/1502/1600, TID 1002/1003 observer context, TID 4106 Response Evaluation
 * (Response Evaluation Method 112021), CID 6144 RECIST Defined Lesion Response, CID 6145 Baseline Category,
 * CID 6146 Time Point Types (Baseline is C1442488 UMLS there, not 121079 DCM), CID 6147 Response Criteria
 * (RECIST 1.1 126081), CID 7453 Performing Roles (Reader C28747, Adjudicator C96561 NCIt); SNOMED CT (SCT), UMLS
 * and NCI Thesaurus (NCIt) as named by those templates; UCUM for units.
 *
 * Private codes (LOCAL, scheme `99MRECIST`; PS3.16 section 8.2: designators starting with "99" are private) only
 * where PS3.16 has no concept: mRECIST and EASL (not in CID 6147), the viable-tumour diameters, LI-RADS Treatment
 * Response, the new-lesion role (CID 6145 has none), NE responses, the liver contrast phases (Contrast Phase,
 * 109058, is a concept name without values), the lesion UID across time points and the case file's own
 * attributes. LOCAL is the one table of them, with meanings; the README lists it and a test keeps the two equal.
 * The scheme is declared in every report's Coding Scheme Identification Sequence (LOCAL_SCHEME). Values are short
 * mnemonics and never change meaning; add, never reuse.
 */
import { deepFreeze } from '../deepFreeze';

export interface Code {
  readonly value: string;
  readonly scheme: string;
  readonly meaning: string;
}

export function code(value: string, scheme: string, meaning: string): Code {
  return { value, scheme, meaning };
}

/** Our private coding scheme, declared in the SR's CodingSchemeIdentificationSequence. */
export const LOCAL_SCHEME = deepFreeze({
  designator: '99MRECIST',
  name: 'ohif-mrecist local codes',
  responsibleOrganization: 'ohif-mrecist project',
});

const L = LOCAL_SCHEME.designator;

export const DCM = deepFreeze({
  ImagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'),
  LanguageOfContentItemAndDescendants: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  ProcedureReported: code('121058', 'DCM', 'Procedure reported'),
  ImageLibrary: code('111028', 'DCM', 'Image Library'),
  ImagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  MeasurementGroup: code('125007', 'DCM', 'Measurement Group'),
  TrackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  TrackingUniqueIdentifier: code('112040', 'DCM', 'Tracking Unique Identifier'),
  Finding: code('121071', 'DCM', 'Finding'),
  Comment: code('121106', 'DCM', 'Comment'),
  StudyDate: code('111060', 'DCM', 'Study Date'),
  // TID 1600 Image Library: one Image Library Group (126200) of IMAGE entries (TID 1601)
  ImageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  StudyInstanceUid: code('110180', 'DCM', 'Study Instance UID'),
  SliceThickness: code('112225', 'DCM', 'Slice Thickness'),
  // TID 1502 Time Point Context and CID 6146
  TimePointType: code('126072', 'DCM', 'Time Point Type'),
  TimePointOrder: code('126073', 'DCM', 'Time Point Order'),
  SubjectTimePointIdentifier: code('126070', 'DCM', 'Subject Time Point Identifier'),
  ProtocolTimePointIdentifier: code('126071', 'DCM', 'Protocol Time Point Identifier'),
  /** Written by reports before CID 6146 was followed (CID 6146 has UMLS C1442488); read, never written. */
  BaselineLegacy: code('121079', 'DCM', 'Baseline'),
  Posttreatment: code('126074', 'DCM', 'Posttreatment'),
  // TID 1002/1003 observer context
  ObserverType: code('121005', 'DCM', 'Observer Type'),
  Person: code('121006', 'DCM', 'Person'),
  PersonObserverName: code('121008', 'DCM', 'Person Observer Name'),
  IdentifierWithinPersonObserversRole: code('128775', 'DCM', "Identifier within Person Observer's Role"),
  PersonObserversRoleInThisProcedure: code('121011', 'DCM', "Person Observer's Role in this Procedure"),
  // TID 4106 Response Evaluation row 2: the concept whose value is the criterion (CID 6147)
  ResponseEvaluationMethod: code('112021', 'DCM', 'Response Evaluation Method'),
  // CID 6145 lesion role at baseline
  TargetLesionAtBaseline: code('112074', 'DCM', 'Target Lesion at Baseline'),
  NonTargetLesionAtBaseline: code('112075', 'DCM', 'Non-Target Lesion at Baseline'),
  // CID 6144 RECIST defined lesion response
  TargetLesionCompleteResponse: code('112041', 'DCM', 'Target Lesion Complete Response'),
  TargetLesionPartialResponse: code('112042', 'DCM', 'Target Lesion Partial Response'),
  TargetLesionProgressiveDisease: code('112043', 'DCM', 'Target Lesion Progressive Disease'),
  TargetLesionStableDisease: code('112044', 'DCM', 'Target Lesion Stable Disease'),
  NonTargetLesionCompleteResponse: code('112045', 'DCM', 'Non-Target Lesion Complete Response'),
  NonTargetLesionIncompleteResponseOrStableDisease: code(
    '112046',
    'DCM',
    'Non-Target Lesion Incomplete Response or Stable Disease',
  ),
  NonTargetLesionProgressiveDisease: code('112047', 'DCM', 'Non-Target Lesion Progressive Disease'),
  CurrentResponse: code('112048', 'DCM', 'Current Response'),
  BestOverallResponse: code('112049', 'DCM', 'Best Overall Response'),
  Present: code('121053', 'DCM', 'Present'),
  Absent: code('121054', 'DCM', 'Absent'),
  // CID 6147 Response Criteria
  RECIST1Point1: code('126081', 'DCM', 'RECIST 1.1'),
  // PS3.16 Annex D concept names with no value set (no CID lists the contrast phases of a liver study)
  ContrastPhase: code('109058', 'DCM', 'Contrast Phase'),
  SeriesInstanceUid: code('112002', 'DCM', 'Series Instance UID'),
});

export const SCT = deepFreeze({
  FindingSite: code('363698007', 'SCT', 'Finding Site'),
  MeasurementMethod: code('370129005', 'SCT', 'Measurement Method'),
  LongAxis: code('103339001', 'SCT', 'Long Axis'),
  ShortAxis: code('103340004', 'SCT', 'Short Axis'),
  HepatocellularCarcinoma: code('25370001', 'SCT', 'Hepatocellular carcinoma'),
  Effusion: code('41699000', 'SCT', 'Effusion'),
  Liver: code('10200004', 'SCT', 'Liver'),
  PortalVein: code('32764006', 'SCT', 'Portal vein structure'),
  LymphNode: code('59441001', 'SCT', 'Lymph node'),
  ImagingProcedure: code('363679005', 'SCT', 'Imaging procedure'),
  Yes: code('373066001', 'SCT', 'Yes'),
  No: code('373067005', 'SCT', 'No'),
});

export const UMLS = deepFreeze({
  // TID 1502 row 1
  TimePoint: code('C2348792', 'UMLS', 'Time Point'),
  // CID 6146 Time Point Types
  Baseline: code('C1442488', 'UMLS', 'Baseline'),
  QualitativeEvaluations: code('C0034375', 'UMLS', 'Qualitative Evaluations'),
});

/** NCI Thesaurus response concepts (response-criteria.md section 8; to be re-checked against current NCIt). */
export const NCIT = deepFreeze({
  CompleteResponse: code('C4870', 'NCIt', 'Complete Response'),
  PartialResponse: code('C18058', 'NCIt', 'Partial Response'),
  StableDisease: code('C18213', 'NCIt', 'Stable Disease'),
  ProgressiveDisease: code('C35571', 'NCIt', 'Progressive Disease'),
  // CID 7453 Performing Roles: values of Person Observer's Role in this Procedure (121011)
  Reader: code('C28747', 'NCIt', 'Reader'),
  Adjudicator: code('C96561', 'NCIt', 'Adjudicator'),
});

export const UCUM = deepFreeze({
  Millimeter: code('mm', 'UCUM', 'millimeter'),
  SquareMillimeter: code('mm2', 'UCUM', 'square millimeter'),
  Day: code('d', 'UCUM', 'day'),
  Percent: code('%', 'UCUM', 'percent'),
  NoUnits: code('1', 'UCUM', 'no units'),
});

export const LANGUAGE_EN_US = code('en-US', 'RFC5646', 'English (United States)');

/** Project-local concepts (scheme 99MRECIST). */
export const LOCAL = deepFreeze({
  // Criteria missing from CID 6147
  MRecist: code('MRECIST', L, 'mRECIST (Lencioni and Llovet 2010)'),
  Easl: code('EASL', L, 'EASL (Bruix et al. 2001)'),
  // Measurements DICOM has no concept for
  ViableLongAxis: code('VIABLELA', L, 'Viable tumour long axis'),
  ViablePerpendicular: code('VIABLEPD', L, 'Viable tumour perpendicular diameter'),
  NotEvaluable: code('NE', L, 'Not evaluable'),
  // Lesion description
  NewLesion: code('NEWLES', L, 'New lesion'),
  LesionRole: code('LESROLE', L, 'Lesion role'),
  LesionSite: code('SITE', L, 'Lesion site'),
  LesionName: code('LESNAME', L, 'Lesion name'),
  /** The lesion's UID across time points; each drawn group has its own Tracking Unique Identifier (see LesionMeasurementGroup). */
  LesionUid: code('LESUID', L, 'Lesion unique identifier across time points'),
  LesionKind: code('LESKIND', L, 'Lesion kind'),
  LymphNode: code('NODE', L, 'Lymph node lesion'),
  ArterialEnhancementAtBaseline: code('ARTENH', L, 'Arterial enhancement at baseline'),
  CytologyConfirmed: code('CYTOL', L, 'Malignancy confirmed by cytology'),
  LocalTreatment: code('LOCTREAT', L, 'Local treatment of the lesion'),
  PatchyEnhancementMethod: code('PATCHY', L, 'Patchy enhancement measurement method'),
  AppearsAtTimePoint: code('APPEARS', L, 'Time point of first appearance'),
  NonTargetLesionStatus: code('NTSTATUS', L, 'Non-target lesion status'),
  UnequivocalProgression: code('UNEQPROG', L, 'Unequivocal progression'),
  NotEvaluated: code('NOTEVAL', L, 'Not evaluated'),
  TypicalHccPattern: code('TYPHCC', L, 'Arterial hyperenhancement with washout'),
  Unequivocal: code('UNEQUIV', L, 'Unequivocal new lesion'),
  // Responses
  TargetLesionResponse: code('TRGRESP', L, 'Target lesion response'),
  NonTargetLesionResponse: code('NTRGRESP', L, 'Non-target lesion response'),
  NewLesionsProgression: code('NEWLPROG', L, 'New lesions count as progression'),
  TargetLesionNotEvaluable: code('TRGNE', L, 'Target Lesion Not Evaluable'),
  NonTargetLesionNotEvaluable: code('NTRGNE', L, 'Non-Target Lesion Not Evaluable'),
  NoNonTargetLesions: code('NTRGNONE', L, 'No non-target lesions'),
  NotEvaluableResponse: code('RESPNE', L, 'Not Evaluable'),
  TargetLesionSum: code('TRGSUM', L, 'Target lesion sum'),
  ChangeFromBaseline: code('CHGBL', L, 'Change of target sum from baseline'),
  ChangeFromNadir: code('CHGNADIR', L, 'Change of target sum from nadir'),
  DateOfProgression: code('PROGDATE', L, 'Date of progression'),
  // Charter options and case description
  ReportProfile: code('PROFILE', L, 'Report profile'),
  CaseCriteria: code('CASECRIT', L, 'Primary response criteria of the read'),
  RequireConfirmation: code('REQCONF', L, 'Response confirmation required'),
  ConfirmationMinimumInterval: code('CONFMIN', L, 'Minimum interval to confirming scan'),
  MinimumStableDiseaseDuration: code('SDMIN', L, 'Minimum stable disease duration'),
  AbsoluteIncreaseFloor: code('ABSINC', L, 'Minimum absolute increase for progression'),
  // Contrast phase of the series a measurement was made on: values of Contrast Phase (109058, DCM), which
  // PS3.16 defines as a concept name only. Phases as in core/phase/ContrastPhase.ts (ACR LI-RADS v2018 technique).
  PhaseNonContrast: code('PHNONCON', L, 'Non-contrast phase'),
  PhaseArterial: code('PHART', L, 'Arterial phase'),
  PhasePortalVenous: code('PHPORTAL', L, 'Portal venous phase'),
  PhaseDelayed: code('PHDELAY', L, 'Delayed phase'),
  PhaseHepatobiliary: code('PHHBP', L, 'Hepatobiliary phase'),
  PhaseUnknown: code('PHUNKN', L, 'Contrast phase unknown'),
  PhaseConfirmedReason: code('PHASEOK', L, 'Reason for keeping a viable value off the arterial phase'),
  // LI-RADS CT/MRI Treatment Response (ACR CT/MRI LI-RADS v2018 categories, v2024 tracks), one container per
  // treated lesion and post-treatment timepoint under Qualitative Evaluations
  LiradsTrAssessment: code('LRTR', L, 'LI-RADS CT/MRI Treatment Response'),
  LiradsTrCategory: code('LRTRCAT', L, 'LI-RADS Treatment Response category'),
  LrTrNonevaluable: code('LRTRNE', L, 'LR-TR Nonevaluable'),
  LrTrNonviable: code('LRTRNV', L, 'LR-TR Nonviable'),
  LrTrEquivocal: code('LRTREQ', L, 'LR-TR Equivocal'),
  LrTrViable: code('LRTRV', L, 'LR-TR Viable'),
  LrTrNonprogressing: code('LRTRNP', L, 'LR-TR Nonprogressing'),
  LiradsTrTrack: code('LRTRTRK', L, 'LI-RADS Treatment Response track'),
  NonRadiationTrack: code('TRKNONRAD', L, 'Non-radiation treatment track'),
  RadiationTrack: code('TRKRAD', L, 'Radiation treatment track'),
  TrEvaluable: code('TREVAL', L, 'Treatment response evaluable'),
  MassLikeTissue: code('MASSLIKE', L, 'Nodular, mass-like or thick irregular tissue'),
  ArterialPhaseHyperenhancement: code('APHE', L, 'Arterial phase hyperenhancement'),
  WashoutAppearance: code('WASHOUT', L, 'Washout appearance'),
  EnhancementLikePretreatment: code('ENHPRE', L, 'Enhancement similar to pretreatment'),
  EnhancementAnyPhase: code('ENHANY', L, 'Enhancement in any phase'),
  AtypicalEnhancement: code('ENHATYP', L, 'Enhancement atypical for the treatment-specific pattern'),
  NewOrGrowing: code('NEWGROW', L, 'Mass-like enhancement new or growing'),
  PriorPostTreatmentStudy: code('PRIORPT', L, 'Prior post-treatment study available'),
  NodularEnhancementThickness: code('NODTHICK', L, 'Thickness of nodular enhancement'),
  DiffusionRestriction: code('DWIRESTR', L, 'Diffusion restriction'),
  T2Hyperintensity: code('T2HYPER', L, 'T2 hyperintensity'),
});

/** Text of the Report profile item: marks a report as written by this codec, so it is read strictly. */
export const REPORT_PROFILE_V1 = 'ohif-mrecist case file v1';

/**
 * SNOMED codes were published under SRT until 2020 (PS3.16 Annex O); old reports still carry them.
 * Map the few SRT values we compare to their SCT equivalents here and nowhere else.
 */
const SRT_TO_SCT: Readonly<Record<string, string>> = deepFreeze({
  'G-C0E3': '363698007', // Finding Site
  'G-A185': '103339001', // Long Axis
  'G-A186': '103340004', // Short Axis
  'T-62000': '10200004', // Liver
  'R-0038D': '373066001', // Yes
  'R-00339': '373067005', // No
});

function normalise(c: Code): { scheme: string; value: string } {
  if (c.scheme === 'SRT') {
    const sct = SRT_TO_SCT[c.value];
    if (sct) return { scheme: 'SCT', value: sct };
  }
  return { scheme: c.scheme, value: c.value };
}

/** Scheme + value decide identity; CodeMeaning is display text only. */
export function sameCode(a: Code, b: Code): boolean {
  const x = normalise(a);
  const y = normalise(b);
  return x.scheme === y.scheme && x.value === y.value;
}

export function formatCode(c: Code): string {
  return `${c.meaning} (${c.value}, ${c.scheme})`;
}
