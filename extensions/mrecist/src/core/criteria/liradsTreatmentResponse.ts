/**
 * LI-RADS CT/MRI Treatment Response (LR-TR), a per-lesion, per-timepoint category from the reader's features.
 *
 * v2018 (ACR CT/MRI LI-RADS v2018 core, Treatment Response Algorithm): LR-TR Nonevaluable (cannot be assessed:
 * image degradation or omission), Nonviable (no lesional enhancement, or the treatment-specific expected pattern),
 * Equivocal (enhancement atypical for treatment-specific pattern and not meeting Viable), Viable (nodular,
 * mass-like or thick irregular tissue in or along the treated lesion with arterial phase hyperenhancement, or
 * washout appearance, or enhancement similar to pretreatment). When between two categories, choose the one
 * reflecting lower certainty; not for systemic therapy.
 *
 * v2024 (Radiology 2024;313(2):e232408; known here from a secondary summary and NOT yet verified against the ACR
 * 2024 core): two tracks. Non-radiation (ablation, TACE): mass-like enhancement in any phase is Viable; MRI
 * diffusion restriction or T2 hyperintensity may lead the reader to upgrade Equivocal. Radiation (TARE, SBRT):
 * new or growing mass-like enhancement is Viable; stable or shrinking mass-like enhancement is Nonprogressing,
 * which needs a prior post-treatment study (pseudoprogression after radiation). The summary names TARE and SBRT
 * only; I-125 seeds are radiation, so seed lesions default to the radiation track and the reader may switch.
 *
 * The rules are a table (LR_TR_RULES), tried in order; the first that applies gives the category and the
 * trail line. Thickness of nodular enhancement is recorded and reported (it is the viable size to measure);
 * no published threshold turns a thickness into "thick", so the reader's mass-like call decides.
 */
import type { CaseFile, Lesion, LesionTreatment } from './types';

export const LR_TR_CATEGORIES = ['LR-TR Nonevaluable', 'LR-TR Nonviable', 'LR-TR Equivocal', 'LR-TR Viable', 'LR-TR Nonprogressing'] as const;
export type LrTrCategory = (typeof LR_TR_CATEGORIES)[number];

export type LrTrTrack = 'nonRadiation' | 'radiation';
export const LR_TR_TRACKS: readonly LrTrTrack[] = ['nonRadiation', 'radiation'];

/** The reader's observations of one treated lesion at one post-treatment timepoint (case file, optional). */
export interface LiradsTrFeatures {
  /** False: cannot be assessed (image degradation or omission). Default true. */
  evaluable?: boolean;
  /** Overrides the track implied by the lesion's treatment. */
  track?: LrTrTrack;
  /** Nodular, mass-like or thick irregular tissue in or along the treated lesion. */
  massLike?: boolean;
  arterialPhaseHyperenhancement?: boolean;
  washout?: boolean;
  enhancementLikePretreatment?: boolean;
  /** Enhancement in any phase (v2024 non-radiation track: mass-like enhancement in any phase). */
  enhancementAnyPhase?: boolean;
  /** Enhancement atypical for the treatment-specific expected pattern, short of Viable. */
  atypicalEnhancement?: boolean;
  /** Radiation track: mass-like enhancement new or larger than on the prior post-treatment study. */
  newOrGrowing?: boolean;
  /** Radiation track: a prior post-treatment study exists to compare with. */
  priorPostTreatmentStudy?: boolean;
  /** Thickness of the nodular enhancement, mm (the viable size). */
  nodularThicknessMm?: number;
  /** MRI ancillary features the v2024 summary lets upgrade Equivocal. */
  diffusionRestriction?: boolean;
  t2Hyperintensity?: boolean;
  /** The reader's note (why nonevaluable, why this track). */
  note?: string;
}

/** Track implied by the treatment: radiation for seeds, TARE and SBRT; non-radiation otherwise. */
export function defaultTrack(treatment: LesionTreatment | undefined): LrTrTrack {
  return treatment === 'seeds' || treatment === 'tare' || treatment === 'sbrt' ? 'radiation' : 'nonRadiation';
}

interface LrTrRule {
  readonly id: string;
  readonly tracks: readonly LrTrTrack[];
  readonly applies: (f: LiradsTrFeatures) => boolean;
  readonly category: LrTrCategory;
  readonly because: string;
}

const hasViableEnhancement = (f: LiradsTrFeatures) =>
  f.arterialPhaseHyperenhancement === true || f.washout === true || f.enhancementLikePretreatment === true || f.enhancementAnyPhase === true;

