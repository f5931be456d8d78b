import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { liveResponses } from '../../../extensions/mrecist/src/core/read/liveResponses';
import { addLesion, recordMeasurement } from '../../../extensions/mrecist/src/core/read/readOperations';
import { twoTimepointRead } from './fixtures';

function read(criteria: CaseFile['criteria'] = 'mrecist'): CaseFile {
  let r = twoTimepointRead({ patientId: 'P', criteria, followUpDate: '2019-06-05' });
  r = addLesion(r, { role: 'target', site: 'liver S8' }).read;
  r = recordMeasurement(r, 'T1', 'BL', { viableLongAxisMm: 40 });
  return recordMeasurement(r, 'T1', 'M1', { viableLongAxisMm: 20 });
}

describe('live responses', () => {
  it('assesses the read under every criterion, its own first; EASL without perpendiculars says why', () => {
    const live = liveResponses(read('recist1.1'));
    expect(live.results.map((r) => r.criteria)).toEqual(['recist1.1', 'mrecist', 'easl']);
    expect(live.results[1].assessment).toEqual(assess(read(), 'mrecist'));
    expect(live.results[1].assessment?.timepoints[0]).toMatchObject({ target: 'PR', changeFromBaselinePct: -50 });
    expect(live.results[2].error).toMatch(/^read: .*viablePerpendicularMm/);
  });

  it('a read in progress is reported, not assessed', () => {
    const r = addLesion(read(), { role: 'target' }).read;
    const live = liveResponses(r);
    expect(live.results.every((x) => x.error === 'read: lesions[1].measurements.BL: a target lesion needs a measurement at the baseline')).toBe(true);
  });

  it('baseline warnings are grouped by lesion (a 9 mm target is too small)', () => {
    const r = recordMeasurement(read(), 'T1', 'BL', { viableLongAxisMm: 9 });
    expect(liveResponses(r).warnings.get('T1')?.map((w) => w.code)).toEqual(['target-too-small']);
  });
});
