/**
 * Browser Web Worker entry for the TG-43 grid engine. The viewer splits a DoseGridRequest's frames across a few of
 * these (splitFrameRanges in core/dose/computeDoseGrid.ts), posts one DoseWorkerRequest to each and stitches the
 * returned frames with assembleDoseGrid. Messages are the typed plain data of core/dose/messages.ts.
 */
import { handleDoseWorkerRequest } from '../core/dose/doseWorkerHandler';
import type { DoseWorkerRequest } from '../core/dose/messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<DoseWorkerRequest>) => {
  handleDoseWorkerRequest(event.data, (reply, transfer) => scope.postMessage(reply, transfer ?? []));
};
