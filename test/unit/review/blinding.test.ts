/**
 * The blinding rules and the case states, from the audit log alone: a reader sees images of assigned patients
 * and their own reads; never the other reader's, a site read, or anything of another patient; the adjudicator
 * sees both reads once both are signed off. And the DICOMweb route parser the server's filter relies on.
 */
import type { AuditRecord, ReadStoredRecord } from '../../../extensions/mrecist/src/core/review/auditLog';
import { Blinding, type InstanceFacts } from '../../../extensions/mrecist/src/core/review/blinding';
import { ReviewConfig } from '../../../extensions/mrecist/src/core/review/reviewConfig';
import { ReviewLedger } from '../../../extensions/mrecist/src/core/review/reviewLedger';
import { parseDicomWebRoute } from '../../../scripts/serve/review/dicomWebGuard';
import { escapeHtml, worklistPage } from '../../../scripts/serve/review/reviewPages';
import { ReviewAuth, MAX_FAILURES, FIRST_LOCKOUT_MS } from '../../../scripts/serve/review/reviewAuth';
import { hashPassword } from '../../../extensions/mrecist/src/cli/commands/reviewUser';
import type { IncomingMessage } from 'node:http';

const password = { scheme: 'scrypt', N: 16384, r: 8, p: 1, salt: 'c2FsdA==', hash: 'aGFzaA==' };
const config = ReviewConfig.parse(
  {
    trial: 'T',
    users: [
      { id: 'r1', name: 'Reader One', role: 'reader', password },
      { id: 'r2', name: 'Reader Two', role: 'reader', password },
      { id: 'r3', name: 'Reader Three', role: 'reader', password },
      { id: 'adj', name: 'Adjudicator', role: 'adjudicator', password },
    ],
    cases: [
      { patientId: 'P1', readers: ['r1', 'r2'], adjudicator: 'adj' },
      { patientId: 'P2', readers: ['r2', 'r3'], adjudicator: 'adj' },
    ],
  },
  'REVIEW.json',
);
const user = (id: string) => config.user(id)!;
const SR = '1.2.840.10008.5.1.4.1.1.88.33';
const CT = '1.2.840.10008.5.1.4.1.1.2';
const at = '2026-12-04T10:00:00.000Z';

function stored(event: ReadStoredRecord['event'], userId: string, sop: string, patientId = 'P1'): ReadStoredRecord {
  return { event, at, user: userId, patientId, reader: user(userId).name, studyInstanceUid: '1.1', seriesInstanceUid: `2.${userId}`, sopInstanceUid: sop, sha256: sop.padEnd(64, '0') };
}
const facts = (sop: string, sopClassUid = SR, patientId = 'P1'): InstanceFacts => ({ patientId, studyInstanceUid: '1.1', seriesInstanceUid: '2.x', sopInstanceUid: sop, sopClassUid });

function world(records: AuditRecord[]) {
  const ledger = ReviewLedger.fromRecords(config, records);
  return { ledger, blinding: new Blinding(config, ledger) };
}

describe('blinding rules', () => {
  it('images of an assigned patient are visible; nothing of another patient is', () => {
    const { blinding } = world([]);
    expect(blinding.instanceVisible(user('r1'), facts('9.1', CT))).toBe(true);
    expect(blinding.instanceVisible(user('r1'), facts('9.2', CT, 'P2'))).toBe(false);
    expect(blinding.instanceVisible(user('adj'), facts('9.2', CT, 'P2'))).toBe(true);
  });

  it("a reader sees their own reads, never the other reader's; an SR the review did not store is hidden from everyone", () => {
    const { blinding } = world([stored('save', 'r1', '5.1'), stored('sign-off', 'r2', '5.2')]);
    expect(blinding.instanceVisible(user('r1'), facts('5.1'))).toBe(true);
    expect(blinding.instanceVisible(user('r2'), facts('5.1'))).toBe(false);
    expect(blinding.instanceVisible(user('r1'), facts('5.2'))).toBe(false);
    for (const id of ['r1', 'r2', 'adj']) expect(blinding.instanceVisible(user(id), facts('7.7'))).toBe(false);
    expect(blinding.seriesVisible(user('r1'), 'P1', '2.r1', 'SR')).toBe(true);
    expect(blinding.seriesVisible(user('r1'), 'P1', '2.r2', 'SR')).toBe(false);
  });

  it('the adjudicator sees both reads only once both latest reads are signed off; an amendment hides them again', () => {
    const steps: [AuditRecord, boolean][] = [
      [stored('save', 'r1', '5.1'), false],
      [stored('sign-off', 'r1', '5.2'), false],
      [stored('save', 'r2', '5.3'), false],
      [stored('sign-off', 'r2', '5.4'), true],
      [stored('amendment', 'r2', '5.5'), false],
    ];
    const records: AuditRecord[] = [];
    for (const [record, visible] of steps) {
      records.push(record);
      const { blinding } = world(records);
      expect([record.event, blinding.instanceVisible(user('adj'), facts('5.2'))]).toEqual([record.event, visible]);
    }
  });

  it('case states: a reader sees only their own progress, the adjudicator the case', () => {
    const c = config.caseOf('P1')!;
    const states = (records: AuditRecord[]) => ['r1', 'r2', 'adj'].map((id) => world(records).ledger.stateFor(c, id));
    expect(states([])).toEqual(['not started', 'not started', 'not started']);
    expect(states([stored('save', 'r1', '5.1')])).toEqual(['in progress', 'not started', 'in progress']);
    const both = [stored('sign-off', 'r1', '5.1'), stored('sign-off', 'r2', '5.2')];
    expect(states(both)).toEqual(['signed off', 'signed off', 'awaiting adjudication']);
    const comparison = (adjudicationNeeded: boolean, endorsement?: object): AuditRecord =>
      ({
        event: 'adjudication',
        at,
        patientId: 'P1',
        criteria: 'mrecist',
        reads: [
          { source: 'a', reader: 'Reader One', sha256: '5.1'.padEnd(64, '0') },
          { source: 'b', reader: 'Reader Two', sha256: '5.2'.padEnd(64, '0') },
        ],
        adjudicationNeeded,
        differing: adjudicationNeeded ? ['bestOverallResponse'] : [],
        ...(endorsement ? { endorsement } : {}),
      }) as AuditRecord;
    expect(states([...both, comparison(false)])).toEqual(['signed off', 'signed off', 'reads agree']);
    expect(states([...both, comparison(true), comparison(true, { read: 'A', reason: 'r', adjudicator: 'Adjudicator' })])).toEqual(['signed off', 'signed off', 'adjudicated']);
    expect(world(both).ledger.closedToReaders(c)).toBe(true);
  });
});

