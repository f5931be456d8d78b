/**
 * What the reading panel's timeline needs from the host's services: which studies are open (display sets), in
 * which order (timepointsByPatient), and which viewport shows which study (viewport grid).
 */
import type { HostServices } from './hostServices';
import { timepointsByPatient, type Timepoint } from '../core/read/studyOrder';
import { imagingStudies } from './timepoints/imagingStudies';
import { studySummariesFromDisplaySets } from './timepoints/studySummaries';
import type { ViewportPlacement } from '../ui/ReadTimeline';

export interface TimepointPanelState {
  readonly patients: ReadonlyArray<{ readonly patientId: string; readonly timepoints: readonly Timepoint[] }>;
  /** StudyInstanceUID -> viewports (in reading order) showing one of its series. */
  readonly placements: ReadonlyMap<string, readonly ViewportPlacement[]>;
}

export function readTimepointPanelState(services: Pick<HostServices, 'displaySetService' | 'viewportGridService'>): TimepointPanelState {
  const displaySets = services.displaySetService.getActiveDisplaySets().filter((ds) => !ds.unsupported);
  const patients = [...timepointsByPatient(imagingStudies(studySummariesFromDisplaySets(displaySets))).entries()].map(([patientId, timepoints]) => ({ patientId, timepoints }));
  const viewports = [...services.viewportGridService.getState().viewports.values()].sort((a, b) => (a.y ?? 0) - (b.y ?? 0) || (a.x ?? 0) - (b.x ?? 0));
  const placements = new Map<string, ViewportPlacement[]>();
  viewports.forEach((viewport, index) => {
    for (const uid of viewport.displaySetInstanceUIDs ?? []) {
      const studyUid = services.displaySetService.getDisplaySetByUID(uid)?.StudyInstanceUID;
      if (!studyUid) continue;
      const list = placements.get(studyUid) ?? [];
      if (!list.some((p) => p.viewportId === viewport.viewportId)) list.push({ viewportId: viewport.viewportId, position: index + 1, count: viewports.length });
      placements.set(studyUid, list);
    }
  });
  return { patients, placements };
}
