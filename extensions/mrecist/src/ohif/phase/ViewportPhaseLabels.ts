/**
 * A label on every viewport: the read's timepoint of the study shown (BL, M1, ...), its date and the contrast
 * phase of the series shown (SeriesPhaseBook), e.g. "M2 · 2024-03-12 · late arterial"; hovering it shows the
 * classifier's evidence. mRECIST and EASL measure on the arterial phase (Lencioni & Llovet, Semin Liver Dis
 * 2010;30:52-60), so any other phase is drawn in the warning colour.
 *
 * A plain DOM element over the Cornerstone viewport element, not a host overlay item: the host's overlay item
 * has one fixed tooltip per item for all viewports (`title`), and it is not told when the read changes. The
 * text is set with textContent and the tooltip with the title attribute: series descriptions and evidence come
 * from DICOM text, which is untrusted and never parsed as HTML.
 */
import { phaseLabel, type ContrastPhase } from '../../core/phase/ContrastPhase';
import type { CaseFile } from '../../core/criteria/types';
import { isoDateFromDicom } from '../../core/read/timeline';
import { hostCornerstone } from '../hostCornerstone';
import type { HostDisplaySet, ServicesManager } from '../hostServices';
import type { ReadStores } from '../read/ReadStore';
import type { ClassifiedDisplaySet, SeriesPhaseBook } from './SeriesPhaseBook';
import { watchViewportElements } from '../viewportElements';

export interface ViewportLabelContent {
  readonly text: string;
  /** Tooltip: the phase with its confidence, then the classifier's evidence, one line each. */
  readonly title: string;
  readonly phase: ContrastPhase | 'none';
  readonly timepointId?: string;
}

const ARTERIAL_COLOUR = '#86efac';
const OTHER_PHASE_COLOUR = '#fbbf24';

/** What the label of a viewport says, from the timepoint of its study and the classified series it shows. */
export function viewportLabelContent(p: { timepointId?: string; date?: string; series?: ClassifiedDisplaySet }): ViewportLabelContent {
  const r = p.series?.result;
  const phaseText = !r ? 'no phase (not a CT/MR series)' : r.phase === 'unknown' ? 'phase unknown' : phaseLabel(r.phase, r.subphase);
  const text = [p.timepointId ?? 'not in the read', p.date ?? 'no date', phaseText].join(' · ');
  const heading = !r
    ? 'No contrast phase: this viewport does not show a CT or MR image series.'
    : r.phase === 'unknown'
      ? 'Contrast phase unknown: the evidence is too weak to name one.'
      : `Contrast phase: ${phaseText} (confidence ${Math.round(r.confidence * 100)} %)`;
  const title = [heading, ...(r?.evidence ?? []).map((line) => `• ${line}`)].join('\n');
  return { text, title, phase: r?.phase ?? 'none', ...(p.timepointId ? { timepointId: p.timepointId } : {}) };
}

interface Attached {
  readonly label: HTMLDivElement;
  /** Text and tooltip shown now, so a render that changes nothing touches no DOM. */
  shown: string;
}

export class ViewportPhaseLabels {
  private readonly attached = new Map<string, Attached>();
  private readonly cleanups: Array<() => void> = [];
  private readonly storeWatches = new Map<unknown, () => void>();

  constructor(
    private readonly servicesManager: ServicesManager,
    private readonly phases: SeriesPhaseBook,
    private readonly reads: ReadStores,
  ) {}

  start(): void {
    const { displaySetService, viewportGridService } = this.servicesManager.services;
    this.cleanups.push(watchViewportElements((element, viewportId) => this.attach(element, viewportId)));
    const refresh = () => this.refreshAll();
    // Image evidence arrives after the labels are drawn: the phase and its hover evidence may change.
    this.cleanups.push(this.phases.subscribe(refresh));
    for (const event of Object.values(displaySetService.EVENTS)) this.cleanups.push(displaySetService.subscribe(event, refresh).unsubscribe);
    for (const event of Object.values(viewportGridService.EVENTS)) this.cleanups.push(viewportGridService.subscribe(event, refresh).unsubscribe);
    const watchStores = () => {
      for (const store of this.reads.all().values()) if (!this.storeWatches.has(store)) this.storeWatches.set(store, store.subscribe(refresh));
      refresh();
    };
    this.cleanups.push(this.reads.subscribe(watchStores));
    watchStores();
  }

