/**
 * What the classifier reads about one series, as plain data: built from naturalized DICOM instances (dcmjs
 * keywords, as the CLI decodes them and as OHIF's metadata store holds them). DICOM text is untrusted: every
 * reader here tolerates missing, empty, numeric or array values and never throws.
 */
import { dicomTimeSeconds } from './phaseFromTiming';
import type { VesselAttenuation } from './vesselAttenuation';

export interface SeriesPhaseInput {
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  readonly seriesNumber?: number;
  readonly modality?: string;
  readonly seriesDescription?: string;
  readonly protocolName?: string;
  readonly imageComments?: string;
  readonly imageType?: readonly string[];
  readonly contrastBolusAgent?: string;
  readonly contrastBolusIngredient?: string;
  /** (0018,9344) Contrast/Bolus Agent Phase of enhanced objects, e.g. ARTERIAL, PORTAL_VENOUS. */
  readonly contrastBolusAgentPhase?: string;
  /** Seconds after midnight. */
  readonly contrastBolusStartTimeS?: number;
  /** Earliest acquisition time of the series (else content time, else series time), seconds after midnight. */
  readonly acquisitionTimeS?: number;
  readonly acquisitionTimeSource?: 'AcquisitionTime' | 'ContentTime' | 'SeriesTime';
  /** Distinct Temporal Position Identifier (0020,0100) values in the series. */
  readonly temporalPositions?: number;
  readonly temporalPositionIdentifier?: number;
  readonly numberOfImages?: number;
  /** CT image evidence, when measured. */
  readonly vessels?: VesselAttenuation;
  /** Why image evidence is missing, when it was tried. */
  readonly vesselsUnavailable?: string;
}

export type NaturalInstance = Readonly<Record<string, unknown>>;

function first(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v[0] : undefined;
  return v;
}

export function textOf(instance: NaturalInstance, keyword: string): string | undefined {
  const v = first(instance[keyword]);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') {
    const alphabetic = (v as { Alphabetic?: unknown }).Alphabetic;
    return typeof alphabetic === 'string' ? alphabetic.trim() || undefined : undefined;
  }
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

export function numberOf(instance: NaturalInstance, keyword: string): number | undefined {
  const s = textOf(instance, keyword);
  if (s === undefined) return undefined;
  const n = Number(s.split('\\')[0]);
  return Number.isFinite(n) ? n : undefined;
}

function textsOf(instance: NaturalInstance, keyword: string): string[] {
  const v = instance[keyword];
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.flatMap((x) => (typeof x === 'string' ? x.split('\\') : typeof x === 'number' ? [String(x)] : [])).map((s) => s.trim()).filter(Boolean);
}

/** Contrast/Bolus Agent Phase sits in Contrast/Bolus Agent Sequence (0018,0012) items, or top-level. */
function agentPhase(instance: NaturalInstance): string | undefined {
  const direct = textOf(instance, 'ContrastBolusAgentPhase');
  if (direct) return direct;
  const seq = instance.ContrastBolusAgentSequence;
  const items = Array.isArray(seq) ? seq : seq && typeof seq === 'object' ? [seq] : [];
  for (const item of items) {
    if (item && typeof item === 'object') {
      const p = textOf(item as NaturalInstance, 'ContrastBolusAgentPhase');
      if (p) return p;
    }
  }
  return undefined;
}

/** One series' input from its instances (any order; at least one). */
export function seriesPhaseInput(instances: readonly NaturalInstance[]): SeriesPhaseInput {
  const i0: NaturalInstance = instances[0] ?? {};
  const earliest = (keyword: string) => {
    let best: number | undefined;
    for (const inst of instances) {
      const t = dicomTimeSeconds(textOf(inst, keyword));
      if (t !== undefined && (best === undefined || t < best)) best = t;
    }
    return best;
  };
  let acquisitionTimeS: number | undefined;
  let acquisitionTimeSource: SeriesPhaseInput['acquisitionTimeSource'];
  for (const keyword of ['AcquisitionTime', 'ContentTime', 'SeriesTime'] as const) {
    acquisitionTimeS = earliest(keyword);
    if (acquisitionTimeS !== undefined) {
      acquisitionTimeSource = keyword;
      break;
    }
  }
  const positions = new Set(instances.map((inst) => numberOf(inst, 'TemporalPositionIdentifier')).filter((n) => n !== undefined));
  const fields: Record<string, unknown> = {
    studyInstanceUid: textOf(i0, 'StudyInstanceUID'),
    seriesInstanceUid: textOf(i0, 'SeriesInstanceUID'),
    seriesNumber: numberOf(i0, 'SeriesNumber'),
    modality: textOf(i0, 'Modality'),
    seriesDescription: textOf(i0, 'SeriesDescription'),
    protocolName: textOf(i0, 'ProtocolName'),
    imageComments: textOf(i0, 'ImageComments'),
    imageType: textsOf(i0, 'ImageType'),
    contrastBolusAgent: textOf(i0, 'ContrastBolusAgent'),
    contrastBolusIngredient: textOf(i0, 'ContrastBolusIngredient'),
    contrastBolusAgentPhase: agentPhase(i0),
    contrastBolusStartTimeS: dicomTimeSeconds(textOf(i0, 'ContrastBolusStartTime')),
    acquisitionTimeS,
    acquisitionTimeSource,
    temporalPositions: positions.size || undefined,
    temporalPositionIdentifier: positions.size === 1 ? [...positions][0] : undefined,
    numberOfImages: instances.length,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as SeriesPhaseInput;
}
