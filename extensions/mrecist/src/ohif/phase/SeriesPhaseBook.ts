/**
 * The contrast phase of every CT/MR series the viewer has loaded, from the classifier in core/phase applied to
 * the host's display sets (metadata only: no pixels are fetched for it, so image evidence is not used here and
 * the contrast timing, acquisition order and texts decide, as for the hanging protocol). Each study is
 * classified as a whole (acquisition order needs all its series) and kept until its series change.
 * Used by the viewport labels, the phase switcher and the annotation binding (the phase a line is drawn on).
 */
import type { PhaseResult } from '../../core/phase/ContrastPhase';
import { classifyStudyPhases } from '../../core/phase/classifySeriesPhase';
import type { ClassifiedSeries } from '../../core/phase/seriesByPhase';
import { seriesPhaseInput, type NaturalInstance } from '../../core/phase/SeriesPhaseInput';
import type { DisplaySetService, HostDisplaySet } from '../hostServices';

export interface ClassifiedDisplaySet extends ClassifiedSeries {
  readonly displaySetInstanceUID: string;
  readonly studyInstanceUid: string;
  readonly modality?: string;
  readonly imageCount: number;
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
export function classifyDisplaySets(displaySets: readonly HostDisplaySet[]): ClassifiedDisplaySet[] {
  const series = displaySets.filter(isReadableImageSeries);
  const results = classifyStudyPhases(series.map((ds) => seriesPhaseInput((ds.instances ?? []) as readonly NaturalInstance[])));
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
      result: results[i],
    };
  });
}

export class SeriesPhaseBook {
  private readonly studies = new Map<string, { key: string; series: ClassifiedDisplaySet[] }>();

  constructor(private readonly displaySetService: Pick<DisplaySetService, 'getActiveDisplaySets'>) {}

  /** The study's readable series with their phases (classified again when its series or image counts changed). */
  forStudy(studyInstanceUid: string): readonly ClassifiedDisplaySet[] {
    const displaySets = this.displaySetService.getActiveDisplaySets().filter((ds) => ds.StudyInstanceUID === studyInstanceUid);
    const key = displaySets.map((ds) => `${ds.displaySetInstanceUID}:${ds.instances?.length ?? 0}`).join('|');
    const cached = this.studies.get(studyInstanceUid);
    if (cached && cached.key === key) return cached.series;
    const series = classifyDisplaySets(displaySets);
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
  const arterial = classifyDisplaySets(studyDisplaySets).filter((s) => s.result.phase === 'arterial');
  const rank = (s: ClassifiedDisplaySet) => (s.result.subphase === 'late' ? 0 : s.result.subphase === undefined ? 1 : 2);
  const best = [...arterial].sort((a, b) => rank(a) - rank(b) || (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity))[0];
  return best ? studyDisplaySets.find((ds) => ds.displaySetInstanceUID === best.displaySetInstanceUID) : undefined;
}
