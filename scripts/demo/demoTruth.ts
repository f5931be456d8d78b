/**
 * The ground truth of the demo case as plain JSON (demo-data/truth.json), for other engineers' tests: true viable
 * and whole-lesion diameters of both lesions (T1 in S8 with seeds, T2 in S6 after TACE), seed positions in each
 * study's own patient coordinates, the migrated seed, the lipiodol centres and the rigid transforms between
 * frames. All positions are LPS millimetres.
 */
import type { DemoPatient } from './demoPatient';
import { applyTransform, transformToMatrix4 } from './RigidTransform';

export const TRUTH_SCHEMA_VERSION = 1;

export function demoTruth(p: DemoPatient) {
  return {
    schemaVersion: TRUTH_SCHEMA_VERSION,
    seedValue: p.seedValue,
    patientId: p.patient.id,
    implantDate: p.implantDate,
    prescriptionDoseGy: p.plan.prescriptionDoseGy,
    seedSpec: p.plan.seed,
    migratedSeedIndex: p.migratedSeedIndex,
    notes: [
      'Positions are patient LPS mm in the frame named by each entry.',
      'preImplantToStudy maps a point from the pre-implant frame to the study frame: p_study = M · p_pre (row-major 4x4).',
      'viableLongestDiameterMm: longest axial diameter of enhancing tumour (edge to edge), from the model shapes.',
      'seeds[].index is the plan index; seeds[].migrated marks the seed that left the tumour.',
      'The study-level lesion fields (viableLongestDiameterMm, lesionCentreMm, ...) describe lesion T1 (S8); lesions[] describes every lesion, T1 and T2.',
      'lesions[]: centreMm and lipiodolCentreMm in the study frame; viableDiameterMm and wholeDiameterMm are longest axial diameters from the model shapes.',
    ],
    plan: {
      frameOfReferenceUid: p.studies[0].frameOfReferenceUid,
      needleDirection: p.plan.needleDirection,
      seeds: p.plan.seeds.map((s) => ({ index: s.index, needle: s.needle, positionMm: s.positionMm, axis: s.axis })),
    },
    studies: p.studies.map((s) => ({
      label: s.label,
      studyInstanceUid: s.studyInstanceUid,
      seriesInstanceUid: s.seriesInstanceUid,
      frameOfReferenceUid: s.frameOfReferenceUid,
      studyDate: s.studyDate,
      daysAfterImplant: s.daysAfterImplant,
      monthsAfterImplant: s.monthsAfterImplant,
      preImplantToStudy: transformToMatrix4(s.preImplantToStudy).map((v) => Number(v.toFixed(9))),
      viableLongestDiameterMm: s.truth.viableLongestDiameterMm,
      viablePlaneZMm: s.truth.viablePlaneZMm,
      lesionLongestDiameterMm: s.truth.lesionLongestDiameterMm,
      viableRimThicknessMm: s.truth.viableRimThicknessMm,
      lesionRadiusMm: s.tumour.lesion.radiusMm,
      lesionCentreMm: applyTransform(s.preImplantToStudy, s.tumour.lesion.centreMm).map((v) => Number(v.toFixed(3))),
      lipiodolCentreMm: s.truth.lipiodolCentreMm,
      seeds: s.seeds.map((seed) => ({ index: seed.index, positionMm: seed.positionMm, axis: seed.axis, migrated: seed.migrated })),
      lesions: s.lesions.map((l) => ({
        id: l.id,
        segment: l.segment,
        treatment: l.treatment,
        centreMm: l.truth.centreMm,
        viableDiameterMm: l.truth.viableLongestDiameterMm,
        viablePlaneZMm: l.truth.viablePlaneZMm,
        wholeDiameterMm: l.truth.lesionLongestDiameterMm,
        lipiodolCentreMm: l.truth.lipiodolCentreMm,
      })),
    })),
  };
}

export type DemoTruth = ReturnType<typeof demoTruth>;
