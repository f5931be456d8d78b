/**
 * fast-check generator of valid mRECIST case files (schema v1) covering what the SR must carry: targets with
 * any subset of diameters (tenths and arbitrary doubles), not-evaluable with and without reason, drawn lines,
 * non-target statuses, new lesions with later assessments, optional tracking UIDs, readers, charter options.
 */
import fc from 'fast-check';
import type { CaseFile, ImageGraphic, Lesion, NonTargetStatus, TargetMeasurement } from '../../../extensions/mrecist/src/core/criteria/types';

const tenths = fc.integer({ min: 0, max: 1500 }).map((x) => x / 10);
const mm = fc.oneof({ weight: 4, arbitrary: tenths }, { weight: 1, arbitrary: fc.double({ min: 0, max: 300, noNaN: true, noDefaultInfinity: true }) });
const pixel = fc.float({ min: -1000, max: 5000, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));

function graphicArb(tpIndex: number, lesionIndex: number): fc.Arbitrary<ImageGraphic> {
  return fc.record(
    {
      points: fc.array(fc.tuple(pixel, pixel), { minLength: 2, maxLength: 3 }),
      frame: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    },
  ).map(({ points, frame }) => {
    const g: ImageGraphic = {
      referencedSopClassUid: frame === undefined ? '1.2.840.10008.5.1.4.1.1.2' : '1.2.840.10008.5.1.4.1.1.2.1',
      referencedSopInstanceUid: `2.25.${tpIndex + 1}0${lesionIndex + 1}`,
      referencedSeriesInstanceUid: `2.25.${tpIndex + 1}9`,
      graphicType: 'POLYLINE',
      points: points as [number, number][],
    };
    if (frame !== undefined) g.referencedFrameNumber = frame;
    return g;
  });
}

function measuredArb(tp: number, li: number, withImages: boolean, baseline: boolean): fc.Arbitrary<TargetMeasurement> {
  const viable = baseline ? fc.integer({ min: 100, max: 1500 }).map((x) => x / 10) : mm;
  return fc
    .record(
      {
        viableLongAxisMm: viable,
        longAxisMm: fc.option(mm, { nil: undefined }),
        shortAxisMm: fc.option(mm, { nil: undefined }),
        viablePerpendicularMm: fc.option(mm, { nil: undefined }),
        graphic: withImages ? fc.option(graphicArb(tp, li), { nil: undefined }) : fc.constant(undefined),
      },
      { requiredKeys: ['viableLongAxisMm'] },
    )
    .map(({ graphic, ...values }) => {
      const m: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) if (v !== undefined) m[k] = v;
      if (graphic) m.graphics = { viableLongAxisMm: graphic };
      return m as TargetMeasurement;
    });
}

const notEvaluable: fc.Arbitrary<TargetMeasurement> = fc
  .option(fc.constantFrom('no arterial phase', 'lipiodol on CT', 'streak artefact, seeds'), { nil: undefined })
  .map((reason) => (reason === undefined ? { notEvaluable: true } : { notEvaluable: true, reason }));

const optionalText = (values: string[]) => fc.option(fc.constantFrom(...values), { nil: undefined });

