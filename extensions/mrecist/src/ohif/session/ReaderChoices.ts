/**
 * What the reader chose in the panel that also steers lines and hotkeys: what a new line on a target measures,
 * and the reason the "not evaluable" key records. Kept in the session so the annotation binding and the
 * commands see the panel's choice without the panel being mounted.
 */
import type { MeasuredAxis } from '../../core/read/measurementEdits';
import { Listeners } from '../Listeners';

export interface ReaderChoiceState {
  readonly measuredAxis: MeasuredAxis;
  readonly notEvaluableReason: string;
}

export class ReaderChoices {
  private state: ReaderChoiceState;
  private readonly listeners = new Listeners();

  constructor(initial: ReaderChoiceState = { measuredAxis: 'viable', notEvaluableReason: '' }) {
    this.state = initial;
  }

  get = (): ReaderChoiceState => this.state;

  set(change: Partial<ReaderChoiceState>): void {
    this.state = { ...this.state, ...change };
    this.listeners.notify();
  }

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);
}
