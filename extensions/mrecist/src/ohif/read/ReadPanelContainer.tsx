/**
 * Glue between the host and the read: the patient's studies (display sets) become the timeline, the patient's
 * ReadStore is opened (draft restored), drawn lines are listened to, keys are bound, and the panel's actions
 * become store edits. Edits the read cannot take (ReadEditRefused) are shown to the reader, never swallowed.
 */
import { errorText } from '../../core/errorText';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CaseFile, NewLesionAssessment, NonTargetStatus } from '../../core/criteria/types';
import { liveResponses } from '../../core/read/liveResponses';
import type { MeasuredAxis } from '../../core/read/measurementEdits';
import type { LesionRole } from '../../core/read/lesionIds';
import { clearTimepoint, markNotEvaluable, recordMeasurement, removeLesion, setNewLesionAssessment, setNonTargetStatus, updateLesionFields } from '../../core/read/readOperations';
import { addMissingTimepoints, moveBaseline, newReadFromTimeline, ReadEditRefused } from '../../core/read/readTimepoints';
import { buildTimeline, isoDateFromDicom, type StudySummary } from '../../core/read/timeline';
import { LesionRegistry, NOT_EVALUABLE_REASONS, type LesionActions } from '../../ui/LesionRegistry';
import { hotkeyHelp } from '../readHotkeys';
import type { MrecistSession } from '../session/MrecistSession';
import { useSession } from '../session/SessionContext';
import { ReadPanel } from '../../ui/ReadPanel';
import { ReadTimeline } from '../../ui/ReadTimeline';
import { ReportPanelSection } from '../../ui/ReportPanelSection';
import { CRITERIA_TITLE, ResponseTables } from '../../ui/ResponseTables';
import { SignOffBar } from '../../ui/SignOffBar';
import { useReadState } from '../../ui/useReadState';
import { readTimepointPanelState } from '../timepointPanelState';
import type { HostServices } from '../hostServices';
import { useHostEvents } from '../useHostEvents';
import { formatPersonName } from '../timepoints/studySummaries';
import { VIEWPORT_ID } from '../ids';
import { browserDraftStorage, type ReadStore } from './ReadStore';
import { jumpToLesion, openTimepoint } from './viewportNavigation';
import { theme } from '../../ui/theme';
import { AdjudicationContainer } from '../review/AdjudicationContainer';
import type { ReviewIdentity } from '../../core/review/reviewIdentity';
import { PhaseSwitcherContainer } from '../phase/PhaseSwitcherContainer';
import { confirmViablePhase, offArterialViableValues } from '../../core/read/measurementPhase';


