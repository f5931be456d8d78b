/**
 * What the read's hotkeys do (the mode binds them through OHIF's hotkeys manager; ohif/readHotkeys.ts). Each
 * acts on the open session's read: walk the lesions, open the next follow-up, mark the selected lesion not
 * evaluable with the panel's chosen reason, clear the selection. Refusals go to the host's notifications.
 */
import { markNotEvaluable } from '../../core/read/readOperations';
import { ReadEditRefused } from '../../core/read/readTimepoints';
import type { MrecistSession } from '../session/MrecistSession';
import { neighbourLesion, nextFollowUp } from './readKeyboard';
import { openTimepoint } from './viewportNavigation';

type NavigationServices = Parameters<typeof openTimepoint>[0];

export function selectNeighbourLesion(session: MrecistSession, step: 1 | -1): void {
  const store = session.activeRead();
  if (!store) return;
  const s = store.getState();
  store.select(neighbourLesion(s.read.lesions.map((l) => l.id), s.selectedLesionId, step), s.activeTimepointId);
}

export function openNextFollowUp(session: MrecistSession, services: NavigationServices): void {
  const store = session.activeRead();
  if (!store) return;
  const s = store.getState();
  const next = nextFollowUp(s.read.timepoints, s.activeTimepointId);
  if (!next) return;
  const problem = openTimepoint(services, s.read, next, 'baseline');
  if (problem) session.notify(problem, 'warning');
  store.select(store.getState().selectedLesionId, next);
}

export function markSelectedNotEvaluable(session: MrecistSession): void {
  const store = session.activeRead();
  if (!store) return;
  const s = store.getState();
  const lesion = s.read.lesions.find((l) => l.id === s.selectedLesionId);
  const timepointId = s.activeTimepointId;
  if (!lesion || !timepointId || lesion.role === 'new') {
    session.notify('Select a target or non-target and a timepoint to mark it not evaluable.', 'warning');
    return;
  }
  const reason = session.choices.get().notEvaluableReason;
  try {
    store.apply((r) => markNotEvaluable(r, lesion.id, timepointId, reason), `${lesion.id} at ${timepointId}: not evaluable (${reason})`);
  } catch (error) {
    if (!(error instanceof ReadEditRefused)) throw error;
    session.notify(error.message, 'warning');
  }
}

export function clearSelection(session: MrecistSession): void {
  const store = session.activeRead();
  if (!store) return;
  store.select(undefined, store.getState().activeTimepointId);
}
