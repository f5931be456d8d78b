/**
 * The contrast phase of every CT/MR series the viewer has loaded, from the classifier in core/phase applied to
 * the host's display sets. Metadata first (contrast timing, agent phase, acquisition order, texts, as for the
 * hanging protocol); a CT series whose metadata does not decide (core needsImageEvidence) is also measured on its
 * images (PhaseImageEvidence: aorta and portal vein, off the UI thread), and is classified again with that
 * evidence once it arrives. Each study is classified as a whole (acquisition order needs all its series) and
 * kept until its series or their image evidence change; listeners hear of new evidence.
 * Used by the viewport labels, the phase switcher and the annotation binding (the phase a line is drawn on).
 */
import type { PhaseResult } from '../../core/phase/ContrastPhase';
import { classifyStudyPhases, needsImageEvidence } from '../../core/phase/classifySeriesPhase';
import type { ClassifiedSeries } from '../../core/phase/seriesByPhase';
import { seriesPhaseInput, type NaturalInstance, type SeriesPhaseInput } from '../../core/phase/SeriesPhaseInput';
import type { DisplaySetService, HostDisplaySet } from '../hostServices';
import type { ImageEvidence } from './PhaseImageEvidence';

export interface ClassifiedDisplaySet extends ClassifiedSeries {
  readonly displaySetInstanceUID: string;
  readonly studyInstanceUid: string;
  readonly modality?: string;
  readonly imageCount: number;
  /** Its metadata does not decide its phase: image evidence is wanted (CT only). */
  readonly wantsImageEvidence: boolean;
  /** It wants image evidence that has not arrived yet: its phase may still change. */
  readonly imageEvidencePending: boolean;
}

/** The image evidence known for a series, by Series Instance UID. */
export type EvidenceOf = (seriesInstanceUid: string) => ImageEvidence | undefined;

/** The classifier's input with the series' image evidence (or why there is none) added. */
function withImageEvidence(input: SeriesPhaseInput, evidence: ImageEvidence | undefined): SeriesPhaseInput {
  if (!evidence) return input;
  if (evidence.state === 'pending') return { ...input, vesselsUnavailable: 'aorta and portal vein being measured…' };
  return evidence.measurement.ok ? { ...input, vessels: evidence.measurement.value } : { ...input, vesselsUnavailable: evidence.measurement.reason };
}

const READABLE_MODALITIES = new Set(['CT', 'MR']);

function modalityOf(ds: HostDisplaySet): string | undefined {
  const m = ds.Modality ?? ds.instances?.[0]?.Modality ?? ds.instance?.Modality;
  return typeof m === 'string' ? m : undefined;
}

function isReadableImageSeries(ds: HostDisplaySet): boolean {
  return !ds.unsupported && READABLE_MODALITIES.has(modalityOf(ds) ?? '') && (ds.instances?.length ?? 0) > 0;
}

function seriesNumberOf(ds: HostDisplaySet): number | undefined {
  const n = Number(ds.SeriesNumber ?? ds.instances?.[0]?.SeriesNumber);
  return Number.isFinite(n) && String(ds.SeriesNumber ?? ds.instances?.[0]?.SeriesNumber ?? '') !== '' ? n : undefined;
}

/** Classifies one study's readable series (all of them together). Never throws (the classifier never does). */
export function classifyDisplaySets(displaySets: readonly HostDisplaySet[], evidenceOf?: EvidenceOf): ClassifiedDisplaySet[] {
  const series = displaySets.filter(isReadableImageSeries);
  const inputs = series.map((ds) => seriesPhaseInput((ds.instances ?? []) as readonly NaturalInstance[]));
  const wanted = inputs.map(needsImageEvidence);
  const results = classifyStudyPhases(inputs.map((input, i) => (wanted[i] && evidenceOf ? withImageEvidence(input, evidenceOf(series[i].SeriesInstanceUID)) : input)));
  return series.map((ds, i) => {
    const description = ds.SeriesDescription ?? ds.instances?.[0]?.SeriesDescription;
    const number = seriesNumberOf(ds);
    return {
      displaySetInstanceUID: ds.displaySetInstanceUID,
      studyInstanceUid: ds.StudyInstanceUID,
      seriesInstanceUid: ds.SeriesInstanceUID,
      ...(number !== undefined ? { seriesNumber: number } : {}),
      ...(typeof description === 'string' && description.trim() ? { seriesDescription: description.trim() } : {}),
      ...(modalityOf(ds) ? { modality: modalityOf(ds) } : {}),
      imageCount: ds.instances?.length ?? 0,
      wantsImageEvidence: wanted[i],
      imageEvidencePending: wanted[i] && !!evidenceOf && evidenceOf(ds.SeriesInstanceUID)?.state !== 'done',
      result: results[i],
    };
  });
}

