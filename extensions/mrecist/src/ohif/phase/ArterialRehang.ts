/**
 * The hanging protocol chooses the arterial series from metadata (no pixels are loaded while it matches). Where
 * the metadata cannot tell the phases apart, image evidence (SeriesPhaseBook with PhaseImageEvidence) arrives a
 * few seconds later. Then, in each of the protocol's viewports that showed a series of that study while its
 * evidence was being measured and still shows it, a series found not arterial is replaced by the study's
 * arterial series, at the same place and window (switchSeries). Once per viewport and study; a study whose
 * metadata decides (no evidence wanted) is never touched, so a series the reader chose there stays.
 */
import type { HostServices } from '../hostServices';
import { VIEWPORT_ID } from '../ids';
import { bestArterial, type SeriesPhaseBook } from './SeriesPhaseBook';
import { showSeriesKeepingPlace, type SwitchServices } from './switchSeries';

const PROTOCOL_VIEWPORTS: readonly string[] = [VIEWPORT_ID.baseline, VIEWPORT_ID.current];
/** Marks a viewport and study already settled (never a display set UID). */
const DONE = '\u0000done';

export class ArterialRehang {
  /** viewport|study → the display set it showed while the study's evidence was pending, or DONE. */
  private readonly hung = new Map<string, string>();
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly services: Pick<HostServices, 'displaySetService' | 'viewportGridService'> & Partial<SwitchServices>,
    private readonly phases: SeriesPhaseBook,
    /** Shows a display set in a viewport (same place and window in the viewer). */
    private readonly switchTo: (viewportId: string, displaySetInstanceUID: string) => unknown = (viewportId, uid) =>
      showSeriesKeepingPlace(services as unknown as SwitchServices, viewportId, uid),
  ) {}

  start(): void {
    const check = () => this.check();
    this.cleanups.push(this.phases.subscribe(check));
    const { displaySetService, viewportGridService } = this.services;
    for (const event of Object.values(viewportGridService.EVENTS)) this.cleanups.push(viewportGridService.subscribe(event, check).unsubscribe);
    for (const event of Object.values(displaySetService.EVENTS)) this.cleanups.push(displaySetService.subscribe(event, check).unsubscribe);
    check();
  }

  stop(): void {
    this.cleanups.splice(0).forEach((c) => c());
  }

  private check(): void {
    let viewports;
    try {
      viewports = this.services.viewportGridService.getState().viewports;
    } catch {
      return;
    }
    for (const viewportId of PROTOCOL_VIEWPORTS) {
      const shownUid = viewports.get(viewportId)?.displaySetInstanceUIDs?.[0];
      const shown = shownUid ? this.services.displaySetService.getDisplaySetByUID(shownUid) : undefined;
      if (!shown) continue;
      const key = `${viewportId}|${shown.StudyInstanceUID}`;
      const before = this.hung.get(key);
      if (before === DONE) continue;
      const classified = this.phases.forStudy(shown.StudyInstanceUID);
      if (classified.some((c) => c.imageEvidencePending)) {
        this.hung.set(key, shown.displaySetInstanceUID);
        continue;
      }
      if (before === undefined) continue;
      this.hung.set(key, DONE);
      const current = classified.find((c) => c.displaySetInstanceUID === shown.displaySetInstanceUID);
      const arterial = bestArterial(classified);
      if (before !== shown.displaySetInstanceUID || !current || current.result.phase === 'arterial' || !arterial) continue;
      void this.switchTo(viewportId, arterial.displaySetInstanceUID);
    }
  }
}
