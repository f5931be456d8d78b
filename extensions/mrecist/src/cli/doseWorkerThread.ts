/** Node worker_threads side of the dose pool: relays DoseWorkerRequests to the shared handler. */
import { parentPort } from 'node:worker_threads';
import { handleDoseWorkerRequest } from '../core/dose/doseWorkerHandler';
import type { DoseWorkerRequest } from '../core/dose/messages';

if (!parentPort) throw new Error('doseWorkerThread must run in a worker thread');
const port = parentPort;
port.on('message', (message: DoseWorkerRequest) => {
  handleDoseWorkerRequest(message, (reply, transfer) => port.postMessage(reply, transfer ?? []));
});
