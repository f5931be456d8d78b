/**
 * The read's state for React components: re-renders on every edit and selection change of the store.
 * useSyncExternalStore keeps concurrent renders consistent with the store (no torn reads).
 */
import { useSyncExternalStore } from 'react';
import type { ReadState, ReadStore } from '../ohif/read/ReadStore';

export function useReadState(store: ReadStore): ReadState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
