/**
 * The Course tab bound to the open session: the board content of the patient's read (core/board/boardContent,
 * the same specs as the PDF), the dose facts the overlay read from the RT Plan, the key images rendered lazily
 * from the viewer's images once the tab is shown, and the Board summary button (PDF in a worker, download,
 * Encapsulated PDF and Key Object Selection to the PACS through the SR's save queue).
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { boardContent, type BoardContent } from '../../core/board/boardContent';
import { boardInputFromViewer } from '../../core/board/boardInputFromViewer';
import { measuredImages, type MeasuredImage } from '../../core/board/keyImageReferences';
import type { CaseFile } from '../../core/criteria/types';
import { errorText } from '../../core/errorText';
import { InputError } from '../../core/errors';
import { CourseTab, type BoardSummaryStatus } from '../../ui/CourseTab';
import { theme } from '../../ui/theme';
import { useReadState } from '../../ui/useReadState';
import type { HostServices } from '../hostServices';
import type { ReadStore } from '../read/ReadStore';
import { reportDocumentContext } from '../report/reportDocumentContext';
import { browserDownload } from '../report/reportService';
import type { MrecistSession } from '../session/MrecistSession';
import { useSession } from '../session/SessionContext';
import { buildBoardPdfInWorker, latestStudyContextOf, storeBoardDocuments } from './boardSummary';
import { renderKeyImage, type ViewerKeyImage } from './keyImagesFromViewer';

export interface CoursePanelProps {
  readonly services: HostServices;
  readonly createBoardWorker: () => Worker;
}

export function CoursePanelContainer(props: CoursePanelProps) {
  const session = useSession();
  const read = () => session?.activeRead();
  const store = useSyncExternalStore(session?.reads.subscribe ?? (() => () => undefined), read, read);
  if (!session || !store) return <div style={{ padding: 12, color: theme.mutedForeground }}>No read open yet: the Course tab follows the read of the Timepoints tab.</div>;
  return <PatientCourse key={store.patientId} session={session} store={store} {...props} />;
}

/** Key of a measured image: the same slice and line give the same picture. */
function imageKey(m: MeasuredImage): string {
  return `${m.lesionId}|${m.timepointId}|${m.graphic.referencedSopInstanceUid}|${m.graphic.points.flat().join(',')}|${m.caption}`;
}

