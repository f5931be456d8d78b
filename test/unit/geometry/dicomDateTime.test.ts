import {
  dicomDateTimeNow,
  dicomDateTimeSortKey,
  dicomDateToMs,
  dicomTimeToMs,
  dicomTimeToSeconds,
  formatDicomDateTime,
  isoDateToMs,
  localDicomDateTime,
  localIsoDateTime,
  msToDicomDate,
  msToDicomTime,
  sortKeyToIso,
} from '../../../extensions/mrecist/src/core/dicom/dicomDateTime';

describe('DICOM DA', () => {
  it('reads a real date as 00:00 UTC and refuses impossible ones', () => {
    expect(dicomDateToMs('20240305')).toBe(Date.UTC(2024, 2, 5));
    expect(dicomDateToMs(' 20240229 ')).toBe(Date.UTC(2024, 1, 29));
    expect(dicomDateToMs('20230229')).toBeUndefined();
    expect(dicomDateToMs('20241301')).toBeUndefined();
    expect(dicomDateToMs('2024-03-05')).toBeUndefined();
    expect(dicomDateToMs('2024035')).toBeUndefined();
  });

  it('reads ISO dates from the command line by the same rule', () => {
    expect(isoDateToMs('2024-03-05')).toBe(Date.UTC(2024, 2, 5));
    expect(isoDateToMs('2024-02-30')).toBeUndefined();
    expect(isoDateToMs('20240305')).toBeUndefined();
  });

  it('writes DA and TM in UTC and round-trips them', () => {
    const ms = Date.UTC(2026, 11, 31, 23, 59, 58, 700);
    expect(msToDicomDate(ms)).toBe('20261231');
    expect(msToDicomTime(ms)).toBe('235958');
    expect(dicomDateToMs(msToDicomDate(ms))! + dicomTimeToMs(msToDicomTime(ms))!).toBe(ms - 700);
    expect(dicomDateTimeNow(new Date(ms))).toEqual({ date: '20261231', time: '235958' });
  });
});

describe('DICOM TM', () => {
  it.each([
    ['00', 0],
    ['235960', 23 * 3600 + 59 * 60 + 60],
    ['101530.000001', 36930.000001],
    ['101530.123456', 36930.123456],
  ])('TM %s is %p s', (tm, seconds) => expect(dicomTimeToSeconds(tm)).toBeCloseTo(seconds, 9));

  it.each(['', '1', '101', '101530.', '101530.1234567', '10:15', '2360', '235961', '10.5', '1015.5'])(
    'refuses TM %p', (tm) => expect(dicomTimeToSeconds(tm)).toBeNull(),
  );

  it('accepts the ACR-NEMA colon form only when asked, and in dicomTimeToMs', () => {
    expect(dicomTimeToSeconds('10:15:30', { legacyColons: true })).toBe(36930);
    expect(dicomTimeToMs('10:15:30.5')).toBe(36930500);
    expect(dicomTimeToMs('1015')).toBe(36900000);
    expect(dicomTimeToMs('25')).toBeUndefined();
  });

  it('refuses values that are not strings', () => {
    expect(dicomTimeToSeconds(undefined)).toBeNull();
    expect(dicomTimeToSeconds(1015)).toBeNull();
  });
});

describe('DA + TM pairs', () => {
  it('sort keys order by string comparison whatever TM precision was stored', () => {
    const keys = [['20261126', '1940'], ['20261126', '194000.5'], ['20261126', '19'], ['20261125', '235959.999999']]
      .map(([d, t]) => dicomDateTimeSortKey(d, t));
    expect(keys).toEqual(['20261126194000.000000', '20261126194000.500000', '20261126190000.000000', '20261125235959.999999']);
    expect([...keys].sort()).toEqual([keys[3], keys[2], keys[0], keys[1]]);
    expect(sortKeyToIso(keys[1])).toBe('2026-11-26T19:40:00');
  });

  it('formats for display, leaving malformed parts as given', () => {
    expect(formatDicomDateTime('20261126', '1940')).toBe('2026-11-26 19:40');
    expect(formatDicomDateTime('20261126', '194005.25')).toBe('2026-11-26 19:40:05');
    expect(formatDicomDateTime('2026', '19')).toBe('2026 19');
    expect(formatDicomDateTime('20261126', '')).toBe('2026-11-26');
  });

  it('writes the local wall clock, with milliseconds in TM', () => {
    const d = new Date(2026, 0, 2, 3, 4, 5, 67);
    expect(localDicomDateTime(d)).toEqual({ date: '20260102', time: '030405.067000' });
    expect(localIsoDateTime(d.toISOString())).toBe('2026-01-02T03:04:05');
  });
});
