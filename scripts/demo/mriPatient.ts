/**
 * The second demo patient, P13, followed by MRI with gadoxetate: HCC in S8 treated with I-125 seeds, a
 * pre-implant baseline and two follow-ups, each a dynamic fat-suppressed 3D T1 series set (pre, late arterial,
 * portal venous, transitional at 3 min, hepatobiliary at 20 min) and a T2-weighted series. Pure data,
 * deterministic from the seed value; the anatomy and tumour model are the CT patient's (a different person in
 * the story, the same synthetic body), seen through MRI signal tables (mriSignal.ts).
 */
import { demoUid } from './demoPatient';
import { implantedSeeds, type StudySeed } from './implantedSeeds';
import { plannedSeeds } from './implantPlan';
import { IDENTITY_TRANSFORM, type RigidTransform } from './RigidTransform';
import { derivedRandom } from './seededRandom';
import { tumourCourse, type TumourState } from './tumourCourse';
import type { MrSeriesKind } from './mriSignal';
import { axialGrid, type VolumeGrid } from './VolumeGrid';

export const MRI_PATIENT = { id: 'P13', name: 'MRECIST^DEMO THIRTEEN', sex: 'F', birthDate: '19610922' } as const;
export const MRI_IMPLANT_DATE = '2020-03-05';

/** Index into the CT tumour course (pre, 1, 2, 4, 6 months) each MRI study shows. */
const MRI_SCHEDULE = [
  { label: 'mri-pre-implant', date: '20200302', time: '093000', course: 0, when: 'before I-125 implant' },
  { label: 'mri-month-02', date: '20200506', time: '101500', course: 2, when: '2 months after I-125 implant' },
  { label: 'mri-month-04', date: '20200708', time: '084500', course: 3, when: '4 months after I-125 implant' },
] as const;

export interface MrSeriesSpec {
  readonly kind: MrSeriesKind;
  readonly label: string;
  readonly seriesNumber: number;
  readonly description: string;
  /** Seconds after the start of the injection (negative: before it). */
  readonly afterInjectionS: number;
  /** Dynamic T1 series carry the Contrast/Bolus module; the T2 series is acquired before the injection without it. */
  readonly dynamic: boolean;
}

/** Siemens-style names: sequence, fat suppression, orientation, then the phase in its console abbreviation. */
export const MR_SERIES: readonly MrSeriesSpec[] = [
  { kind: 't2', label: 'mr-t2-haste-fs', seriesNumber: 4, description: 't2_haste_fs_tra', afterInjectionS: -540, dynamic: false },
  { kind: 'pre', label: 'mr-t1-pre', seriesNumber: 6, description: 't1_vibe_fs_tra_pre', afterInjectionS: -60, dynamic: true },
  { kind: 'arterial', label: 'mr-t1-arterial', seriesNumber: 7, description: 't1_vibe_fs_tra_art', afterInjectionS: 32, dynamic: true },
  { kind: 'portalVenous', label: 'mr-t1-portal-venous', seriesNumber: 8, description: 't1_vibe_fs_tra_pv', afterInjectionS: 68, dynamic: true },
  { kind: 'transitional', label: 'mr-t1-transitional', seriesNumber: 9, description: 't1_vibe_fs_tra_3min', afterInjectionS: 180, dynamic: true },
  { kind: 'hepatobiliary', label: 'mr-t1-hepatobiliary', seriesNumber: 10, description: 't1_vibe_fs_tra_20min_hbp', afterInjectionS: 1200, dynamic: true },
];

/** The injection starts this long after the study time (localizers and T2 first). */
export const MRI_INJECTION_AFTER_STUDY_S = 600;

export const MRI_GRID = { columns: 160, rows: 160, slices: 36, pixelMm: 2.2, sliceMm: 4, topZMm: 62 } as const;

export interface MriStudy {
  readonly index: number;
  readonly label: string;
  readonly studyDate: string;
  readonly studyTime: string;
  readonly studyDescription: string;
  readonly accessionNumber: string;
  readonly studyInstanceUid: string;
  readonly frameOfReferenceUid: string;
  /** The same pose at every visit (body frame = study frame). */
  readonly preImplantToStudy: RigidTransform;
  readonly grid: VolumeGrid;
  readonly tumour: TumourState;
  readonly seeds: readonly StudySeed[];
}

export interface MriPatient {
  readonly seedValue: number;
  readonly studies: readonly MriStudy[];
}

export const mriUid = (seedValue: number, name: string) => demoUid(seedValue, `MRI ${MRI_PATIENT.id} ${name}`);


export function mriPatient(seedValue: number): MriPatient {
  const course = tumourCourse(derivedRandom(seedValue, 'mri-tumour'));
  const plan = plannedSeeds(derivedRandom(seedValue, 'mri-plan'));
  const implanted = implantedSeeds(plan, MRI_SCHEDULE.length - 1, derivedRandom(seedValue, 'mri-seeds'));
  return {
    seedValue,
    studies: MRI_SCHEDULE.map((s, i) => ({
      index: i,
      label: s.label,
      studyDate: s.date,
      studyTime: s.time,
      studyDescription: `MRI liver gadoxetate — ${s.when}`,
      accessionNumber: `P13-${s.date}`,
      studyInstanceUid: mriUid(seedValue, `${s.label}/study`),
      frameOfReferenceUid: mriUid(seedValue, `${s.label}/frame-of-reference`),
      preImplantToStudy: IDENTITY_TRANSFORM,
      grid: axialGrid(MRI_GRID, MRI_GRID.topZMm),
      tumour: course[s.course],
      seeds: i === 0 ? [] : implanted.perFollowUp[i - 1],
    })),
  };
}
