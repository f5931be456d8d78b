/**
 * The adjudicator's side of the viewer (central review): the panel's one hook for an adjudicator (read/
 * ReadPanelContainer renders this instead of a read of their own). Asks the review server for the case, fetches
 * both signed-off reads through the blinding filter, draws their lines on the open images coloured per reader,
 * compares them as `mrecist adjudicate` does (core/review/adjudication), and posts the endorsement.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorText } from '../../core/errorText';
import type { CaseFile, CriteriaName } from '../../core/criteria/types';
import { CRITERIA_NAMES } from '../../core/criteria/types';
import { liveResponses } from '../../core/read/liveResponses';
import { checkAdjudication } from '../../core/review/adjudication';
import type { HostServices } from '../hostServices';
import type { MrecistSession } from '../session/MrecistSession';
import { reportDocumentContext } from '../report/reportDocumentContext';
import type { ReportVersion } from '../report/ReportVersion';
import { AdjudicationView, type AdjudicatedRead } from '../../ui/AdjudicationView';
import { clearReviewReads, drawReviewReads, READ_COLOUR } from './drawReviewReads';
import { fetchCaseView, fetchRead, postEndorsement, type EndorseRequest, type FetchLike, type ReviewCaseView } from './reviewCaseApi';

interface Loaded {
  readonly view: ReviewCaseView;
  /** Reads A and B, once both are signed off. */
  readonly reads: readonly [ReportVersion, ReportVersion] | null;
}

export function AdjudicationContainer({ session, patientId, services }: { session: MrecistSession; patientId: string; services: HostServices }) {
  const host = session.host;
  const fetchImpl = host.fetch as unknown as FetchLike;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [drawProblems, setDrawProblems] = useState<readonly string[]>([]);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const view = await fetchCaseView(fetchImpl, patientId);
      const a = view.reads.find((r) => r.label === 'A'), b = view.reads.find((r) => r.label === 'B');
      const pacs = host.pacs();
      if (!a || !b || pacs.kind === 'none') {
        setLoaded({ view, reads: null });
        return;
      }
      const reads = await Promise.all([fetchRead(fetchImpl, pacs.wadoRoot, a), fetchRead(fetchImpl, pacs.wadoRoot, b)]);
      setLoaded({ view, reads: [reads[0], reads[1]] });
      setProblem(null);
    } catch (error) {
      setProblem(`The case could not be loaded: ${errorText(error)}`);
    }
  }, [fetchImpl, host, patientId]);

  useEffect(() => {
    void load();
  }, [load]);

  // Both reads' lines on the images; drawn again as images arrive, taken off when the view goes.
  useEffect(() => {
    const reads = loaded?.reads;
    if (!reads) return;
    const draw = () => {
      try {
        const context = reportDocumentContext(host.displaySets(), patientId);
        const result = drawReviewReads(
          [
            { label: 'A', read: reads[0].caseFile },
            { label: 'B', read: reads[1].caseFile },
          ],
          context.instances,
          host.imageIdOf,
        );
        setDrawProblems(result.problems);
        return result.problems.length === 0;
      } catch (error) {
        setDrawProblems([errorText(error)]);
        return false;
      }
    };
    let complete = draw();
    const service = services.displaySetService;
    const subscriptions = Object.values(service.EVENTS).map((event) =>
      service.subscribe(event, () => {
        if (!complete) complete = draw();
      }),
    );
    return () => {
      for (const s of subscriptions) s.unsubscribe();
      try {
        clearReviewReads();
      } catch {
        // The host's Cornerstone is gone with the viewer: nothing left to clear.
      }
    };
  }, [loaded, host, patientId, services]);

  const criteria = (loaded?.view.comparison?.criteria as CriteriaName | undefined) ?? loaded?.reads?.[0].caseFile.criteria;
  const compared = useMemo(() => {
    const reads = loaded?.reads;
    if (!reads) return { check: null, problem: null };
    try {
      const source = (r: ReportVersion, label: string) => `read ${label} (${r.readerName})`;
      return { check: checkAdjudication({ source: source(reads[0], 'A'), caseFile: reads[0].caseFile }, { source: source(reads[1], 'B'), caseFile: reads[1].caseFile }, { criteria }), problem: null };
    } catch (error) {
      return { check: null, problem: `The reads could not be compared: ${errorText(error)}` };
    }
  }, [loaded, criteria]);

  const reads = useMemo((): readonly [AdjudicatedRead, AdjudicatedRead] | null => {
    const pair = loaded?.reads;
    if (!pair) return null;
    const order = (read: CaseFile) => (criteria && CRITERIA_NAMES.includes(criteria) ? { ...read, criteria } : read);
    const one = (label: 'A' | 'B', v: ReportVersion): AdjudicatedRead => ({
      label,
      reader: v.readerName,
      signedOffAt: v.signOff?.at ?? '',
      sopInstanceUid: v.instance.sopInstanceUid,
      colour: READ_COLOUR[label],
      responses: liveResponses(order(v.caseFile)).results,
    });
    return [one('A', pair[0]), one('B', pair[1])];
  }, [loaded, criteria]);

  const endorse = useCallback(
    async (request: EndorseRequest) => {
      setBusy(true);
      try {
        const result = await postEndorsement(fetchImpl, patientId, request);
        if (!result.ok) setOutcome({ ok: false, text: result.message });
        else {
          const release = result.release ? ` Released to ${result.release.to}: HTTP ${result.release.status}.` : '';
          setOutcome({ ok: true, text: `Endorsed read ${request.read}; recorded in the audit log and re-issued as SR ${result.reissuedSopInstanceUid}.${release}` });
          await load();
        }
      } catch (error) {
        setOutcome({ ok: false, text: `The endorsement could not be sent: ${errorText(error)}` });
      } finally {
        setBusy(false);
      }
    },
    [fetchImpl, patientId, load],
  );

  return (
    <AdjudicationView
      patientId={patientId}
      caseState={loaded?.view.state ?? 'loading'}
      reads={reads}
      check={compared.check}
      endorsement={loaded?.view.endorsement}
      problem={problem ?? compared.problem}
      drawProblems={drawProblems}
      outcome={outcome}
      busy={busy}
      onEndorse={(request) => void endorse(request)}
    />
  );
}
