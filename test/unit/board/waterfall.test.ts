/** Waterfall data equals what `assess` gives for each case: the best per-tumour change is assess's own number. */
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import { summarizeCohort } from '../../../extensions/mrecist/src/core/criteria/cohort/cohortSummary';
import { cohortFigureData } from '../../../extensions/mrecist/src/core/board/cohortFigures';
import { bestChangePct, sortWaterfall, waterfallEntries } from '../../../extensions/mrecist/src/core/board/waterfall';
import { singleTargetCase, targetLesionsOf } from '../../../extensions/mrecist/src/core/board/lesionCourse';
import type { CaseFile, TargetLesion } from '../../../extensions/mrecist/src/core/criteria/types';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { referenceStudyCases } from './referenceStudy';

const cases = referenceStudyCases();
const summary = summarizeCohort(cases, { atDays: 182, windowDays: 30 });
const figures = cohortFigureData(cases, summary);

function minChange(caseFile: CaseFile): number | null {
  const values = assess(caseFile).timepoints.map((t) => t.changeFromBaselinePct).filter((v): v is number => v !== null);
  return values.length === 0 ? null : Math.min(...values);
}

describe('waterfall', () => {
  it('has one entry per target lesion of the cohort (21 tumours in 19 patients)', () => {
    expect(figures.waterfall).toHaveLength(21);
    expect(new Set(figures.waterfall.map((w) => `${w.patientId} ${w.lesionId}`)).size).toBe(21);
  });

  it.each(cases.filter((c) => targetLesionsOf(c).length === 1).map((c) => [c.patientId, c] as const))(
    '%s (one target): best change = lowest change from baseline that assess gives for the case itself',
    (_id, caseFile) => {
      const entry = figures.waterfall.find((w) => w.patientId === caseFile.patientId);
      expect(entry?.bestChangePct).toBe(minChange(caseFile));
    },
  );

  it.each(cases.filter((c) => targetLesionsOf(c).length > 1).map((c) => [c.patientId, c] as const))(
    '%s (two targets): each tumour equals assess of the case read with that target alone',
    (_id, caseFile) => {
      for (const lesion of targetLesionsOf(caseFile)) {
        const entry = figures.waterfall.find((w) => w.patientId === caseFile.patientId && w.lesionId === lesion.id);
        expect(entry?.bestChangePct).toBe(minChange(singleTargetCase(caseFile, lesion)));
      }
    },
  );

  it('P01 by hand from the fixture: T1 32.0 mm to 0 is -100 %, T2 46.0 mm to 23.0 mm is -50 %', () => {
    const p01 = figures.waterfall.filter((w) => w.patientId === 'P01');
    expect(p01).toEqual([
      { patientId: 'P01', lesionId: 'T1', bestChangePct: -100, bestResponse: 'CR' },
      { patientId: 'P01', lesionId: 'T2', bestChangePct: -50, bestResponse: 'PR' },
    ]);
  });

  it("best response is the cohort's per-tumour best (12 CR, 7 PR, 2 SD)", () => {
    for (const w of figures.waterfall) {
      expect(w.bestResponse).toBe(summary.lesions.find((l) => l.patientId === w.patientId && l.lesionId === w.lesionId)?.best);
    }
    const counts = (r: string) => figures.waterfall.filter((w) => w.bestResponse === r).length;
    expect([counts('CR'), counts('PR'), counts('SD')]).toEqual([12, 7, 2]);
  });

  it('a lesion never evaluable at follow-up has no best change and sorts last', () => {
    const caseFile = parseCaseFile(
      {
        patientId: 'X1',
        criteria: 'mrecist',
        timepoints: [
          { id: 'BL', date: '2020-01-01', baseline: true },
          { id: 'M1', date: '2020-02-01' },
        ],
        lesions: [
          { id: 'T1', role: 'target', site: 'liver S2', measurements: { BL: { viableLongAxisMm: 20 }, M1: { notEvaluable: true } } },
          { id: 'T2', role: 'target', site: 'liver S6', measurements: { BL: { viableLongAxisMm: 20 }, M1: { viableLongAxisMm: 25 } } },
        ],
      },
      'x1.json',
    );
    const rows = summarizeCohort([caseFile], { atDays: 30, windowDays: 30 }).lesions;
    const entries = waterfallEntries([caseFile], rows, (c) => c.criteria);
    expect(entries.map((e) => e.bestChangePct)).toEqual([null, 25]);
    expect(sortWaterfall(entries).map((e) => e.lesionId)).toEqual(['T2', 'T1']);
    expect((caseFile.lesions[0] as TargetLesion).id).toBe('T1');
  });

  it('bestChangePct ignores not-evaluable follow-ups', () => {
    expect(bestChangePct([null, -12.5, 3, null])).toBe(-12.5);
    expect(bestChangePct([])).toBeNull();
  });
});
