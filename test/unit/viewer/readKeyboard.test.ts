import { neighbourLesion, nextFollowUp } from '../../../extensions/mrecist/src/ohif/read/readKeyboard';
import { COMMAND } from '../../../extensions/mrecist/src/ohif/ids';
import { hotkeyHelp, READ_HOTKEYS, withReadHotkeys } from '../../../extensions/mrecist/src/ohif/readHotkeys';

describe('read keyboard', () => {
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

describe('read hotkeys (OHIF hotkey bindings)', () => {
  const host = [
    { commandName: 'cancelActiveOperation', label: 'Cancel', keys: ['esc'], isEditable: true },
    { commandName: 'increaseBrushSize', label: 'Increase Brush Size', keys: [']'], isEditable: true },
    { commandName: 'setToolActive', commandOptions: { toolName: 'Zoom' }, label: 'Zoom', keys: ['z'], isEditable: true },
  ];

  it('adds every read key once and drops host bindings on the same keys', () => {
    const merged = withReadHotkeys(host);
    expect(merged.filter((b) => b.commandName === 'setToolActive')).toHaveLength(1);
    expect(merged.map((b) => b.commandName)).not.toContain('cancelActiveOperation');
    expect(merged.map((b) => b.commandName)).not.toContain('increaseBrushSize');
    const keys = merged.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(merged.slice(-READ_HOTKEYS.length)).toEqual(READ_HOTKEYS);
  });

  it('merging twice changes nothing (a second mode entry)', () => {
    expect(withReadHotkeys(withReadHotkeys(host))).toEqual(withReadHotkeys(host));
  });

  it('the panel help shows a key as the reader rebound it', () => {
    const rebound = { [COMMAND.nextLesion]: { label: 'Next lesion (mRECIST)', keys: ['n'] } };
    expect(hotkeyHelp(rebound)[0]).toEqual(['n', 'Next lesion']);
    expect(hotkeyHelp(undefined)[0]).toEqual([']', 'Next lesion']);
  });
});
