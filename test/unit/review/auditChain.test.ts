/**
 * The review's audit log is append-only and hash-chained: each line carries the SHA-256 of the line before and
 * of itself. Any changed byte, a removed, inserted or reordered line is found and named; appending to a log whose
 * last newline was lost never corrupts it; a second endorsement of a case is refused unless it is an amendment.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { checkAdjudication } from '../../../extensions/mrecist/src/core/review/adjudication';
import {
  adjudicationRecord,
  auditAppendText,
  auditLine,
  CHAIN_START,
  parseAuditLog,
  type AuditRecord,
} from '../../../extensions/mrecist/src/core/review/auditLog';

const at = '2026-12-04T10:00:00.000Z';
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function events(n: number): AuditRecord[] {
  const kinds: AuditRecord[] = [
    { event: 'login', at, user: 'r1' },
    { event: 'login-failed', at, user: 'r2', reason: 'wrong password' },
    { event: 'case-open', at, user: 'r1', patientId: 'P12' },
    { event: 'save', at, user: 'r1', patientId: 'P12', reader: 'Dr Ä Reader', studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3', sopInstanceUid: '1.2.3.4', sha256: 'f'.repeat(64) },
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length]);
}

function logOf(records: readonly AuditRecord[]): string {
  return records.reduce((text, r) => text + auditAppendText(text, 'review.log', r), '');
}

describe('hash-chained audit log', () => {
  it('each line carries the SHA-256 of the previous line (64 zeros for the first) and reads back as written', () => {
    const text = logOf(events(5));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0]).prev).toBe(CHAIN_START);
    for (let i = 1; i < lines.length; i++) expect(JSON.parse(lines[i]).prev).toBe(sha(lines[i - 1]));
    const { hash, ...body } = JSON.parse(lines[2]);
    expect(hash).toBe(sha(JSON.stringify(body)));
    const log = parseAuditLog(text, 'review.log');
    expect(log.records).toEqual(events(5));
    expect(log.head).toBe(sha(lines[4]));
    expect(log.missingFinalNewline).toBe(false);
  });

  it('changing any one byte makes verification fail, naming the changed line', () => {
    const text = logOf(events(6));
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 2 }), fc.integer({ min: 1, max: 94 }), (offset, delta) => {
        if (text[offset] === '\n') return;
        // Another printable ASCII character in place of this one.
        const code = text.charCodeAt(offset);
        const replacement = String.fromCharCode(32 + ((code - 32 + delta) % 95));
        if (replacement === text[offset]) return;
        const changed = text.slice(0, offset) + replacement + text.slice(offset + 1);
        expect(() => parseAuditLog(changed, 'review.log')).toThrow(new RegExp(`^review\\.log: line ${lineOf(offset)}: `));
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['a line removed', (l: string[]) => [...l.slice(0, 2), ...l.slice(3)], 'review.log: line 3: prev is not the SHA-256 of line 2 (a line was removed, inserted or reordered)'],
    ['two lines swapped', (l: string[]) => [l[0], l[2], l[1], ...l.slice(3)], 'review.log: line 2: prev is not the SHA-256 of line 1 (a line was removed, inserted or reordered)'],
    ['the first line removed', (l: string[]) => l.slice(1), 'review.log: line 1: the chain does not start here (prev is not 64 zeros): lines before it were removed'],
    ['a blank line inserted', (l: string[]) => [l[0], '', ...l.slice(1)], 'review.log: line 2: blank line inside the log (lines are never removed or emptied)'],
  ])('%s is found and named', (_what, edit, message) => {
    const lines = logOf(events(4)).trimEnd().split('\n');
    expect(() => parseAuditLog(edit(lines).join('\n') + '\n', 'review.log')).toThrow(message);
  });

  it('appending to a log whose last line lost its newline puts it back: the log still verifies', () => {
    const text = logOf(events(3)).replace(/\n$/, '');
    expect(parseAuditLog(text, 'review.log').missingFinalNewline).toBe(true);
    const appended = text + auditAppendText(text, 'review.log', events(4)[3]);
    expect(parseAuditLog(appended, 'review.log').records).toEqual(events(4));
  });

  it('an unfinished last line (a write cut short) or a file that is not an audit log is never appended to', () => {
    const text = logOf(events(3));
    const cut = text + text.split('\n')[0].slice(0, 40);
    expect(() => auditAppendText(cut, 'review.log', events(1)[0])).toThrow('review.log: line 4: not valid JSON (an unfinished last line)');
    expect(() => auditAppendText('{"patientId":"P12"}\n', 'case.json', events(1)[0])).toThrow('case.json: line 1: not a line of a review audit log (kind "ohif-mrecist-audit/v2")');
    expect(() => auditAppendText('patientId,reader\n', 'reads.csv', events(1)[0])).toThrow('reads.csv: line 1: not valid JSON');
  });

  it('a line with a valid hash but an unknown event or missing field is refused', () => {
    const bad = auditLine(null, { event: 'save', at, user: 'r1' } as unknown as AuditRecord);
    expect(() => parseAuditLog(`${bad}\n`, 'review.log')).toThrow('review.log: line 1: patientId must be a non-empty string');
    const unknown = auditLine(null, { event: 'coffee', at } as unknown as AuditRecord);
    expect(() => parseAuditLog(`${unknown}\n`, 'review.log')).toThrow('review.log: line 1: unknown event "coffee"');
  });
});

describe('one endorsement per case, or an explicit amendment', () => {
  const reading = (reader: string, mm: number[]): CaseFile =>
    ({
      patientId: 'P7',
      criteria: 'mrecist',
      reader: { name: reader },
      timepoints: [
        { id: 'BL', date: '2019-05-02', baseline: true },
        { id: 'M1', date: '2019-06-05' },
      ],
      lesions: [{ id: 'T1', role: 'target', site: 'liver S8', measurements: { BL: { viableLongAxisMm: mm[0] }, M1: { viableLongAxisMm: mm[1] } } }],
    }) as CaseFile;
  const check = checkAdjudication({ source: 'a', caseFile: reading('Reader 1', [40, 20]) }, { source: 'b', caseFile: reading('Reader 2', [40, 60]) });
  const sha2: [string, string] = ['a'.repeat(64), 'b'.repeat(64)];
  const first = adjudicationRecord(check, sha2, at, { endorsement: { read: 'A', reason: 'R1', adjudicator: 'Adj' } });

  it('a second endorsement is refused, naming the first', () => {
    expect(() => adjudicationRecord(check, sha2, at, { endorsement: { read: 'B', reason: 'R2', adjudicator: 'Adj' }, previous: [first] })).toThrow(
      `--endorse: value: patient P7 (mrecist) was endorsed already (read A by Adj at ${at}): a new endorsement is an amendment and needs its reason (--amend REASON)`,
    );
  });

  it('an amendment with its reason is recorded as one; without an earlier endorsement or a reason it is refused', () => {
    expect(adjudicationRecord(check, sha2, at, { endorsement: { read: 'B', reason: 'R2', adjudicator: 'Adj' }, previous: [first], amendmentReason: 'new lesion seen on re-review' })).toMatchObject({
      endorsement: { read: 'B' },
      amendment: { reason: 'new lesion seen on re-review' },
    });
    expect(() => adjudicationRecord(check, sha2, at, { endorsement: { read: 'B', reason: 'R2', adjudicator: 'Adj' }, previous: [], amendmentReason: 'x' })).toThrow(
      '--amend: value: patient P7 (mrecist) has no endorsement to amend',
    );
    expect(() => adjudicationRecord(check, sha2, at, { endorsement: { read: 'B', reason: 'R2', adjudicator: 'Adj' }, previous: [first], amendmentReason: ' ' })).toThrow('--amend: value: an amendment needs its reason');
  });
});
