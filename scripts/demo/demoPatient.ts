/**
 * The demo patient as pure data, deterministic from a seed value. Modelled on case 12 of the reference study
 * (Xu, Ding et al.): HCC in liver segment S8, 40 mm, treated after earlier TACE with 50 I-125 seeds. Five CT
 * studies (arterial phase): pre-implant baseline, then 1, 2, 4 and 6 months after the implant, each with its own
 * Study, Series and Frame of Reference, because the patient lies differently on the table each time.
 *
 * A second, smaller HCC in segment S6 (lesion T2, taceLesionCourse.ts) was treated by TACE only: a reader's full
 * mRECIST read has two targets at baseline, one with complete and one with partial response.
 *
 * Frames: the pre-implant study's patient frame is also the frame the anatomy is modelled in ("body frame") and
 * the frame of the implant plan. Each follow-up study has a rigid transform preImplantToStudy.
 */
import { uidFromName } from '../../extensions/mrecist/src/core/dicom/uid';
import { add, norm, scale, type Vec3 } from '../../extensions/mrecist/src/core/geometry/vec3';
import { ARTERIAL_SERIES_DESCRIPTION, ARTERIAL_SERIES_LABEL, UNNAMED_DESCRIPTION } from './ctPhases';
import { implantedSeeds, type StudySeed } from './implantedSeeds';
import { NEEDLE_DIRECTION, plannedSeeds, PRESCRIPTION_DOSE_GY, SEED, type PlannedSeed } from './implantPlan';
import {
  applyTransform,
  IDENTITY_TRANSFORM,
  invertTransform,
  rigidTransformFromAngles,
  type RigidTransform,
} from './RigidTransform';
import { derivedRandom } from './seededRandom';
import { taceLesionCourse } from './taceLesionCourse';
import { lesionSd, tumourCourse, viableSd, viableThicknessAlongAxisMm, type TumourState } from './tumourCourse';
import { longestAxialDiameter } from './viableDiameter';
import { axialGrid, type VolumeGrid } from './VolumeGrid';

export const DEMO_PATIENT = {
  id: 'P12',
  /** Fictitious. */
  name: 'MRECIST^DEMO TWELVE',
  sex: 'M',
  birthDate: '19570314',
} as const;

export const IMPLANT_DATE = '2019-05-06';

/** Follow-ups on ordinary weekdays near the nominal months; the baseline a few days before the implant. */
const SCHEDULE = [
  { label: 'pre-implant', months: null, date: '2019-05-02', time: '104218', when: 'before I-125 implant' },
  { label: 'month-01', months: 1, date: '2019-06-05', time: '091540', when: '1 month after I-125 implant' },
  // A scanner that names series by kernel and thickness only: no series description names its phase.
  { label: 'month-02', months: 2, date: '2019-07-08', time: '140312', when: '2 months after I-125 implant', namesPhases: false },
  { label: 'month-04', months: 4, date: '2019-09-04', time: '085127', when: '4 months after I-125 implant' },
  { label: 'month-06', months: 6, date: '2019-11-06', time: '112005', when: '6 months after I-125 implant' },
] as const;

export const SERIES_LABEL = ARTERIAL_SERIES_LABEL;
export const SERIES_DESCRIPTION = ARTERIAL_SERIES_DESCRIPTION;

/** Body-frame extent the CT covers: from above the liver dome (lung bases, heart) to below the tumour. */
const COVERAGE_TOP_Z_MM = 76;
export const FULL_GRID = { columns: 256, rows: 256, slices: 70, pixelMm: 1.4, sliceMm: 2 } as const;

export interface StudyTruth {
  /** Longest axial diameter of the enhancing tumour (mRECIST target measurement), from the model. */
  readonly viableLongestDiameterMm: number;
  readonly viablePlaneZMm: number | null;
  /** Longest axial diameter of the whole lesion (RECIST 1.1 measurement), from the model. */
  readonly lesionLongestDiameterMm: number;
  /** Enhancing rim thickness on the lesion's viable-side axis. */
  readonly viableRimThicknessMm: number;
  /** Lipiodol deposit centre in this study's frame. */
  readonly lipiodolCentreMm: Vec3;
}

/** One lesion at one study, for the reader's target lesions: T1 (S8, seeds after earlier TACE) and T2 (S6, TACE). */
export interface DemoLesion {
  readonly id: 'T1' | 'T2';
  /** Couinaud segment. */
  readonly segment: 'S8' | 'S6';
  /** The treatment that lesion received in this course: I-125 seeds (T1) or TACE alone (T2). */
  readonly treatment: 'seeds' | 'tace';
  /** In the pre-implant (body) frame. */
  readonly tumour: TumourState;
  readonly truth: LesionTruth;
}