/** Ordered: the first rule that applies decides. */
export const LR_TR_RULES: readonly LrTrRule[] = Object.freeze([
  { id: 'nonevaluable', tracks: LR_TR_TRACKS, applies: (f) => f.evaluable === false, category: 'LR-TR Nonevaluable', because: 'cannot be assessed (image degradation or omission)' },
  {
    id: 'viable-mass-like',
    tracks: ['nonRadiation'],
    applies: (f) => f.massLike === true && hasViableEnhancement(f),
    category: 'LR-TR Viable',
    because: 'mass-like tissue with arterial phase hyperenhancement, washout, enhancement like before treatment or enhancement in any phase',
  },
  {
    id: 'viable-new-or-growing',
    tracks: ['radiation'],
    applies: (f) => f.massLike === true && hasViableEnhancement(f) && f.newOrGrowing === true,
    category: 'LR-TR Viable',
    because: 'new or growing mass-like enhancement (radiation track)',
  },
  {
    id: 'nonprogressing',
    tracks: ['radiation'],
    applies: (f) => f.massLike === true && hasViableEnhancement(f) && f.newOrGrowing === false && f.priorPostTreatmentStudy === true,
    category: 'LR-TR Nonprogressing',
    because: 'mass-like enhancement stable or shrinking against the prior post-treatment study (radiation track)',
  },
  {
    id: 'radiation-no-comparison',
    tracks: ['radiation'],
    applies: (f) => f.massLike === true && hasViableEnhancement(f),
    category: 'LR-TR Equivocal',
    because: 'mass-like enhancement after radiation without a prior post-treatment study to judge growth (pseudoprogression): the less certain category',
  },
  {
    id: 'equivocal-atypical',
    tracks: LR_TR_TRACKS,
    applies: (f) => f.atypicalEnhancement === true || (hasViableEnhancement(f) && f.massLike !== true),
    category: 'LR-TR Equivocal',
    because: 'enhancement atypical for the treatment-specific pattern, not meeting Viable',
  },
  {
    id: 'nonviable',
    tracks: LR_TR_TRACKS,
    applies: () => true,
    category: 'LR-TR Nonviable',
    because: 'no lesional enhancement, or only the pattern expected after this treatment',
  },
]);

export interface LrTrTimepoint {
  id: string;
  date: string;
  category: LrTrCategory;
  rule: string;
  trace: string[];
}

export interface LrTrLesion {
  lesionId: string;
  treatment?: LesionTreatment;
  track: LrTrTrack;
  timepoints: LrTrTimepoint[];
}

export interface LrTrAssessment {
  criteria: 'lirads-tr';
  /** The rules applied: v2018 categories with the v2024 tracks (unverified against the ACR 2024 core). */
  version: '2024';
  lesions: LrTrLesion[];
}

/** Category of one lesion at one timepoint, with the trail. */
export function classifyTreatmentResponse(features: LiradsTrFeatures, treatment?: LesionTreatment): { category: LrTrCategory; rule: string; track: LrTrTrack; trace: string[] } {
  const track = features.track ?? defaultTrack(treatment);
  const rule = LR_TR_RULES.find((r) => r.tracks.includes(track) && r.applies(features)) as LrTrRule;
  const trace = [`${track === 'radiation' ? 'radiation' : 'non-radiation'} track${features.track ? ' (set by the reader)' : treatment ? ` (${treatment})` : ''}`, `${rule.category}: ${rule.because}`];
  if (features.nodularThicknessMm !== undefined) trace.push(`nodular enhancement ${features.nodularThicknessMm} mm thick`);
  if (rule.category === 'LR-TR Equivocal' && (features.diffusionRestriction || features.t2Hyperintensity))
    trace.push(`MRI ${[features.diffusionRestriction ? 'diffusion restriction' : '', features.t2Hyperintensity ? 'T2 hyperintensity' : ''].filter(Boolean).join(' and ')}: may justify Viable (v2024, reader's call)`);
  if (features.note) trace.push(`note: ${features.note}`);
  return { category: rule.category, rule: rule.id, track, trace };
}

type WithLiradsTr = Lesion & { liradsTr?: Record<string, LiradsTrFeatures> };

/** Every lesion with LR-TR features, each recorded post-treatment timepoint in date order. */
export function assessLiradsTr(caseFile: CaseFile): LrTrAssessment {
  const timepoints = [...caseFile.timepoints].sort((a, b) => a.date.localeCompare(b.date));
  const lesions: LrTrLesion[] = [];
  for (const lesion of caseFile.lesions as WithLiradsTr[]) {
    const recorded = lesion.liradsTr;
    if (!recorded) continue;
    const out: LrTrTimepoint[] = [];
    let track: LrTrTrack = defaultTrack(lesion.treatment);
    for (const tp of timepoints) {
      const f = recorded[tp.id];
      if (!f) continue;
      const r = classifyTreatmentResponse(f, lesion.treatment);
      track = r.track;
      out.push({ id: tp.id, date: tp.date, category: r.category, rule: r.rule, trace: r.trace });
    }
    lesions.push({ lesionId: lesion.id, ...(lesion.treatment ? { treatment: lesion.treatment } : {}), track, timepoints: out });
  }
  return { criteria: 'lirads-tr', version: '2024', lesions };
}

/** Readable table for the CLI. */
export function formatLiradsTrText(patientId: string, a: LrTrAssessment): string {
  const lines = [`Patient ${patientId}: LI-RADS CT/MRI Treatment Response (v2018 categories, v2024 tracks)`];
  if (a.lesions.length === 0) lines.push('  no lesion has LI-RADS TR features recorded (lesions[].liradsTr)');
  for (const l of a.lesions) {
    lines.push(`  ${l.lesionId}${l.treatment ? ` (${l.treatment})` : ''}, ${l.track === 'radiation' ? 'radiation' : 'non-radiation'} track`);
    for (const t of l.timepoints) {
      lines.push(`    ${t.id} ${t.date}: ${t.category}`);
      for (const line of t.trace.slice(1)) lines.push(`      ${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
