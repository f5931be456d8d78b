import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type { CaseFile, Lesion } from '../../../extensions/mrecist/src/core/criteria/types';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import { readSr, recordedResponse, writeSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { GOLDEN_CASE, GOLDEN_SR, goldenRequest } from '../../../scripts/sr/goldenSr';
import { caseFileArb } from './caseFileArbitrary';

const document = { contentDate: '20200101', contentTime: '120000' };
const newUid = (purpose: string) => uidFromName(`test ${purpose}`);

function write(caseFile: CaseFile, criteria = [caseFile.criteria]) {
  return writeSr({ caseFile, criteria, document, newUid, file: 'case.json' });
}

/** What a read must give back: the case as given, every lesion with its tracking UID, and the responses. */
function expected(caseFile: CaseFile, criteria = [caseFile.criteria]): CaseFile {
  return {
    ...caseFile,
    lesions: caseFile.lesions.map((l) => ({ ...l, trackingUid: l.trackingUid ?? newUid(`lesion ${l.id}`) }) as Lesion),
    recordedResponses: Object.fromEntries(criteria.map((c) => [c, recordedResponse(assess(caseFile, c))])),
  };
}

describe('SR round trip: read(write(case)) gives the case back', () => {
  const golden = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');

  it('keeps every lesion, measurement, status, new-lesion assessment, date, tracking UID, response and reader (P12)', () => {
    const criteria = ['mrecist', 'recist1.1', 'easl'] as const;
    const read = readSr(write(golden, [...criteria]).bytes, 'sr.dcm');
    expect(read.ours).toBe(true);
    expect(read.skipped).toEqual([]);
    expect(read.caseFile).toEqual(expected(golden, [...criteria]));
    // Spot checks against the fixture text itself, independent of the helper above.
    const t1 = read.caseFile.lesions.find((l) => l.id === 'T1');
    expect(t1?.trackingUid).toBe('2.25.200000000000000000000000000000000001');
    expect(t1?.role === 'target' && t1.measurements.M2).toEqual({ notEvaluable: true, reason: 'no arterial phase' });
    expect(t1?.role === 'target' && t1.measurements.M1).toMatchObject({ viableLongAxisMm: 25 });
    expect(read.caseFile.timepoints.map((t) => `${t.id}@${t.date}`)).toEqual([
      'BL@2019-05-02', 'M1@2019-06-03', 'M2@2019-07-01', 'M4@2019-09-02', 'M6@2019-11-04',
    ]);
    expect(read.caseFile.reader).toEqual({ name: 'Reader^One', role: 'Reader 1' });
    const m = read.caseFile.recordedResponses?.mrecist as { timepoints: { id: string; overall: string }[] };
    // Hand check: viable 38 -> 25 mm is -34.2% (PR); M2 not evaluable; M6 viable 0 with NT1 absent: CR.
    expect(m.timepoints.map((t) => `${t.id}:${t.overall}`)).toEqual(['M1:PR', 'M2:NE', 'M4:PR', 'M6:CR']);
  });

  it('assess of the read equals assess of the original', () => {
    const read = readSr(write(golden).bytes, 'sr.dcm');
    const reparsed = parseCaseFile(JSON.parse(JSON.stringify(read.caseFile)), 'read.json');
    for (const c of ['mrecist', 'recist1.1', 'easl'] as const) expect(assess(reparsed, c)).toEqual(assess(golden, c));
  });

  it('matches the golden file written by scripts/sr/goldenSr.ts', () => {
    expect(Buffer.from(writeSr(goldenRequest()).bytes).equals(readFileSync(GOLDEN_SR))).toBe(true);
  });

  it('keeps every generated case (property)', () => {
    fc.assert(
      fc.property(caseFileArb, (generated) => {
        const caseFile = parseCaseFile(generated, 'generated.json');
        const read = readSr(write(caseFile).bytes, 'sr.dcm');
        expect(read.caseFile).toEqual(expected(caseFile));
        expect(assess(parseCaseFile(JSON.parse(JSON.stringify(read.caseFile)), 'read.json'))).toEqual(assess(caseFile));
      }),
      { numRuns: 25 },
    );
  });

  it('keeps one lesion UID per lesion across all its timepoints, and gives each timepoint group its own tracking UID', () => {
    const { dataset } = write(golden);
    const container = (code: string) => (dataset.ContentSequence as any[]).find((i) => i.ConceptNameCodeSequence[0].CodeValue === code).ContentSequence;
    const isGroup = (g: any) => g.ConceptNameCodeSequence[0].CodeValue === '125007';
    const groups = [...container('126010'), ...container('C0034375').filter(isGroup)];
    const row = (g: any, code: string) => g.ContentSequence.find((c: any) => c.ConceptNameCodeSequence[0].CodeValue === code);
    const ofT1 = groups.filter((g: any) => row(g, '112039')?.TextValue === 'T1');
    // T1's identity group and its five timepoint groups.
    expect(ofT1).toHaveLength(6);
    expect(new Set(ofT1.map((g: any) => row(g, 'LESUID').UID))).toEqual(new Set(['2.25.200000000000000000000000000000000001']));
    expect(new Set(ofT1.map((g: any) => row(g, '112040').UID)).size).toBe(6);
    // Imaging Measurements holds only groups with a drawn line.
    for (const g of container('126010')) expect(JSON.stringify(g)).toContain('"ValueType":"SCOORD"');
  });
});
