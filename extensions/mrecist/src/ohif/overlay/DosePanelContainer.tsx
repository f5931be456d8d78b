/** DosePanelSection bound to the page's OverlayStore (mount it inside any of our React roots). */
import { useSyncExternalStore } from 'react';
import { DosePanelSection, type DosePanelActions } from '../../ui/DosePanelSection';
import { getOverlayStore } from './OverlayStore';

export function DosePanelContainer() {
  const store = getOverlayStore();
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const actions: DosePanelActions = {
    setPrescription: (gy) => store.setPrescription(gy),
    toggleLevel: (percent) => store.toggleLevel(percent),
    setBasis: (basis) => store.update({ basis }),
    toggleEnabled: () => store.toggleEnabled(),
  };
  return <DosePanelSection state={state} actions={actions} />;
}