describe('DICOMweb routes the review server serves', () => {
  it.each([
    ['GET', '/studies', { kind: 'qido', level: 'studies' }],
    ['GET', '/instances', { kind: 'qido', level: 'instances' }],
    ['GET', '/studies/1.2/series', { kind: 'qido', level: 'series', study: '1.2' }],
    ['GET', '/studies/1.2/series/3.4/instances', { kind: 'qido', level: 'instances', study: '1.2', series: '3.4' }],
    ['GET', '/studies/1.2/metadata', { kind: 'metadata', study: '1.2' }],
    ['GET', '/studies/1.2/series/3.4/metadata', { kind: 'metadata', study: '1.2', series: '3.4' }],
    ['GET', '/studies/1.2/series/3.4/instances/5.6/frames/1', { kind: 'instance', study: '1.2', series: '3.4', instance: '5.6', rest: ['frames', '1'] }],
    ['GET', '/studies/1.2/series/3.4/instances/5.6/bulk/00420011', { kind: 'instance', study: '1.2', series: '3.4', instance: '5.6', rest: ['bulk', '00420011'] }],
    ['GET', '/studies/1.2', { kind: 'container', study: '1.2', rest: [] }],
    ['GET', '/studies/1.2/series/3.4/rendered', { kind: 'container', study: '1.2', series: '3.4', rest: ['rendered'] }],
    ['POST', '/studies', { kind: 'stow' }],
    ['POST', '/studies/1.2', { kind: 'stow', study: '1.2' }],
  ])('%s %s', (method, path, route) => {
    expect(parseDicomWebRoute(method, path)).toEqual(route);
  });

  it.each([
    ['GET', '/servers'],
    ['GET', '/servers/x/get'],
    ['GET', '/studies/1.2/series/..%2F..%2Fservers'],
    ['GET', '/studies/1.2/../../servers'],
    ['GET', '/studies/abc'],
    ['GET', '/studies/1.2/series/3.4/instances/5.6/unknown'],
    ['DELETE', '/studies/1.2'],
    ['POST', '/studies/1.2/series/3.4'],
    ['GET', '/studies/1.2/series/3.4/instances/%E0%A4%A'],
  ])('%s %s is not a route (404)', (method, path) => {
    expect(parseDicomWebRoute(method, path)).toBeUndefined();
  });
});

describe('pages and logins', () => {
  it('DICOM and user text is escaped, never HTML', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;');
    const page = worklistPage('<T>', { ...user('r1'), name: '<b>Dr</b>' }, [{ patientId: '<script>', role: 'reader', state: 'not started', reads: [] }]);
    expect(page).not.toMatch(/<script>|<b>Dr/);
    expect(page).toContain('&lt;script&gt;');
  });

  it(`after ${MAX_FAILURES} wrong passwords for an id, even the right one is 429 until the lockout ends`, () => {
    const secret = 'right-password';
    const real = ReviewConfig.parse({ trial: 'T', users: [{ id: 'r1', name: 'Reader One', role: 'reader', password: hashPassword(secret) }], cases: [] }, 'REVIEW.json');
    let now = 1_000_000;
    const events: string[] = [];
    const auth = new ReviewAuth(real, { login: (u) => events.push(`login ${u.id}`), failed: (id, reason) => events.push(`failed ${id}: ${reason}`) }, () => now);
    for (let i = 0; i < MAX_FAILURES; i++) expect(auth.login('r1', 'wrong', '10.0.0.1')).toMatchObject({ ok: false, status: 401 });
    expect(auth.login('r1', secret, '10.0.0.2')).toMatchObject({ ok: false, status: 429, retryAfterS: FIRST_LOCKOUT_MS / 1000 });
    now += FIRST_LOCKOUT_MS + 1;
    const ok = auth.login('r1', secret, '10.0.0.2');
    expect(ok).toMatchObject({ ok: true, via: 'session' });
    expect(events.filter((e) => e.startsWith('failed'))).toHaveLength(MAX_FAILURES + 1);
    expect(events[events.length - 1]).toBe('login r1');
    // The session authenticates until it expires.
    const req = { headers: { cookie: `mrecist_review=${(ok as { token: string }).token}` }, socket: {} } as unknown as IncomingMessage;
    expect(auth.authenticate(req)).toMatchObject({ ok: true, via: 'session' });
    now += 9 * 60 * 60_000;
    expect(auth.authenticate(req)).toMatchObject({ ok: false, status: 401, reason: 'the session has expired: log in again' });
  });
});
