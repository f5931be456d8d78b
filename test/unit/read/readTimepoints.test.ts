import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { addLesion, recordMeasurement } from '../../../extensions/mrecist/src/core/read/readOperations';
import { addMissingTimepoints, moveBaseline, newReadFromTimeline, ReadEditRefused } from '../../../extensions/mrecist/src/core/read/readTimepoints';
import { buildTimeline, type StudySummary } from '../../../extensions/mrecist/src/core/read/timeline';

const studies: StudySummary[] = [
  { studyInstanceUid: '1.1', studyDate: '2019-04-01' },
  { studyInstanceUid: '1.2', studyDate: '2019-05-02' },
  { studyInstanceUid: '1.3', studyDate: '2019-06-05' },
  { studyInstanceUid: '1.4', studyDate: '2019-07-08' },
];
const implant = { implantDate: '2019-05-06' };

describe('timepoints of the read', () => {
  it('a new read holds the baseline (last study before the implant) and every later study, not earlier ones', () => {
    const read = newReadFromTimeline('P', buildTimeline(studies, implant));
    expect(read.timepoints).toEqual([
      { id: 'BL', date: '2019-05-02', baseline: true, studyInstanceUid: '1.2' },
      { id: 'M1', date: '2019-06-05', studyInstanceUid: '1.3' },
      { id: 'M2', date: '2019-07-08', studyInstanceUid: '1.4' },
    ]);
    expect(read.lesions).toEqual([]);
  });

  it('adds studies that load later, after the baseline only, and returns the same object when none is missing', () => {
    const partial = newReadFromTimeline('P', buildTimeline(studies.slice(0, 3), implant));
    const full = addMissingTimepoints(partial, buildTimeline(studies, implant));
    expect(full.timepoints.map((t) => t.studyInstanceUid)).toEqual(['1.2', '1.3', '1.4']);
    expect(addMissingTimepoints(full, buildTimeline(studies, implant))).toBe(full);
  });

  it('moving the baseline earlier brings the earlier study in and keeps every id', () => {
    const read = newReadFromTimeline('P', buildTimeline(studies, implant));
    const moved = moveBaseline(read, buildTimeline(studies, implant), '1.1');
    expect(moved.timepoints.map((t) => [t.id, t.studyInstanceUid, t.baseline === true])).toEqual([
      ['PRE1', '1.1', true],
      ['BL', '1.2', false],
      ['M1', '1.3', false],
      ['M2', '1.4', false],
    ]);
  });

  it('moving the baseline later drops empty earlier timepoints but refuses to drop values', () => {
    let read: CaseFile = newReadFromTimeline('P', buildTimeline(studies, implant));
    const timeline = buildTimeline(studies, implant);
    expect(moveBaseline(read, timeline, '1.3').timepoints.map((t) => t.id)).toEqual(['M1', 'M2']);
    read = addLesion(read, { role: 'target' }).read;
    read = recordMeasurement(read, 'T1', 'BL', { viableLongAxisMm: 30 });
    expect(() => moveBaseline(read, timeline, '1.3')).toThrow(new ReadEditRefused('BL (2019-05-02) holds values and would fall before the new baseline: clear them first.'));
  });

  it('refuses a baseline where a new lesion appears', () => {
    const timeline = buildTimeline(studies, implant);
    const read = addLesion(newReadFromTimeline('P', timeline), { role: 'new', appearsAt: 'M1' }).read;
    expect(() => moveBaseline(read, timeline, '1.3')).toThrow('a new lesion appears at M1: a new lesion cannot appear at the baseline; remove it first.');
  });
});
