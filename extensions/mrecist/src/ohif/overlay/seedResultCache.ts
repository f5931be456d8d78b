/**
 * Seed-finding results kept in the browser (IndexedDB) per CT series, so a follow-up opened again gets its plan
 * placed without loading its CT and searching it again. Keys come from core/overlay/seedResultKey (plan, series
 * images and finder version), so an entry can only be read back for the same inputs. The cache is an
 * optimisation: when IndexedDB or SubtleCrypto is unavailable (private mode, insecure origin) or fails, reads miss
 * and writes are dropped, and the result is computed as without it.
 */
import type { FollowUpSeedResult } from '../../core/overlay/overlayMessages';
import { seedResultKey, type SeedResultSource } from '../../core/overlay/seedResultKey';

const DB_NAME = 'mrecist-seed-results';
const STORE = 'results';

export interface SeedResultCache {
  get(source: SeedResultSource): Promise<FollowUpSeedResult | undefined>;
  put(source: SeedResultSource, result: FollowUpSeedResult): Promise<void>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function indexedDbSeedResultCache(idb: IDBFactory | undefined = globalThis.indexedDB, subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle): SeedResultCache {
  let db: Promise<IDBDatabase | undefined> | undefined;
  const open = () =>
    (db ??= new Promise<IDBDatabase | undefined>((resolve) => {
      if (!idb || !subtle) return resolve(undefined);
      const req = idb.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
      req.onblocked = () => resolve(undefined);
    }));
  return {
    async get(source) {
      try {
        const store = (await open())?.transaction(STORE, 'readonly').objectStore(STORE);
        if (!store) return undefined;
        return (await request(store.get(await seedResultKey(source, subtle!)))) as FollowUpSeedResult | undefined;
      } catch {
        return undefined;
      }
    },
    async put(source, result) {
      try {
        const database = await open();
        if (!database) return;
        const key = await seedResultKey(source, subtle!);
        await request(database.transaction(STORE, 'readwrite').objectStore(STORE).put(result, key));
      } catch {
        // Not cached: the next open computes it again.
      }
    },
  };
}

/** No cache: every open computes (the `seedCache=off` switch, for comparison in the benchmark). */
export const NO_SEED_RESULT_CACHE: SeedResultCache = { get: async () => undefined, put: async () => undefined };
