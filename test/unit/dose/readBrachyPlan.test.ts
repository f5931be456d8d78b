/**
 * RT Plan brachy reading on hand-built datasets: both seed encodings, several application setups, one-item
 * sequences as objects, merging, orientation sources, half-life table, default source model, and errors naming
 * the attribute.
 */
import { DicomDataset, type NaturalDataset } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readBrachyPlan } from '../../../extensions/mrecist/src/core/dose/readBrachyPlan';

type P = [number, number, number];
const cp = (position: P | unknown[], weight?: number, extra: NaturalDataset = {}): NaturalDataset => ({
  ControlPoint3DPosition: position,
  ...(weight === undefined ? {} : { CumulativeTimeWeight: weight }),
  ...extra,
});
/** One channel per seed: two control points at the same position, weights 0 then 1. */
const seedChannel = (n: number, p: P, extra: NaturalDataset = {}): NaturalDataset => ({
  ChannelNumber: n,
  ReferencedSourceNumber: 1,
  BrachyControlPointSequence: [cp(p, 0, extra), cp(p, 1, extra)],
});
/** One channel per needle: a weight step at each seed. */
const needleChannel = (n: number, seeds: P[]): NaturalDataset => ({
  ChannelNumber: n,
  ReferencedSourceNumber: 1,
  BrachyControlPointSequence: seeds.flatMap((p, m) => [cp(p, m), cp(p, m + 1)]),
});

const SOURCE: NaturalDataset = {
  SourceNumber: 1,
  SourceIsotopeName: 'I-125',
  SourceIsotopeHalfLife: 59.4,
  ReferenceAirKermaRate: 0.762,
  SourceStrengthReferenceDate: '20260105',
  SourceStrengthReferenceTime: '093000',
  SourceModelID: '6711',
};

function plan(channels: NaturalDataset[] | NaturalDataset, over: NaturalDataset = {}, source: NaturalDataset = {}): NaturalDataset {
  return {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.5',
    SOPInstanceUID: '2.25.77',
    FrameOfReferenceUID: '2.25.78',
    BrachyTreatmentTechnique: 'PERMANENT',
    BrachyTreatmentType: 'LDR',
    DoseReferenceSequence: [{ DoseReferenceNumber: 1 }, { DoseReferenceNumber: 2, TargetPrescriptionDose: 145 }],
    SourceSequence: [{ ...SOURCE, ...source }],
    ApplicationSetupSequence: [{ ApplicationSetupNumber: 1, ChannelSequence: channels }],
    ...over,
  };
}
const read = (nat: NaturalDataset) => readBrachyPlan(new DicomDataset(nat, 'plan.dcm'));
const positions = (nat: NaturalDataset) => read(nat).seeds.map((s) => s.positionMm);

