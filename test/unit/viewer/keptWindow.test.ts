import { windowFromVoiRange, windowToKeep } from '../../../extensions/mrecist/src/ohif/read/keptWindow';

describe("the reader's window kept when another timepoint opens", () => {
  it.each([
    [{ lower: 15, upper: 164 }, { windowWidth: 150, windowCenter: 90 }],
    [{ lower: -160, upper: 239 }, { windowWidth: 400, windowCenter: 40 }],
    [{ lower: -30, upper: 149 }, { windowWidth: 180, windowCenter: 60 }],
  ])('VOI range %j is window %j', (range, expected) => {
    expect(windowFromVoiRange(range)).toEqual(expected);
  });

  it.each([[undefined], [null], [{ lower: 10, upper: 10 }], [{ lower: 20, upper: 10 }], [{ lower: Number.NaN, upper: 10 }]])('no window from %j', (range) => {
    expect(windowFromVoiRange(range)).toBeUndefined();
  });

  it('carries the window only between series of one modality', () => {
    const liver = { lower: 15, upper: 164 };
    expect(windowToKeep(liver, 'CT', 'CT')).toEqual({ windowWidth: 150, windowCenter: 90 });
    expect(windowToKeep(liver, 'MR', 'MR')).toEqual({ windowWidth: 150, windowCenter: 90 });
    expect(windowToKeep(liver, 'CT', 'MR')).toBeUndefined();
    expect(windowToKeep(liver, undefined, 'CT')).toBeUndefined();
  });
});
