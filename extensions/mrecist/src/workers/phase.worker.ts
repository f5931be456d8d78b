/** Browser Web Worker measuring contrast-phase image evidence (aorta, portal vein) off the UI thread. */
import { handlePhaseRequest, type PhaseWorkerRequest } from '../core/phase/phaseWorkerMessages';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<PhaseWorkerRequest>) => {
  scope.postMessage(handlePhaseRequest(event.data));
};