describe('readBrachyPlan seeds', () => {
  it('reads one channel per seed', () => {
    expect(positions(plan([seedChannel(1, [0, 0, 0]), seedChannel(2, [5, 0, 0]), seedChannel(3, [10, 0, 0])]))).toEqual([[0, 0, 0], [5, 0, 0], [10, 0, 0]]);
  });

  it('reads one channel per needle, a seed wherever the cumulative weight steps up', () => {
    const nat = plan([needleChannel(1, [[0, 0, 0], [0, 0, 10], [0, 0, 20]])]);
    const p = read(nat);
    expect(p.seeds.map((s) => s.positionMm)).toEqual([[0, 0, 0], [0, 0, 10], [0, 0, 20]]);
    // Orientation implied by the needle.
    expect(p.seeds.map((s) => [s.axisFrom, s.axis])).toEqual([['needle', [0, 0, 1]], ['needle', [0, 0, 1]], ['needle', [0, 0, 1]]]);
  });

  it('ignores control points where the weight does not step up (needle travel)', () => {
    const channel = { ChannelNumber: 1, ReferencedSourceNumber: 1, BrachyControlPointSequence: [cp([0, 0, -20], 0), cp([0, 0, 0], 0), cp([0, 0, 0], 1), cp([0, 0, 30], 1)] };
    expect(positions(plan([channel]))).toEqual([[0, 0, 0]]);
  });

  it('takes the midpoint, with a warning, when the two control points of a step differ', () => {
    const channel = { ChannelNumber: 4, ReferencedSourceNumber: 1, BrachyControlPointSequence: [cp([0, 0, 0], 0, { ControlPointIndex: 0 }), cp([0, 0, 2], 1, { ControlPointIndex: 1 })] };
    const p = read(plan([channel]));
    expect(p.seeds.map((s) => s.positionMm)).toEqual([[0, 0, 1]]);
    expect(p.warnings).toEqual([
      'plan.dcm › ApplicationSetupSequence[1] › ChannelSequence[1]: control points 0 and 1 of a weight step differ in position by 2.00 mm; seed placed at their midpoint',
    ]);
  });

  it('takes every distinct position when weights are missing', () => {
    const channel = { ChannelNumber: 1, ReferencedSourceNumber: 1, BrachyControlPointSequence: [cp([0, 0, 0]), cp([0, 0, 0]), cp([0, 0, 5]), cp([0, 0.2, 5])] };
    expect(positions(plan([channel]))).toEqual([[0, 0, 0], [0, 0, 5]]);
  });

  it('walks every application setup, and accepts one-item sequences delivered as objects', () => {
    const nat = plan([], {
      ApplicationSetupSequence: [
        { ApplicationSetupNumber: 1, ChannelSequence: seedChannel(1, [1, 2, 3]) },
        { ApplicationSetupNumber: 2, ChannelSequence: [seedChannel(1, [4, 5, 6]), seedChannel(2, [7, 8, 9])] },
      ],
      SourceSequence: SOURCE,
    });
    const p = read(nat);
    expect(p.seeds.map((s) => [s.applicationSetupIndex, s.positionMm])).toEqual([[1, [1, 2, 3]], [2, [4, 5, 6]], [2, [7, 8, 9]]]);
  });

  it.each([
    [0.49, 1],
    [0.5, 2],
  ])('merges seeds closer than 0.5 mm (distance %s mm → %s seeds)', (d, count) => {
    const p = read(plan([seedChannel(1, [0, 0, 0]), seedChannel(2, [0, d, 0])]));
    expect(p.seeds.length).toBe(count);
    expect(p.notes).toEqual(count === 1 ? ['1 seed position(s) within 0.5 mm of another were merged'] : []);
  });

  it('uses Control Point Orientation (normalised) before the needle direction', () => {
    const p = read(plan([seedChannel(1, [0, 0, 0], { ControlPointOrientation: [0, 2, 0] })]));
    expect(p.seeds[0]).toMatchObject({ axis: [0, 1, 0], axisFrom: 'controlPoint' });
  });

  it('leaves a lone seed without orientation', () => {
    expect(read(plan([seedChannel(1, [0, 0, 0])])).seeds[0]).toMatchObject({ axis: undefined, axisFrom: 'none' });
  });

  it('reads prescription, frame of reference and technique', () => {
    const p = read(plan([seedChannel(1, [0, 0, 0])]));
    expect([p.prescriptionGy, p.frameOfReferenceUid, p.brachyTreatmentTechnique, p.brachyTreatmentType]).toEqual([145, '2.25.78', 'PERMANENT', 'LDR']);
  });
});

describe('readBrachyPlan sources', () => {
  it('reads strength, half-life, reference instant and model', () => {
    expect(read(plan([seedChannel(1, [0, 0, 0])])).sources[0]).toEqual({
      sourceNumber: 1,
      isotopeName: 'I-125',
      halfLifeDays: 59.4,
      halfLifeFrom: 'plan',
      airKermaStrengthU: 0.762,
      referenceTimeMs: Date.UTC(2026, 0, 5, 9, 30),
      sourceModelIdInPlan: '6711',
      sourceModelId: '6711',
      sourceModelDefaulted: false,
      activeSourceLengthMm: undefined,
      sourceType: undefined,
    });
  });

  it.each([
    ['I-125', 59.4],
    ['Pd-103', 16.991],
    ['131Cs', 9.689],
  ])('takes the half-life of %s from the isotope table when the plan omits it', (isotope, days) => {
    const p = read(plan([seedChannel(1, [0, 0, 0])], {}, { SourceIsotopeName: isotope, SourceIsotopeHalfLife: undefined }));
    expect(p.sources[0]).toMatchObject({ halfLifeDays: days, halfLifeFrom: 'isotopeTable' });
  });

  it('defaults an unknown source model to 6711 and says so', () => {
    const p = read(plan([seedChannel(1, [0, 0, 0])], {}, { SourceModelID: 'XK-125' }));
    expect(p.sources[0]).toMatchObject({ sourceModelId: '6711', sourceModelDefaulted: true, sourceModelIdInPlan: 'XK-125' });
    expect(p.notes).toEqual(['Source 1: no consensus data for Source Model ID "XK-125"; used I-125 model 6711 (TG-43U1 consensus data)']);
  });
});

