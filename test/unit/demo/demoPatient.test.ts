import fc from 'fast-check';
import { demoPatient, IMPLANT_DATE } from '../../../scripts/demo/demoPatient';
import { demoTruth } from '../../../scripts/demo/demoTruth';
import { hullDiameter } from '../../../scripts/demo/viableDiameter';

type V = [number, number, number];
const dist = (a: readonly number[], b: readonly number[]) => Math.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2);
/** p' = M·p with M a row-major 4×4, written out here rather than borrowed from the generator. */
const apply = (m: number[], p: readonly number[]): V => [0, 1, 2].map((r) => m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2] + m[4 * r + 3]) as V;

const patient = demoPatient(12);
const truth = demoTruth(patient);

describe('demo patient model', () => {
  it('is the same for the same seed value and differs for another', () => {
    expect(JSON.stringify(demoTruth(demoPatient(12)))).toBe(JSON.stringify(truth));
    const other = demoTruth(demoPatient(13));
    expect(other.studies[1].preImplantToStudy).not.toEqual(truth.studies[1].preImplantToStudy);
    expect(other.studies[1].studyInstanceUid).not.toBe(truth.studies[1].studyInstanceUid);
  });

  it('has five studies on weekdays: a baseline days before the implant and follow-ups near 1, 2, 4, 6 months', () => {
    expect(patient.studies.map((s) => s.label)).toEqual(['pre-implant', 'month-01', 'month-02', 'month-04', 'month-06']);
    const implant = Date.parse(IMPLANT_DATE);
    patient.studies.forEach((s) => {
      const date = Date.parse(`${s.studyDate.slice(0, 4)}-${s.studyDate.slice(4, 6)}-${s.studyDate.slice(6)}`);
      const weekday = new Date(date).getUTCDay();
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
      const days = (date - implant) / 86_400_000;
      if (s.monthsAfterImplant === null) {
        expect(days).toBeLessThan(0);
        expect(days).toBeGreaterThan(-14);
      } else expect(Math.abs(days - s.monthsAfterImplant * 30.44)).toBeLessThan(7);
    });
  });

  it('gives every study its own Study, Series and Frame of Reference UID', () => {
    for (const key of ['studyInstanceUid', 'seriesInstanceUid', 'frameOfReferenceUid'] as const)
      expect(new Set(patient.studies.map((s) => s[key])).size).toBe(5);
  });

  it('plans 50 seeds on needle tracks about 1 cm apart, around the 40 mm tumour', () => {
    const seeds = truth.plan.seeds;
    expect(seeds).toHaveLength(50);
    const centre = patient.studies[0].tumour.lesion.centreMm;
    for (const s of seeds) {
      const nearest = Math.min(...seeds.filter((o) => o !== s).map((o) => dist(o.positionMm, s.positionMm)));
      expect(nearest).toBeCloseTo(10, 2);
      expect(dist(s.positionMm, centre)).toBeLessThan(26);
      expect(Math.hypot(...s.axis)).toBeCloseTo(1, 9);
    }
  });

  it('has seeds only after the implant, each within 1.5 mm of plan except the one migrated seed', () => {
    expect(truth.studies[0].seeds).toHaveLength(0);
    for (const s of truth.studies.slice(1)) {
      expect(s.seeds).toHaveLength(50);
      for (const seed of s.seeds) {
        const planned = apply(s.preImplantToStudy, truth.plan.seeds[seed.index].positionMm);
        const moved = dist(seed.positionMm, planned);
        if (seed.index === truth.migratedSeedIndex) {
          expect(seed.migrated).toBe(true);
          expect(moved).toBeGreaterThan(40);
        } else expect(moved).toBeLessThanOrEqual(1.5 + 1e-3);
      }
    }
  });

  it('positions the patient differently each time: a small rotation and a few millimetres of shift', () => {
    for (const s of truth.studies.slice(1)) {
      const m = s.preImplantToStudy;
      const angle = Math.acos(Math.min(1, (m[0] + m[5] + m[10] - 1) / 2)) * (180 / Math.PI);
      expect(angle).toBeGreaterThan(0);
      expect(angle).toBeLessThan(4);
      expect(Math.hypot(m[3], m[7], m[11])).toBeLessThan(12);
    }
  });

  it('shrinks the viable diameter monotonically from about 38 mm to a complete response at 6 months', () => {
    const viable = truth.studies.map((s) => s.viableLongestDiameterMm);
    viable.slice(1).forEach((d, i) => expect(d).toBeLessThanOrEqual(viable[i]));
    expect(viable[0]).toBeGreaterThan(34);
    expect(viable[0]).toBeLessThanOrEqual(40);
    expect(viable[4]).toBeLessThan(2);
    const rim = truth.studies.map((s) => s.viableRimThicknessMm);
    rim.slice(1).forEach((d, i) => expect(d).toBeLessThanOrEqual(rim[i]));
  });

  it('measures the whole lesion as its ball diameter, 2 × radius (hand check of the numeric diameter)', () => {
    for (const s of truth.studies) expect(Math.abs(s.lesionLongestDiameterMm - 2 * s.lesionRadiusMm)).toBeLessThan(0.1);
  });

  it('measures the pre-implant viable part as the viable window diameter (window equator inside the lesion)', () => {
    // Window ball radius 19 mm centred 3 mm from the lesion centre inside a 20 mm lesion: its equatorial chord
    // (38 mm) lies inside the lesion, and no chord of the window is longer.
    const s = patient.studies[0];
    expect(s.tumour.viableWindow?.radiusMm).toBe(19);
    expect(s.truth.viableLongestDiameterMm).toBeCloseTo(38, 1);
  });
});

describe('hullDiameter', () => {
  it('equals the brute-force largest pairwise distance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: 2, maxLength: 40 }),
        (pts) => {
          let brute = 0;
          for (const a of pts) for (const b of pts) brute = Math.max(brute, Math.hypot(a[0] - b[0], a[1] - b[1]));
          expect(hullDiameter(pts as [number, number][])).toBeCloseTo(brute, 9);
        },
      ),
    );
  });
});
