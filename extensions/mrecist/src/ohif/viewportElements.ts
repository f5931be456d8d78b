/**
 * Something of ours on every Cornerstone viewport element of the host, for as long as the element lives: the
 * callback runs for each viewport already enabled and for each one enabled later (ELEMENT_ENABLED; a viewport
 * enabled again replaces its previous attachment), and the function it returns runs when the element is disabled
 * or the watch stops.
 */
import { hostCornerstone } from './hostCornerstone';

export type AttachToViewport = (element: HTMLDivElement, viewportId: string) => () => void;

/** Starts watching; returns the function that stops and detaches everything. */
export function watchViewportElements(attach: AttachToViewport): () => void {
  const cs = hostCornerstone();
  const attached = new Map<string, () => void>();
  const detach = (viewportId: string) => {
    attached.get(viewportId)?.();
    attached.delete(viewportId);
  };
  const add = (element: HTMLDivElement, viewportId: string) => {
    detach(viewportId);
    attached.set(viewportId, attach(element, viewportId));
  };
  const onEnabled = (event: Event) => {
    const detail = (event as CustomEvent<{ element: HTMLDivElement; viewportId: string }>).detail;
    add(detail.element, detail.viewportId);
  };
  const onDisabled = (event: Event) => detach((event as CustomEvent<{ viewportId: string }>).detail.viewportId);
  cs.eventTarget.addEventListener(cs.Enums.Events.ELEMENT_ENABLED, onEnabled);
  cs.eventTarget.addEventListener(cs.Enums.Events.ELEMENT_DISABLED, onDisabled);
  for (const engine of cs.getRenderingEngines?.() ?? []) for (const vp of engine.getViewports()) add(vp.element, vp.id);
  return () => {
    cs.eventTarget.removeEventListener(cs.Enums.Events.ELEMENT_ENABLED, onEnabled);
    cs.eventTarget.removeEventListener(cs.Enums.Events.ELEMENT_DISABLED, onDisabled);
    for (const id of [...attached.keys()]) detach(id);
  };
}
