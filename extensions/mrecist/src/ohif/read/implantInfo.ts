/**
 * The implant date and isotope half-life of a patient's plan, for the timeline's days since implant and
 * delivered-dose fraction. The overlay code (which reads the RT Plan) publishes them here; until it does, the
 * timeline shows neither. Shared on globalThis so any bundle copy sees the same values.
 *
 *   import { publishImplantInfo } from '../read/implantInfo';
 *   publishImplantInfo('P12', { implantDate: '2019-05-06', halfLifeDays: 59.4 });
 */
import type { IsoDate } from '../../core/criteria/types';

export interface ImplantInfo {
  readonly implantDate: IsoDate;
  readonly halfLifeDays?: number;
}

interface ImplantRegistry {
  byPatient: Map<string, ImplantInfo>;
  listeners: Set<() => void>;
}

const KEY = Symbol.for('ohif-mrecist.implantInfo');

function registry(): ImplantRegistry {
  const holder = globalThis as unknown as Record<symbol, ImplantRegistry | undefined>;
  return (holder[KEY] ??= { byPatient: new Map(), listeners: new Set() });
}

export function publishImplantInfo(patientId: string, info: ImplantInfo): void {
  registry().byPatient.set(patientId, info);
  for (const listener of [...registry().listeners]) listener();
}

export function implantInfo(patientId: string): ImplantInfo | undefined {
  return registry().byPatient.get(patientId);
}

export function subscribeImplantInfo(listener: () => void): () => void {
  registry().listeners.add(listener);
  return () => {
    registry().listeners.delete(listener);
  };
}