export interface CommandsManagerLike {
  runCommand(name: string, options?: Record<string, unknown>, context?: string): unknown;
  getCommand?(name: string, context?: string): unknown;
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

/** The longest the read panel waits for the viewports' first images before it renders anyway. */
const READ_PANEL_WAIT_MS = 3000;

/**
 * Whether the read panel may render: once the viewports have shown their first images (or after
 * READ_PANEL_WAIT_MS). Its first render takes the main thread for about 70 ms on a small machine, time the first
 * images, which the reader is waiting for, need more; the panel follows a moment later. Nothing is lost by
 * waiting: the read lives in the session, not in the panel.
 */
function useAfterFirstImages(session: MrecistSession | null): boolean {
  const [waited, setWaited] = useState(false);
  const ready = waited || !session || session.firstImages.shown;
  useEffect(() => {
    if (ready || !session) return;
    let live = true;
    const done = () => {
      if (live) setWaited(true);
    };
    const cap = setTimeout(done, READ_PANEL_WAIT_MS);
    void session.firstImages.promise.then(done);
    return () => {
      live = false;
      clearTimeout(cap);
    };
  }, [ready, session]);
  return ready;
}

export function ReadPanelContainer({ services, commandsManager, hotkeyDefinitions }: { services: HostServices; commandsManager?: CommandsManagerLike; hotkeyDefinitions?: () => HotkeyDefinitions | undefined }) {
  const session = useSession();
  const ready = useAfterFirstImages(session);
  if (!session) return <div style={{ padding: 12 }} className="text-muted-foreground">The mRECIST reading session is not open (enter the mRECIST mode).</div>;
  if (!ready) return <div style={{ padding: 12, color: theme.mutedForeground }} data-testid="mrecist-read-opening">Opening the images…</div>;
  return <SessionRead session={session} services={services} commandsManager={commandsManager} hotkeyDefinitions={hotkeyDefinitions} />;
}

type HotkeyDefinitions = Parameters<typeof hotkeyHelp>[0];

function SessionRead({ session, services, commandsManager, hotkeyDefinitions }: { session: MrecistSession; services: HostServices; commandsManager?: CommandsManagerLike; hotkeyDefinitions?: () => HotkeyDefinitions | undefined }) {
  const host = useHostEvents([services.displaySetService, services.viewportGridService], () => readTimepointPanelState(services));
  const identity = useSyncExternalStore(session.identity.subscribe, session.identity.getState, session.identity.getState);
  const patient = host.patients[0];
  if (!patient) return <div style={{ padding: 12, color: theme.mutedForeground }}>No studies loaded yet.</div>;
  const summaries: StudySummary[] = patient.timepoints
    .map((t) => ({ studyInstanceUid: t.studyInstanceUid, studyDate: isoDateFromDicom(t.studyDate) ?? '', description: t.studyDescription, modalities: [...t.modalities] }))
    .filter((s) => s.studyDate !== '');
  if (!summaries.length) return <div style={{ padding: 12, color: theme.mutedForeground }}>The studies have no valid study date: no timeline.</div>;
  // Who reads decides which read opens: never a read under a guessed name.
  if (identity.kind === 'pending') return <div style={{ padding: 12, color: theme.mutedForeground }}>Finding out who reads…</div>;
  if (identity.kind === 'failed') return <div style={{ padding: 12, color: theme.destructive }} role="alert" data-testid="mrecist-identity-error">{identity.reason}</div>;
  if (identity.kind === 'review' && identity.user.role === 'adjudicator') return <AdjudicationContainer session={session} patientId={patient.patientId} services={services} />;
  const review = identity.kind === 'review' ? identity.user : undefined;
  const label = `${formatPersonName(patient.timepoints.find((t) => t.patientName)?.patientName ?? '') || 'Unnamed patient'} · ID ${patient.patientId || '(none)'}${
    host.patients.length > 1 ? ` (first of ${host.patients.length} patients)` : ''
  }`;
  return <PatientRead key={patient.patientId} session={session} readerName={session.identity.readerName()} review={review} patientId={patient.patientId} patientLabel={label} summaries={summaries} placements={host.placements} services={services} commandsManager={commandsManager} hotkeyDefinitions={hotkeyDefinitions} />;
}

interface PatientReadProps {
  session: MrecistSession;
  readerName?: string;
  review?: ReviewIdentity;
  hotkeyDefinitions?: () => HotkeyDefinitions | undefined;
  patientId: string;
  patientLabel: string;
  summaries: StudySummary[];
  placements: ReturnType<typeof readTimepointPanelState>['placements'];
  services: HostServices;
  commandsManager?: CommandsManagerLike;
}

function useImplant(session: MrecistSession, patientId: string) {
  const read = () => session.implants.get(patientId);
  return useSyncExternalStore(session.implants.subscribe, read, read);
}

function PatientRead({ session, readerName, review, patientId, patientLabel, summaries, placements, services, commandsManager, hotkeyDefinitions }: PatientReadProps) {
  const implant = useImplant(session, patientId);
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
    () => session.reads.get(patientId) ?? session.reads.open({ patientId, readerName, initialRead: newReadFromTimeline(patientId, timelineFor()), storage: browserDraftStorage() }),
  );
  return <ReadView session={session} review={review} hotkeyDefinitions={hotkeyDefinitions} store={store} patientLabel={patientLabel} timelineFor={timelineFor} placements={placements} services={services} commandsManager={commandsManager} studyCount={summaries.length} />;
}

interface ReadViewProps {
  session: MrecistSession;
  review?: ReviewIdentity;
  hotkeyDefinitions?: () => HotkeyDefinitions | undefined;
  store: ReadStore;
  patientLabel: string;
  timelineFor: (read?: CaseFile) => ReturnType<typeof buildTimeline>;
  placements: PatientReadProps['placements'];
  services: HostServices;
  commandsManager?: CommandsManagerLike;
  studyCount: number;
}