function PatientCourse({ session, store, services, createBoardWorker }: CoursePanelProps & { session: MrecistSession; store: ReadStore }) {
  const state = useReadState(store);
  const patientId = store.patientId;
  const implant = useSyncExternalStore(session.implants.subscribe, () => session.implants.get(patientId));
  const overlay = useSyncExternalStore(session.overlayStore.subscribe, session.overlayStore.getState);
  // The read as exported (reader name included), as `mrecist board` reads a case file.
  const caseFile = useMemo(() => store.export(), [store, state.read, state.readerName]);
  const input = useMemo(
    () =>
      boardInputFromViewer(caseFile, state.signedOff, {
        implantDate: implant?.implantDate,
        halfLifeDays: implant?.halfLifeDays,
        prescriptionGy: overlay.prescriptionGy,
        dvh: overlay.dvh,
      }),
    [caseFile, state.signedOff, implant, overlay.prescriptionGy, overlay.dvh],
  );
  const built = useMemo((): { content: BoardContent } | { problem: string } => {
    try {
      return { content: boardContent(input) };
    } catch (error) {
      if (error instanceof InputError) return { problem: error.message };
      throw error;
    }
  }, [input]);

  const keyImages = useKeyImages(session, services, store, caseFile);
  const [status, setStatus] = useState<BoardSummaryStatus | null>(null);
  const busy = status?.tone === 'busy';
  const onBoardSummary = useCallback(async () => {
    const started = performance.now();
    setStatus({ tone: 'busy', line: 'Making the board summary…' });
    try {
      const pdf = await buildBoardPdfInWorker(createBoardWorker, input, keyImages.images);
      const pdfMs = Math.round(performance.now() - started);
      const date = new Date().toISOString().slice(0, 10);
      const filename = `${patientId.replace(/[^A-Za-z0-9._-]+/g, '_') || 'patient'}-board-${date}.pdf`;
      browserDownload(pdf.bytes, filename, 'application/pdf');
      const made = { pages: pdf.pages, pdfMs, workerMs: pdf.workerMs, bytes: pdf.bytes.byteLength };
      const controller = session.reports.get(patientId);
      const pacs = controller?.getState().pacs;
      if (!controller || !pacs || pacs.kind === 'none') {
        setStatus({ tone: 'ok', line: `Downloaded ${filename} (${pdf.pages} pages). ${pacs?.kind === 'none' ? pacs.reason : 'No PACS to store it in.'}`, ...made });
        return;
      }
      setStatus({ tone: 'busy', line: `Downloaded ${filename} (${pdf.pages} pages); storing it in the PACS…`, ...made });
      const stored = await storeBoardDocuments(controller, pdf.bytes, input, latestStudyContextOf(services.displaySetService.getActiveDisplaySets(), patientId));
      const waiting = Object.entries(stored.stored).filter(([, ok]) => !ok).map(([what]) => what);
      const notReferenced = stored.notReferenced.length ? ` Not in the key objects: ${stored.notReferenced.join('; ')}.` : '';
      setStatus({
        tone: waiting.length ? 'warn' : 'ok',
        line: waiting.length
          ? `Downloaded ${filename}; ${waiting.join(' and ')} not stored yet: kept in this browser and retried (see Report in the Timepoints tab).${notReferenced}`
          : `Downloaded ${filename} (${pdf.pages} pages) and stored it in the PACS as Encapsulated PDF${stored.keyObjectSelectionUid ? ', with the key images as Key Object Selection' : ''}.${notReferenced}`,
        ...made,
        totalMs: Math.round(performance.now() - started),
        encapsulatedPdfUid: stored.encapsulatedPdfUid,
        keyObjectSelectionUid: stored.keyObjectSelectionUid ?? undefined,
      });
    } catch (error) {
      setStatus({ tone: 'error', line: `The board summary could not be made: ${errorText(error)}` });
    }
  }, [createBoardWorker, input, keyImages.images, patientId, services, session]);

  if ('problem' in built) return <div style={{ padding: 12, color: theme.mutedForeground }} data-testid="mrecist-course-problem">Course not shown yet: {built.problem}</div>;
  return (
    <CourseTab
      content={built.content}
      keyImages={keyImages.images.map((k) => ({ lesionId: k.lesionId, timepointId: k.timepointId, caption: k.caption, src: k.url, columns: k.columns, rows: k.rows, line: k.line }))}
      keyImageProblems={keyImages.problems}
      keyImagesPending={keyImages.pending}
      onBoardSummary={busy ? undefined : () => void onBoardSummary()}
      boardStatus={status}
    />
  );
}

/**
 * The key images of the read, rendered one after another once the tab is shown (loading a slice the viewer has
 * not fetched yet goes to the PACS), kept while their slice and line stay the same.
 */
function useKeyImages(session: MrecistSession, services: HostServices, store: ReadStore, read: CaseFile) {
  const cache = useRef(new Map<string, ViewerKeyImage>());
  const [version, setVersion] = useState(0);
  const [problems, setProblems] = useState<string[]>([]);
  const [pending, setPending] = useState(0);
  const measured = useMemo(() => measuredImages(read), [read]);
  useEffect(() => {
    let cancelled = false;
    const missing = measured.filter((m) => !cache.current.has(imageKey(m)));
    setPending(missing.length);
    (async () => {
      const found: string[] = [];
      let instances: ReturnType<typeof reportDocumentContext>['instances'] | null = null;
      try {
        instances = reportDocumentContext(services.displaySetService.getActiveDisplaySets(), store.patientId).instances;
      } catch (error) {
        found.push(errorText(error));
      }
      for (const m of missing) {
        if (cancelled || instances === null) break;
        const instance = instances.get(m.graphic.referencedSopInstanceUid);
        const imageId = instance ? session.imageIdOf(instance) : undefined;
        try {
          if (!instance || !imageId) throw new Error(`image ${m.graphic.referencedSopInstanceUid} is not among the open studies`);
          cache.current.set(imageKey(m), await renderKeyImage(m, imageId, String(instance.Modality ?? '')));
        } catch (error) {
          found.push(`${m.lesionId} at ${m.timepointId}: ${errorText(error)}`);
        }
        if (cancelled) return;
        setPending((n) => Math.max(0, n - 1));
        setVersion((v) => v + 1);
      }
      if (!cancelled) setProblems(found);
    })();
    return () => {
      cancelled = true;
    };
  }, [measured, services, session, store]);
  // Object URLs live as long as the tab.
  useEffect(() => () => cache.current.forEach((k) => URL.revokeObjectURL(k.url)), []);
  const images = useMemo(() => measured.map((m) => cache.current.get(imageKey(m))).filter((k): k is ViewerKeyImage => k !== undefined), [measured, version]);
  return { images, problems, pending };
}
