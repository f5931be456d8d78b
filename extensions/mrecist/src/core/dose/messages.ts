/**
 * Plain-data contract of the dose engine, shared by the pure core (computeDoseGrid), the browser Web Worker
 * (workers/dose.worker.ts) and the Node worker pool (cli/doseWorkerPool.ts). Numbers, strings and typed arrays
 * only, so messages survive structured cloning unchanged.
 */
import type { Vec3 } from '../geometry/vec3';
import type { DoseBasis, DoseGrid } from './DoseGrid';
import type { DoseModelKind } from './tg43Lookup';
import type { DoseKernelChoice } from './computeDoseGrid';

/** One seed as the engine sees it: strength already decayed to the implant instant. */
export interface DoseSeed {
  positionMm: Vec3;
  /** Unit vector along the seed's long axis; absent → the 1D point-source formalism is used for this seed. */
  axis?: Vec3;
  strengthAtImplantU: number;
  halfLifeDays: number;
  /** Key into SOURCE_MODELS (already resolved, e.g. "6711"). */
  sourceModelId: string;
}

/** Regular grid geometry: a DoseGrid without its values (see DoseGrid.ts for the voxel-to-patient mapping). */
export type DoseGridGeometry = Omit<DoseGrid, 'dose' | 'units' | 'basis'>;

export interface DoseGridRequest {
  seeds: DoseSeed[];
  geometry: DoseGridGeometry;
  /** line2d falls back to point1d for seeds without an axis. */
  model: DoseModelKind;
  basis: DoseBasis;
}

/** How many seeds each formalism actually used. */
export interface DoseModelUsage {
  requested: DoseModelKind;
  line2dSeeds: number;
  point1dSeeds: number;
}

/** Main thread → worker: compute frames [frameStart, frameEnd). */
export interface DoseWorkerRequest {
  type: 'computeFrames';
  jobId: number;
  request: DoseGridRequest;
  frameStart: number;
  frameEnd: number;
  /** Row kernels to run (default 'auto'); 'js' is today's JavaScript engine, kept as the benchmark's baseline. */
  kernels?: DoseKernelChoice;
}

/** Worker → main thread. `dose` holds (frameEnd − frameStart)·rows·columns Gy values; its buffer is transferred. */
export type DoseWorkerReply =
  | { type: 'progress'; jobId: number; framesDone: number }
  | { type: 'frames'; jobId: number; frameStart: number; frameEnd: number; dose: Float32Array }
  | { type: 'failed'; jobId: number; message: string };
