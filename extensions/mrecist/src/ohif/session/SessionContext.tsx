/**
 * The session for our React components: panels put the open session in context, and components read it with
 * useSession(). A component outside a mode visit sees null.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { MrecistSession } from './MrecistSession';
import type { MrecistSessionService } from './MrecistSessionService';

const SessionContext = createContext<MrecistSession | null>(null);

/** Provides the service's current session, following it from visit to visit. */
export function SessionProvider({ service, children }: { service: MrecistSessionService | undefined; children: ReactNode }) {
  const subscribe = service?.subscribe ?? (() => () => undefined);
  const read = () => service?.getSession() ?? null;
  const session = useSyncExternalStore(subscribe, read, read);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): MrecistSession | null {
  return useContext(SessionContext);
}
