import type { CaseFile } from '../../../extensions/mrecist/src/core/criteria/types';
import { decodeDraft, draftKey } from '../../../extensions/mrecist/src/core/read/draft';
import { recordMeasurement, removeLesion } from '../../../extensions/mrecist/src/core/read/readOperations';
import {
  ReadStore,
  ReadStores,
  type DraftStorage,
} from '../../../extensions/mrecist/src/ohif/read/ReadStore';
import { twoTimepointRead } from './fixtures';

const initialRead: CaseFile = twoTimepointRead({ followUpDate: '2019-06-05' });

class MemoryStorage implements DraftStorage {
  readonly items = new Map<string, string>();
  failWith: Error | null = null;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWith) throw this.failWith;
    this.items.set(key, value);
  }
}

const now = () => new Date('2026-11-26T20:00:00.000Z');

function newStore(storage: DraftStorage | null, readerName?: string): ReadStore {
  return new ReadStore({ patientId: 'P12', initialRead, readerName, storage, now });
}

const stores = new ReadStores();

describe('ReadStore', () => {
  afterEach(() => stores.close());

  it('starts from the initial read with the default reader when nothing is stored', () => {
    const state = newStore(new MemoryStorage()).getState();
    expect(state).toMatchObject({ read: initialRead, revision: 0, source: 'new', readerName: 'Reader 1', storageError: null, restoreError: null });
  });

  it('writes every edit synchronously, and a new store on the same storage restores it (reload)', () => {
    const storage = new MemoryStorage();
    const store = newStore(storage);
    const t1 = store.addLesion({ role: 'target', site: 'liver S8' });
    store.apply((read) => recordMeasurement(read, t1, 'BL', { viableLongAxisMm: 38 }), 'T1 at BL');
    const saved = decodeDraft(storage.getItem(draftKey('P12', 'Reader 1'))!, 'test');
    expect(saved.revision).toBe(2);
    expect(saved.savedAt).toBe('2026-11-26T20:00:00.000Z');
    const reloaded = newStore(storage).getState();
    expect(reloaded.source).toBe('draft');
    expect(reloaded.revision).toBe(2);
    expect(reloaded.read).toEqual(store.getState().read);
  });

  it('notifies listeners once per edit, not for edits that change nothing, and stops after unsubscribe', () => {
    const store = newStore(new MemoryStorage());
    const seen: number[] = [];
    const off = store.subscribe((s) => seen.push(s.revision));
    store.apply((read) => read, 'nothing');
    store.apply((read) => ({ ...read, criteria: 'easl' }), 'criteria');
    off();
    store.apply((read) => ({ ...read, criteria: 'mrecist' }), 'criteria');
    expect(seen).toEqual([1]);
    expect(store.getState().revision).toBe(2);
  });

  it('retires the labels of removed lesions and never reuses them', () => {
    const storage = new MemoryStorage();
    const store = newStore(storage);
    store.addLesion({ role: 'target' });
    store.addLesion({ role: 'target' });
    store.apply((read) => removeLesion(read, 'T2'), 'removed T2');
    expect(store.getState().retiredLesionIds).toEqual(['T2']);
    expect(store.addLesion({ role: 'target' })).toBe('T3');
    // The retired labels survive a reload.
    expect(newStore(storage).addLesion({ role: 'target' })).toBe('T4');
  });

  it('shows a storage failure instead of swallowing it, keeps the edit, and clears the error on the next save', () => {
    const storage = new MemoryStorage();
    const store = newStore(storage);
    storage.failWith = new Error('QuotaExceededError');
    store.addLesion({ role: 'target' });
    expect(store.getState().read.lesions).toHaveLength(1);
    expect(store.getState().storageError).toBe(
      'The draft could not be saved to browser storage (QuotaExceededError); export the case file to keep this read.',
    );
    storage.failWith = null;
    store.addLesion({ role: 'nonTarget' });
    expect(store.getState().storageError).toBeNull();
  });

  it('says so when there is no browser storage at all', () => {
    expect(newStore(null).getState().storageError).toBe('Browser storage is not available: the draft is not being saved.');
  });

  it('keeps a damaged draft aside and reports it rather than half-restoring', () => {
    const storage = new MemoryStorage();
    storage.items.set(draftKey('P12', 'Reader 1'), '{"format":"ohif-mrecist-draft","version":9}');
    const state = newStore(storage).getState();
    expect(state.source).toBe('new');
    expect(state.restoreError).toBe(
      `The stored draft could not be restored (kept as ${draftKey('P12', 'Reader 1')}:damaged:2026-11-26T20:00:00.000Z): stored draft: version: unsupported draft version 9`,
    );
    expect(storage.items.get(`${draftKey('P12', 'Reader 1')}:damaged:2026-11-26T20:00:00.000Z`)).toBe('{"format":"ohif-mrecist-draft","version":9}');
  });

  it('keeps drafts per reader: a new name carries the read over, a known name opens its own draft', () => {
    const storage = new MemoryStorage();
    const store = newStore(storage);
    store.addLesion({ role: 'target' });
    store.setReaderName('Dr Lee');
    expect(store.getState().readerName).toBe('Dr Lee');
    expect(decodeDraft(storage.getItem(draftKey('P12', 'Dr Lee'))!, 't').read.lesions).toHaveLength(1);
    store.addLesion({ role: 'target' });
    store.setReaderName('Reader 1');
    expect(store.getState().read.lesions).toHaveLength(1);
    expect(store.getState().source).toBe('draft');
  });

  it('replaceRead restores a report as one saved revision and clears the selection', () => {
    const storage = new MemoryStorage();
    const store = newStore(storage);
    store.addLesion({ role: 'target' });
    const report: CaseFile = { ...initialRead, reader: { name: 'Adjudicator' } };
    store.replaceRead(report, 'report');
    const s = store.getState();
    expect(s).toMatchObject({ source: 'report', revision: 2, readerName: 'Adjudicator', selectedLesionId: undefined });
    expect(decodeDraft(storage.getItem(draftKey('P12', 'Adjudicator'))!, 't').read).toEqual(report);
  });

  it('export fills in the reader and returns a copy', () => {
    const store = newStore(new MemoryStorage(), 'Dr Lee');
    const exported = store.export();
    expect(exported.reader).toEqual({ name: 'Dr Lee' });
    exported.timepoints.pop();
    expect(store.getState().read.timepoints).toHaveLength(2);
  });

  it('selection does not change the revision; deleting the selected lesion clears it', () => {
    const store = newStore(new MemoryStorage());
    const t1 = store.addLesion({ role: 'target' });
    expect(store.getState().selectedLesionId).toBe(t1);
    store.select(t1, 'M1');
    expect(store.getState()).toMatchObject({ revision: 1, selectedLesionId: 'T1', activeTimepointId: 'M1' });
    store.apply((read) => removeLesion(read, t1), 'removed');
    expect(store.getState()).toMatchObject({ selectedLesionId: undefined, activeTimepointId: 'M1' });
  });

  it('registry: one store per patient, reachable by patient ID, announced to subscribers', () => {
    let announced = 0;
    const off = stores.subscribe(() => announced++);
    const storage = new MemoryStorage();
    const a = stores.open({ patientId: 'P12', initialRead, storage });
    const b = stores.open({ patientId: 'P12', initialRead, storage });
    expect(b).toBe(a);
    expect(stores.get('P12')).toBe(a);
    expect(stores.get('P13')).toBeUndefined();
    expect(announced).toBe(1);
    off();
  });
});