/** What the book asks of the image evidence (PhaseImageEvidence). */
export interface ImageEvidenceSource {
  readonly version: number;
  of: EvidenceOf;
  request(displaySet: HostDisplaySet): void;
  subscribe(listener: () => void): () => void;
}

export class SeriesPhaseBook {
  private readonly studies = new Map<string, { key: string; series: ClassifiedDisplaySet[] }>();

  /** Without `evidence`, metadata only (no pixels are loaded). */
  constructor(
    private readonly displaySetService: Pick<DisplaySetService, 'getActiveDisplaySets'>,
    private readonly evidence?: ImageEvidenceSource,
  ) {}

  /** Changes whenever image evidence arrives (a snapshot for React's useSyncExternalStore). */
  get evidenceVersion(): number {
    return this.evidence?.version ?? 0;
  }

  /** Tells the listener when image evidence changed some series' phase input. */
  subscribe(listener: () => void): () => void {
    return this.evidence?.subscribe(listener) ?? (() => undefined);
  }

  /**
   * The study's readable series with their phases (classified again when its series, image counts or image
   * evidence changed). Asks for the image evidence of every series that wants it.
   */
  forStudy(studyInstanceUid: string): readonly ClassifiedDisplaySet[] {
    const displaySets = this.displaySetService.getActiveDisplaySets().filter((ds) => ds.StudyInstanceUID === studyInstanceUid);
    const key = `${this.evidence?.version ?? 0}|${displaySets.map((ds) => `${ds.displaySetInstanceUID}:${ds.instances?.length ?? 0}`).join('|')}`;
    const cached = this.studies.get(studyInstanceUid);
    if (cached && cached.key === key) return cached.series;
    const evidence = this.evidence;
    const classify = () => classifyDisplaySets(displaySets, evidence && ((uid) => evidence.of(uid)));
    let series = classify();
    const unasked = evidence ? series.filter((s) => s.wantsImageEvidence && !evidence.of(s.seriesInstanceUid)) : [];
    for (const s of unasked) evidence!.request(displaySets.find((d) => d.displaySetInstanceUID === s.displaySetInstanceUID)!);
    // Asked now: classified again, so the evidence says it is being measured.
    if (unasked.length) series = classify();
    this.studies.set(studyInstanceUid, { key, series });
    return series;
  }

  /** The phase of one series of a study, or undefined when the viewer has no readable series with that UID. */
  phaseOf(studyInstanceUid: string, seriesInstanceUid: string): PhaseResult | undefined {
    return this.forStudy(studyInstanceUid).find((s) => s.seriesInstanceUid === seriesInstanceUid)?.result;
  }

  /** The classified series shown by a display set, if it is a readable one. */
  ofDisplaySet(displaySet: HostDisplaySet): ClassifiedDisplaySet | undefined {
    return this.forStudy(displaySet.StudyInstanceUID).find((s) => s.displaySetInstanceUID === displaySet.displaySetInstanceUID);
  }
}

/**
 * The series to read a study on: its arterial series found by the classifier, late arterial first (LI-RADS
 * v2018 prefers late arterial for HCC), then by series number; undefined when none is arterial.
 */
export function arterialDisplaySet<D extends HostDisplaySet>(studyDisplaySets: readonly D[]): D | undefined {
  const best = bestArterial(classifyDisplaySets(studyDisplaySets));
  return best ? studyDisplaySets.find((ds) => ds.displaySetInstanceUID === best.displaySetInstanceUID) : undefined;
}

/** The arterial series to read on among classified ones (late arterial first, then by series number). */
export function bestArterial(classified: readonly ClassifiedDisplaySet[]): ClassifiedDisplaySet | undefined {
  const rank = (s: ClassifiedDisplaySet) => (s.result.subphase === 'late' ? 0 : s.result.subphase === undefined ? 1 : 2);
  return classified.filter((s) => s.result.phase === 'arterial').sort((a, b) => rank(a) - rank(b) || (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity))[0];
}