export const caseFileArb: fc.Arbitrary<CaseFile> = fc
  .record({
    nTimepoints: fc.integer({ min: 2, max: 5 }),
    gaps: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 5, maxLength: 5 }),
    withImages: fc.boolean(),
    nTargets: fc.integer({ min: 1, max: 3 }),
    nNonTargets: fc.integer({ min: 0, max: 2 }),
    withNew: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1000 }),
    options: fc.option(fc.record({ requireConfirmation: fc.boolean(), confirmationMinDays: fc.integer({ min: 1, max: 60 }) }), { nil: undefined }),
    reader: fc.record({ name: fc.constantFrom('Reader^One', 'Smith^Jane', 'Müller^Jörg'), role: optionalText(['Reader 1', 'Reader 2', 'Adjudicator']) }),
    slice: fc.option(fc.constantFrom(1, 2.5, 5), { nil: undefined }),
  })
  .chain((p) => {
    const dates: string[] = [];
    let day = Date.UTC(2019, 0, 1);
    for (let i = 0; i < p.nTimepoints; i++) {
      day += p.gaps[i] * 86_400_000;
      dates.push(new Date(day).toISOString().slice(0, 10));
    }
    const ids = dates.map((_, i) => (i === 0 ? 'BL' : `M${i}`));
    const timepoints = ids.map((id, i) => ({
      id,
      date: dates[i],
      ...(i === 0 ? { baseline: true } : {}),
      ...(p.withImages ? { studyInstanceUid: `2.25.${i + 1}` } : {}),
    }));
    const identity = (li: number, id: string) =>
      fc.record({
        site: optionalText(['liver S8', 'portal vein', 'liver S3, dome', 'peritoneum']),
        name: optionalText(['dome lesion', 'Läsion "x", y']),
        trackingUid: fc.option(fc.constant(`2.25.77${li}`), { nil: undefined }),
        id: fc.constant(id),
      });
    const targets = Array.from({ length: p.nTargets }, (_, li) =>
      fc
        .tuple(
          identity(li, `T${li + 1}`),
          fc.option(fc.boolean(), { nil: undefined }),
          fc.tuple(...ids.map((_, ti) => (ti === 0 ? measuredArb(ti, li, p.withImages, true) : fc.oneof(measuredArb(ti, li, p.withImages, false), notEvaluable)))),
        )
        .map(([idn, enh, ms]) => {
          const l: Record<string, unknown> = { ...idn, role: 'target', measurements: Object.fromEntries(ids.map((id, i) => [id, ms[i]])) };
          if (enh !== undefined) l.arteriallyEnhancing = enh;
          return l as unknown as Lesion;
        }),
    );
    const statuses: NonTargetStatus[] = ['present', 'absent', 'unequivocalProgression', 'notEvaluated'];
    const nonTargets = Array.from({ length: p.nNonTargets }, (_, k) =>
      fc
        .tuple(identity(10 + k, `NT${k + 1}`), fc.tuple(...ids.map(() => fc.constantFrom(...statuses))), fc.option(fc.boolean(), { nil: undefined }))
        .map(([idn, st, cyt]) => {
          const l: Record<string, unknown> = { ...idn, role: 'nonTarget', status: Object.fromEntries(ids.map((id, i) => [id, st[i]])) };
          if (cyt !== undefined) Object.assign(l, { kind: 'effusion', cytologyConfirmed: cyt });
          return l as unknown as Lesion;
        }),
    );
    const news = p.withNew
      ? [
          fc
            .tuple(identity(20, 'N1'), fc.integer({ min: 1, max: p.nTimepoints - 1 }), fc.array(fc.record({ longAxisMm: tenths, typicalHCC: fc.boolean(), unequivocal: fc.option(fc.boolean(), { nil: undefined }) }), { minLength: p.nTimepoints, maxLength: p.nTimepoints }))
            .map(([idn, first, as]) => {
              const assessments: Record<string, unknown> = {};
              for (let i = first; i < p.nTimepoints; i++) {
                const { unequivocal, ...a } = as[i];
                assessments[ids[i]] = unequivocal === undefined ? a : { ...a, unequivocal };
              }
              return { ...idn, role: 'new', appearsAt: ids[first], assessments } as unknown as Lesion;
            }),
        ]
      : [];
    return fc.tuple(fc.tuple(...targets), nonTargets.length ? fc.tuple(...nonTargets) : fc.constant([] as Lesion[]), news.length ? fc.tuple(...news) : fc.constant([] as Lesion[])).map(
      ([t, n, w]) => {
        const reader = p.reader.role === undefined ? { name: p.reader.name } : { name: p.reader.name, role: p.reader.role };
        const c: Record<string, unknown> = { patientId: `P${p.seed}`, criteria: 'mrecist' };
        if (p.options) c.options = p.options;
        if (p.slice !== undefined) c.sliceThicknessMm = p.slice;
        c.timepoints = timepoints;
        c.lesions = [...t, ...n, ...w].map((l) => JSON.parse(JSON.stringify(l)));
        c.reader = reader;
        return c as unknown as CaseFile;
      },
    );
  });
