/**
 * The board input from what the viewer knows of a patient: the read and its sign-off, the implant date and
 * half-life read from the RT Plan, the prescription shown in the Dose tab, and the plan's GTV DVH. The final
 * (full-decay) dose of "dose delivered by scan date" is the prescription, as `mrecist board` takes it by default
 * (--final-dose-label prescription). Without an implant date there is no dose axis; without a DVH, no DVH chart.
 */
import type { CaseFile, IsoDate } from '../criteria/types';
import { ISOTOPE_HALF_LIFE_DAYS } from '../dose/isotopes';
import type { SignOff } from '../read/signOff';
import type { BoardInput } from './boardContent';

export interface ViewerDoseFacts {
  implantDate?: IsoDate;
  halfLifeDays?: number;
  prescriptionGy: number;
  /** The target's DVH of the plan (full decay), as the overlay worker computes it. */
  dvh?: { roiName: string; prescriptionGy: number; D90Gy: number; V100Pct: number; V150Pct: number; curve: { doseGy: number[]; volumePct: number[] } };
}

/** The viewer's DVH is the plan's dose on the plan's GTV: the "planned" curve of the board. */
export const VIEWER_DVH_LABEL = 'planned';

export function boardInputFromViewer(caseFile: CaseFile, signOff: SignOff | undefined, dose: ViewerDoseFacts): BoardInput {
  const implant =
    dose.implantDate === undefined
      ? undefined
      : { implantDate: dose.implantDate, finalDoseGy: dose.prescriptionGy, halfLifeDays: dose.halfLifeDays ?? ISOTOPE_HALF_LIFE_DAYS['I-125'], label: 'prescription' };
  const dvh =
    dose.dvh === undefined
      ? undefined
      : {
          prescriptionGy: dose.dvh.prescriptionGy,
          curves: [{ label: VIEWER_DVH_LABEL, doseGy: dose.dvh.curve.doseGy, volumePct: dose.dvh.curve.volumePct }],
          markers: [{ label: VIEWER_DVH_LABEL, D90Gy: dose.dvh.D90Gy, V100Pct: dose.dvh.V100Pct, V150Pct: dose.dvh.V150Pct }],
        };
  return { caseFile, ...(signOff ? { signOff } : {}), ...(implant ? { implant } : {}), ...(dvh ? { dvh } : {}) };
}
