/** The panel's "not assessable yet" line names the lesion, the timepoint and the line to draw. */
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { assessabilityHint } from '../../../extensions/mrecist/src/core/read/assessabilityHint';
import { liveResponses } from '../../../extensions/mrecist/src/core/read/liveResponses';
import { addLesion, recordMeasurement } from '../../../extensions/mrecist/src/core/read/readOperations';
import { twoTimepointRead } from './fixtures';

function viableOnlyRead(): CaseFile {
  const { read, lesionId } = addLesion(twoTimepointRead(), { role: 'target', site: 'liver S8' }, []);
  return recordMeasurement(recordMeasurement(read, lesionId, 'BL', { viableLongAxisMm: 38 }), lesionId, 'M1', { viableLongAxisMm: 30 });
}

/** The engine's own message for a criterion, as the panel receives it. */
function engineError(read: CaseFile, criteria: 'recist1.1' | 'easl'): string {
  try {
    assess(parseCaseFile(read, 'read'), criteria);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${criteria} assessed a read without its lines`);
}

describe('assessability hint', () => {
  it('RECIST 1.1 without whole-lesion diameters: which lesion, which timepoint, and how to draw it', () => {
    const read = viableOnlyRead();
    expect(assessabilityHint(read, 'recist1.1', engineError(read, 'recist1.1'))).toBe(
      'T1 at BL needs its whole-lesion diameter (set "Lines on targets measure" to whole lesion, then draw it) for RECIST 1.1.',
    );
  });

  it('EASL without perpendiculars asks for the Bidirectional line', () => {
    const read = viableOnlyRead();
    expect(assessabilityHint(read, 'easl', engineError(read, 'easl'))).toBe(
      'T1 at BL needs the perpendicular of its viable diameter (draw the viable diameter with Bidirectional) for EASL.',
    );
  });

  it('live responses carry the hint beside the engine message; other messages get none', () => {
    const results = liveResponses(viableOnlyRead()).results;
    expect(results.map((r) => [r.criteria, !!r.assessment, r.hint?.slice(0, 10)])).toEqual([
      ['mrecist', true, undefined],
      ['recist1.1', false, 'T1 at BL n'],
      ['easl', false, 'T1 at BL n'],
    ]);
    expect(assessabilityHint(viableOnlyRead(), 'mrecist', 'read: timepoints: must have one baseline')).toBeNull();
  });
});
