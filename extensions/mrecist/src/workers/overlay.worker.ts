/**
 * Browser Web Worker for the seed and isodose overlay: plan/dose/structure reading, isodose per displayed plane,
 * target DVH, seed finding and registration on follow-up CTs. Messages: core/overlay/overlayMessages.ts.
 */
import type { OverlayWorkerRequest } from '../core/overlay/overlayMessages';
import { OverlayWorkerState } from '../core/overlay/overlayWorkerHandler';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const state = new OverlayWorkerState();

scope.onmessage = (event: MessageEvent<OverlayWorkerRequest>) => {
  state.handle(event.data, (reply, transfer) => scope.postMessage(reply, transfer ?? []));
};
