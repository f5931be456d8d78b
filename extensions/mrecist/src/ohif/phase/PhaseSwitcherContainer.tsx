/**
 * Glue of the phase switcher: the active timepoint (the one the reader opened or clicked, else the one on the
 * right), its study's series classified by the session's SeriesPhaseBook and grouped by phase, and the switch
 * itself (switchSeries: same position, same window) in the viewport showing that timepoint.
 */
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { errorText } from '../../core/errorText';
import { groupSeriesByPhase, seriesPhaseLine } from '../../core/phase/seriesByPhase';
import type { HostServices } from '../hostServices';
import { VIEWPORT_ID } from '../ids';
import type { ReadStore } from '../read/ReadStore';
import type { MrecistSession } from '../session/MrecistSession';
import { useHostEvents } from '../useHostEvents';
import { PhaseSwitcher, type PhaseSwitcherGroup } from '../../ui/PhaseSwitcher';
import { useReadState } from '../../ui/useReadState';
import { showSeriesKeepingPlace, type SwitchServices } from './switchSeries';

/** Viewport id → study and display set shown, as a value React can compare. */
function shownInViewports(services: HostServices): ReadonlyArray<{ viewportId: string; studyInstanceUid: string; displaySetInstanceUID: string }> {
  try {
    return [...services.viewportGridService.getState().viewports.values()].flatMap((v) => {
      const uid = v.displaySetInstanceUIDs?.[0];
      const ds = uid ? services.displaySetService.getDisplaySetByUID(uid) : undefined;
      return ds ? [{ viewportId: v.viewportId, studyInstanceUid: ds.StudyInstanceUID, displaySetInstanceUID: uid as string }] : [];
    });
  } catch {
    // No grid state yet right after the viewer opens.
    return [];
  }
}

const VIEWPORT_NAME: Readonly<Record<string, string>> = { [VIEWPORT_ID.baseline]: 'left viewport', [VIEWPORT_ID.current]: 'right viewport' };

export function PhaseSwitcherContainer({ session, store, services }: { session: MrecistSession; store: ReadStore; services: HostServices }) {
  const { read, activeTimepointId } = useReadState(store);
  // Re-read on every host event; the display set count makes newly arrived series show up.
  const hostKey = useHostEvents([services.displaySetService, services.viewportGridService], () =>
    JSON.stringify([shownInViewports(services), services.displaySetService.getActiveDisplaySets().map((d) => `${d.displaySetInstanceUID}:${d.instances?.length ?? 0}`)]),
  );
  const shown = useMemo(() => (JSON.parse(hostKey) as [ReturnType<typeof shownInViewports>])[0], [hostKey]);
  // Image evidence arriving may change a series' phase.
  const evidenceVersion = useSyncExternalStore(
    (listener) => session.phases.subscribe(listener),
    () => session.phases.evidenceVersion,
  );
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const rightStudy = shown.find((v) => v.viewportId === VIEWPORT_ID.current)?.studyInstanceUid;
  const timepoint = read.timepoints.find((t) => t.id === activeTimepointId) ?? read.timepoints.find((t) => t.studyInstanceUid === rightStudy);
  const studyUid = timepoint?.studyInstanceUid ?? '';
  // The timepoint's own viewport; the right one when it is not shown (the switch then opens it there).
  const viewport = shown.find((v) => v.viewportId === VIEWPORT_ID.current && v.studyInstanceUid === studyUid) ?? shown.find((v) => v.studyInstanceUid === studyUid);
  const viewportId = viewport?.viewportId ?? VIEWPORT_ID.current;

  const groups: PhaseSwitcherGroup[] = useMemo(() => {
    if (!studyUid) return [];
    return groupSeriesByPhase(session.phases.forStudy(studyUid)).map((g) => ({
      phase: g.phase,
      label: g.label,
      series: g.series.map((x) => ({
        displaySetInstanceUID: x.displaySetInstanceUID,
        seriesInstanceUid: x.seriesInstanceUid,
        line: seriesPhaseLine(x),
        evidence: x.result.evidence.join('\n'),
        shown: shown.some((v) => v.viewportId === viewportId && v.displaySetInstanceUID === x.displaySetInstanceUID),
      })),
    }));
    // hostKey: the study's series or the viewports changed.
  }, [session, studyUid, shown, viewportId, hostKey, evidenceVersion]);

  const choose = useCallback(
    (displaySetInstanceUID: string) => {
      const chosen = groups.flatMap((g) => g.series).find((x) => x.displaySetInstanceUID === displaySetInstanceUID);
      setBusy(true);
      setStatus(null);
      showSeriesKeepingPlace(services as unknown as SwitchServices, viewportId, displaySetInstanceUID)
        .then((r) => {
          const where = VIEWPORT_NAME[viewportId] ?? viewportId;
          const position = r.index !== null ? `slice ${r.index + 1}, ${(r.distanceMm ?? 0).toFixed(1)} mm from the previous position` : 'position not kept';
          setStatus(`${chosen?.line ?? 'Series'} in the ${where}: ${position}; ${r.windowKept ? 'same window' : 'window not kept'}${r.problem ? ` (${r.problem})` : ''}.`);
        })
        .catch((error) => setStatus(`Could not switch the series: ${errorText(error)}`))
        .finally(() => setBusy(false));
    },
    [groups, services, viewportId],
  );

  return (
    <PhaseSwitcher
      timepointLabel={timepoint ? `${timepoint.id} (${timepoint.date})` : null}
      timepointId={timepoint?.id}
      viewportLabel={VIEWPORT_NAME[viewportId] ?? viewportId}
      groups={groups}
      busy={busy}
      status={status}
      onChoose={choose}
    />
  );
}
