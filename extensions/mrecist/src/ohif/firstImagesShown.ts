/**
 * When the viewer has shown its first images: every Cornerstone viewport the host has enabled has drawn an image
 * (IMAGE_RENDERED), or `timeoutMs` has passed (a viewport left empty, a layout without Cornerstone viewports).
 * Work the reader is not waiting for (sampling slices for contrast-phase evidence) starts then, so the first
 * images have the network and both cores of a small machine to themselves.
 */
import { hostCornerstone } from './hostCornerstone';
import { watchViewportElements } from './viewportElements';

/** Long enough for a cold open on a slow machine; the work it holds back is only deferred, never lost. */
export const FIRST_IMAGES_WAIT_MS = 8000;

export interface FirstImagesShown {
  readonly promise: Promise<void>;
  /** True once the promise has resolved (a synchronous check for a component's first render). */
  readonly shown: boolean;
  /** Resolves now and stops watching (the session ended). */
  stop(): void;
}

/** For a session with no viewports to watch: shown from the start. */
export const NOTHING_TO_WATCH: FirstImagesShown = { promise: Promise.resolve(), shown: true, stop: () => undefined };

export function firstImagesShown(timeoutMs = FIRST_IMAGES_WAIT_MS): FirstImagesShown {
  const cs = hostCornerstone();
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const waiting = new Set<string>();
  let shown = 0;
  let unwatch: (() => void) | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    unwatch?.();
    resolve();
  };
  const timer = setTimeout(finish, timeoutMs);
  unwatch = watchViewportElements((element, viewportId) => {
    waiting.add(viewportId);
    const onRendered = () => {
      waiting.delete(viewportId);
      shown++;
      if (waiting.size === 0) finish();
    };
    element.addEventListener(cs.Enums.Events.IMAGE_RENDERED, onRendered, { once: true });
    return () => {
      element.removeEventListener(cs.Enums.Events.IMAGE_RENDERED, onRendered);
      // A viewport gone before its first image no longer holds the others back.
      if (waiting.delete(viewportId) && waiting.size === 0 && shown > 0) finish();
    };
  });
  if (finished) unwatch();
  return {
    promise,
    get shown() {
      return finished;
    },
    stop: finish,
  };
}
