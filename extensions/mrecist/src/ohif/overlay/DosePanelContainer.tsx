/** DosePanelSection bound to the open session's OverlayStore (mount it inside a SessionProvider). */
import { useSyncExternalStore } from 'react';
import { DosePanelSection, type DosePanelActions } from '../../ui/DosePanelSection';
import { useSession } from '../session/SessionContext';
import type { OverlayStore } from './OverlayStore';

export function DosePanelContainer() {
  const session = useSession();
  if (!session) return null;
  return <DoseSection store={session.overlayStore} />;
}

function DoseSection({ store }: { store: OverlayStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const actions: DosePanelActions = {
    setPrescription: (gy) => store.setPrescription(gy),
    toggleLevel: (percent) => store.toggleLevel(percent),
    setLevels: (percents) => store.setVisibleLevels(percents),
    setBasis: (basis) => store.update({ basis }),
    toggleEnabled: () => store.toggleEnabled(),
  };
  return <DosePanelSection state={state} actions={actions} />;
}
