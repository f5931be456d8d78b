import fc from 'fast-check';
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { nextLesionId } from '../../../extensions/mrecist/src/core/read/lesionIds';
import {
  addLesion,
  clearTimepoint,
  markNotEvaluable,
  recordMeasurement,
  removeLesion,
  setBaseline,
  setNewLesionAssessment,
  setNonTargetStatus,
} from '../../../extensions/mrecist/src/core/read/readOperations';
import { twoTimepointRead } from './fixtures';

const emptyRead = (): CaseFile => twoTimepointRead();

describe('lesion labels', () => {
  it.each([
    [[], 'target', 'T1'],
    [['T1', 'T2'], 'target', 'T3'],
    [['T1', 'NT1'], 'nonTarget', 'NT2'],
    [['T7', 'NT1'], 'new', 'N1'],
  ] as const)('after %j the next %s is %s', (ids, role, expected) => {
    const lesions = ids.map((id) => ({ id, role: 'target', measurements: {} }) as const);
    expect(nextLesionId(lesions, role)).toBe(expected);
  });

  it('never reuses a retired label', () => {
    expect(nextLesionId([{ id: 'T1', role: 'target', measurements: {} }], 'target', ['T2'])).toBe('T3');
  });
});

describe('read operations', () => {
  it('adds lesions with stable tracking UIDs and leaves the input untouched', () => {
    const start = emptyRead();
    const frozen = JSON.stringify(start);
    const { read, lesionId } = addLesion(start, { role: 'target', site: 'liver S8' });
    expect(lesionId).toBe('T1');
    expect(JSON.stringify(start)).toBe(frozen);
    const uid = read.lesions[0].trackingUid;
    expect(uid).toMatch(/^2\.25\.\d+$/);
    const measured = recordMeasurement(recordMeasurement(read, 'T1', 'BL', { viableLongAxisMm: 38 }), 'T1', 'M1', { viableLongAxisMm: 25 });
    expect(measured.lesions[0].trackingUid).toBe(uid);
  });

  it('merges measured values and replaces a not-evaluable mark', () => {
    let { read } = addLesion(emptyRead(), { role: 'target' });
    read = markNotEvaluable(read, 'T1', 'M1', 'no arterial phase');
    expect(read.lesions[0]).toMatchObject({ measurements: { M1: { notEvaluable: true, reason: 'no arterial phase' } } });
    read = recordMeasurement(read, 'T1', 'M1', { viableLongAxisMm: 20 });
    read = recordMeasurement(read, 'T1', 'M1', { longAxisMm: 35 });
    expect(read.lesions[0]).toMatchObject({ measurements: { M1: { viableLongAxisMm: 20, longAxisMm: 35 } } });
    expect(read.lesions[0]).not.toMatchObject({ measurements: { M1: { notEvaluable: true } } });
  });

  it('sets non-target status, new-lesion assessments, baseline, and clears a timepoint', () => {
    let read = emptyRead();
    read = addLesion(read, { role: 'nonTarget', site: 'portal vein' }).read;
    read = addLesion(read, { role: 'new', site: 'liver S3', appearsAt: 'M1' }).read;
    read = setNonTargetStatus(read, 'NT1', 'M1', 'unequivocalProgression');
    read = setNewLesionAssessment(read, 'N1', 'M1', { longAxisMm: 12, typicalHCC: true });
    expect(read.lesions.map((l) => l.id)).toEqual(['NT1', 'N1']);
    expect(read.lesions[0]).toMatchObject({ status: { M1: 'unequivocalProgression' } });
    expect(read.lesions[1]).toMatchObject({ assessments: { M1: { longAxisMm: 12, typicalHCC: true } } });
    read = clearTimepoint(read, 'NT1', 'M1');
    expect(read.lesions[0]).toMatchObject({ status: {} });
    read = setBaseline(read, 'M1');
    expect(read.timepoints.map((t) => t.baseline)).toEqual([false, true]);
    expect(removeLesion(read, 'N1').lesions.map((l) => l.id)).toEqual(['NT1']);
  });

  it('refuses edits that do not fit the lesion role or the read', () => {
    const { read } = addLesion(emptyRead(), { role: 'nonTarget' });
    expect(() => recordMeasurement(read, 'NT1', 'M1', { viableLongAxisMm: 3 })).toThrow('lesion NT1 is a nonTarget lesion, not target');
    expect(() => recordMeasurement(read, 'T9', 'M1', { viableLongAxisMm: 3 })).toThrow('no lesion T9 in this read');
    expect(() => setNonTargetStatus(read, 'NT1', 'M9', 'absent')).toThrow('no timepoint M9 in this read');
    expect(() => addLesion(read, { role: 'new' })).toThrow('a new lesion needs the timepoint where it appears');
  });

  it('gives every lesion a distinct label and tracking UID whatever the order of additions', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('target', 'nonTarget', 'new') as fc.Arbitrary<'target' | 'nonTarget' | 'new'>, { maxLength: 12 }), (roles) => {
        let read = emptyRead();
        for (const role of roles) read = addLesion(read, { role, appearsAt: 'M1' }).read;
        const ids = read.lesions.map((l) => l.id);
        const uids = read.lesions.map((l) => l.trackingUid);
        return new Set(ids).size === ids.length && new Set(uids).size === uids.length;
      }),
    );
  });
});
