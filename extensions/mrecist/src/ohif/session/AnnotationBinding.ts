/**
 * The read and the host's annotations, both directions, for the whole visit of the mode (independent of the
 * panel): lines drawn with the host's tools become values of the read (read/annotationSync), and a signed-off
 * read locks its drawn lines (report/drawReadAnnotations), an amended one frees them. Redrawing the read's
 * lines is the report controllers' job (they know which images are loaded).
 */
import type { MeasuredAxis } from '../../core/read/measurementEdits';
import { startAnnotationSync, type AnnotationSyncOptions } from '../read/annotationSync';
import type { ReadStore, ReadStores } from '../read/ReadStore';
import { lockDrawnAnnotations } from '../report/drawReadAnnotations';

export interface AnnotationBindingOptions {
  readonly reads: ReadStores;
  /** What the next new line on a target measures (the panel's "Lines measure" choice). */
  readonly measuredAxis: () => MeasuredAxis;
  readonly notify: (message: string) => void;
  /** The contrast phase of a series, recorded with each line drawn on it. */
  readonly phaseOfSeries?: AnnotationSyncOptions['phaseOfSeries'];
}

export class AnnotationBinding {
  private readonly stopSync: () => void;
  private readonly stopReads: () => void;
  private readonly lockWatches = new Map<ReadStore, () => void>();

  constructor(private readonly options: AnnotationBindingOptions) {
    this.stopSync = startAnnotationSync({ measuredAxis: options.measuredAxis, storeForPatient: (id) => this.storeFor(id), notify: options.notify, phaseOfSeries: options.phaseOfSeries });
    this.stopReads = options.reads.subscribe(() => this.watchLocks());
    this.watchLocks();
  }

  dispose(): void {
    this.stopSync();
    this.stopReads();
    for (const stop of this.lockWatches.values()) stop();
    this.lockWatches.clear();
  }

  /** A line on an image without Patient ID belongs to the only open read, if there is exactly one. */
  private storeFor(patientId: string): ReadStore | undefined {
    const found = this.options.reads.get(patientId);
    if (found || patientId !== '') return found;
    const all = [...this.options.reads.all().values()];
    return all.length === 1 ? all[0] : undefined;
  }

  private watchLocks(): void {
    const open = new Set(this.options.reads.all().values());
    for (const [store, stop] of this.lockWatches)
      if (!open.has(store)) {
        stop();
        this.lockWatches.delete(store);
      }
    for (const store of open) {
      if (this.lockWatches.has(store)) continue;
      let signedOff = !!store.getState().signedOff;
      if (signedOff) lockDrawnAnnotations(true);
      this.lockWatches.set(
        store,
        store.subscribe((state) => {
          if (!!state.signedOff === signedOff) return;
          signedOff = !!state.signedOff;
          lockDrawnAnnotations(signedOff);
        }),
      );
    }
  }
}
