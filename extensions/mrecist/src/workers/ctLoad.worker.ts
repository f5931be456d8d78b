/**
 * Browser Web Worker loading one follow-up CT for seed finding: fetch, decode and HU off the UI thread, in slab
 * order (core/seeds/ctLoadJob.ts). One job per worker; the caller terminates it after `whole` or `failed`.
 */
import { runCtLoad, type CtLoadRequest } from '../core/seeds/ctLoadJob';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<CtLoadRequest>) => {
  void runCtLoad(event.data, (reply, transfer) => scope.postMessage(reply, transfer ?? []), (url, init) => fetch(url, init));
};