describe('signing off', () => {
  afterEach(() => stores.close());

  /** A read the criteria engine accepts: one target measured at both timepoints. */
  function completeStore(storage: DraftStorage): ReadStore {
    const store = newStore(storage);
    const t1 = store.addLesion({ role: 'target', site: 'liver S8' });
    store.apply((r) => recordMeasurement(r, t1, 'BL', { viableLongAxisMm: 38 }), 'T1 at BL');
    store.apply((r) => recordMeasurement(r, t1, 'M1', { viableLongAxisMm: 30 }), 'T1 at M1');
    return store;
  }

  it('refuses a read with no lesions', () => {
    expect(() => newStore(new MemoryStorage()).signOff()).toThrow('The read cannot be signed off yet: no lesions recorded: add the target lesions first');
  });

  it('refuses a read the criteria engine does not accept yet, naming why', () => {
    const store = newStore(new MemoryStorage());
    const t1 = store.addLesion({ role: 'target', site: 'liver S8' });
    store.apply((r) => recordMeasurement(r, t1, 'BL', { viableLongAxisMm: 38 }), 'T1 at BL');
    expect(() => store.signOff()).toThrow("The read cannot be signed off yet: nothing recorded for T1 at M1: measure it, or mark it not evaluable");
    expect(store.getState().signedOff).toBeUndefined();
  });

  it('signs off a complete read, refuses every edit after it, and keeps the sign-off through a reload', () => {
    const storage = new MemoryStorage();
    const store = completeStore(storage);
    const revision = store.getState().revision;
    store.signOff();
    expect(store.getState()).toMatchObject({ signedOff: { by: 'Reader 1', at: '2026-11-26T20:00:00.000Z' }, revision: revision + 1 });
    expect(() => store.apply((r) => recordMeasurement(r, 'T1', 'M1', { viableLongAxisMm: 29 }), 'T1 at M1')).toThrow(/signed off by Reader 1 on 2026-11-26 20:00 UTC: choose Amend/);
    expect(() => store.addLesion({ role: 'nonTarget', site: 'liver' })).toThrow(/signed off/);
    // An edit that changes nothing is not an edit: the panel's own bookkeeping must not fail on a signed read.
    expect(store.apply((r) => r, 'nothing')).toBe(store.getState());
    const reloaded = newStore(storage);
    expect(reloaded.getState().signedOff).toEqual({ by: 'Reader 1', at: '2026-11-26T20:00:00.000Z' });
    expect(decodeDraft(storage.items.get(draftKey('P12', 'Reader 1'))!, 'draft').signedOff).toEqual({ by: 'Reader 1', at: '2026-11-26T20:00:00.000Z' });
  });

  it('amend reopens the read to edits; another reader taking the read over does not inherit the sign-off', () => {
    const store = completeStore(new MemoryStorage());
    store.signOff();
    store.amend();
    expect(store.getState().signedOff).toBeUndefined();
    store.apply((r) => recordMeasurement(r, 'T1', 'M1', { viableLongAxisMm: 29 }), 'T1 at M1');
    store.signOff();
    store.setReaderName('Reader 2');
    expect(store.getState().signedOff).toBeUndefined();
  });

  it('a damaged sign-off in a stored draft is reported, not half-restored', () => {
    const storage = new MemoryStorage();
    const store = completeStore(storage);
    store.signOff();
    const key = draftKey('P12', 'Reader 1');
    const draft = JSON.parse(storage.items.get(key)!);
    storage.items.set(key, JSON.stringify({ ...draft, signedOff: { by: 'Reader 1', at: 'yesterday' } }));
    const reloaded = newStore(storage);
    expect(reloaded.getState().restoreError).toMatch(/signedOff\.at: must be an ISO date-time/);
    expect(reloaded.getState().signedOff).toBeUndefined();
  });
});