export interface LesionTruth {
  /** Longest axial diameter of the enhancing part (mRECIST), from the model; 0 when none is left. */
  readonly viableLongestDiameterMm: number;
  readonly viablePlaneZMm: number | null;
  /** Longest axial diameter of the whole lesion (RECIST 1.1), from the model. */
  readonly lesionLongestDiameterMm: number;
  /** Lesion centre in this study's frame. */
  readonly centreMm: Vec3;
  /** Lipiodol deposit centre in this study's frame. */
  readonly lipiodolCentreMm: Vec3;
}

export interface DemoStudy {
  readonly index: number;
  readonly label: string;
  readonly monthsAfterImplant: number | null;
  readonly daysAfterImplant: number;
  /** DICOM DA and TM. */
  readonly studyDate: string;
  readonly studyTime: string;
  readonly studyDescription: string;
  /** Of the arterial series. */
  readonly seriesDescription: string;
  /** False for the study whose series descriptions name no phase (the classifier must find it from timing). */
  readonly namesPhases: boolean;
  readonly accessionNumber: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly preImplantToStudy: RigidTransform;
  readonly grid: VolumeGrid;
  /** Lesion T1 (S8, the implanted one) in the pre-implant (body) frame; the same as lesions[0].tumour. */
  readonly tumour: TumourState;
  /** Every lesion, T1 first. */
  readonly lesions: readonly DemoLesion[];
  /** In this study's frame; empty before the implant. */
  readonly seeds: readonly StudySeed[];
  readonly truth: StudyTruth;
}

export interface DemoPatient {
  readonly seedValue: number;
  readonly patient: typeof DEMO_PATIENT;
  readonly implantDate: string;
  readonly plan: {
    readonly seeds: readonly PlannedSeed[];
    readonly prescriptionDoseGy: number;
    readonly seed: typeof SEED;
    readonly needleDirection: Vec3;
  };
  /** Plan index of the seed that migrates (to the right lung base) from the first follow-up on. */
  readonly migratedSeedIndex: number;
  readonly studies: readonly DemoStudy[];
}

/** Deterministic UID for an object of the demo, e.g. uidFor(12, 'month-01/ct/17'). */
export function demoUid(seedValue: number, name: string): string {
  return uidFromName(`ohif-mrecist demo seed=${seedValue} ${DEMO_PATIENT.id} ${name}`);
}

export function sopInstanceUid(p: DemoPatient, study: DemoStudy, instanceNumber: number): string {
  return demoUid(p.seedValue, `${study.label}/${SERIES_LABEL}/${instanceNumber}`);
}

/** Study Description is LO: at most 64 bytes in UTF-8, which the em dash (3 bytes) makes tight. */
function studyDescription(when: string): string {
  const text = `CT abdomen liver arterial phase — ${when}`;
  if (new TextEncoder().encode(text).length > 64) throw new Error(`Study Description over 64 bytes: ${text}`);
  return text;
}

const namesPhases = (s: (typeof SCHEDULE)[number]) => !('namesPhases' in s) || s.namesPhases !== false;

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

