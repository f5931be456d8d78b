/**
 * Glue between the host and the read: the patient's studies (display sets) become the timeline, the patient's
 * ReadStore is opened (draft restored), drawn lines are listened to, keys are bound, and the panel's actions
 * become store edits. Edits the read cannot take (ReadEditRefused) are shown to the reader, never swallowed.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseFile, NewLesionAssessment, NonTargetStatus } from '../../core/criteria/types';
import { liveResponses } from '../../core/read/liveResponses';
import type { MeasuredAxis } from '../../core/read/measurementEdits';
import type { LesionRole } from '../../core/read/lesionIds';
import { clearTimepoint, markNotEvaluable, recordMeasurement, removeLesion, setNewLesionAssessment, setNonTargetStatus, updateLesionFields } from '../../core/read/readOperations';
import { addMissingTimepoints, moveBaseline, newReadFromTimeline, ReadEditRefused } from '../../core/read/readTimepoints';
import { buildTimeline, isoDateFromDicom, type StudySummary } from '../../core/read/timeline';
import { LesionRegistry, NOT_EVALUABLE_REASONS, type LesionActions } from '../../ui/LesionRegistry';
import { ReadPanel } from '../../ui/ReadPanel';
import { ReadTimeline } from '../../ui/ReadTimeline';
import { ReportPanelSection } from '../../ui/ReportPanelSection';
import { CRITERIA_TITLE, ResponseTables } from '../../ui/ResponseTables';
import { SignOffBar } from '../../ui/SignOffBar';
import { lockDrawnAnnotations } from '../report/drawReadAnnotations';
import { getReportController } from '../report/reportService';
import { useReadState } from '../../ui/useReadState';
import { readTimepointPanelState } from '../timepointPanelState';
import type { HostServices } from '../hostServices';
import { useHostEvents } from '../useHostEvents';
import { formatPersonName } from '../timepoints/studySummaries';
import { COMMAND, VIEWPORT_ID } from '../ids';
import { startAnnotationSync } from './annotationSync';
import { implantInfo, subscribeImplantInfo } from './implantInfo';
import { neighbourLesion, nextFollowUp, readKeyAction } from './readKeyboard';
import { browserDraftStorage, getReadStore, openReadStore, type ReadStore } from './ReadStore';
import { jumpToLesion, openTimepoint } from './viewportNavigation';


export interface CommandsManagerLike {
  runCommand(name: string, options?: Record<string, unknown>, context?: string): unknown;
  getCommand?(name: string, context?: string): unknown;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'read';
}

export function ReadPanelContainer({ services, commandsManager }: { services: HostServices; commandsManager?: CommandsManagerLike }) {
  const host = useHostEvents([services.displaySetService, services.viewportGridService], () => readTimepointPanelState(services));
  const patient = host.patients[0];
  if (!patient) return <div style={{ padding: 12, color: '#a3b4c8' }}>No studies loaded yet.</div>;
  const summaries: StudySummary[] = patient.timepoints
    .map((t) => ({ studyInstanceUid: t.studyInstanceUid, studyDate: isoDateFromDicom(t.studyDate) ?? '', description: t.studyDescription, modalities: [...t.modalities] }))
    .filter((s) => s.studyDate !== '');
  if (!summaries.length) return <div style={{ padding: 12, color: '#a3b4c8' }}>The studies have no valid study date: no timeline.</div>;
  const label = `${formatPersonName(patient.timepoints.find((t) => t.patientName)?.patientName ?? '') || 'Unnamed patient'} · ID ${patient.patientId || '(none)'}${
    host.patients.length > 1 ? ` (first of ${host.patients.length} patients)` : ''
  }`;
  return <PatientRead key={patient.patientId} patientId={patient.patientId} patientLabel={label} summaries={summaries} placements={host.placements} services={services} commandsManager={commandsManager} />;
}

interface PatientReadProps {
  patientId: string;
  patientLabel: string;
  summaries: StudySummary[];
  placements: ReturnType<typeof readTimepointPanelState>['placements'];
  services: HostServices;
  commandsManager?: CommandsManagerLike;
}

function useImplant(patientId: string) {
  const [info, setInfo] = useState(() => implantInfo(patientId));
  useEffect(() => subscribeImplantInfo(() => setInfo(implantInfo(patientId))), [patientId]);
  return info;
}

function PatientRead({ patientId, patientLabel, summaries, placements, services, commandsManager }: PatientReadProps) {
  const implant = useImplant(patientId);
  const timelineFor = useCallback(
    (read?: CaseFile) =>
      buildTimeline(summaries, {
        implantDate: implant?.implantDate,
        halfLifeDays: implant?.halfLifeDays,
        baselineStudyUid: read?.timepoints.find((t) => t.baseline)?.studyInstanceUid,
      }),
    [summaries, implant],
  );
  const [store] = useState<ReadStore>(
    () => getReadStore(patientId) ?? openReadStore({ patientId, initialRead: newReadFromTimeline(patientId, timelineFor()), storage: browserDraftStorage() }),
  );
  return <ReadView store={store} patientLabel={patientLabel} timelineFor={timelineFor} placements={placements} services={services} commandsManager={commandsManager} studyCount={summaries.length} />;
}

interface ReadViewProps {
  store: ReadStore;
  patientLabel: string;
  timelineFor: (read?: CaseFile) => ReturnType<typeof buildTimeline>;
  placements: PatientReadProps['placements'];
  services: HostServices;
  commandsManager?: CommandsManagerLike;
  studyCount: number;
}

function ReadView({ store, patientLabel, timelineFor, placements, services, commandsManager, studyCount }: ReadViewProps) {
  const state = useReadState(store);
  const { read, selectedLesionId, activeTimepointId } = state;
  const [message, setMessage] = useState<string | null>(null);
  const [keyboardReason, setKeyboardReason] = useState(NOT_EVALUABLE_REASONS[0]);
  const readerChoseBaseline = useRef(false);
  const [measuredAxis, setMeasuredAxis] = useState<MeasuredAxis>('viable');
  const measuredAxisRef = useRef<MeasuredAxis>('viable');
  measuredAxisRef.current = measuredAxis;
  const timeline = useMemo(() => timelineFor(read), [timelineFor, read]);
  const responses = useMemo(() => liveResponses(read), [read]);
  const primary = responses.results[0];
  const primarySummary = primary.assessment
    ? `${CRITERIA_TITLE[primary.criteria]} best overall response ${primary.assessment.bestOverallResponse}`
    : `${CRITERIA_TITLE[primary.criteria]} not assessable yet`;

  const edit = useCallback(
    (change: (r: CaseFile) => CaseFile, label: string) => {
      try {
        store.apply(change, label);
        setMessage(null);
      } catch (error) {
        if (error instanceof ReadEditRefused) setMessage(error.message);
        else setMessage(`Edit failed: ${errorText(error)}`);
      }
    },
    [store],
  );

  // Studies arrive one by one: while nothing is entered the read follows the timeline's default baseline; after
  // that, new studies only join as follow-ups.
  useEffect(() => {
    const current = store.getState().read;
    try {
      if (!current.lesions.length && !readerChoseBaseline.current && store.getState().source === 'new') {
        const fresh = newReadFromTimeline(current.patientId, timelineFor());
        if (JSON.stringify(fresh.timepoints) !== JSON.stringify(current.timepoints)) store.apply(() => ({ ...current, timepoints: fresh.timepoints }), 'timepoints from the studies');
        return;
      }
      store.apply((r) => addMissingTimepoints(r, timelineFor(r)), 'studies joined the timeline');
    } catch (error) {
      // A signed-off read takes no new timepoint until it is amended; the timeline still shows the study.
      if (!(error instanceof ReadEditRefused)) throw error;
    }
  }, [store, timelineFor, studyCount]);

  // Lines of a signed-off read are fixed on the images; amending frees them.
  const signedOff = state.signedOff;
  useEffect(() => {
    try {
      lockDrawnAnnotations(!!signedOff);
    } catch {
      // The host's Cornerstone is not loaded yet: lines drawn later take the state from the report controller.
    }
  }, [signedOff]);

  // Drawn lines become values of the read.
  useEffect(() => {
    let stop: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tryStart = () => {
      try {
        stop = startAnnotationSync({ measuredAxis: () => measuredAxisRef.current, storeForPatient: (id) => (id === store.patientId || id === '' ? store : getReadStore(id)), notify: setMessage });
      } catch {
        timer = setTimeout(tryStart, 500); // the host's Cornerstone is not loaded yet
      }
    };
    tryStart();
    return () => {
      clearTimeout(timer);
      stop?.();
    };
  }, [store]);

  // Selecting a lesion brings each viewport to it.
  useEffect(() => {
    if (!selectedLesionId) return;
    jumpToLesion(services as never, store.getState().read, selectedLesionId)
      .then((results) => {
        if (results.some((r) => r.how === 'approximate')) setMessage(`${selectedLesionId}: position in another frame of reference is approximate (same relative slice).`);
      })
      .catch((error) => setMessage(`Could not go to ${selectedLesionId}: ${errorText(error)}`));
  }, [services, store, selectedLesionId, activeTimepointId]);

  const open = useCallback(
    (timepointId: string, against: 'baseline' | 'previous') => {
      alignment.current.done = true; // the reader chose what to show
      const problem = openTimepoint(services as never, store.getState().read, timepointId, against);
      if (problem) setMessage(problem);
      store.select(store.getState().selectedLesionId, timepointId);
    },
    [services, store],
  );

  // The hanging protocol hangs the earliest study on the left; the read's baseline may be another study (the last
  // one before the implant, or the reader's choice, kept in the draft). Until the baseline is seen on the left once
  // (or the reader opens a timepoint themselves), the baseline is put there against the study on the right. The
  // host may still be hanging studies when the first request lands, so each new layout is checked again.
  const alignment = useRef<{ done: boolean; tried: string }>({ done: false, tried: '' });
  useEffect(() => {
    const state = alignment.current;
    if (state.done) return;
    const shownIn = (viewportId: string) => [...placements].find(([, list]) => list.some((p) => p.viewportId === viewportId))?.[0];
    const left = shownIn(VIEWPORT_ID.baseline), right = shownIn(VIEWPORT_ID.current);
    const baseline = read.timepoints.find((t) => t.baseline);
    if (!left || !right || !baseline?.studyInstanceUid) return;
    if (left === baseline.studyInstanceUid) {
      state.done = true;
      return;
    }
    if (state.tried === `${left}|${right}`) return;
    state.tried = `${left}|${right}`;
    const followUps = read.timepoints.filter((t) => !t.baseline);
    const against = followUps.find((t) => t.studyInstanceUid === right) ?? followUps[followUps.length - 1];
    if (against && openTimepoint(services as never, read, against.id, 'baseline') !== null) state.done = true;
  }, [placements, read, services]);

  const actions: LesionActions = useMemo(
    () => ({
      select: (lesionId, timepointId) => store.select(lesionId, timepointId),
      add: (role: LesionRole) => {
        try {
          const active = store.getState().activeTimepointId;
          const baseline = store.getState().read.timepoints.find((t) => t.baseline);
          const appearsAt = role === 'new' ? (active && active !== baseline?.id ? active : undefined) : undefined;
          if (role === 'new' && !appearsAt) {
            setMessage('Pick the follow-up where the new lesion appears first (click its column or open it), then add it.');
            return;
          }
          store.addLesion({ role, site: 'liver', appearsAt }, `added ${role} lesion`);
          setMessage(null);
        } catch (error) {
          setMessage(errorText(error));
        }
      },
      remove: (lesionId) => edit((r) => removeLesion(r, lesionId), `deleted ${lesionId}`),
      updateFields: (lesionId, fields) => edit((r) => updateLesionFields(r, lesionId, fields), `${lesionId}: ${Object.keys(fields).join(', ')}`),
      markNotEvaluable: (lesionId, timepointId, reason) => edit((r) => markNotEvaluable(r, lesionId, timepointId, reason), `${lesionId} at ${timepointId}: not evaluable (${reason})`),
      recordNoViableTumour: (lesionId, timepointId) =>
        edit((r) => recordMeasurement(clearTimepoint(r, lesionId, timepointId), lesionId, timepointId, { viableLongAxisMm: 0, viablePerpendicularMm: 0 }), `${lesionId} at ${timepointId}: no viable tumour`),
      clear: (lesionId, timepointId) => edit((r) => clearTimepoint(r, lesionId, timepointId), `${lesionId} at ${timepointId}: cleared`),
      setNonTargetStatus: (lesionId, timepointId, status: NonTargetStatus) => edit((r) => setNonTargetStatus(r, lesionId, timepointId, status), `${lesionId} at ${timepointId}: ${status}`),
      setNewAssessment: (lesionId, timepointId, a: NewLesionAssessment) => edit((r) => setNewLesionAssessment(r, lesionId, timepointId, a), `${lesionId} at ${timepointId}: ${a.longAxisMm} mm`),
    }),
    [store, edit],
  );

  // Keyboard shortcuts (listed in the panel's help).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = readKeyAction(event);
      if (!action) return;
      const s = store.getState();
      const ids = s.read.lesions.map((l) => l.id);
      switch (action) {
        case 'nextLesion':
        case 'previousLesion':
          store.select(neighbourLesion(ids, s.selectedLesionId, action === 'nextLesion' ? 1 : -1), s.activeTimepointId);
          break;
        case 'nextTimepoint': {
          const next = nextFollowUp(s.read.timepoints, s.activeTimepointId);
          if (next) open(next, 'baseline');
          break;
        }
        case 'toggleOverlay': {
          const commands = commandsManager ?? (window as unknown as { commandsManager?: CommandsManagerLike }).commandsManager;
          if (!commands || (commands.getCommand && !commands.getCommand(COMMAND.toggleOverlay))) setMessage('The seed and isodose overlay is not available in this viewer.');
          else commands.runCommand(COMMAND.toggleOverlay);
          break;
        }
        case 'markNotEvaluable': {
          const lesion = s.read.lesions.find((l) => l.id === s.selectedLesionId);
          if (!lesion || !s.activeTimepointId || lesion.role === 'new') setMessage('Select a target or non-target and a timepoint to mark it not evaluable.');
          else actions.markNotEvaluable(lesion.id, s.activeTimepointId, keyboardReason);
          break;
        }
        case 'deselect':
          store.select(undefined, s.activeTimepointId);
          break;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, open, actions, commandsManager, keyboardReason]);

  const readIdByStudy = useMemo(() => new Map(read.timepoints.filter((t) => t.studyInstanceUid).map((t) => [t.studyInstanceUid as string, t.id])), [read]);

  return (
    <ReadPanel
      patientLabel={patientLabel}
      state={state}
      message={message}
      onReaderName={(name) => store.setReaderName(name)}
      onExport={() => {
        const caseFile = store.export();
        downloadJson(`${safeFileName(caseFile.patientId)}-${safeFileName(state.readerName)}-case.json`, caseFile);
      }}
      keyboardReason={keyboardReason}
      reasons={NOT_EVALUABLE_REASONS}
      onKeyboardReason={setKeyboardReason}
      timeline={
        <ReadTimeline
          entries={timeline}
          readIdByStudy={readIdByStudy}
          placements={placements}
          activeTimepointId={activeTimepointId}
          onOpen={open}
          onSetBaseline={(studyUid) => {
            readerChoseBaseline.current = true;
            edit((r) => moveBaseline(r, timelineFor(r), studyUid), 'baseline moved');
          }}
        />
      }
      lesions={<LesionRegistry read={read} measuredAxis={measuredAxis} onMeasuredAxis={setMeasuredAxis} selectedLesionId={selectedLesionId} activeTimepointId={activeTimepointId} warnings={responses.warnings} actions={actions} signedOff={!!state.signedOff} />}
      responses={<ResponseTables results={responses.results} baselineId={read.timepoints.find((t) => t.baseline)?.id ?? 'BL'} />}
      report={<ReportPanelSection patientId={store.patientId} />}
      signOff={
        <SignOffBar
          signedOff={state.signedOff}
          readerName={state.readerName}
          summary={primarySummary}
          onSignOff={() => {
            try {
              store.signOff();
              setMessage(null);
            } catch (error) {
              setMessage(error instanceof ReadEditRefused ? error.message : `Sign-off failed: ${errorText(error)}`);
              return;
            }
            // A signed-off read goes to the PACS at once when there is one (queued and retried if it is down).
            const controller = getReportController(store.patientId);
            if (controller && controller.getState().pacs.kind !== 'none') void controller.save();
          }}
          onAmend={() => store.amend()}
        />
      }
    />
  );
}
