/** Re-reads a value from host services whenever any of the given services publishes any event. */
import { useEffect, useState } from 'react';
import type { PubSub } from './hostServices';

export function useHostEvents<T>(services: readonly PubSub[], read: () => T): T {
  const [value, setValue] = useState<T>(read);
  useEffect(() => {
    const refresh = () => setValue(read());
    refresh();
    const subscriptions = services.flatMap((service) =>
      Object.values(service.EVENTS).map((event) => service.subscribe(event, refresh)),
    );
    return () => subscriptions.forEach((s) => s.unsubscribe());
    // The services and reader are fixed for the panel's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return value;
}
