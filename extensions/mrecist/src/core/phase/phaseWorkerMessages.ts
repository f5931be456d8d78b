/**
 * Messages of the contrast-phase Web Worker (workers/phase.worker.ts): the viewer sends the sampled slices of
 * one CT series as a CtVolume (transferred), the worker answers with the aorta / portal vein measurement.
 */
import type { CtVolume } from '../seeds/CtVolume';
import { measureVesselAttenuation, type VesselMeasurement } from './vesselAttenuation';

export interface PhaseWorkerRequest {
  readonly jobId: number;
  readonly type: 'measureVessels';
  /** Only the sampled slices: every one of them is measured. */
  readonly volume: CtVolume;
}

export type PhaseWorkerReply =
  | { readonly jobId: number; readonly type: 'vesselsMeasured'; readonly measurement: VesselMeasurement; readonly elapsedMs: number }
  | { readonly jobId: number; readonly type: 'failed'; readonly message: string };

/** The worker's whole job, as a pure function (unit-tested without a worker). */
export function handlePhaseRequest(request: PhaseWorkerRequest, now: () => number = () => performance.now()): PhaseWorkerReply {
  const started = now();
  if (request?.type !== 'measureVessels' || !request.volume) return { jobId: request?.jobId ?? -1, type: 'failed', message: `unknown request ${String(request?.type)}` };
  const all = Array.from({ length: request.volume.slices }, (_, k) => k);
  return { jobId: request.jobId, type: 'vesselsMeasured', measurement: measureVesselAttenuation(request.volume, all), elapsedMs: now() - started };
}
