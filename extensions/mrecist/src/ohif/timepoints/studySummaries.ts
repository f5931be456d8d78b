/**
 * Builds StudySummary values from what the OHIF host holds: display sets (panel) or metadata-store studies
 * (hanging-protocol matching). Study-level attributes are read from the first instance that carries them,
 * because the host's study objects do not always copy StudyDate/PatientID up from the instances.
 */
import type { HostDisplaySet, HostInstance, HostStudy } from '../hostServices';
import type { StudySummary } from '../../core/read/studyOrder';

/** PN values come naturalized as [{ Alphabetic: "Doe^Jane" }] or as plain strings, depending on the source. */
export function personNameText(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as { Alphabetic?: unknown }).Alphabetic === 'string') {
    return (first as { Alphabetic: string }).Alphabetic;
  }
  return '';
}

/**
 * A PN value for people: "Family, Given Middle" from "Family^Given^Middle^Prefix^Suffix" (PS3.5 §6.2 PN),
 * with prefix and suffix around it when present. Empty components are skipped, never shown as "^".
 */
export function formatPersonName(pn: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = pn.split('^').map((c) => c.trim());
  const givenNames = [prefix, given, middle].filter(Boolean).join(' ');
  const name = [family, givenNames].filter(Boolean).join(', ');
  return [name, suffix].filter(Boolean).join(' ');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function firstInstance(displaySet: HostDisplaySet): HostInstance | undefined {
  return displaySet.instances?.[0] ?? displaySet.instance;
}

/** One summary per study, from the display sets the host has made (all series of all loaded studies). */
export function studySummariesFromDisplaySets(displaySets: readonly HostDisplaySet[]): StudySummary[] {
  const byStudy = new Map<string, HostDisplaySet[]>();
  for (const displaySet of displaySets) {
    const list = byStudy.get(displaySet.StudyInstanceUID) ?? [];
    list.push(displaySet);
    byStudy.set(displaySet.StudyInstanceUID, list);
  }
  return [...byStudy.entries()].map(([studyInstanceUid, sets]) => {
    const instances = sets.map(firstInstance).filter((i): i is HostInstance => i !== undefined);
    const pick = (key: string): string | undefined => instances.map((i) => text(i[key])).find((v) => v !== undefined);
    const modalities = [...new Set(sets.map((s) => text(s.Modality) ?? text(firstInstance(s)?.Modality)).filter((m): m is string => !!m))];
    return {
      studyInstanceUid,
      patientId: pick('PatientID') ?? '',
      patientName: personNameText(instances.map((i) => i.PatientName).find((n) => personNameText(n) !== '')),
      studyDate: pick('StudyDate'),
      studyTime: pick('StudyTime'),
      studyDescription: pick('StudyDescription') ?? '',
      modalities: modalities.sort(),
      seriesCount: new Set(sets.map((s) => s.SeriesInstanceUID)).size,
    };
  });
}

/** Study-level attribute of a metadata-store study, falling back to its instances. */
function studyAttribute(study: HostStudy, key: string): string | undefined {
  const own = text(study[key]);
  if (own) return own;
  for (const series of study.series ?? []) {
    const fromSeries = text(series[key]);
    if (fromSeries) return fromSeries;
    const fromInstance = text(series.instances?.[0]?.[key]);
    if (fromInstance) return fromInstance;
  }
  return undefined;
}

function hostStudyModalities(study: HostStudy): string[] {
  const fromSeries = (study.series ?? []).map((series) => text(series.Modality) ?? text(series.instances?.[0]?.Modality));
  const listed = Array.isArray(study.ModalitiesInStudy) ? study.ModalitiesInStudy.map(text) : [];
  return [...new Set([...fromSeries, ...listed].filter((m): m is string => !!m))].sort();
}

export function studySummaryFromHostStudy(study: HostStudy): StudySummary {
  return {
    studyInstanceUid: study.StudyInstanceUID,
    patientId: studyAttribute(study, 'PatientID') ?? '',
    patientName: '',
    studyDate: studyAttribute(study, 'StudyDate'),
    studyTime: studyAttribute(study, 'StudyTime'),
    studyDescription: studyAttribute(study, 'StudyDescription') ?? '',
    modalities: hostStudyModalities(study),
    seriesCount: study.series?.length ?? 0,
  };
}
