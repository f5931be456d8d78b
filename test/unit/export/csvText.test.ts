import fc from 'fast-check';
import { csvField, csvText } from '../../../extensions/mrecist/src/core/export/csvText';
import { parseCsv } from './rfc4180';

describe('RFC 4180 CSV text', () => {
  it.each<[unknown, string]>([
    ['liver S8', 'liver S8'],
    ['liver, dome', '"liver, dome"'],
    ['say "no"', '"say ""no"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    [' padded', '" padded"'],
    ['Läsion', 'Läsion'],
    [38, '38'],
    [-34.2, '-34.2'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
  ])('%j -> %j', (value, text) => expect(csvField(value as never)).toBe(text));

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
  ])('guards formula injection in text %j', (value, text) => expect(csvField(value)).toBe(text));

  it('ends every record with CRLF and keeps the header order', () => {
    expect(csvText(['a', 'b'], [{ b: 2, a: 'x' }, { a: 'y' }])).toBe('a,b\r\nx,2\r\ny,\r\n');
  });

  it('rejects a column missing from the header (a silently dropped value)', () => {
    expect(() => csvText(['a'], [{ a: 1, b: 2 }])).toThrow('csvText: column "b" is not in the header');
  });

  it('any text survives a round trip through an RFC 4180 reader (formula-like text gains its apostrophe)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (cells) => {
        const rows = cells.map(([a, b, c]) => ({ a, b, c }));
        const parsed = parseCsv(csvText(['a', 'b', 'c'], rows));
        expect(parsed[0]).toEqual(['a', 'b', 'c']);
        const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        expect(parsed.slice(1)).toEqual(cells.map((r) => r.map(guarded)));
      }),
    );
  });
});