describe('readBrachyPlan errors', () => {
  const ch = (cps: NaturalDataset[]) => [{ ChannelNumber: 1, ReferencedSourceNumber: 1, BrachyControlPointSequence: cps }];
  it.each([
    ['a control point with two coordinates', plan(ch([cp([0, 0], 0), cp([0, 0, 0], 1)])),
      'plan.dcm › ApplicationSetupSequence[1] › ChannelSequence[1] › BrachyControlPointSequence[1]: ControlPoint3DPosition (300A,02D4): expected 3 values, got 2'],
    ['a non-numeric coordinate', plan(ch([cp(['1', 'x', '3'], 0), cp([0, 0, 0], 1)])),
      'plan.dcm › ApplicationSetupSequence[1] › ChannelSequence[1] › BrachyControlPointSequence[1]: ControlPoint3DPosition (300A,02D4): value 2 is not a number ("x")'],
    ['a control point without a position', plan(ch([{ CumulativeTimeWeight: 0 }, cp([0, 0, 0], 1)])),
      'plan.dcm › ApplicationSetupSequence[1] › ChannelSequence[1] › BrachyControlPointSequence[1]: ControlPoint3DPosition (300A,02D4): missing'],
    ['a channel without control points', plan([{ ChannelNumber: 1, ReferencedSourceNumber: 1 }]),
      'plan.dcm › ApplicationSetupSequence[1] › ChannelSequence[1]: BrachyControlPointSequence (300A,02D0): missing or empty'],
    ['no application setups', plan([], { ApplicationSetupSequence: undefined }), 'plan.dcm: ApplicationSetupSequence (300A,0230): missing or empty'],
    ['missing Reference Air Kerma Rate', plan([seedChannel(1, [0, 0, 0])], {}, { ReferenceAirKermaRate: undefined }),
      'plan.dcm › SourceSequence[1]: ReferenceAirKermaRate (300A,022A): missing'],
    ['zero Reference Air Kerma Rate', plan([seedChannel(1, [0, 0, 0])], {}, { ReferenceAirKermaRate: 0 }),
      'plan.dcm › SourceSequence[1]: ReferenceAirKermaRate (300A,022A): must be > 0 for a photon-emitting seed, got 0'],
    ['an unknown isotope without half-life', plan([seedChannel(1, [0, 0, 0])], {}, { SourceIsotopeName: 'Au-198', SourceIsotopeHalfLife: undefined }),
      'plan.dcm › SourceSequence[1]: SourceIsotopeHalfLife (300A,0228): missing, and isotope "Au-198" is not in our table (I-125, Pd-103, Cs-131)'],
    ['a channel referencing a missing source', plan([{ ...seedChannel(1, [0, 0, 0]), ReferencedSourceNumber: 2 }]),
      'plan.dcm › ApplicationSetupSequence[1] › ChannelSequence[1]: ReferencedSourceNumber (300C,000E): 2 matches no Source Number in SourceSequence (300A,0210)'],
    ['no weight steps anywhere', plan(ch([cp([0, 0, 0], 0), cp([0, 0, 5], 0)])),
      'plan.dcm: ApplicationSetupSequence (300A,0230): no seed positions (no cumulative time weight steps up in any channel)'],
    ['a bad reference date', plan([seedChannel(1, [0, 0, 0])], {}, { SourceStrengthReferenceDate: '20261340' }),
      'plan.dcm › SourceSequence[1]: SourceStrengthReferenceDate (300A,022C): not a DICOM date (YYYYMMDD): "20261340"'],
    ['not an RT Plan', plan([seedChannel(1, [0, 0, 0])], { SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.2' }),
      'plan.dcm: SOPClassUID (0008,0016): not RT Plan Storage (1.2.840.10008.5.1.4.1.1.481.5), got 1.2.840.10008.5.1.4.1.1.481.2'],
  ])('rejects %s', (_name, nat, message) => {
    expect(() => read(nat)).toThrow(message);
  });
});
