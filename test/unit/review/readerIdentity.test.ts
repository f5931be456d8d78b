/**
 * Who reads: the review server's `/review/api/me` makes the logged-in user the reader; a 404 (or a static
 * host's SPA page) means no review, and the name typed last in this browser comes back; any other answer is a
 * failure with its reason, never a read under a guessed name.
 */
import { parseReviewIdentity, READER_NAME_MAX, REMEMBERED_READER_KEY, rememberedReaderName, rememberReaderName } from '../../../extensions/mrecist/src/core/review/reviewIdentity';
import { ReaderIdentity } from '../../../extensions/mrecist/src/ohif/session/ReaderIdentity';

class MapStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

function answer(status: number, body: string, type = 'application/json; charset=utf-8') {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    return { status, headers: new Headers({ 'content-type': type }), text: async () => body };
  };
  return { fetch, calls };
}

describe('parseReviewIdentity', () => {
  it('takes the documented shape', () => {
    expect(parseReviewIdentity({ id: 'r1', name: 'Dr A Reader', role: 'reader', trial: 'DEMO-01' }, 'me')).toEqual({ id: 'r1', name: 'Dr A Reader', role: 'reader', trial: 'DEMO-01' });
  });

  it.each([
    [null, 'me: body: expected a JSON object'],
    [[], 'me: body: expected a JSON object'],
    [{ id: 'r1', name: '', role: 'reader', trial: 'T' }, 'me: name: expected non-empty text'],
    [{ id: 'r1', name: 'A', role: 'admin', trial: 'T' }, 'me: role: expected reader or adjudicator, got "admin"'],
    [{ id: 'r1', name: 'A', role: 'reader' }, 'me: trial: expected non-empty text'],
  ])('refuses %j', (value, message) => {
    expect(() => parseReviewIdentity(value, 'me')).toThrow(message);
  });
});

describe('remembered reader name', () => {
  it('is kept trimmed and cut to a Person Name component group', () => {
    const storage = new MapStorage();
    expect(rememberedReaderName(storage)).toBeNull();
    expect(rememberReaderName(storage, '  Dr B  ')).toBe(true);
    expect(storage.items.get(REMEMBERED_READER_KEY)).toBe('Dr B');
    rememberReaderName(storage, 'x'.repeat(100));
    expect(rememberedReaderName(storage)).toHaveLength(READER_NAME_MAX);
  });

  it('a storage that throws is no name, and nothing is remembered', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); } };
    expect(rememberedReaderName(broken)).toBeNull();
    expect(rememberReaderName(broken, 'Dr C')).toBe(false);
    expect(rememberReaderName(null, 'Dr C')).toBe(false);
  });
});

describe('ReaderIdentity', () => {
  it('in review mode the reader is the logged-in user', async () => {
    const { fetch, calls } = answer(200, JSON.stringify({ id: 'r2', name: 'Reader Two', role: 'reader', trial: 'DEMO-01' }));
    const identity = new ReaderIdentity({ fetch, storage: new MapStorage() });
    expect(identity.getState()).toEqual({ kind: 'pending' });
    expect(identity.readerName()).toBeUndefined();
    await identity.resolve();
    expect(calls).toEqual(['/review/api/me']);
    expect(identity.getState()).toEqual({ kind: 'review', user: { id: 'r2', name: 'Reader Two', role: 'reader', trial: 'DEMO-01' } });
    expect(identity.readerName()).toBe('Reader Two');
    // Typing a name does nothing in review mode.
    identity.remember('Reader One');
    expect(identity.readerName()).toBe('Reader Two');
  });

  it.each([
    [404, 'not found\n', 'text/plain'],
    [200, '<!doctype html><html></html>', 'text/html'],
  ])('HTTP %d (%s): not a review, the remembered name or "Reader 1"', async (status, body, type) => {
    const storage = new MapStorage();
    const first = new ReaderIdentity({ ...answer(status, body, type), storage });
    await first.resolve();
    expect(first.getState()).toEqual({ kind: 'local', readerName: 'Reader 1' });
    first.remember(' Dr Remembered ');
    expect(first.readerName()).toBe('Dr Remembered');
    const next = new ReaderIdentity({ ...answer(status, body, type), storage });
    await next.resolve();
    expect(next.readerName()).toBe('Dr Remembered');
  });

  it.each([
    [401, 'The review session has ended: log in again (open /review/).'],
    [502, '/review/api/me: HTTP 502'],
  ])('HTTP %d: failed, no name', async (status, reason) => {
    const identity = new ReaderIdentity({ ...answer(status, 'x', 'text/plain'), storage: new MapStorage() });
    await identity.resolve();
    expect(identity.getState()).toEqual({ kind: 'failed', reason });
    expect(identity.readerName()).toBeUndefined();
  });

  it('a malformed answer or no network is a failure naming why', async () => {
    const bad = new ReaderIdentity({ ...answer(200, JSON.stringify({ id: 'r1', name: 'A', role: 'root', trial: 'T' })), storage: null });
    await bad.resolve();
    expect(bad.getState()).toEqual({ kind: 'failed', reason: 'Could not find out who is reading (/review/api/me): /review/api/me: role: expected reader or adjudicator, got "root"' });
    const down = new ReaderIdentity({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')), storage: null });
    await down.resolve();
    expect(down.getState()).toEqual({ kind: 'failed', reason: 'Could not find out who is reading (/review/api/me): Failed to fetch' });
  });
});