  stop(): void {
    this.cleanups.splice(0).forEach((c) => c());
    for (const stop of this.storeWatches.values()) stop();
    this.storeWatches.clear();
  }

  /** Puts the label on the viewport's element; returns what takes it off. */
  private attach(element: HTMLElement, viewportId: string): () => void {
    const label = document.createElement('div');
    label.setAttribute('data-testid', 'mrecist-viewport-phase-label');
    label.setAttribute('data-viewport-id', viewportId);
    // Below the host's orientation marker at the top centre, which it would otherwise cover.
    Object.assign(label.style, {
      position: 'absolute', top: '20px', left: '50%', transform: 'translateX(-50%)', zIndex: '6', padding: '1px 8px', borderRadius: '4px',
      background: 'rgba(0, 0, 0, 0.6)', font: '12px sans-serif', whiteSpace: 'nowrap', cursor: 'help', pointerEvents: 'auto',
    });
    if (getComputedStyle(element).position === 'static') element.style.position = 'relative';
    element.appendChild(label);
    this.attached.set(viewportId, { label, shown: '' });
    // A new image may be a new series (the host swaps stacks in place): check the label on every render.
    const onRender = () => this.refresh(viewportId);
    const rendered = hostCornerstone().Enums.Events.IMAGE_RENDERED;
    element.addEventListener(rendered, onRender);
    this.refresh(viewportId);
    return () => {
      element.removeEventListener(rendered, onRender);
      label.remove();
      this.attached.delete(viewportId);
    };
  }

  private refreshAll(): void {
    for (const id of this.attached.keys()) this.refresh(id);
  }

  private displaySetOf(viewportId: string): HostDisplaySet | undefined {
    const { viewportGridService, displaySetService } = this.servicesManager.services;
    let uid: string | undefined;
    try {
      uid = viewportGridService.getState().viewports.get(viewportId)?.displaySetInstanceUIDs?.[0];
    } catch {
      // The grid has no state yet right after the viewer opens: nothing to label.
      return undefined;
    }
    return uid ? displaySetService.getDisplaySetByUID(uid) : undefined;
  }

  private readOf(patientId: string | undefined): CaseFile | undefined {
    const all = [...this.reads.all().values()];
    return (patientId !== undefined ? this.reads.get(patientId) : undefined)?.getState().read ?? (all.length === 1 ? all[0].getState().read : undefined);
  }

  private refresh(viewportId: string): void {
    const entry = this.attached.get(viewportId);
    if (!entry) return;
    const ds = this.displaySetOf(viewportId);
    if (!ds) {
      entry.label.style.display = 'none';
      entry.shown = '';
      return;
    }
    const instance = ds.instances?.[0] ?? ds.instance;
    const timepoint = this.readOf(instance?.PatientID)?.timepoints.find((t) => t.studyInstanceUid === ds.StudyInstanceUID);
    const content = viewportLabelContent({
      timepointId: timepoint?.id,
      date: timepoint?.date ?? isoDateFromDicom(String(instance?.StudyDate ?? '')) ?? undefined,
      series: this.phases.ofDisplaySet(ds),
    });
    const key = `${content.text}\n${content.title}`;
    if (key === entry.shown) return;
    entry.shown = key;
    const { label } = entry;
    label.style.display = '';
    label.textContent = content.text;
    label.title = content.title;
    label.style.color = content.phase === 'arterial' ? ARTERIAL_COLOUR : OTHER_PHASE_COLOUR;
    label.setAttribute('data-phase', content.phase);
    label.setAttribute('data-timepoint-id', content.timepointId ?? '');
  }
}