export function demoPatient(seedValue: number): DemoPatient {
  const tumour = tumourCourse(derivedRandom(seedValue, 'tumour'));
  // Its own random stream, so T2's droplets leave every draw of T1, the plan and the seeds unchanged.
  const t2 = taceLesionCourse(derivedRandom(seedValue, 'tumour-t2'));
  const plan = plannedSeeds(derivedRandom(seedValue, 'plan'));
  const pose = derivedRandom(seedValue, 'pose');
  const transforms = SCHEDULE.map((s, i) =>
    i === 0
      ? IDENTITY_TRANSFORM
      : rigidTransformFromAngles(
          { aboutXDeg: pose.uniform(-1.5, 1.5), aboutYDeg: pose.uniform(-1, 1), aboutZDeg: pose.uniform(-2.5, 2.5) },
          [round2(pose.uniform(-6, 6)), round2(pose.uniform(-4, 4)), round2(pose.uniform(-8, 8))],
        ),
  );
  const implanted = implantedSeeds(plan, transforms.length - 1, derivedRandom(seedValue, 'seeds'));
  const studies = SCHEDULE.map((s, i): DemoStudy => {
    const t = transforms[i];
    const grid = studyGrid(t);
    const seeds = i === 0 ? [] : implanted.perFollowUp[i - 1].map((seed) => inStudyFrame(seed, t));
    const t1Truth = lesionTruth(tumour[i], t);
    return {
      index: i,
      label: s.label,
      monthsAfterImplant: s.months,
      daysAfterImplant: daysBetween(IMPLANT_DATE, s.date),
      studyDate: s.date.replace(/-/g, ''),
      studyTime: s.time,
      studyDescription: studyDescription(s.when),
      seriesDescription: namesPhases(s) ? SERIES_DESCRIPTION : UNNAMED_DESCRIPTION,
      namesPhases: namesPhases(s),
      accessionNumber: `P12-${s.date.replace(/-/g, '')}`,
      studyInstanceUid: demoUid(seedValue, `${s.label}/study`),
      seriesInstanceUid: demoUid(seedValue, `${s.label}/${SERIES_LABEL}`),
      frameOfReferenceUid: demoUid(seedValue, `${s.label}/frame-of-reference`),
      preImplantToStudy: t,
      grid,
      tumour: tumour[i],
      lesions: [
        { id: 'T1', segment: 'S8', treatment: 'seeds', tumour: tumour[i], truth: t1Truth },
        { id: 'T2', segment: 'S6', treatment: 'tace', tumour: t2[i], truth: lesionTruth(t2[i], t) },
      ],
      seeds,
      truth: studyTruth(tumour[i], t1Truth),
    };
  });
  return {
    seedValue,
    patient: DEMO_PATIENT,
    implantDate: IMPLANT_DATE,
    plan: { seeds: plan, prescriptionDoseGy: PRESCRIPTION_DOSE_GY, seed: SEED, needleDirection: NEEDLE_DIRECTION },
    migratedSeedIndex: implanted.migratedSeedIndex,
    studies,
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

function inStudyFrame(seed: StudySeed, t: RigidTransform): StudySeed {
  const axis = applyTransform({ ...t, translationMm: [0, 0, 0] }, seed.axis);
  return {
    ...seed,
    positionMm: applyTransform(t, seed.positionMm).map(round3) as Vec3,
    axis: scale(axis, 1 / norm(axis)).map((v) => Math.round(v * 1e6) / 1e6) as Vec3,
  };
}

/** Same matrix and spacing at every visit; the table position is chosen to cover the same anatomy. */
function studyGrid(t: RigidTransform): VolumeGrid {
  const top = applyTransform(t, [0, 0, COVERAGE_TOP_Z_MM])[2];
  return axialGrid(FULL_GRID, Math.round(top * 2) / 2);
}

/** True axial diameters of a lesion's enhancing part and of the whole lesion, on this study's axial planes. */
function axialDiameters(tumour: TumourState, t: RigidTransform) {
  const toBody = invertTransform(t);
  const centre = applyTransform(t, tumour.lesion.centreMm);
  const r = tumour.lesion.radiusMm + 1;
  const boxMin = add(centre, [-r, -r, -r]);
  const boxMax = add(centre, [r, r, r]);
  const inBody = (f: (s: TumourState, x: number, y: number, z: number) => number) => (x: number, y: number, z: number) => {
    const p = applyTransform(toBody, [x, y, z]);
    return f(tumour, p[0], p[1], p[2]) < 0;
  };
  return {
    viable: longestAxialDiameter(inBody(viableSd), boxMin, boxMax),
    lesion: longestAxialDiameter(inBody(lesionSd), boxMin, boxMax),
  };
}

function lesionTruth(tumour: TumourState, t: RigidTransform): LesionTruth {
  const { viable, lesion } = axialDiameters(tumour, t);
  return {
    viableLongestDiameterMm: round2(viable.diameterMm),
    viablePlaneZMm: viable.planeZMm === null ? null : round2(viable.planeZMm),
    lesionLongestDiameterMm: round2(lesion.diameterMm),
    centreMm: applyTransform(t, tumour.lesion.centreMm).map(round3) as Vec3,
    lipiodolCentreMm: applyTransform(t, tumour.lipiodolCentreMm).map(round3) as Vec3,
  };
}

/** The S8 lesion's study truth (kept as its own fields for existing readers of truth.json) from its lesion truth. */
function studyTruth(tumour: TumourState, lesion: LesionTruth): StudyTruth {
  return {
    viableLongestDiameterMm: lesion.viableLongestDiameterMm,
    viablePlaneZMm: lesion.viablePlaneZMm,
    lesionLongestDiameterMm: lesion.lesionLongestDiameterMm,
    viableRimThicknessMm: viableThicknessAlongAxisMm(tumour),
    lipiodolCentreMm: lesion.lipiodolCentreMm,
  };
}
