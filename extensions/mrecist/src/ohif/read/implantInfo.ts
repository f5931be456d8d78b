/**
 * The implant date and isotope half-life of a patient's plan, for the timeline's days since implant and
 * delivered-dose fraction. The overlay code (which reads the RT Plan) publishes them here; until it does, the
 * timeline shows neither. The session owns one book per visit (ohif/session/MrecistSession):
 *
 *   session.implants.publish('P12', { implantDate: '2019-05-06', halfLifeDays: 59.4 });
 */
import type { IsoDate } from '../../core/criteria/types';
import { Listeners } from '../Listeners';

export interface ImplantInfo {
  readonly implantDate: IsoDate;
  readonly halfLifeDays?: number;
}

/** Implant facts by patient ID, owned by the session; the overlay publishes, the timeline subscribes. */
export class ImplantInfoBook {
  private readonly byPatient = new Map<string, ImplantInfo>();
  private readonly listeners = new Listeners();

  publish(patientId: string, info: ImplantInfo): void {
    this.byPatient.set(patientId, info);
    this.listeners.notify();
  }

  get(patientId: string): ImplantInfo | undefined {
    return this.byPatient.get(patientId);
  }

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);
}
