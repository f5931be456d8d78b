import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { decodeDraft, draftKey, encodeDraft, newerDraft, type Draft } from '../../../extensions/mrecist/src/core/read/draft';
import { addLesion, recordMeasurement } from '../../../extensions/mrecist/src/core/read/readOperations';
import { twoTimepointRead } from './fixtures';

function sampleDraft(revision = 3): Draft {
  let read: CaseFile = twoTimepointRead();
  read = addLesion(read, { role: 'target', site: 'liver S8' }).read;
  read = recordMeasurement(read, 'T1', 'BL', { viableLongAxisMm: 38 });
  return { read, retiredLesionIds: ['T2'], revision, savedAt: '2026-11-26T19:00:00.000Z' };
}

describe('draft storage format', () => {
  it('round-trips a draft exactly', () => {
    const draft = sampleDraft();
    expect(decodeDraft(encodeDraft(draft), 'storage')).toEqual(draft);
  });

  it.each([
    ['not json', 'storage: draft: is not valid JSON'],
    ['{"format":"other"}', 'storage: format: expected "ohif-mrecist-draft"'],
    ['{"format":"ohif-mrecist-draft","version":2}', 'storage: version: unsupported draft version 2'],
    ['{"format":"ohif-mrecist-draft","version":1,"revision":-1}', 'storage: revision: must be a whole number ≥ 0'],
  ])('rejects %s', (text, message) => {
    expect(() => decodeDraft(text, 'storage')).toThrow(message);
  });

  it('rejects a damaged read inside the envelope with the case-file parser', () => {
    const text = encodeDraft(sampleDraft()).replace('"2019-06-03"', '"2019-13-45"');
    expect(() => decodeDraft(text, 'storage')).toThrow(/^storage › read: timepoints\[1\]\.date/);
  });

  it('keys drafts by patient and reader, and prefers the newer revision', () => {
    expect(draftKey('P12', 'Reader 1')).not.toBe(draftKey('P12', 'Reader 2'));
    expect(draftKey('P/1', 'a:b')).toBe('ohif-mrecist-draft:v1:P%2F1:a%3Ab');
    const older = sampleDraft(2);
    const newer = sampleDraft(5);
    expect(newerDraft(older, newer)).toBe(newer);
    expect(newerDraft(newer, older)).toBe(newer);
    expect(newerDraft(null, older)).toBe(older);
  });
});

describe('draft of a read in progress', () => {
  it('restores a target not yet measured at the baseline and a new lesion not yet assessed', () => {
    let read: CaseFile = twoTimepointRead();
    read = addLesion(read, { role: 'target' }).read;
    read = addLesion(read, { role: 'new', appearsAt: 'M1' }).read;
    const draft: Draft = { read, retiredLesionIds: [], revision: 2, savedAt: '2026-11-26T19:00:00.000Z' };
    expect(decodeDraft(encodeDraft(draft), 'storage').read).toEqual(read);
  });
});