describe('two tabs on the same read', () => {
  afterEach(() => stores.close());

  /** Two stores on one storage are two tabs of one browser profile. */
  function twoTabs() {
    const storage = new MemoryStorage();
    const first = newStore(storage);
    first.addLesion({ role: 'target', site: 'liver S8' });
    const second = newStore(storage);
    return { storage, first, second };
  }

  it('an edit on a copy older than the stored draft is refused, the stored read reloaded, and the newer draft kept', () => {
    const { storage, first, second } = twoTabs();
    first.apply((r) => recordMeasurement(r, 'T1', 'BL', { viableLongAxisMm: 38 }), 'T1 at BL');
    expect(() => second.apply((r) => recordMeasurement(r, 'T1', 'BL', { viableLongAxisMm: 41 }), 'T1 at BL')).toThrow(
      /changed in another tab.*revision 2.*reloaded.*not saved/,
    );
    const stored = decodeDraft(storage.getItem(draftKey('P12', 'Reader 1'))!, 't');
    expect(stored.revision).toBe(2);
    expect(stored.read).toEqual(first.getState().read);
    expect(second.getState().revision).toBe(2);
    expect(second.getState().read).toEqual(first.getState().read);
    expect(second.getState().changedElsewhere).toMatch(/changed in another tab/);
    // Once reloaded, the second tab's edits save again on top of the first's.
    second.apply((r) => recordMeasurement(r, 'T1', 'M1', { viableLongAxisMm: 30 }), 'T1 at M1');
    expect(decodeDraft(storage.getItem(draftKey('P12', 'Reader 1'))!, 't').revision).toBe(3);
    expect(second.getState().changedElsewhere).toBeNull();
  });

  it('a storage event from another tab reloads the read and says so', () => {
    const storage = new MemoryStorage();
    const events = new FakeStorageEvents();
    const tabStores = new ReadStores(events);
    const store = tabStores.open({ patientId: 'P12', initialRead, storage, now });
    const other = newStore(storage);
    other.addLesion({ role: 'target', site: 'liver S8' });
    events.fire(draftKey('P12', 'Reader 1'), storage.getItem(draftKey('P12', 'Reader 1')));
    expect(store.getState()).toMatchObject({ revision: 1, source: 'draft' });
    expect(store.getState().read).toEqual(other.getState().read);
    expect(store.getState().changedElsewhere).toMatch(/changed in another tab \(revision 1\).*reloaded/);
    tabStores.close();
    expect(events.listeners.size).toBe(0);
  });

  it('keeps every damaged draft aside, each under the time it was set aside', () => {
    const storage = new MemoryStorage();
    const key = draftKey('P12', 'Reader 1');
    let clock = new Date('2026-11-26T20:00:00.000Z');
    const open = () => new ReadStore({ patientId: 'P12', initialRead, storage, now: () => clock });
    storage.items.set(key, 'first damage');
    open();
    clock = new Date('2026-11-26T21:00:00.000Z');
    storage.items.set(key, 'second damage');
    const state = open().getState();
    expect(storage.items.get(`${key}:damaged:2026-11-26T20:00:00.000Z`)).toBe('first damage');
    expect(storage.items.get(`${key}:damaged:2026-11-26T21:00:00.000Z`)).toBe('second damage');
    expect(state.restoreError).toContain(`kept as ${key}:damaged:2026-11-26T21:00:00.000Z`);
  });

  it('a damaged draft found when saving is kept aside before the save', () => {
    const storage = new MemoryStorage();
    const key = draftKey('P12', 'Reader 1');
    const store = newStore(storage);
    storage.items.set(key, 'damaged meanwhile');
    store.addLesion({ role: 'target' });
    expect(storage.items.get(`${key}:damaged:2026-11-26T20:00:00.000Z`)).toBe('damaged meanwhile');
    expect(decodeDraft(storage.items.get(key)!, 't').revision).toBe(1);
  });
});

class FakeStorageEvents {
  readonly listeners = new Set<(event: { key: string | null; newValue: string | null }) => void>();
  addEventListener(_type: 'storage', listener: (event: { key: string | null; newValue: string | null }) => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'storage', listener: (event: { key: string | null; newValue: string | null }) => void): void {
    this.listeners.delete(listener);
  }
  fire(key: string | null, newValue: string | null): void {
    for (const listener of [...this.listeners]) listener({ key, newValue });
  }
}
