import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { draftKey, encodeDraft, type Draft } from '../../../extensions/mrecist/src/core/read/draft';
import { checkStoredRevision, damagedDraftKey, damagedDraftTime, otherTabChange } from '../../../extensions/mrecist/src/core/read/draftSync';
import { addLesion } from '../../../extensions/mrecist/src/core/read/readOperations';
import { twoTimepointRead } from './fixtures';

function draftText(revision: number): string {
  const read: CaseFile = addLesion(twoTimepointRead(), { role: 'target', site: 'liver S8' }).read;
  const draft: Draft = { read, retiredLesionIds: [], revision, savedAt: '2026-11-26T19:00:00.000Z' };
  return encodeDraft(draft);
}

const key = draftKey('P12', 'Reader 1');

describe('checking the stored revision before a save', () => {
  it('lets the save through when nothing is stored or the stored revision is the one this copy last saw', () => {
    expect(checkStoredRevision(null, 4)).toEqual({ kind: 'clear' });
    expect(checkStoredRevision(draftText(4), 4)).toEqual({ kind: 'clear' });
  });

  it('reports a newer (or any other) stored revision as changed elsewhere, with the stored draft', () => {
    const newer = checkStoredRevision(draftText(5), 4);
    expect(newer.kind).toBe('changedElsewhere');
    expect(newer.kind === 'changedElsewhere' && newer.stored.revision).toBe(5);
    expect(checkStoredRevision(draftText(2), 4).kind).toBe('changedElsewhere');
  });

  it('reports a stored draft that cannot be decoded as damaged, with the reason', () => {
    expect(checkStoredRevision('{"format":"ohif-mrecist-draft","version":9}', 4)).toEqual({
      kind: 'damaged',
      error: 'stored draft: version: unsupported draft version 9',
    });
  });
});

describe('a change made in another tab', () => {
  it('ignores other keys and the damaged copies kept aside', () => {
    expect(otherTabChange({ key: draftKey('P12', 'Reader 2'), newValue: draftText(9) }, key)).toEqual({ kind: 'none' });
    expect(otherTabChange({ key: `${key}:damaged:2026-11-26T20:00:00.000Z`, newValue: 'x' }, key)).toEqual({ kind: 'none' });
  });

  it('decodes a new draft of this read, and tells a removed draft (or a cleared storage) apart', () => {
    const change = otherTabChange({ key, newValue: draftText(7) }, key);
    expect(change.kind === 'changed' && change.stored.revision).toBe(7);
    expect(otherTabChange({ key, newValue: null }, key)).toEqual({ kind: 'removed' });
    expect(otherTabChange({ key: null, newValue: null }, key)).toEqual({ kind: 'removed' });
  });

  it('reports a damaged draft written by another tab', () => {
    expect(otherTabChange({ key, newValue: 'not json' }, key)).toEqual({ kind: 'damaged', error: 'stored draft: draft: is not valid JSON' });
  });
});

describe('naming damaged drafts kept aside', () => {
  it('names each by the time it was set aside, and never reuses a name already taken', () => {
    const at = new Date('2026-11-26T20:00:00.000Z');
    const first = damagedDraftKey(key, at, () => false);
    expect(first).toBe(`${key}:damaged:2026-11-26T20:00:00.000Z`);
    const taken = new Set([first, `${first}#2`]);
    expect(damagedDraftKey(key, at, (k) => taken.has(k))).toBe(`${first}#3`);
  });

  it('reads the time back from the name', () => {
    expect(damagedDraftTime(`${key}:damaged:2026-11-26T20:00:00.000Z#2`, key)).toBe('2026-11-26T20:00:00.000Z');
    expect(damagedDraftTime(`${key}:damaged`, key)).toBeNull();
    expect(damagedDraftTime(draftKey('P13', 'Reader 1'), key)).toBeNull();
  });
});
