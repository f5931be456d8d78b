import { neighbourLesion, nextFollowUp, readKeyAction } from '../../../extensions/mrecist/src/ohif/read/readKeyboard';

const key = (k: string, extra: Partial<{ ctrlKey: boolean; tagName: string; type: string }> = {}) => ({
  key: k,
  ctrlKey: extra.ctrlKey ?? false,
  metaKey: false,
  altKey: false,
  target: { tagName: extra.tagName ?? 'BODY', type: extra.type } as unknown as EventTarget,
});

describe('read keyboard', () => {
  it.each([
    [']', 'nextLesion'],
    ['[', 'previousLesion'],
    ['t', 'nextTimepoint'],
    ['o', 'toggleOverlay'],
    ['x', 'markNotEvaluable'],
    ['Escape', 'deselect'],
    ['q', null],
  ])('%s -> %s', (k, action) => {
    expect(readKeyAction(key(k))).toBe(action);
  });

  it('leaves keys typed into fields and chords alone', () => {
    expect(readKeyAction(key('x', { tagName: 'input' }))).toBeNull();
    expect(readKeyAction(key('x', { tagName: 'SELECT' }))).toBeNull();
    expect(readKeyAction(key(']', { ctrlKey: true }))).toBeNull();
    expect(readKeyAction(key('x', { tagName: 'INPUT', type: 'number' }))).toBeNull();
    expect(readKeyAction(key('t', { tagName: 'TEXTAREA' }))).toBeNull();
  });

  it('a checkbox, radio button or button that has focus after a click does not take the keys', () => {
    expect(readKeyAction(key('Escape', { tagName: 'INPUT', type: 'checkbox' }))).toBe('deselect');
    expect(readKeyAction(key(']', { tagName: 'INPUT', type: 'radio' }))).toBe('nextLesion');
    expect(readKeyAction(key('x', { tagName: 'BUTTON' }))).toBe('markNotEvaluable');
  });

  it('next and previous lesion wrap around; none selected starts at an end', () => {
    const ids = ['T1', 'T2', 'NT1'];
    expect([neighbourLesion(ids, 'T1', 1), neighbourLesion(ids, 'NT1', 1), neighbourLesion(ids, 'T1', -1)]).toEqual(['T2', 'T1', 'NT1']);
    expect([neighbourLesion(ids, undefined, 1), neighbourLesion(ids, undefined, -1), neighbourLesion([], 'T1', 1)]).toEqual(['T1', 'NT1', undefined]);
  });

  it('next timepoint steps through follow-ups only, wrapping', () => {
    const tps = [{ id: 'BL', baseline: true }, { id: 'M1' }, { id: 'M2' }];
    expect([nextFollowUp(tps, undefined), nextFollowUp(tps, 'BL'), nextFollowUp(tps, 'M1'), nextFollowUp(tps, 'M2')]).toEqual(['M1', 'M1', 'M2', 'M1']);
  });
});