function ReadView({ session, review, hotkeyDefinitions, store, patientLabel, timelineFor, placements, services, studyCount }: ReadViewProps) {
  const state = useReadState(store);
  const { read, selectedLesionId, activeTimepointId } = state;
  const [message, setMessage] = useState<string | null>(null);
  // The reader's choices live in the session: the annotation binding and the hotkeys use them too.
  const choices = useSyncExternalStore(session.choices.subscribe, session.choices.get, session.choices.get);
  const keyboardReason = choices.notEvaluableReason;
  const setKeyboardReason = useCallback((reason: string) => session.choices.set({ notEvaluableReason: reason }), [session]);
  const measuredAxis = choices.measuredAxis;
  const setMeasuredAxis = useCallback((axis: MeasuredAxis) => session.choices.set({ measuredAxis: axis }), [session]);
  const readerChoseBaseline = useRef(false);
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

  const goToLesion = useCallback(
    (lesionId: string) => {
      jumpToLesion(services as never, store.getState().read, lesionId, session.mapBetweenFrames)
        .then((results) => {
          if (results.some((r) => r.how === 'approximate')) setMessage(`${lesionId}: position in another frame of reference is approximate (same relative slice).`);
        })
        .catch((error) => setMessage(`Could not go to ${lesionId}: ${errorText(error)}`));
    },
    [services, session, store],
  );

  // Selecting a lesion brings each viewport to it.
  useEffect(() => {
    if (selectedLesionId) goToLesion(selectedLesionId);
  }, [goToLesion, selectedLesionId, activeTimepointId]);

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
      select: (lesionId, timepointId) => {
        const s = store.getState();
        // A click on the cell already selected is still a request to go there (selecting alone changes nothing).
        if (lesionId && s.selectedLesionId === lesionId && s.activeTimepointId === timepointId) goToLesion(lesionId);
        else store.select(lesionId, timepointId);
      },
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
      confirmViablePhase: (lesionId, timepointId, reason) => edit((r) => confirmViablePhase(r, lesionId, timepointId, reason), `${lesionId} at ${timepointId}: ${reason.trim() ? 'kept off the arterial phase' : 'phase confirmation withdrawn'}`),
    }),
    [store, edit, goToLesion],
  );

  const readIdByStudy = useMemo(() => new Map(read.timepoints.filter((t) => t.studyInstanceUid).map((t) => [t.studyInstanceUid as string, t.id])), [read]);

  return (
    <ReadPanel
      patientLabel={patientLabel}
      state={state}
      message={message}
      onReaderName={(name) => {
        store.setReaderName(name);
        session.identity.remember(name);
      }}
      review={review ? { trial: review.trial, role: review.role } : undefined}
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
      phase={<PhaseSwitcherContainer session={session} store={store} services={services} />}
      lesions={<LesionRegistry read={read} measuredAxis={measuredAxis} onMeasuredAxis={setMeasuredAxis} selectedLesionId={selectedLesionId} activeTimepointId={activeTimepointId} warnings={responses.warnings} actions={actions} signedOff={!!state.signedOff} />}
      responses={<ResponseTables results={responses.results} baselineId={read.timepoints.find((t) => t.baseline)?.id ?? 'BL'} />}
      report={<ReportPanelSection patientId={store.patientId} controllers={session.reports} />}
      keyboardHelp={hotkeyHelp(hotkeyDefinitions?.())}
      signOff={
        <SignOffBar
          signedOff={state.signedOff}
          readerName={state.readerName}
          summary={primarySummary}
          offArterial={offArterialViableValues(read)}
          onSignOff={() => {
            try {
              store.signOff();
              setMessage(null);
            } catch (error) {
              setMessage(error instanceof ReadEditRefused ? error.message : `Sign-off failed: ${errorText(error)}`);
              return;
            }
            // A signed-off read goes to the PACS at once when there is one (queued and retried if it is down).
            const controller = session.reports.get(store.patientId);
            if (controller && controller.getState().pacs.kind !== 'none') void controller.save();
          }}
          onAmend={() => {
            try {
              store.amend();
              setMessage(null);
            } catch (error) {
              // Refused when another tab changed the read meanwhile: it has been reloaded, and the reader is told.
              setMessage(error instanceof ReadEditRefused ? error.message : `Amend failed: ${errorText(error)}`);
            }
          }}
        />
      }
    />
  );
}
